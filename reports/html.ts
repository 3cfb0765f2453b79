/**
 * The HTML co-design report: one self-contained file that works offline. chart.js is inlined from
 * node_modules, the data and chart configurations are embedded as JSON, and a Content-Security-
 * Policy forbids any network request. Everything that came from an input file is escaped: HTML
 * text through escapeHtml, embedded JSON with <, >, & and line separators as \u escapes (so a
 * model named "</script><script>..." stays text), and the page script only ever writes data with
 * textContent, never innerHTML.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import type { ReportData, PlanBreakdown } from './types.js';
import type { WhatIfInputs } from '../core/whatif.js';

export function escapeHtml(s: unknown): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a <script> element (no "</script>", no "<!--", no line separators). */
export function safeJson(v: unknown): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function chartJsSource(): string {
  // The UMD build is not in chart.js's "exports": find it beside the CommonJS entry.
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  // The library must not end our script element early.
  return readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script');
}

const fmtS = (x: number) => (x < 1 ? `${(x * 1000).toFixed(0)} ms` : `${x.toFixed(2)} s`);

function keyNumbers(b: PlanBreakdown, band: (m: string) => string): string {
  const rows: Array<[string, string]> = [
    ['time to first token', fmtS(b.latency_s.ttft) + band('ttft_s')],
    ['vision encode', fmtS(b.latency_s.vision_encode) + band('vision_encode_s')],
    ['prefill', fmtS(b.latency_s.prefill) + band('prefill_tok_s')],
    ['decode', `${b.decode_tok_s.toFixed(1)} tok/s` + band('decode_tok_s')],
    ['peak memory', `${b.memory_gb.peak.toFixed(2)} GB of ${b.memory_gb.usable.toFixed(1)} GB usable` + band('peak_mem_gb')],
    ['tokens', `${b.tokens.image} image + ${b.tokens.text} text`],
  ];
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/** `fields`: the output fields a Pareto chart plots (x, y), for the what-if panel's point. */
export type ChartSet = Record<string, { title: string; config: ChartConfiguration; png?: string; fields?: { x: string; y: string } }>;

/** The what-if panel: its inputs (embedded as JSON) and its script (reports/whatif/bundle.ts). */
export type WhatIfPanel = { inputs: WhatIfInputs; script: string };

const options = (values: Array<string | number>, label: (v: string | number) => string = String) =>
  values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(label(v))}</option>`).join('');

const datalist = (id: string, values: number[]) => `<datalist id="${id}">${values.map((v) => `<option value="${v}"></option>`).join('')}</datalist>`;

/** The outputs: each element's data-metric is the field of `mmplan estimate --json` it shows. */
const WHATIF_OUTPUTS: Array<[string, string]> = [
  ['time to first token', 'latency_s.ttft'],
  ['vision encode', 'latency_s.vision_encode'],
  ['prefill', 'latency_s.prefill'],
  ['decode', 'decode_tok_s.mean'],
  ['peak memory', 'memory_gb.peak'],
  ['usable memory', 'memory_gb.usable'],
  ['end to end', 'latency_s.e2e'],
  ['image tokens', 'tokens.image'],
  ['text tokens', 'tokens.text'],
  ['encoder images', 'tiles.count'],
];

/**
 * The what-if section: controls (device, engine, model, LLM weights, KV bits, tile cap, image size,
 * prefill chunk, ViT batch) and outputs, filled and kept current by the panel's script.
 */
function whatIfSection(w: WhatIfPanel): string {
  const o = w.inputs.options;
  // A control with a single choice stays visible (it says what the numbers are for) but looks fixed.
  const select = (name: string, label: string, body: string, count = 0) =>
    `<label${count === 1 ? ' class="fixed"' : ''}>${escapeHtml(label)} <select data-choice="${name}">${body}</select></label>`;
  const number = (name: string, label: string, list: number[], extra = '') =>
    `<label>${escapeHtml(label)} <input type="number" min="1" step="1" inputmode="numeric" data-choice="${name}"${list.length ? ` list="whatif-${name}"` : ''}${extra}></label>${list.length ? datalist(`whatif-${name}`, list) : ''}`;
  const weights =
    `<optgroup label="weight bits">${options(o.wbits.map((b) => `bits:${b}`), (v) => `${String(v).slice(5)}-bit`)}</optgroup>` +
    (o.quant.length ? `<optgroup label="named formats">${options(o.quant.map((q) => `quant:${q}`), (v) => String(v).slice(6))}</optgroup>` : '');
  return `<section id="what-if">
<h2>What if?</h2>
<p class="muted">Change a choice and the numbers below are recomputed in this page by mmplan's own cost and quality model, bundled from its sources: they are what <code>mmplan estimate --json</code> prints for the same choices over this sweep's base scenario (the command is shown below). The plan appears on the Pareto charts above as an orange diamond.</p>
<form id="whatif-form" class="whatif-controls no-print">
${select('device', 'device', options(o.device), o.device.length)}
${o.engine.length ? select('engine', 'engine', options(o.engine), o.engine.length) : ''}
${select('model', 'model', options(o.model), o.model.length)}
${select('weights', 'LLM weights', weights)}
${select('kv_bits', 'KV cache', options(o.kv_bits, (b) => `${b}-bit`))}
${number('max_tiles', 'tile cap', o.max_tiles, ` placeholder="policy's own"`)}
<label>image <input type="number" min="1" step="1" inputmode="numeric" data-choice="image_width" aria-label="image width"> x <input type="number" min="1" step="1" inputmode="numeric" data-choice="image_height" aria-label="image height"></label>
${number('chunk', 'prefill chunk', o.chunk)}
${number('vit_batch', 'ViT batch', o.vit_batch)}
</form>
<p id="whatif-status" class="muted" role="status"></p>
<div class="whatif-out">
<table class="kv" id="whatif-outputs">
${WHATIF_OUTPUTS.map(([label, field]) => `<tr><th>${escapeHtml(label)}</th><td data-metric="${field}">-</td></tr>`).join('\n')}
<tr><th>fits</th><td id="whatif-fits">-</td></tr>
</table>
<div><table class="kv" id="whatif-quality"><thead><tr><th>benchmark</th><th>predicted score</th><th>basis</th></tr></thead><tbody></tbody></table>
<p id="whatif-no-quality" class="muted" hidden>No quality evidence for this model.</p></div>
</div>
<p class="muted">Same as <code id="whatif-command"></code> with this base scenario as <code>base.yaml</code>:</p>
<details><summary>base.yaml</summary><pre>${escapeHtml(JSON.stringify(w.inputs.base, null, 2))}</pre></details>
</section>`;
}

export function renderHtml(data: ReportData, charts: ChartSet, whatif?: WhatIfPanel): string {
  const band = (m: string) => {
    const u = data.uncertainty.find((x) => x.metric === m);
    return u ? ` (±${u.band_pct.toFixed(0)}%, 68% band)` : '';
  };
  const q = data.question;
  const chartBlock = (key: string, extra = '') =>
    charts[key]
      ? `<figure class="chart"><canvas id="chart-${escapeHtml(key)}" data-chart="${escapeHtml(key)}"${charts[key].fields ? ` data-x="${escapeHtml(charts[key].fields!.x)}" data-y="${escapeHtml(charts[key].fields!.y)}"` : ''} width="1000" height="560" role="img" aria-label="${escapeHtml(charts[key].title)}"></canvas>${extra}<figcaption>${escapeHtml(charts[key].title)}${charts[key].png ? ` · <a href="${escapeHtml(charts[key].png!)}">PNG</a>` : ''}</figcaption></figure>`
      : '';
  const paretoKeys = Object.keys(charts).filter((k) => k.startsWith('pareto'));
  const configs = Object.fromEntries(Object.entries(charts).map(([k, v]) => [k, v.config]));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px; color: #1d2430; background: #fff; }
  h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid #dde2ea; padding-bottom: 4px; }
  .muted { color: #5b6676; } .note { background: #f4f6fa; border-left: 3px solid #6b7fa3; padding: 8px 12px; }
  .rec { background: #eef7f0; border-left: 4px solid #2e8b57; padding: 12px 16px; }
  table { border-collapse: collapse; } td, th { padding: 4px 8px; text-align: left; border-bottom: 1px solid #e6e9ef; font-variant-numeric: tabular-nums; }
  table.kv th { font-weight: 600; color: #3b4556; }
  #front-table th { cursor: pointer; user-select: none; background: #f4f6fa; position: sticky; top: 0; } #front-table tr.sel td { background: #fff6d6; }
  #front-table tbody tr { cursor: pointer; } .table-wrap { max-height: 420px; overflow: auto; border: 1px solid #e6e9ef; }
  figure.chart { margin: 16px 0; } figure.chart canvas { width: 100%; height: auto; border: 1px solid #eef0f4; }
  figcaption { font-size: 13px; color: #5b6676; } #breakdown { min-height: 40px; }
  select { font: inherit; } code { background: #f4f6fa; padding: 0 4px; }
  .whatif-controls { display: flex; flex-wrap: wrap; gap: 8px 18px; background: #fff8ef; border-left: 4px solid #ff7f0e; padding: 10px 14px; }
  .whatif-controls input[type=number] { width: 6.5em; font: inherit; } .whatif-controls label.fixed select { color: #5b6676; }
  .whatif-out { display: flex; flex-wrap: wrap; gap: 12px 40px; align-items: flex-start; } #whatif-quality td.basis { color: #5b6676; font-size: 13px; }
  .warn { color: #a4261b; font-weight: 600; } #what-if pre { background: #f4f6fa; padding: 8px; overflow: auto; }
  @media print { body { max-width: none; padding: 0; } .no-print, select { display: none; } .table-wrap { max-height: none; overflow: visible; } figure.chart { break-inside: avoid; } h2 { break-after: avoid; } }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(data.title)}</h1>
<div class="muted">mmplan co-design report · generated ${escapeHtml(data.generated)}</div>
</header>

<h2>The question</h2>
<table class="kv">
<tr><th>device</th><td>${escapeHtml(q.device_name)} (<code>${escapeHtml(q.device)}</code>)</td></tr>
<tr><th>model</th><td>${escapeHtml(q.model_name)} (<code>${escapeHtml(q.model)}</code>)</td></tr>
<tr><th>images</th><td>${escapeHtml(q.images.join(', ') || 'none')}</td></tr>
<tr><th>constraints</th><td>${escapeHtml(q.constraints.join('; ') || 'none')}</td></tr>
<tr><th>objectives</th><td>${escapeHtml(q.objectives.join(', '))}</td></tr>
${q.axes.map((a) => `<tr><th>axis <code>${escapeHtml(a.path)}</code></th><td>${escapeHtml(a.values.join(', '))}</td></tr>`).join('\n')}
</table>

<h2>Recommendation</h2>
<div class="rec">
<p><strong>${escapeHtml(Object.entries(data.chosen.config).map(([k, v]) => `${k} = ${v}`).join(', '))}</strong></p>
<p>${escapeHtml(data.recommendation)}</p>
${keyNumbers(data.chosen, band)}
</div>
${
  data.ship.length > 1
    ? `<h3>Ship this, per ${escapeHtml(Object.keys(data.ship[0].group).join(' and '))}</h3>
<p class="muted">The knee of each one's own front (a plan on one device is not judged against a faster device).</p>
<table class="kv" id="ship-this"><tr>${[...Object.keys(data.ship[0].group), 'choices', 'TTFT', 'decode', 'peak memory', ...(data.ship[0].quality ? ['quality'] : [])].map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>${data.ship
        .map((s) => `<tr>${[...Object.values(s.group), Object.entries(s.config).map(([k, v]) => `${k} = ${v}`).join(', '), `${s.ttft_s.toFixed(2)} s`, `${s.decode_tok_s.toFixed(1)} tok/s`, `${s.peak_gb.toFixed(2)} GB`, ...(s.quality ? [s.quality] : [])].map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</table>`
    : ''
}

<h2>Pareto front</h2>
<p class="muted">${escapeHtml(`${data.counts.evaluated.toLocaleString('en-US')} plans evaluated, ${data.counts.feasible.toLocaleString('en-US')} feasible, ${data.counts.front} distinct plans on the front${data.counts.front_rows > data.counts.front ? ` (${data.counts.front_rows} rows: choices that do not change any objective are shown once)` : ''}.`)}
${data.counts.downsampled ? `<span class="note">For display, ${escapeHtml(data.counts.plotted.toLocaleString('en-US'))} of the plans are plotted: every front plan and an even sample of the others.</span>` : ''}
Hover a point for its configuration; click a front point for its full breakdown.</p>
${paretoKeys.length > 1 ? `<label class="no-print">axes <select id="pareto-axes">${paretoKeys.map((k) => `<option value="${escapeHtml(k)}">${escapeHtml(charts[k].title)}</option>`).join('')}</select></label>` : ''}
${paretoKeys.map((k, i) => `<div class="pareto-view" data-key="${escapeHtml(k)}"${i > 0 ? ' hidden' : ''}>${chartBlock(k)}</div>`).join('\n')}
<div id="breakdown" class="note">Click a front point or a table row to see its breakdown.</div>
${whatif ? whatIfSection(whatif) : ''}

<h2>The front as a table</h2>
<div class="table-wrap"><table id="front-table"><thead></thead><tbody></tbody></table></div>

<h2>Where the time and memory go</h2>
${chartBlock('latency')}
${chartBlock('memory')}

<h2>Energy and speed after minutes of use</h2>
${chartBlock('energy')}
${chartBlock('sustained')}

<h2>Roofline</h2>
${chartBlock('roofline')}

<h2>Sensitivity around the recommended plan</h2>
${chartBlock('sensitivity-decode')}
${chartBlock('sensitivity-ttft')}
${chartBlock('sensitivity-memory')}

<h2>Tiling policies on this image</h2>
${chartBlock('tiles')}

<h2>Assumptions and evidence</h2>
<p class="muted">Which numbers are calibrated against measurements, estimated (with why) or defaults. The ± bands hold 68% of the leave-one-device-out validation errors (records predicted by fits that never saw their device) for the matching engine and metric.</p>
<ul>${data.uncertainty.map((u) => `<li>typical error of ${escapeHtml(u.metric)}: ±${escapeHtml(u.median_abs_pct.toFixed(0))}% (${escapeHtml(u.basis)})</li>`).join('')}</ul>
<ul>${data.assumptions.map((a) => `<li>${escapeHtml(a)}</li>`).join('\n')}</ul>

${
  data.validation
    ? `<h2>Validation: predicted vs measured</h2>
<p class="muted">Published on-device measurements shipped with mmplan, predicted with the shipped calibration. Median absolute errors below are ${data.validation.mode === 'device' ? 'leave-one-device-out (each record predicted by a fit that never saw its device: what a phone nobody measured can expect)' : data.validation.mode === 'record' ? 'leave-one-record-out (each record predicted by a fit that did not see it)' : 'in sample (the calibration saw these records)'}.</p>
<table class="kv"><tr><th>metric</th><th>records</th><th>median |error|</th><th>within ±25%</th></tr>${data.validation.by_metric.map((m) => `<tr><td>${escapeHtml(m.key)}</td><td>${m.n}</td><td>${m.median_ape.toFixed(1)}%</td><td>${Math.round(m.within_25 * 100)}%</td></tr>`).join('')}</table>
${chartBlock('validation-scatter')}
${chartBlock('validation-errors')}`
    : ''
}

<script type="application/json" id="report-data">${safeJson(data)}</script>
<script type="application/json" id="chart-configs">${safeJson(configs)}</script>
<script>${chartJsSource()}</script>
<script>${PAGE_SCRIPT}</script>
${whatif ? `<script type="application/json" id="whatif-inputs">${safeJson(whatif.inputs)}</script>\n<script>${whatif.script}</script>` : ''}
</body>
</html>
`;
}

/** The page's own script: static text, no input interpolated into it. */
const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var CONFIGS = JSON.parse(document.getElementById('chart-configs').textContent);
  var byIndex = {};
  DATA.points.forEach(function (p) { byIndex[p.index] = p; });
  var breakdowns = {};
  DATA.front.concat([DATA.chosen]).forEach(function (b) { breakdowns[b.index] = b; });
  function fmt(x) { return typeof x !== 'number' || !isFinite(x) ? '-' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3); }
  function configText(index) {
    var p = byIndex[index] || breakdowns[index];
    if (!p) return 'plan ' + index;
    return Object.keys(p.config).map(function (k) { return k + '=' + p.config[k]; }).join(', ');
  }
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  function showBreakdown(index) {
    var b = breakdowns[index];
    var box = document.getElementById('breakdown');
    box.textContent = '';
    box.setAttribute('data-index', String(index));
    if (!b) { box.appendChild(el('p', 'Plan ' + index + ' (' + configText(index) + ') is not on the front: no breakdown kept.')); return; }
    box.appendChild(el('strong', 'Plan ' + index + ': ' + configText(index)));
    var t = el('table'); t.className = 'kv';
    var rows = [
      ['TTFT', fmt(b.latency_s.ttft) + ' s'], ['preprocess', fmt(b.latency_s.preprocess) + ' s'], ['vision encode', fmt(b.latency_s.vision_encode) + ' s'],
      ['projector', fmt(b.latency_s.projector) + ' s'], ['prefill', fmt(b.latency_s.prefill) + ' s'], ['decode (all tokens)', fmt(b.latency_s.decode_total) + ' s'],
      ['decode speed', fmt(b.decode_tok_s) + ' tok/s'], ['end to end', fmt(b.latency_s.e2e) + ' s'],
      ['weights ViT / projector / LLM / embeddings', [b.memory_gb.vit, b.memory_gb.projector, b.memory_gb.llm, b.memory_gb.embeddings].map(fmt).join(' / ') + ' GB'],
      ['KV cache', fmt(b.memory_gb.kv_cache) + ' GB'], ['activations', fmt(b.memory_gb.activations) + ' GB'], ['runtime', fmt(b.memory_gb.runtime) + ' GB'],
      ['peak memory', fmt(b.memory_gb.peak) + ' GB of ' + fmt(b.memory_gb.usable) + ' GB usable'],
      ['tokens', b.tokens.image + ' image + ' + b.tokens.text + ' text'], ['encoder images', String(b.tiles)]
    ].concat(Object.keys(b.quality || {}).map(function (q) { return [q, b.quality[q].score.toFixed(1) + ' (' + b.quality[q].basis + ')']; }));
    rows.forEach(function (r) { var tr = el('tr'); tr.appendChild(el('th', r[0])); tr.appendChild(el('td', r[1])); t.appendChild(tr); });
    box.appendChild(t);
    Array.prototype.forEach.call(document.querySelectorAll('#front-table tbody tr'), function (tr) { tr.className = tr.getAttribute('data-index') === String(index) ? 'sel' : ''; });
  }
  var charts = {};
  Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), function (canvas) {
    var key = canvas.getAttribute('data-chart');
    var cfg = CONFIGS[key];
    if (!cfg) return;
    cfg.options = cfg.options || {};
    cfg.options.responsive = false;
    cfg.options.animation = false;
    // Log axes: label only 1, 2 and 5 x 10^k, as the PNG renderer does (reports/png.ts).
    Object.keys(cfg.options.scales || {}).forEach(function (id) {
      var sc = cfg.options.scales[id];
      if (!sc || sc.type !== 'logarithmic') return;
      var nf = new Intl.NumberFormat('en-US', (sc.ticks && sc.ticks.format) || { maximumSignificantDigits: 3 });
      sc.ticks = sc.ticks || {};
      sc.ticks.callback = function (value) {
        var v = Number(value), m = v / Math.pow(10, Math.floor(Math.log10(v)));
        return [1, 2, 5, 10].some(function (k) { return Math.abs(m - k) < 1e-6; }) ? nf.format(v) : '';
      };
    });
    if (key.indexOf('pareto') === 0) {
      cfg.options.plugins = cfg.options.plugins || {};
      cfg.options.interaction = { mode: 'nearest', intersect: true };
      cfg.options.plugins.tooltip = { callbacks: { label: function (ctx) { var r = ctx.raw || {}; return r.index !== undefined ? configText(r.index) + ' (' + fmt(r.x) + ', ' + fmt(r.y) + ')' : ctx.dataset.label; } } };
      cfg.options.onClick = function (evt, elements, chart) {
        // Overlapping points: prefer one with a breakdown (front or chosen plan).
        var picked = null;
        elements.forEach(function (e) {
          var raw = chart.data.datasets[e.datasetIndex].data[e.index];
          if (raw && raw.index !== undefined && (picked === null || (!breakdowns[picked] && breakdowns[raw.index]))) picked = raw.index;
        });
        if (picked !== null) showBreakdown(picked);
      };
    }
    charts[key] = new Chart(canvas, cfg);
  });
  var sel = document.getElementById('pareto-axes');
  if (sel) sel.addEventListener('change', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.pareto-view'), function (v) { v.hidden = v.getAttribute('data-key') !== sel.value; });
  });
  // The front as a sortable table.
  var axes = DATA.question.axes.map(function (a) { return a.path; });
  var cols = axes.map(function (a) { return { label: a, get: function (b) { return b.config[a]; } }; }).concat([
    { label: 'TTFT (s)', get: function (b) { return b.latency_s.ttft; } },
    { label: 'decode (tok/s)', get: function (b) { return b.decode_tok_s; } },
    { label: 'peak memory (GB)', get: function (b) { return b.memory_gb.peak; } },
    { label: 'encode (s)', get: function (b) { return b.latency_s.vision_encode; } },
    { label: 'prefill (s)', get: function (b) { return b.latency_s.prefill; } },
    { label: 'image tokens', get: function (b) { return b.tokens.image; } }
  ]).concat(Object.keys((DATA.chosen.quality || {})).map(function (q) {
    // Quality columns say how the score was obtained: measured, interpolated or extrapolated.
    return { label: q + ' (basis)', get: function (b) { var x = (b.quality || {})[q]; return x ? x.score.toFixed(1) + ' ' + x.basis : '-'; } };
  }));
  var table = document.getElementById('front-table');
  var head = el('tr');
  var sortCol = cols.length - 6, sortDir = 1;
  cols.forEach(function (c, i) {
    var th = el('th', c.label);
    th.addEventListener('click', function () { sortDir = sortCol === i ? -sortDir : 1; sortCol = i; fill(); });
    head.appendChild(th);
  });
  table.tHead.appendChild(head);
  function fill() {
    var rows = DATA.front.slice().sort(function (a, b) {
      var x = cols[sortCol].get(a), y = cols[sortCol].get(b);
      var nx = parseFloat(x), ny = parseFloat(y);
      var d = !isNaN(nx) && !isNaN(ny) ? nx - ny : String(x).localeCompare(String(y));
      return d * sortDir || a.index - b.index;
    });
    var body = table.tBodies[0];
    body.textContent = '';
    rows.forEach(function (b) {
      var tr = el('tr');
      tr.setAttribute('data-index', String(b.index));
      cols.forEach(function (c) { var v = c.get(b); tr.appendChild(el('td', typeof v === 'number' ? fmt(v) : String(v))); });
      tr.addEventListener('click', function () { showBreakdown(b.index); });
      body.appendChild(tr);
    });
  }
  fill();
  window.__mmplan = { ready: true, charts: charts, showBreakdown: showBreakdown };
})();
`;
