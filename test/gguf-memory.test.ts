/**
 * Weight memory of a zoo model at a GGUF type, as `estimate --quant` predicts it, against the size
 * of the published .gguf file. Within 3%: the file also holds its metadata (the tokenizer's
 * vocabulary and merges, a few MB: about 1% of a 1 GB file), which is not weights, and published
 * sizes are rounded ("0.81GB"). The weights are the LLM's layers plus embeddings and output head.
 */
import { describe, expect, it } from 'vitest';
import { loadDevice, loadModel } from '../cli/names.js';
import { resolveScenario } from '../core/scenario.js';
import { estimate } from '../core/estimate/index.js';

const GB = 1e9;
const GiB = 2 ** 30;
const BART_L32 = 'https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF model-card table (llama.cpp b3821; revision not seen, read in a mirror copy)';
const TB_G3 = 'https://huggingface.co/tensorblock/gemma-3-1b-it-GGUF model-card table (llama.cpp b4882; revision not seen)';
const BART_G3QAT = 'https://huggingface.co/bartowski/google_gemma-3-1b-it-qat-GGUF model-card table (llama.cpp b5147; same shapes as gemma-3-1b-it; revision not seen)';
const QUANTIZE = 'https://github.com/ggml-org/llama.cpp/blob/03161a4eb9a2ec66ef97789f347c5a28279f06ea/tools/quantize/quantize.cpp QUANT_OPTIONS "@ Llama-3-8B" (G read as GiB)';

const FILES: Array<{ model: string; quant: string; bytes: number; source: string }> = [
  { model: 'llama-3.2-1b', quant: 'Q4_K_M', bytes: 0.81 * GB, source: BART_L32 },
  { model: 'llama-3.2-1b', quant: 'Q8_0', bytes: 1.32 * GB, source: BART_L32 },
  { model: 'llama-3.2-1b', quant: 'F16', bytes: 2.48 * GB, source: BART_L32 },
  { model: 'gemma-3-1b', quant: 'Q4_K_M', bytes: 0.81 * GB, source: BART_G3QAT },
  { model: 'gemma-3-1b', quant: 'Q4_0', bytes: 0.72 * GB, source: TB_G3 },
  { model: 'gemma-3-1b', quant: 'Q2_K', bytes: 0.69 * GB, source: TB_G3 },
  { model: 'llama-3-8b', quant: 'Q4_0', bytes: 4.34 * GiB, source: QUANTIZE },
  { model: 'llama-3-8b', quant: 'Q4_K_M', bytes: 4.58 * GiB, source: QUANTIZE },
  { model: 'llama-3-8b', quant: 'Q3_K_M', bytes: 3.74 * GiB, source: QUANTIZE },
  { model: 'llama-3-8b', quant: 'Q8_0', bytes: 7.96 * GiB, source: QUANTIZE },
];

describe('weight memory at a GGUF type matches the published file', () => {
  const device = loadDevice('apple-m4-max').value;
  it.each(FILES)('$model $quant', ({ model, quant, bytes }) => {
    const m = loadModel(model).value;
    const e = estimate(device, m, resolveScenario(m, device, { quant }).scenario);
    const weights = (e.memory_gb.weights_by_component.llm + e.memory_gb.weights_by_component.embeddings) * 1e9;
    expect(Math.abs(weights / bytes - 1)).toBeLessThan(0.03);
    // Never more than the file: metadata only adds to it.
    expect(weights).toBeLessThan(bytes * 1.005);
  });
});
