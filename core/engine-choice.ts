/**
 * The engine an estimate runs on when the user names none: per chip vendor and compute unit, the
 * vendor's own LLM runtime where one ships, else llama.cpp, the open runtime most on-device apps
 * embed (PocketPal, ChatterUI, LM Studio and Ollama build on it). `--engine none` asks for the device
 * profile's bare unit defaults instead (what sweeps and reports use unless their spec names an engine).
 */
import type { DeviceProfile, UnitKind } from './schema/index.js';

export type EngineChoice = { engine: string; why: string };

const LLAMA_CPP = 'the open runtime most on-device apps embed';

const BY_VENDOR: Record<string, Partial<Record<UnitKind, EngineChoice>>> = {
  qualcomm: {
    npu: { engine: 'qnn-genie', why: "Qualcomm's own LLM runtime for the Hexagon NPU (Genie, Qualcomm AI Hub)" },
    gpu: { engine: 'llama.cpp-gpu', why: `${LLAMA_CPP}; its OpenCL backend for Adreno is Qualcomm's contribution` },
    cpu: { engine: 'llama.cpp-cpu', why: LLAMA_CPP },
  },
  mediatek: {
    npu: { engine: 'neuropilot-npu', why: "MediaTek's own SDK for its APU (NeuroPilot), which BlueLM-V-3B's paper deployment used" },
    gpu: { engine: 'llama.cpp-gpu', why: LLAMA_CPP },
    cpu: { engine: 'llama.cpp-cpu', why: LLAMA_CPP },
  },
  google: {
    npu: { engine: 'litert-npu', why: "Google's own on-device runtime (LiteRT, Google AI Edge)" },
    gpu: { engine: 'litert-gpu', why: "Google's own on-device runtime (LiteRT, Google AI Edge)" },
    cpu: { engine: 'litert-cpu', why: "Google's own on-device runtime (LiteRT, Google AI Edge)" },
  },
  apple: {
    gpu: { engine: 'mlx', why: "Apple's own array framework for Apple silicon (MLX)" },
    npu: { engine: 'coreml-ane', why: "Apple's own framework for the Neural Engine (Core ML)" },
    cpu: { engine: 'llama.cpp-cpu', why: LLAMA_CPP },
  },
  nvidia: {
    gpu: { engine: 'cuda', why: "NVIDIA's own GPU stack (CUDA)" },
    cpu: { engine: 'llama.cpp-cpu', why: LLAMA_CPP },
  },
};

const ANY_VENDOR: Partial<Record<UnitKind, EngineChoice>> = {
  gpu: { engine: 'llama.cpp-gpu', why: LLAMA_CPP },
  cpu: { engine: 'llama.cpp-cpu', why: LLAMA_CPP },
};

/** The default engine for a unit of a device, or undefined when none fits (the unit's bare defaults apply). */
export function defaultEngine(device: DeviceProfile, unit: UnitKind): EngineChoice | undefined {
  const vendor = device.family?.vendor;
  return (vendor ? BY_VENDOR[vendor]?.[unit] : undefined) ?? ANY_VENDOR[unit];
}
