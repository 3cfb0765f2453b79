/** The README says what ships from the tool itself: its counts block is the one the shipped files give. */
import { describe, expect, it } from 'vitest';
import { countsBlock, readReadme, withCounts } from '../cli/readme-counts.js';

describe('README counts', () => {
  it('the block in README.md is what npm run readme writes from the shipped files', () => {
    const readme = readReadme();
    expect(withCounts(readme), 'run npm run readme').toBe(readme);
  });
  it('counts what list prints (one line per kind, numbers not typed by hand)', () => {
    const b = countsBlock();
    expect(b).toMatch(/^- \d+ chip profiles/m);
    expect(b).toMatch(/^- \d+ models .*: \d+ vision-language, \d+ text-only, \d+ mixtures of experts/m);
    expect(b).toMatch(/^- \d+ published measurements/m);
  });
});
