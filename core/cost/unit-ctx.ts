/** A compute unit and the DRAM bandwidth it attains: what every phase's time is computed on. */
import type { ComputeUnit } from '../schema/index.js';

export type UnitCtx = { unit: ComputeUnit; bandwidth: number };
