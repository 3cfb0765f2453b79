/**
 * Decode speed over minutes of back-to-back use: per plan, its burst speed until the heat budget is
 * spent, then the throttled speed (core/energy/thermal.ts), over the first 30 minutes. A plan that
 * never throttles is a flat line.
 */
import type { ChartConfiguration } from 'chart.js';
import type { PlanBreakdown, ReportData } from '../types.js';
import { barLabel, selectPlans } from './plans.js';
import { axis, legend, seriesColor, titles, widen } from './style.js';

export type SustainedOpts = { plans?: number; minutes?: number };

/** The speed curve of one plan as points at each minute and at the throttling step. @internal */
export function speedCurve(p: PlanBreakdown, minutes: number): Array<{ x: number; y: number }> {
  const burst = p.decode_tok_s;
  const s = p.sustained;
  if (!s || s.throttle_at_s === null || s.throttle_at_s / 60 >= minutes) return [{ x: 0, y: burst }, { x: minutes, y: burst }];
  const at = s.throttle_at_s / 60;
  return [{ x: 0, y: burst }, { x: at, y: burst }, { x: at, y: burst * s.throttled_factor }, { x: minutes, y: burst * s.throttled_factor }];
}

export function sustainedChart(data: ReportData, opts: SustainedOpts = {}): ChartConfiguration {
  const minutes = opts.minutes ?? 30;
  const plans = selectPlans(data, opts.plans ?? 5);
  return widen({
    type: 'line',
    data: {
      datasets: plans.map((p, i) => ({ label: barLabel(p, data), data: speedCurve(p, minutes), borderColor: seriesColor(i), backgroundColor: seriesColor(i), pointRadius: 0, borderWidth: p.index === data.chosen.index ? 3 : 1.5 })),
    },
    options: {
      animation: false,
      plugins: {
        ...titles('Decode speed over minutes of use', `${data.question.device_name}: burst speed until the heat budget is spent, then throttled (estimated thermal model)`),
        legend: legend({}),
      },
      scales: { x: { ...axis('minutes of back-to-back requests'), type: 'linear', min: 0, max: minutes }, y: axis('decode (tok/s)', { beginAtZero: true }) },
    },
  });
}
