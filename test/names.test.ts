/**
 * Names as people type them, from model cards, Hugging Face repositories, llama.cpp / MLX / MLC
 * release files, phone spec pages and benchmark tables: each resolves to the intended model, device
 * or quantization; ambiguous ones are refused with the candidates; near misses get a suggestion.
 */
import { describe, expect, it } from 'vitest';
import { loadDevice, loadEngineNamed, loadModel } from '../cli/names.js';
import { findQuantFormat, formatName, applyQuantFormat } from '../core/quant/presets.js';
import { nameKey, splitQuant } from '../core/resolve/names.js';
import { mmplan } from './cli-helpers.js';

describe('name keys', () => {
  it.each([
    ['Qwen/Qwen2.5-VL-3B-Instruct', 'qwen2p5vl3b'],
    ['qwen2_5-vl-3b', 'qwen2p5vl3b'],
    ['Qwen 2.5 VL 3B', 'qwen2p5vl3b'],
    ['Qwen-2.5-3B', 'qwen2p53b'],
    ['qwen2 1.5B', 'qwen21p5b'],
    ['Qwen2-1_5B', 'qwen21p5b'],
    ['gemma-3-1b-it', 'gemma31b'],
    ['Gemma3-1B', 'gemma31b'],
    ['gemma3:1b', 'gemma31b'],
    ['Galaxy S24+', 'galaxys24plus'],
    ['Snapdragon 8+ Gen 1', 'snapdragon8plusgen1'],
  ])('%s -> %s', (raw, key) => expect(nameKey(splitQuant(raw).name)).toBe(key));

  it.each([
    ['Llama-3.2-1B-Instruct-Q4_K_M.gguf', 'Llama-3.2-1B-Instruct', 'Q4_K_M'],
    ['qwen2.5-1.5b-instruct-q8_0.gguf', 'qwen2.5-1.5b-instruct', 'q8_0'],
    ['mlx-community/Llama-3.2-3B-Instruct-4bit', 'mlx-community/Llama-3.2-3B-Instruct', '4bit'],
    ['Llama-3.2-1B-Instruct-q4f16_1-MLC', 'Llama-3.2-1B-Instruct', 'q4f16_1'],
    ['Qwen2-VL-2B-Instruct-AWQ', 'Qwen2-VL-2B-Instruct', 'AWQ'],
    ['gemma-3-1b-it-qat-q4_0-gguf', 'gemma-3-1b-it-qat', 'q4_0'],
    ['bartowski/Llama-3.2-1B-Instruct-GGUF', 'bartowski/Llama-3.2-1B-Instruct', undefined],
    ['Llama-3.2-1B-Instruct-IQ4_XS.gguf', 'Llama-3.2-1B-Instruct', 'IQ4_XS'],
    ['Qwen3-VL-2B', 'Qwen3-VL-2B', undefined],
  ])('%s splits into %s and %s', (raw, name, quant) => expect(splitQuant(raw)).toEqual({ name, ...(quant ? { quant } : {}) }));
});

describe('models by the names people use', () => {
  it.each([
    ['meta-llama/Llama-3.2-1B-Instruct', 'llama-3.2-1b', undefined],
    ['bartowski/Llama-3.2-1B-Instruct-GGUF', 'llama-3.2-1b', undefined],
    ['Llama-3.2-1B-Instruct-Q4_K_M.gguf', 'llama-3.2-1b', 'Q4_K_M'],
    ['unsloth/Llama-3.2-3B-Instruct-GGUF', 'llama-3.2-3b', undefined],
    ['mlx-community/Llama-3.2-3B-Instruct-4bit', 'llama-3.2-3b', '4bit'],
    ['Llama-3.2-1B-Instruct-q4f16_1-MLC', 'llama-3.2-1b', 'q4f16_1'],
    ['Llama 3.1 8B', 'llama-3.1-8b', undefined],
    ['meta-llama/Meta-Llama-3.1-8B-Instruct', 'llama-3.1-8b', undefined],
    ['Qwen/Qwen2.5-7B-Instruct', 'qwen2.5-7b', undefined],
    ['Qwen2.5-7B-Instruct', 'qwen2.5-7b', undefined],
    ['qwen2_5-7b', 'qwen2.5-7b', undefined],
    ['Qwen 2.5 7B', 'qwen2.5-7b', undefined],
    ['Qwen-2.5-3B', 'qwen2.5-3b', undefined],
    ['qwen2.5-1.5b-instruct-q8_0.gguf', 'qwen2.5-1.5b', 'q8_0'],
    ['google/gemma-3-1b-it', 'gemma-3-1b', undefined],
    ['gemma-3-1b-it-qat-q4_0-gguf', 'gemma-3-1b', 'q4_0'],
    ['Gemma3-1B', 'gemma-3-1b', undefined],
    ['gemma3:1b', 'gemma-3-1b', undefined],
    ['microsoft/Phi-3.5-mini-instruct', 'phi-3.5-mini', undefined],
    ['Phi-3.5-vision-instruct', 'phi-3.5-vision', undefined],
    ['microsoft/Phi-4-mini-instruct', 'phi-4-mini', undefined],
    ['OpenGVLab/InternVL2-2B', 'internvl2-2b', undefined],
    ['InternVL2_5-8B', 'internvl2.5-8b', undefined],
    ['openbmb/MiniCPM-V-2_6', 'minicpm-v-2.6', undefined],
    ['MiniCPM-V 2.6', 'minicpm-v-2.6', undefined],
    ['openbmb/MiniCPM-Llama3-V-2_5', 'minicpm-llama3-v-2.5', undefined],
    ['Qwen/Qwen2-VL-2B-Instruct', 'qwen2-vl-2b', undefined],
    ['Qwen2-VL-2B-Instruct-AWQ', 'qwen2-vl-2b', 'AWQ'],
    ['HuggingFaceTB/SmolLM2-1.7B-Instruct', 'smollm2-1.7b', undefined],
    ['TinyLlama/TinyLlama-1.1B-Chat-v1.0', 'tinyllama-1.1b', undefined],
    ['deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B', 'deepseek-r1-distill-qwen-1.5b', undefined],
    ['Qwen/Qwen3-VL-2B-Instruct', 'qwen3-vl-2b', undefined],
    ['nvidia/Cosmos-Reason2-2B', 'cosmos-reason2-2b', undefined],
  ])('%s -> %s', (raw, id, quant) => {
    const m = loadModel(raw);
    expect(m.value.id).toBe(id);
    expect(m.quant).toBe(quant);
  });

  it.each([
    ['Qwen2.5', /'Qwen2.5' matches several models: qwen2.5-0.5b, qwen2.5-1.5b, qwen2.5-3b, qwen2.5-7b, qwen2.5-vl-3b, qwen2.5-vl-7b; name one/],
    ['Llama-3.2', /'Llama-3.2' matches several models: llama-3.2-1b, llama-3.2-3b/],
    ['InternVL2', /matches several models: internvl2-2b, internvl2-8b/],
    ['Qwen3-VL', /matches several models: qwen3-vl-2b, qwen3-vl-30b-a3b, qwen3-vl-4b, qwen3-vl-8b/],
  ])('a name without its size is refused, never guessed: %s', (raw, msg) => expect(() => loadModel(raw)).toThrow(msg));

  it.each([
    ['Lama-3.2-1B', 'llama-3.2-1b'],
    ['Qwen2.5-7B-Intsruct', 'qwen2.5-7b'],
    ['minicpm-v-2.7', 'minicpm-v-2.6'],
  ])('a near miss gets a suggestion: %s', (raw, near) => expect(() => loadModel(raw)).toThrow(new RegExp(`unknown model '${raw.replace(/\./g, '\\.')}'; did you mean '${near.replace(/\./g, '\\.')}'`)));
});

describe('devices by the names people use', () => {
  it.each([
    ['Pixel 9 Pro', 'tensor-g4', 16],
    ['Google Pixel 9 Pro', 'tensor-g4', 16],
    ['pixel9pro', 'tensor-g4', 16],
    ['caiman', 'tensor-g4', 16],
    ['Pixel 6', 'tensor-g1', 8],
    ['Pixel 10 Pro', 'tensor-g5', undefined],
    ['Galaxy S24 Ultra', 'snapdragon-8-gen-3', 12],
    ['Samsung Galaxy S24 Ultra', 'snapdragon-8-gen-3', 12],
    ['Galaxy S24', 'exynos-2400', undefined],
    ['Galaxy S24 (Snapdragon 8 Gen 3)', 'snapdragon-8-gen-3', undefined],
    ['Galaxy S24+', 'exynos-2400', undefined],
    ['S25 Ultra', 'snapdragon-8-elite', undefined],
    ['iPhone 15 Pro', 'apple-a17-pro', 8],
    ['iPhone 16', 'apple-a18', undefined],
    ['iPhone 16 Pro Max', 'apple-a18-pro', undefined],
    ['MacBook Air M3', 'apple-m3', undefined],
    ['OnePlus 12', 'snapdragon-8-gen-3', undefined],
    ['vivo X100 Pro', 'dimensity-9300', undefined],
    ['Snapdragon 8 Gen 3', 'snapdragon-8-gen-3', undefined],
    ['Qualcomm Snapdragon 8 Gen 3', 'snapdragon-8-gen-3', undefined],
    ['SM8650', 'snapdragon-8-gen-3', undefined],
    ['8G3', 'snapdragon-8-gen-3', undefined],
    ['Snapdragon 8 Elite', 'snapdragon-8-elite', undefined],
    ['8 Elite Gen 5', 'snapdragon-8-elite-gen-5', undefined],
    ['MediaTek Dimensity 9300+', 'dimensity-9300-plus', undefined],
    ['Dimensity 9300', 'dimensity-9300', undefined],
    ['Apple A18', 'apple-a18', undefined],
    ['A18 Pro', 'apple-a18-pro', undefined],
    ['Apple M4', 'apple-m4', undefined],
    ['Tensor G4', 'tensor-g4', undefined],
    ['Exynos 2400', 'exynos-2400', undefined],
    ['Jetson Orin Nano Super', 'jetson-orin-nano-super', undefined],
    ['Raspberry Pi 5', 'raspberry-pi-5', undefined],
  ])('%s -> %s', (raw, profile, ram) => {
    const d = loadDevice(raw);
    expect(d.value.id).toBe(profile);
    if (ram !== undefined) expect(d.value.product?.ram_gb).toBe(ram);
  });

  it('a product carries its RAM and battery, and usable memory follows its RAM', () => {
    const pixel = loadDevice('Pixel 9 Pro').value;
    const chip = loadDevice('tensor-g4').value;
    expect(pixel.memory.total).toBe(16 * 2 ** 30);
    // The profile's own share of RAM (Android: 0.6), applied to the phone's 16 GB.
    expect(pixel.memory.usable / pixel.memory.total).toBeCloseTo(chip.memory.usable / chip.memory.total, 12);
    expect(pixel.product).toMatchObject({ name: 'Pixel 9 Pro', maker: 'Google', battery_mah: expect.any(Number) });
    const big = loadDevice('Galaxy S23 Ultra 12GB').value;
    expect(big.memory.total).toBe(12 * 2 ** 30);
  });

  it.each([
    ['Galaxy S2', /matches several devices/],
    ['iPhone', /matches several devices/],
    ['Pixel 9 Pro 32GB', /Pixel 9 Pro is sold with 16 GB, not 32 GB/],
    ['Pixle 9 Pro', /unknown device 'Pixle 9 Pro'; did you mean 'Pixel 9 Pro'\?/],
    ['Snapdragon 8 Gen 3 16GB', /is a chip; a RAM size belongs to a product/],
  ])('refused: %s', (raw, msg) => expect(() => loadDevice(raw)).toThrow(msg));
});

describe('engines and quantizations by name', () => {
  it('an engine by id or name; a name two units share is refused', () => {
    expect(loadEngineNamed('MLX').engine.id).toBe('mlx');
    expect(loadEngineNamed('ExecuTorch').engine.id).toBe('executorch-xnnpack');
    expect(loadEngineNamed('llama.cpp-gpu').engine.id).toBe('llama.cpp-gpu');
    expect(() => loadEngineNamed('llama.cpp')).toThrow(/'llama.cpp' names several engines: llama.cpp-cpu, llama.cpp-gpu/);
  });
  it.each([
    ['Q4_K_M', 'Q4_K_M'],
    ['q4_k_m', 'Q4_K_M'],
    ['Q8_0', 'Q8_0'],
    ['IQ4_XS', 'IQ4_XS'],
    ['F16', 'F16'],
    ['AWQ', 'awq-w4-g128'],
    ['GPTQ', 'gptq-w4-g128'],
    ['NF4', 'bnb-nf4'],
    ['MLX 4-bit', 'mlx-4bit'],
    ['4bit', 'mlx-4bit'],
    ['q4f16_1', 'mlc-q4f16_1'],
    ['w4a16', 'qnn-w4a16'],
    ['8da4w', 'executorch-8da4w'],
    ['int4', 'int4'],
    ['bf16', 'BF16'],
  ])('%s -> %s', (raw, name) => expect(formatName(findQuantFormat(raw)!)).toBe(name));
  it('an unknown quantization is refused with a suggestion', async () => {
    const r = await mmplan(['estimate', '--model', 'llama-3.2-1b', '--device', 'tensor-g4', '--quant', 'Q4KM_']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--quant: unknown quantization 'Q4KM_'; did you mean 'Q4_K_M'\?/);
  });
  it('a GGUF type gives the model its exact recipe bits; the nominal width picks the compute path', () => {
    const m = loadModel('llama-3.2-1b').value;
    const q = applyQuantFormat(findQuantFormat('Q4_K_M')!, m);
    // Q4_K layers with promoted Q6_K attn_v / ffn_down: between 4.5 and 5.5 bits per weight.
    expect(q.llm.bpw!).toBeGreaterThan(4.5);
    expect(q.llm.bpw!).toBeLessThan(5.5);
    expect(q.llm.wbits).toBe(4);
    // Q8_0 is 34 bytes per 32 weights = 8.5 bits; the layers' norm vectors stay F32 (+0.002 bits here).
    expect(applyQuantFormat(findQuantFormat('Q8_0')!, m).llm.bpw).toBeCloseTo(8.5, 2);
  });
});

describe('the issue\'s own question, answered', () => {
  it('estimate --device "Pixel 9 Pro" --model google/gemma-3-1b-it --quant Q4_K_M says what each name resolved to', async () => {
    const r = await mmplan(['estimate', '--device', 'Pixel 9 Pro', '--model', 'google/gemma-3-1b-it', '--quant', 'Q4_K_M']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/model: 'google\/gemma-3-1b-it' -> Gemma-3-1B-IT \(gemma-3-1b\)/);
    expect(r.stdout).toMatch(/device: 'Pixel 9 Pro' -> Google Pixel 9 Pro: Google Tensor G4 \(tensor-g4\), 16 GB RAM/);
    expect(r.stdout).toMatch(/quant: Q4_K_M \(llama\.cpp recipe for this model\)/);
  });
  it('a quantization in the model name is used, and one contradicting --quant is refused', async () => {
    const ok = await mmplan(['estimate', '--device', 'Galaxy S24 Ultra', '--model', 'Llama-3.2-1B-Instruct-Q8_0.gguf', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).memory_gb.weights_by_component.llm).toBeGreaterThan(0.9);
    const clash = await mmplan(['estimate', '--model', 'Llama-3.2-1B-Instruct-Q8_0.gguf', '--quant', 'Q4_K_M']);
    expect(clash.stderr).toMatch(/--quant: the model name says Q8_0 but --quant says Q4_K_M; give one/);
  });
});
