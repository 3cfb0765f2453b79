import type { EngineDefaults, ScenarioFile } from './schema/index.js';
import { GROUP_SCALE_BYTES } from './defaults.js';
import { findQuantFormat, isWideFormat } from './quant/presets.js';

/**
 * The engine's own defaults (activation width, prefill rows per call, preallocated context) under
 * what the user chose in a scenario file or a flag: `estimate --engine llama.cpp-cpu` computes with
 * int8 activations as llama.cpp does, and measurement records get the same defaults
 * (core/measurements.ts). A preset format (w4a16, 8da4w, AWQ) keeps its own activation width, and
 * 16-bit weights run with 16-bit activations.
 */
export function applyEngineDefaults(merged: ScenarioFile, d: EngineDefaults, fromFile: ScenarioFile, fromFlags: ScenarioFile, id: string): string[] {
  const set: string[] = [];
  // A GGUF type or a plain width leaves the activation width to the engine (llama.cpp's CPU backend
  // runs Q4_K_M with int8 activations, its GPU backends with fp16); a preset (w4a16, 8da4w, AWQ) fixes it.
  const f = merged.quant ? findQuantFormat(merged.quant) : undefined;
  const wide = f ? isWideFormat(merged.quant!) : (merged.llm?.wbits ?? 0) >= 16;
  if (d.activation_bits && fromFile.llm?.abits === undefined && fromFlags.llm?.abits === undefined && f?.kind !== 'preset' && !wide) {
    merged.llm = { ...merged.llm, abits: d.activation_bits };
    set.push(`${d.activation_bits}-bit activations`);
  }
  if (d.kv_bits && fromFile.kv_bits === undefined && fromFlags.kv_bits === undefined) {
    merged.kv_bits = d.kv_bits;
    set.push(`${d.kv_bits}-bit KV cache`);
  }
  const userGroup = fromFile.llm?.group_size ?? fromFlags.llm?.group_size;
  if (d.group_size && userGroup === undefined && !merged.quant && (merged.llm?.wbits ?? 4) < 8) {
    merged.llm = { ...merged.llm, group_size: d.group_size, scale_bytes: GROUP_SCALE_BYTES };
    set.push(`weight groups of ${d.group_size}`);
  }
  if (d.chunk && fromFile.chunk === undefined && fromFlags.chunk === undefined) {
    merged.chunk = d.chunk;
    set.push(`${d.chunk}-token prefill calls`);
  }
  if (d.kv_context && fromFile.kv_context === undefined && fromFlags.kv_context === undefined && fromFile.kv_capacity === undefined) {
    merged.kv_context = d.kv_context;
    set.push(`KV cache allocated for ${d.kv_context} positions`);
  }
  return set.length ? [`engine ${id} defaults: ${set.join(', ')} (device-profiles/engines/MECHANICS.md)`] : [];
}
