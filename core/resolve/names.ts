/**
 * Name keys: what people type, reduced to a key that two spellings of one name share.
 *
 *   "Qwen/Qwen2.5-VL-3B-Instruct", "qwen2_5-vl-3b", "Qwen 2.5 VL 3B"     -> "qwen2p5vl3b"
 *   "meta-llama/Llama-3.2-1B-Instruct-Q4_K_M.gguf"                      -> "llama3p21b" (+ quant Q4_K_M)
 *   "Gemma3-1B", "gemma-3-1b-it", "google/gemma-3-1b-it"                -> "gemma31b"
 *
 * Rules, in order: drop an organisation prefix ("org/"), a file extension and a quantization
 * suffix (returned separately); lower-case; drop packaging words (instruct, chat, it, hf, gguf,
 * mlx, awq, gptq, base, pt...); "+" is "plus" (Galaxy S24+); a "." or "_" between two digits is a version or size point
 * ("2.5", "2_5", "1p5" all become "2p5" / "1p5"); every other separator goes.
 * Sizes stay part of the key, so a name without a size matches several models and is refused,
 * never guessed.
 */

/** Words that package a model without changing its architecture. */
const PACKAGING = new Set(['instruct', 'chat', 'it', 'hf', 'gguf', 'mlx', 'base', 'pt', 'qat', 'unsloth', 'original', 'community', 'litert', 'onnx', 'mnn', 'mlc', 'executorch', 'pte', 'genie']);

/** A quantization name at the end of a model name, as a regular expression over the lower-cased tail. */
const QUANT_SUFFIX =
  /(?:^|[-_. ])((?:ud-)?(?:i?q[1-8](?:_k)?(?:_[0-9a-z]{1,3})?|tq[12]_0|f16|bf16|fp16|f32|fp32|fp8|mxfp4|nvfp4|mxfp8|awq|gptq|int[48]|w[48]a(?:8|16)|q[034]f(?:16|32)_[01]|8da4w|[2-8]-?bits?|nf4|4bit|8bit|3bit|6bit))$/i;

/** Split a quantization suffix off a name ("Llama-3.2-1B-Instruct-Q4_K_M" -> name, "Q4_K_M"). */
export function splitQuant(raw: string): { name: string; quant?: string } {
  let name = raw.trim().replace(/\.(gguf|safetensors|bin|pte|mlc|tflite|task|litertlm)$/i, '');
  let quant: string | undefined;
  // A packaging word may sit after the quantization ("-4bit-mlx", "-Q4_K_M-GGUF").
  for (let i = 0; i < 3; i++) {
    const pack = /[-_. ](gguf|mlx|mlc|awq|gptq|onnx|litert|mnn)$/i.exec(name);
    const m = QUANT_SUFFIX.exec(name);
    if (m && !quant) {
      quant = m[1];
      name = name.slice(0, m.index).replace(/[-_. ]+$/, '');
      continue;
    }
    if (pack) {
      // AWQ and GPTQ name the quantization and the packaging at once.
      if (!quant && /awq|gptq/i.test(pack[1])) quant = pack[1];
      name = name.slice(0, pack.index);
      continue;
    }
    break;
  }
  return { name, ...(quant ? { quant } : {}) };
}

/** The key of a name (see the header); organisation prefixes and packaging words are dropped. */
export function nameKey(raw: string): string {
  const base = raw.trim().replace(/^.*\//, '');
  const words = base
    .toLowerCase()
    // "Galaxy S24+" is not "Galaxy S24"; "8+ Gen 1" is "8 plus gen 1".
    .replace(/\+/g, ' plus ')
    // A point between digits is part of a version or a size: keep it as "p".
    .replace(/(\d)[._](?=\d)/g, '$1p')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // Drop packaging words wherever they stand after the first word (a name may start with "base").
  const kept = words.filter((w, i) => i === 0 || !PACKAGING.has(w));
  return kept.join('');
}

/** The key without a leading maker or brand word ("Apple A18" -> "a18", "Snapdragon 8 Gen 3" -> "8gen3"). */
export function withoutBrand(raw: string, brands: readonly string[]): string | undefined {
  const m = /^\s*([A-Za-z]+)[\s-]+(.+)$/.exec(raw.replace(/^.*\//, ''));
  if (!m || !brands.includes(m[1].toLowerCase())) return undefined;
  return nameKey(m[2]);
}
