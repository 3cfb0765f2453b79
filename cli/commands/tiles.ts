/**
 * `mmplan tiles`: how a dynamic-resolution policy tiles an image (grid, tiles, thumbnail, resized
 * size, tokens), drawn over the image; over several images or a directory, the distribution.
 * `mmplan compare-tiling`: every policy side by side for one image, with predicted encode and
 * prefill time when a device and model are given.
 */
import type { Argv } from 'yargs';
import { CATALOG } from './catalog.js';
import { tile, TILING_POLICIES, POLICY_DESCRIPTIONS, type TileResult } from '../../core/tiling/index.js';
import { withTileCap } from '../../core/scenario.js';
import type { TilingPolicy } from '../../core/schema/index.js';
import { summarize } from '../../core/stats.js';
import { estimate } from '../../core/estimate/index.js';
import { resolveImages } from '../images.js';
import { loadModel } from '../names.js';
import { InputError } from '../../core/errors.js';
import { table, csv } from '../output.js';
import { gridArt } from '../grid-art.js';
import { guard } from '../run.js';
import { prepare, type ScenarioFlags } from '../scenario-input.js';
import { scenarioFlagOptions } from './estimate.js';
import { precise } from '../machine-output.js';
import { fmt } from '../../core/units.js';

/** "4x2+thumb"; "whole" when the policy cuts no grid and sends the whole image (Gemma 3 without pan-and-scan). */
function gridText(r: { cols: number; rows: number; thumbnail: boolean }): string {
  if (r.cols * r.rows === 0) return r.thumbnail ? 'whole' : '-';
  return `${r.cols}x${r.rows}${r.thumbnail ? '+thumb' : ''}`;
}

/** "key=value" -> [key, value]; the value is JSON when it parses (numbers, booleans, arrays), else a string. */
export function parseSet(items: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const i = item.indexOf('=');
    if (i <= 0) throw new InputError(`expected key=value, found "${item}"`, undefined, '--set');
    const key = item.slice(0, i).trim();
    const raw = item.slice(i + 1).trim();
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      if (raw === 'True' || raw === 'False') value = raw === 'True';
    }
    out[key] = value;
  }
  return out;
}

function checkPolicy(name: string): TilingPolicy {
  if (!(TILING_POLICIES as readonly string[]).includes(name)) {
    throw new InputError(`unknown policy '${name}'; expected one of ${TILING_POLICIES.join(', ')}`, undefined, '--policy');
  }
  return name as TilingPolicy;
}

/** The golden-file fields of a tiling result. */
export function tileJson(r: TileResult) {
  const { policy, params, width, height, cols, rows, tiles, thumbnail, resized_w, resized_h, tokens } = r;
  return { policy, params, width, height, cols, rows, tiles, thumbnail, resized_w, resized_h, tokens };
}

const encoderImages = (r: TileResult) => r.encoder_inputs.reduce((a, i) => a + i.count, 0);

export function tilesCommand(y: Argv) {
  y.command(
    CATALOG.tiles.command,
    CATALOG.tiles.describe,
    (a) =>
      a
        .option('policy', { type: 'string', describe: `tiling policy (${TILING_POLICIES.join(', ')})` })
        .option('model', { type: 'string', describe: "use this model's policy and parameters" })
        .option('image', { type: 'string', array: true, demandOption: true, describe: 'WxH, an image file, or a directory of images (repeatable)' })
        .option('set', { type: 'string', array: true, default: [], describe: 'policy parameter key=value (numbers, booleans, strings, JSON arrays)' })
        .option('max-tiles', { type: 'number', describe: "cap on image tiles, mapped onto the policy's own parameter as in estimate (--set names it directly)" })
        .option('json', { type: 'boolean', describe: 'print JSON' })
        .option('csv', { type: 'boolean', describe: 'print CSV, one row per image' })
        .example('$0 tiles --model internvl2-2b --image 1920x1080 --max-tiles 4', 'the same cap estimate --max-tiles applies')
        .example('$0 tiles --policy internvl_dynamic --image 1920x1080 --set max_num=6', '')
        .example('$0 tiles --model bluelm-v-3b --image screenshots/', 'distribution over a folder'),
    (argv) =>
      guard(argv, () => {
        let policy: TilingPolicy;
        let params: Record<string, unknown> = {};
        if (argv.model) {
          const m = loadModel(argv.model).value;
          if (!m.tiling) throw new InputError(`model '${m.id}' has no vision encoder, so no tiling`, undefined, '--model');
          policy = argv.policy ? checkPolicy(argv.policy) : m.tiling.policy;
          if (policy === m.tiling.policy) params = { ...m.tiling.params };
        } else if (argv.policy) policy = checkPolicy(argv.policy);
        else throw new InputError('name a --policy or a --model', undefined, '--policy');
        params = { ...params, ...parseSet(argv.set as string[]) };
        if (argv['max-tiles'] !== undefined) {
          const cap = argv['max-tiles'] as number;
          if (!Number.isInteger(cap) || cap < 1) throw new InputError(`expected a whole number >= 1, found ${cap}`, undefined, '--max-tiles');
          // The same mapping estimate --max-tiles goes through; its error named by the flag given here.
          try {
            params = withTileCap(policy, params, cap);
          } catch (e) {
            throw e instanceof InputError ? new InputError(e.message, undefined, '--max-tiles') : e;
          }
        }
        const images = resolveImages(argv.image as string[], { allowDirectory: true });
        const results = images.map((im) => ({ name: im.name, r: tile(policy, params, im.width, im.height) }));
        if (results.length === 1 && !argv.csv) {
          const r = results[0].r;
          if (argv.json) return void process.stdout.write(JSON.stringify(tileJson(r), null, 2) + '\n');
          process.stdout.write(renderOne(r) + '\n');
          return;
        }
        const dist = {
          images: results.length,
          tiles: summarize(results.map((x) => encoderImages(x.r))),
          tokens: summarize(results.map((x) => x.r.tokens)),
        };
        if (argv.json) {
          process.stdout.write(JSON.stringify({ images: results.map((x) => ({ name: x.name, ...tileJson(x.r) })), distribution: dist }, null, 2) + '\n');
          return;
        }
        if (argv.csv) {
          process.stdout.write(csv([['name', 'width', 'height', 'cols', 'rows', 'tiles', 'thumbnail', 'encoder_images', 'tokens'], ...results.map(({ name, r }) => [name, r.width, r.height, r.cols, r.rows, r.tiles, r.thumbnail, encoderImages(r), r.tokens])]));
          return;
        }
        process.stdout.write(
          table([
            ['image', 'size', 'grid', 'encoder images', 'tokens'],
            ...results.slice(0, 50).map(({ name, r }) => [name, `${r.width}x${r.height}`, gridText(r), String(encoderImages(r)), String(r.tokens)]),
          ]) + '\n',
        );
        if (results.length > 50) process.stdout.write(`... ${results.length - 50} more (use --csv for all)\n`);
        const row = (label: string, s: ReturnType<typeof summarize>) => [label, String(s.min), String(s.median), String(s.p90), String(s.max)];
        process.stdout.write(`\n${policy} over ${results.length} images:\n` + table([['', 'min', 'median', 'p90', 'max'], row('encoder images', dist.tiles), row('tokens', dist.tokens)]) + '\n');
      }),
  );

  y.command(
    CATALOG['compare-tiling'].command,
    CATALOG['compare-tiling'].describe,
    (a) =>
      // With --device, --model or --engine each policy also gets its predicted times, under the
      // same deployment flags as estimate (every policy is tried at its reference defaults, so no --policy
      // and no --max-tiles).
      scenarioFlagOptions(a, ['image', 'policy', 'max-tiles'])
        .option('image', { type: 'string', demandOption: true, describe: 'WxH or an image file' })
        .option('json', { type: 'boolean', describe: 'print JSON' })
        .option('csv', { type: 'boolean', describe: 'print a header and one CSV row per policy' })
        .example('$0 compare-tiling --image 1920x1080', 'tiles and tokens of every policy for a 1080p screenshot')
        .example('$0 compare-tiling --image photo.jpg --model qwen2.5-vl-3b --device "Pixel 9 Pro"', 'with predicted encode and prefill time on a phone'),
    (argv) =>
      guard(argv, () => {
        const [im] = resolveImages([argv.image as string], { allowDirectory: false });
        const withTimes = argv.device !== undefined || argv.model !== undefined || argv.engine !== undefined;
        if (argv.json && argv.csv) throw new InputError('choose one output format: --json or --csv, not both', undefined, '--json');
        const rows = TILING_POLICIES.map((policy) => {
          let r: TileResult | undefined;
          let error: string | undefined;
          try {
            r = tile(policy, {}, im.width, im.height);
          } catch (e) {
            error = (e as Error).message;
          }
          let times: { vision_encode: number; prefill: number; ttft: number } | undefined;
          if (r && withTimes) {
            const p = prepare({ ...(argv as unknown as ScenarioFlags), image: [`${im.width}x${im.height}`], policy });
            const e = estimate(p.device.value, p.model.value, { ...p.scenario, tiling: { policy, params: {} } });
            times = { vision_encode: e.latency_s.vision_encode, prefill: e.latency_s.prefill, ttft: e.latency_s.ttft };
          }
          return { policy, result: r && tileJson(r), encoder_images: r && encoderImages(r), times, error };
        });
        if (argv.json) return void process.stdout.write(JSON.stringify({ width: im.width, height: im.height, policies: rows }, null, 2) + '\n');
        if (argv.csv) {
          const head = ['policy', 'cols', 'rows', 'thumbnail', 'encoder_images', 'tokens', 'vision_encode_s', 'prefill_s', 'ttft_s', 'error'];
          const cell = (x: number | undefined) => (x === undefined ? '' : precise(x));
          return void process.stdout.write(csv([head, ...rows.map((x) => [x.policy, x.result?.cols ?? '', x.result?.rows ?? '', x.result?.thumbnail ?? '', x.encoder_images ?? '', x.result?.tokens ?? '', cell(x.times?.vision_encode), cell(x.times?.prefill), cell(x.times?.ttft), x.error ?? ''])]));
        }
        const head = ['policy', 'grid', 'encoder images', 'tokens', ...(withTimes ? ['encode', 'prefill', 'TTFT'] : []), 'what it does'];
        process.stdout.write(
          `${im.width}x${im.height}, each policy with its reference defaults:\n` +
            table([
              head,
              ...rows.map((x) =>
                x.result
                  ? [x.policy, gridText(x.result), String(x.encoder_images), String(x.result.tokens), ...(x.times ? [fmt.s(x.times.vision_encode), fmt.s(x.times.prefill), fmt.s(x.times.ttft)] : []), POLICY_DESCRIPTIONS[x.policy]]
                  : [x.policy, 'rejected', '-', '-', ...(withTimes ? ['-', '-', '-'] : []), x.error ?? ''],
              ),
            ]) +
            '\n',
        );
      }),
  );
  return y;
}

function renderOne(r: TileResult): string {
  const lines = [
    `${r.policy}: ${r.width}x${r.height} -> grid ${r.cols}x${r.rows} (${r.tiles} tiles${r.thumbnail ? ' + thumbnail' : ''}), resized to ${r.resized_w}x${r.resized_h}, ${r.tokens} tokens`,
    `encoder inputs: ${r.encoder_inputs.map((i) => `${i.count} x ${i.w}x${i.h}`).join(', ')}`,
    `params: ${JSON.stringify(r.params)}`,
    '',
  ];
  if (r.tiles > 0) lines.push(gridArt(r.width, r.height, r.cols, r.rows));
  else lines.push(gridArt(r.width, r.height, 1, 1), `(no tiling: one resized image; ${r.cols}x${r.rows} merged-token grid)`);
  return lines.join('\n');
}
