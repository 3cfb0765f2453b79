/**
 * Instant start (issue 17): the parse cache gives back exactly what the YAML parser gives, and
 * misses on any edit; the command catalog `--help` prints names every command, and each command
 * still runs when only its own module is loaded.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildParseCache, cachedParse, shippedYaml } from '../cli/parse-cache.js';
import { parseDataText } from '../cli/load.js';
import { CATALOG, commandOf } from '../cli/commands/catalog.js';
import { mmplan } from './cli-helpers.js';

describe('the parse cache', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'mmplan-cache-')), 'parsed');
  const n = buildParseCache(parseDataText, dir);
  const files = shippedYaml();
  it('holds one entry per shipped YAML file (identical files share one)', () => {
    const distinct = new Set(files.map((f) => readFileSync(f, 'utf8'))).size;
    expect(n).toBe(files.length);
    expect(readdirSync(dir)).toHaveLength(distinct);
    expect(files.length).toBeGreaterThan(250);
  });
  it('gives back what the YAML parser gives, for every shipped file', () => {
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(cachedParse(text, dir), f).toEqual(parseDataText(text, f));
    }
  });
  it('misses on any edit: keyed by the text itself, never stale', () => {
    const text = readFileSync(files[0], 'utf8');
    expect(cachedParse(text, dir)).toBeDefined();
    expect(cachedParse(text + '\n# edited\n', dir)).toBeUndefined();
    expect(cachedParse(text.replace(/\d/, (d) => String((Number(d) + 1) % 10)), dir)).toBeUndefined();
  });
});

describe('the command catalog', () => {
  it('mmplan --help lists every command with its usage', async () => {
    const r = await mmplan(['--help']);
    expect(r.code).toBe(0);
    for (const c of Object.values(CATALOG)) expect(r.stdout).toContain(`mmplan ${c.command}`);
  });
  it('finds the command after global flags, and nothing for a typo', () => {
    expect(commandOf(['--debug', 'estimate', '--json'])).toBe('estimate');
    expect(commandOf(['estimat'])).toBeUndefined();
    expect(commandOf(['--help'])).toBeUndefined();
  });
  it('a typo still gets the nearest command', async () => {
    const r = await mmplan(['estimat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/estimate/);
  });
  it("each command's own --help comes from its module (usage, options and an example)", async () => {
    for (const [name, c] of Object.entries(CATALOG)) {
      const r = await mmplan([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toContain(`mmplan ${c.command}`);
      expect(r.stdout, name).toMatch(/Examples:/);
    }
  });
});
