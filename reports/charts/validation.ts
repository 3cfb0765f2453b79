/**
 * Validation charts: predicted against measured for every record (log-log, one colour per engine,
 * with the y = x line), and the median absolute percentage error per metric. Without validation
 * data both return an empty chart whose title says so, so a report can always show the slot.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ReportData } from '../types.js';
import { HIDDEN_AXIS, axis, legend, logAxis, palette, refLine, seriesMarker, titles, widen } from './style.js';

type XY = { x: number; y: number };

/** A chart with only a title, for a report without validation data. */
function noValidation(what: string): ChartConfiguration {
  return widen({
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      plugins: { ...titles(`${what}: no validation data`, 'the report was built without measurements to compare with'), legend: legend({ display: false }) },
      scales: { x: HIDDEN_AXIS, y: HIDDEN_AXIS },
    },
  });
}

/** Predicted (y) vs measured (x), log-log; metrics share the axes since only the ratio matters. */
export function validationScatter(data: ReportData): ChartConfiguration {
  const v = data.validation;
  const records = v?.records.filter((r) => r.measured > 0 && r.predicted > 0) ?? [];
  if (!records.length) return noValidation('Predicted vs measured');
  const engines = [...new Set(records.map((r) => r.engine))].sort();
  const byEngine: ChartDataset<'scatter', XY[]>[] = engines.map((engine, i) => {
    const { color, pointStyle } = seriesMarker(i);
    return {
      label: engine,
      data: records.filter((r) => r.engine === engine).map((r) => ({ x: r.measured, y: r.predicted, id: r.id, metric: r.metric, device: r.device })),
      backgroundColor: color,
      borderColor: color,
      pointStyle,
      pointRadius: 5,
      pointHoverRadius: 7,
    };
  });
  const values = records.flatMap((r) => [r.measured, r.predicted]);
  const [lo, hi] = [Math.min(...values) / 1.5, Math.max(...values) * 1.5];
  const identity = { ...refLine('predicted = measured', palette.muted), data: [{ x: lo, y: lo }, { x: hi, y: hi }] };
  return widen({
    type: 'scatter',
    data: { datasets: [...byEngine, identity] },
    options: {
      animation: false,
      plugins: {
        ...titles('Predicted vs measured', `${records.length} records, ${engines.length} engines; each in its metric's unit (s, tok/s, GB), log-log`),
        legend: legend({ pointStyle: true }),
      },
      scales: {
        x: logAxis('measured (metric unit)', { min: lo, max: hi }),
        y: logAxis('predicted (metric unit)', { min: lo, max: hi }),
      },
    },
  });
}

/** Median absolute percentage error per metric, with the record count in the label. */
export function validationErrors(data: ReportData): ChartConfiguration {
  const rows = data.validation?.by_metric.filter((m) => Number.isFinite(m.median_ape)) ?? [];
  if (!rows.length) return noValidation('Prediction error by metric');
  return widen({
    type: 'bar',
    data: {
      labels: rows.map((m) => `${m.key} (n=${m.n})`),
      datasets: [{ label: 'median |error| (%)', data: rows.map((m) => m.median_ape), backgroundColor: palette.series[0], barPercentage: 0.6 }],
    },
    options: {
      animation: false,
      plugins: { ...titles('Prediction error by metric', 'median absolute percentage error of the predictions against the measurements'), legend: legend({ display: false }) },
      scales: { x: axis('metric (number of records)'), y: axis('median absolute error (%)', { beginAtZero: true }) },
    },
  });
}
