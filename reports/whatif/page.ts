/**
 * The what-if panel's script (browser): reads the inputs the report embeds (#whatif-inputs), wires
 * the controls of <section id="what-if"> (markup from reports/html.ts), and on every change
 * recomputes the estimate with core/whatif.ts, the code `mmplan estimate` runs, bundled into the
 * page by reports/whatif/bundle.ts. Outputs are the elements with data-metric="<estimate field>":
 * their text is the rounded value, their data-value the full one. The plan is drawn on every Pareto
 * chart as one more dataset. Writes only with textContent and attributes, never innerHTML.
 */
import { whatIf, fieldOf, choicesToArgs, type WhatIfChoices, type WhatIfInputs } from '../../core/whatif.js';
import type { Estimate } from '../../core/types.js';
import { DEFAULT_IMAGE } from '../../core/defaults.js';
import { formatField } from './format.js';

type ChartLike = { data: { datasets: Array<Record<string, unknown>> }; update: (mode?: string) => void };
type PageApi = { ready?: boolean; charts?: Record<string, ChartLike>; whatif?: WhatIfApi };
type WhatIfApi = { ready: boolean; choices: WhatIfChoices; estimate?: Estimate; error?: string; updates: number; recompute: () => void };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

function start(): void {
  const section = document.getElementById('what-if');
  const source = document.getElementById('whatif-inputs');
  if (!section || !source) return;
  const inputs = JSON.parse(source.textContent ?? '{}') as WhatIfInputs;
  const page = ((window as unknown as { __mmplan?: PageApi }).__mmplan ??= {});
  const control = (name: string) => section.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-choice="${name}"]`);
  const status = document.getElementById('whatif-status')!;
  const command = document.getElementById('whatif-command');
  const qualityBody = section.querySelector<HTMLTableSectionElement>('#whatif-quality tbody');

  // Controls start at the recommended plan; the image fields, for a text-only plan, at the base's images.
  const init = inputs.initial;
  const seedImages = init.images ?? inputs.base.images ?? [DEFAULT_IMAGE];
  const set = (name: string, v: string | number | undefined) => {
    const c = control(name);
    if (c) c.value = v === undefined ? '' : String(v);
  };
  set('device', init.device);
  set('engine', init.engine);
  set('model', init.model);
  set('weights', init.quant !== undefined ? `quant:${init.quant}` : `bits:${init.wbits}`);
  set('kv_bits', init.kv_bits);
  set('max_tiles', init.max_tiles);
  set('image_width', seedImages[0]?.width);
  set('image_height', seedImages[0]?.height);
  set('chunk', init.chunk);
  set('vit_batch', init.vit_batch);

  const intOf = (name: string): number | undefined => {
    const c = control(name);
    if (!c || c.value.trim() === '') return undefined;
    return Number(c.value);
  };

  function choices(): WhatIfChoices {
    const model = control('model')?.value ?? init.model;
    const vision = inputs.models[model]?.model.vision !== undefined;
    const weights = control('weights')?.value ?? '';
    const w = intOf('image_width');
    const h = intOf('image_height');
    // The first image is the one the panel sizes; any others of the plan stay as they are.
    const images = vision ? seedImages.map((img, i) => (i === 0 ? { width: w ?? NaN, height: h ?? NaN } : img)) : undefined;
    const engine = control('engine')?.value || undefined;
    return {
      device: control('device')?.value ?? init.device,
      ...(engine ? { engine } : {}),
      model,
      ...(weights.startsWith('quant:') ? { quant: weights.slice(6) } : { wbits: Number(weights.slice(5)) }),
      kv_bits: intOf('kv_bits') ?? init.kv_bits,
      ...(vision && intOf('max_tiles') !== undefined ? { max_tiles: intOf('max_tiles') } : {}),
      ...(images ? { images } : {}),
      chunk: intOf('chunk') ?? NaN,
      vit_batch: intOf('vit_batch') ?? NaN,
    };
  }

  // One more dataset on every Pareto chart: this panel's plan.
  const marks: Array<{ chart: ChartLike; x: string; y: string; ds: Record<string, unknown> }> = [];
  document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart][data-x][data-y]').forEach((canvas) => {
    const chart = page.charts?.[canvas.dataset.chart!];
    if (!chart) return;
    const ds: Record<string, unknown> = {
      label: 'what-if (panel below)',
      data: [],
      order: -1,
      pointStyle: 'rectRot',
      pointRadius: 11,
      pointHoverRadius: 13,
      borderWidth: 3,
      borderColor: '#ff7f0e',
      backgroundColor: 'rgba(255, 127, 14, 0.35)',
    };
    chart.data.datasets.push(ds);
    marks.push({ chart, x: canvas.dataset.x!, y: canvas.dataset.y!, ds });
  });

  const api: WhatIfApi = { ready: false, choices: init, updates: 0, recompute };

  function show(e: Estimate | undefined): void {
    section!.querySelectorAll<HTMLElement>('[data-metric]').forEach((o) => {
      const field = o.dataset.metric!;
      const v = e ? fieldOf(e, field) : NaN;
      o.textContent = formatField(field, v);
      if (Number.isFinite(v)) o.dataset.value = String(v);
      else delete o.dataset.value;
    });
    const fits = document.getElementById('whatif-fits');
    if (fits) fits.textContent = !e ? '-' : e.fits ? `yes (${(e.memory_gb.usable - e.memory_gb.peak).toFixed(2)} GB to spare)` : `NO, ${e.miss_gb.toFixed(2)} GB over usable memory`;
    for (const m of marks) {
      const x = e ? fieldOf(e, m.x) : NaN;
      const y = e ? fieldOf(e, m.y) : NaN;
      m.ds.data = Number.isFinite(x) && Number.isFinite(y) ? [{ x, y }] : [];
      m.chart.update('none');
    }
  }

  /** Quality rows follow the model's benchmarks; the score cells are outputs like the others. */
  function qualityRows(e: Estimate | undefined): void {
    if (!qualityBody) return;
    const names = Object.keys(e?.quality ?? {});
    const have = Array.from(qualityBody.rows).map((r) => r.dataset.benchmark);
    if (have.join('|') !== names.join('|')) {
      qualityBody.textContent = '';
      for (const b of names) {
        const tr = el('tr');
        tr.dataset.benchmark = b;
        tr.appendChild(el('th', b));
        const td = el('td');
        td.dataset.metric = `quality.${b}.score`;
        tr.appendChild(td);
        const basis = el('td');
        basis.className = 'basis';
        tr.appendChild(basis);
        qualityBody.appendChild(tr);
      }
    }
    Array.from(qualityBody.rows).forEach((tr) => {
      const q = e?.quality?.[tr.dataset.benchmark!];
      const cell = tr.querySelector('.basis');
      if (!(cell instanceof HTMLElement)) return;
      // The basis in a word; what it rests on (transfers, assumed effects) on hover.
      cell.textContent = q ? q.basis : '-';
      cell.title = q ? q.notes.join('\n') : '';
    });
    const none = document.getElementById('whatif-no-quality');
    if (none) none.hidden = names.length > 0;
  }

  function recompute(): void {
    // Controls that do not apply to this model (a text-only one: no image, no tiles) are greyed.
    const vision = inputs.models[control('model')?.value ?? init.model]?.model.vision !== undefined;
    for (const n of ['max_tiles', 'image_width', 'image_height']) {
      const ctl = control(n);
      if (ctl) ctl.disabled = !vision;
    }
    const c = choices();
    api.choices = c;
    let e: Estimate | undefined;
    try {
      e = whatIf(inputs, c);
      api.error = undefined;
      status.textContent = e.fits ? '' : 'This plan does not fit in usable memory.';
      status.className = e.fits ? 'muted' : 'warn';
    } catch (err) {
      // Named by the scenario field it concerns, as the CLI names it ("chunk: expected ...").
      const field = (err as { field?: string }).field;
      api.error = (field ? `${field}: ` : '') + (err as Error).message;
      status.textContent = `Cannot estimate this plan: ${api.error}`;
      status.className = 'warn';
    }
    api.estimate = e;
    qualityRows(e);
    show(e);
    if (command) command.textContent = ['mmplan estimate --json --scenario base.yaml', ...choicesToArgs(c).map((a) => (/^[\w.:=/-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))].join(' ');
    api.updates++;
  }

  section.querySelectorAll<HTMLElement>('[data-choice]').forEach((c) => {
    c.addEventListener('input', recompute);
    c.addEventListener('change', recompute);
  });
  section.querySelector('form')?.addEventListener('submit', (ev) => ev.preventDefault());
  page.whatif = api;
  recompute();
  api.ready = true;
}

start();
