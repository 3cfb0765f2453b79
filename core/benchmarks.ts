/**
 * Benchmarks: one vocabulary for the scores quality evidence, user measurements and sweep
 * objectives name. Papers and model cards spell the same benchmark many ways ("DocVQA_VAL",
 * "DocVQA_val", "docvqa val"; "MathVista_MINI" for the testmini split; "MMB1.1_test"); every
 * spelling resolves to one canonical name, and a name that is not in the vocabulary is kept as
 * written (it is still a benchmark, just not one mmplan knows other spellings of).
 *
 * A canonical name is the benchmark and, where the source states it, its split: DocVQA_val and
 * DocVQA_test are different numbers; a bare "DocVQA" is kept where the source does not say.
 * The same benchmark measured by two harnesses carries the harness: MathVista_testmini@VLMEvalKit.
 */

/** Canonical names and the other spellings seen in model cards and papers. */
const VOCABULARY: Record<string, string[]> = {
  DocVQA_val: ['DocVQA_VAL', 'DocVQA val', 'docvqa_validation'],
  DocVQA_test: ['DocVQA test'],
  DocVQA: [],
  InfoVQA_val: ['InfoVQA_VAL', 'InfographicVQA_val'],
  InfoVQA_test: ['InfographicVQA_test'],
  InfoVQA: ['InfographicVQA'],
  TextVQA_val: ['TextVQA_VAL'],
  TextVQA: [],
  ChartQA_test: ['ChartQA_TEST'],
  ChartQA: [],
  AI2D_test: ['AI2D_TEST'],
  AI2D: [],
  OCRBench: ['OCR_Bench', 'OCR-Bench'],
  MMBench_EN_test: ['MMBench-EN_test', 'MMBench_TEST_EN'],
  MMBench_EN_dev: ['MMBench_DEV_EN', 'MMBench-EN_dev'],
  'MMBench_v1.1_test': ['MMB1.1_test', 'MMBench-V11_test', 'MMBench_TEST_EN_V11'],
  MMBench: [],
  MMMU_val: ['MMMU_VAL', 'MMMU_DEV_VAL'],
  MMMU: [],
  MathVista_testmini: ['MathVista_MINI', 'MathVista_mini', 'MathVista-mini'],
  MathVista: [],
  MME_sum: ['MME', 'MME_SUM'],
  MMStar: [],
  RealWorldQA: ['RealWorld_QA'],
  HallusionBench: ['Hallusion_Bench'],
  MMVet: ['MM-Vet', 'MM_Vet'],
  MTVQA: [],
  POPE: [],
  SEED: ['SEED_Bench', 'SEEDBench'],
  SEED_star: [],
  CCBench: [],
  VQAv2_val: ['VQAv2_VAL'],
  OpenCompass_avg: ['OpenCompass', 'OpenCompass_Avg'],
};

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');

const LOOKUP: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [canonical, others] of Object.entries(VOCABULARY)) for (const n of [canonical, ...others]) m.set(norm(n), canonical);
  return m;
})();

/**
 * The canonical name of a benchmark as written anywhere ("DocVQA_VAL" -> "DocVQA_val"); unknown
 * names as written. A harness after '@' keeps two evaluations of one benchmark apart (a model
 * card's own number and VLMEvalKit's differ): "MathVista_MINI@VLMEvalKit" -> "MathVista_testmini@VLMEvalKit".
 */
export function canonicalBenchmark(name: string): string {
  const at = name.indexOf('@');
  const base = at < 0 ? name : name.slice(0, at);
  const canonical = LOOKUP.get(norm(base)) ?? base;
  return at < 0 ? canonical : `${canonical}@${name.slice(at + 1)}`;
}

/** Every canonical name mmplan knows. */
export const KNOWN_BENCHMARKS = Object.keys(VOCABULARY);
