/**
 * What a sweep produces: the compiled spec and its evaluator, the slice evaluated, counts, the
 * Pareto front (as full rows), the ranked top plans, and the objective vectors of every feasible
 * row (for charts). Reports and printers read this; the runner (threads, files) lives in cli/.
 */
import type { Evaluator, Resolver, SweepRow } from './evaluate.js';
import type { SweepSpec } from './spec.js';
import type { GroupPlan } from './groups.js';

export type SweepSetup = { spec: SweepSpec; evaluator: Evaluator; resolve: Resolver };

export type SweepResult = {
  setup: SweepSetup;
  range: [number, number];
  evaluated: number;
  feasible: number;
  invalid: number;
  /** Configurations where an axis has no meaning (a tile cap for a policy without one). */
  notApplicable: number;
  firstNotApplicable?: string;
  firstError?: string;
  front: SweepRow[];
  /** Recommended plans: the front's knee first (rank.ts), then the rest of the front. */
  top: SweepRow[];
  /** The knee of each (device, model, engine) when the axes vary them (groups.ts). */
  perGroup: GroupPlan[];
  /** Objective vectors of all feasible rows (for charts), with their indices. */
  feasibleIndex: Float64Array;
  feasibleObjectives: Float64Array;
  written?: string;
};
