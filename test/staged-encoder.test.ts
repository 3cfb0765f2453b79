/**
 * Staged (convolutional / hybrid) vision encoders: the shipped encoder files agree with the
 * per-stage counts made from the reference code (test/fixtures/vision-encoders), their totals agree
 * with timm's own profiler, and the cost model's resolution scaling reproduces the counts made at
 * other input sizes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listEncoders, loadEncoder } from '../cli/load.js';
import { encoderOps, patchEmbedOps, vitTokens, type OpPrecision } from '../core/cost/operators.js';
import { visionParams } from '../core/params.js';
import type { StagedEncoder } from '../core/schema/index.js';

const P16: OpPrecision = { weightBytes: 2, wbits: 16, abits: 16, actBytes: 2 };
type Fixture = { input_px: number; output: { tokens: number; width: number }; stages: Array<{ name: string; params: number; macs_at_input: number; attention_macs?: number }>; totals: { params: number; macs_at_input: number }; macs_at_other_px: Record<string, number> };
const fixture = (name: string): Fixture => parse(readFileSync(fileURLToPath(new URL(`./fixtures/vision-encoders/${name}.yaml`, import.meta.url)), 'utf8'));
const staged = (id: string): StagedEncoder => {
  const v = loadEncoder(id, 'test').vision;
  if (v.type !== 'staged') throw new Error(`${id} is not staged`);
  return v;
};
/** MACs of one image whose output is t tokens (ops are 2 per MAC). */
const macs = (v: StagedEncoder, t: number, pixels?: number) => encoderOps(v, 1, t, P16, pixels).reduce((s, o) => s + o.ops * o.calls, 0) / 2;

describe('shipped staged encoders', () => {
  it('are FastViTHD and MobileNet-V5-300M', () => expect(listEncoders()).toEqual(['fastvithd', 'mobilenetv5-300m']));

  for (const id of ['fastvithd', 'mobilenetv5-300m']) {
    describe(id, () => {
      const v = staged(id);
      const f = fixture(id);

      it('every stage carries the counted parameters and MACs', () => {
        expect(v.stages.map((s) => [s.name, s.params, s.macs, s.attention_macs])).toEqual(f.stages.map((s) => [s.name, s.params, s.macs_at_input, s.attention_macs ?? 0]));
        expect(visionParams(v)).toBe(f.totals.params);
      });

      it('makes the published number of tokens, as wide as the projector expects', () => {
        expect(vitTokens(v, f.input_px, f.input_px)).toBe(f.output.tokens);
        expect(v.hidden).toBe(f.output.width);
        expect(patchEmbedOps(v, 1, f.output.tokens, P16)).toEqual([]);
      });

      it('at its own size the ops are twice the counted MACs', () => {
        expect(macs(v, f.output.tokens)).toBeCloseTo(f.totals.macs_at_input, -3);
      });

      it('at other sizes, pixels scale the convolutions and their square the attention (within 0.1% of the hand counts)', () => {
        for (const [px, counted] of Object.entries(f.macs_at_other_px)) {
          const side = Number(px);
          // Ceil-rounded feature maps at sizes that are not multiples of every stride make the hand
          // count differ slightly from pure pixel scaling.
          expect(Math.abs(macs(v, vitTokens(v, side, side), side * side) / counted - 1), `${id} at ${px} px`).toBeLessThan(1e-3);
        }
      });
    });
  }

  it("agree with timm's profiler: MobileNet-V5-300M 294.13 M params and 435.74 GMACs at 768 px", () => {
    const v = staged('mobilenetv5-300m');
    expect((visionParams(v) / 1e6).toFixed(2)).toBe('294.13');
    expect((macs(v, 256) / 1e9).toFixed(2)).toBe('435.74');
  });
});
