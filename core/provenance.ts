/**
 * Provenance: where a number in a data file comes from.
 *
 * In device profiles and model configs any value may be written as a wrapper
 *   bandwidth: { value: "76.8 GB/s", source: "LPDDR5T 9600 MT/s x 64-bit", estimated: true, why: "bus width not published" }
 * `stripProvenance` returns the plain object the schemas validate (the wrapper replaced by its
 * value) and, keyed by dotted field path, what each wrapper said. Predictions list these so a
 * user can see which numbers are measured, estimated, calibrated or defaults.
 */

export type Provenance = {
  source: string;
  estimated: boolean;
  why?: string;
  /** Set by calibration: the value was fitted to measurements. */
  calibrated?: boolean;
};

export type ProvenanceMap = Record<string, Provenance>;

function isWrapper(v: unknown): v is { value: unknown; source?: unknown; estimated?: unknown; why?: unknown } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return 'value' in v && keys.every((k) => k === 'value' || k === 'source' || k === 'estimated' || k === 'why' || k === 'calibrated');
}

/** Problems with a wrapper (no source, estimated without why), reported with their path. */
export type ProvenanceIssue = { path: string; message: string };

export function stripProvenance(raw: unknown): { plain: unknown; provenance: ProvenanceMap; issues: ProvenanceIssue[] } {
  const provenance: ProvenanceMap = {};
  const issues: ProvenanceIssue[] = [];
  const walk = (v: unknown, path: string[]): unknown => {
    if (isWrapper(v)) {
      const p = path.join('.');
      if (typeof v.source !== 'string' || v.source.trim() === '') issues.push({ path: p + '.source', message: 'expected a source (URL or paper + table) for this value' });
      if (v.estimated !== undefined && typeof v.estimated !== 'boolean') issues.push({ path: p + '.estimated', message: 'expected true or false' });
      if (v.estimated === true && (typeof v.why !== 'string' || v.why.trim() === '')) issues.push({ path: p + '.why', message: 'estimated: true needs a why' });
      provenance[p] = {
        // Only a string is a source (the issue above names anything else); String() of an arbitrary object can throw.
        source: typeof v.source === 'string' ? v.source : '',
        estimated: v.estimated === true,
        ...(typeof v.why === 'string' ? { why: v.why } : {}),
        ...((v as { calibrated?: unknown }).calibrated === true ? { calibrated: true } : {}),
      };
      return v.value;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, String(i)]));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, [...path, k]);
      return out;
    }
    return v;
  };
  return { plain: walk(raw, []), provenance, issues };
}

/** Numeric leaves (numbers or quantity strings) that carry no provenance: for data-file hygiene tests. */
export function unsourcedNumbers(raw: unknown, ignore: (path: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string[]) => {
    if (isWrapper(v)) return;
    const p = path.join('.');
    if (typeof v === 'number' || (typeof v === 'string' && /^\s*[-+]?\d*\.?\d+(e[-+]?\d+)?\s*[a-zA-Z/]*\s*$/.test(v))) {
      if (!ignore(p)) out.push(p);
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(raw, []);
  return out;
}
