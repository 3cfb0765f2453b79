/**
 * Output schemas: the shapes `estimate --json` and `sweep --json` print, as zod schemas (the schema
 * is the type's contract). `mmplan` ships them as JSON Schema in schemas/ (written from these by
 * cli/output-schemas.ts; test/output-schema.test.ts fails if the files drift or an output does not
 * match). Objects are strict: a new field is a schema change, made here, not a surprise.
 */
import { z } from 'zod';
import { scenarioSchema } from './scenario.js';
import { BANDS } from '../metrics.js';

/** Bump when a field is renamed or removed (adding one is compatible). */
export const OUTPUT_SCHEMA_VERSION = 1;

const n = z.number();
const nonNeg = z.number().nonnegative();
const units = z.object({ patch_embed: z.string(), vit: z.string(), projector: z.string(), llm: z.string() }).strict();

export const qualityPredictionSchema = z
  .object({
    score: n,
    basis: z.enum(['measured', 'interpolated', 'prior', 'extrapolated', 'unknown']),
    uncertainty: nonNeg,
    sources: z.array(z.string()),
    notes: z.array(z.string()),
  })
  .strict();

/** `mmplan estimate --json`: the plan as resolved, then the predictions. */
export const estimateOutputSchema = z
  .object({
    schema_version: z.literal(OUTPUT_SCHEMA_VERSION),
    plan: z
      .object({
        device: z.string(),
        model: z.string(),
        /** The engine profile whose calibration applied, when one was named. */
        engine: z.string().nullable(),
        scenario: scenarioSchema,
      })
      .strict(),
    device: z.string(),
    model: z.string(),
    tiles: z
      .object({
        count: nonNeg,
        grid: z.tuple([nonNeg, nonNeg]),
        thumbnail: z.boolean(),
        per_image: z.array(z.object({ width: nonNeg, height: nonNeg, cols: nonNeg, rows: nonNeg, tiles: nonNeg, thumbnail: z.boolean(), tokens: nonNeg }).strict()),
        policy: z.string(),
      })
      .strict(),
    tokens: z.object({ image: nonNeg, text: nonNeg, total: nonNeg, image_kept: nonNeg, vit: nonNeg }).strict(),
    latency_s: z
      .object({
        request_overhead: nonNeg,
        preprocess: nonNeg,
        patch_embed: nonNeg,
        vision_encode: nonNeg,
        projector: nonNeg,
        prefill: nonNeg,
        first_token: nonNeg,
        ttft: nonNeg,
        ttft_decoupled: nonNeg,
        decode_total: nonNeg,
        e2e: nonNeg,
      })
      .strict(),
    decode_tok_s: z.object({ mean: nonNeg, first: nonNeg, last: nonNeg }).strict(),
    prefill_tok_s: nonNeg,
    memory_gb: z
      .object({
        weights: nonNeg,
        weights_by_component: z.object({ vit: nonNeg, projector: nonNeg, llm: nonNeg, embeddings: nonNeg }).strict(),
        streamed_weights: nonNeg,
        kv_cache: nonNeg,
        activations: nonNeg,
        runtime: nonNeg,
        peak: nonNeg,
        peak_phase: z.enum(['encode', 'prefill', 'decode']),
        by_phase: z.object({ encode: nonNeg, prefill: nonNeg, decode: nonNeg }).strict(),
        usable: nonNeg,
      })
      .strict(),
    fits: z.boolean(),
    miss_gb: nonNeg,
    flops: z.object({ vision: nonNeg, prefill: nonNeg, decode_per_token: nonNeg }).strict(),
    prefill_weight_reads: nonNeg,
    units,
    energy_j: z.object({ query: nonNeg, per_output_token: nonNeg, by_phase: z.object({ encode: nonNeg, prefill: nonNeg, decode: nonNeg }).strict() }).strict(),
    power_w: z.object({ encode: nonNeg, prefill: nonNeg, decode: nonNeg, average: nonNeg }).strict(),
    battery_pct: z.object({ per_query: nonNeg, per_100_queries: nonNeg, battery_wh: nonNeg, basis: z.enum(['product', 'class typical']) }).strict().nullable(),
    sustained: z.object({ after_s: nonNeg, throttle_at_s: nonNeg.nullable(), throttled_factor: z.number().positive().max(1), decode_tok_s: nonNeg, ttft_s: nonNeg }).strict(),
    assumptions: z.array(z.string()),
    quality: z.record(z.string(), qualityPredictionSchema).optional(),
    uncertainty: z
      .partialRecord(z.enum(BANDS), z.object({ median_abs_pct: nonNeg, band_pct: nonNeg, n: nonNeg, basis: z.string() }).strict())
      .optional(),
  })
  .strict();

const planRow = z
  .object({
    index: z.number().int().nonnegative(),
    /** Axis path -> value, numbers as numbers. */
    config: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    status: z.string(),
    feasible: z.boolean(),
    metrics: z.record(z.string(), z.number().nullable()),
    error: z.string().optional(),
  })
  .strict();

/** `mmplan sweep --json`: the space, the counts, the recommendation, the top plans and the front. */
export const sweepOutputSchema = z
  .object({
    schema_version: z.literal(OUTPUT_SCHEMA_VERSION),
    name: z.string().nullable(),
    size: z.number().int().nonnegative(),
    range: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]).nullable(),
    evaluated: z.number().int().nonnegative(),
    feasible: z.number().int().nonnegative(),
    invalid: z.number().int().nonnegative(),
    not_applicable: z.number().int().nonnegative(),
    front_size: z.number().int().nonnegative(),
    objectives: z.array(z.object({ field: z.string(), sense: z.enum(['min', 'max']) }).strict()),
    constraints: z.array(z.string()),
    recommendation: z
      .object({
        rule: z.string(),
        tradeoff: z.string().nullable(),
        /** With `group_by`: the knee of each group (its keys, front size and plan). */
        per_group: z.array(z.record(z.string(), z.unknown())),
      })
      .strict()
      .nullable(),
    top: z.array(planRow),
    front: z.array(planRow),
    written: z.string().nullable(),
  })
  .strict();

/** The JSON Schema documents mmplan ships in schemas/ (draft 2020-12), by file name. */
export function outputJsonSchemas(): Record<string, unknown> {
  const doc = (title: string, s: z.ZodType) => ({ ...z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }), title });
  return {
    'estimate.schema.json': doc('estimate', estimateOutputSchema),
    'sweep.schema.json': doc('sweep', sweepOutputSchema),
  };
}
