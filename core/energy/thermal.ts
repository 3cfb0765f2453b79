/**
 * Sustained speed under a thermal limit. The device dissipates `sustain_w` steadily and can absorb
 * `heat_j` above it: a load of P watts > sustain_w runs at full speed for heat_j / (P - sustain_w)
 * seconds, then the governor lowers clocks until the power meets sustain_w. With dynamic voltage
 * and frequency scaling power goes roughly as f^3 (P ~ C V^2 f, V ~ f), so the throttled speed is
 * (sustain_w / P)^(1/3) of the burst speed: a phone GPU at 8 W held to 4.5 W keeps 83%; a unit
 * that runs below the limit (an NPU at 3-4 W) never throttles.
 */
export type Thermal = {
  /** Seconds of continuous load before throttling starts (null: the load never throttles). */
  throttle_at_s: number | null;
  /** Fraction of burst speed kept once throttled (1 when it never throttles). */
  factor: number;
};

/** Exponent of speed in power under DVFS (P ~ f^3). */
const DVFS_EXPONENT = 1 / 3;

export function thermal(loadWatts: number, sustainW: number, heatJ: number): Thermal {
  if (loadWatts <= sustainW) return { throttle_at_s: null, factor: 1 };
  return { throttle_at_s: heatJ / (loadWatts - sustainW), factor: (sustainW / loadWatts) ** DVFS_EXPONENT };
}

/** The speed factor after `seconds` of continuous load. */
export function factorAfter(t: Thermal, seconds: number): number {
  return t.throttle_at_s !== null && seconds >= t.throttle_at_s ? t.factor : 1;
}
