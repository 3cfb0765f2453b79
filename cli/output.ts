/**
 * Output: data to stdout, logs to stderr. Human tables by default; colour only on a TTY and never
 * when NO_COLOR is set (https://no-color.org).
 */
export const useColor = (stream: NodeJS.WriteStream = process.stdout): boolean => !process.env.NO_COLOR && stream.isTTY === true;

export const style = {
  bold: (s: string) => (useColor() ? `\x1b[1m${s}\x1b[22m` : s),
  dim: (s: string) => (useColor() ? `\x1b[2m${s}\x1b[22m` : s),
  red: (s: string) => (useColor() ? `\x1b[31m${s}\x1b[39m` : s),
  green: (s: string) => (useColor() ? `\x1b[32m${s}\x1b[39m` : s),
};

/** A plain text table: first row is the header; numeric-looking cells are right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const isNum = (s: string) => /^[-+]?[\d.,]+(\s*[a-zA-Z%/]+)?$/.test(s.trim());
  return rows
    .map((r, ri) =>
      r
        .map((c, i) => (ri > 0 && isNum(c) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** CSV with quoting where needed. */
export function csv(rows: Array<Array<string | number | boolean>>): string {
  const cell = (v: string | number | boolean) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Split one CSV line into cells (RFC 4180 quoting: "a, b" and "" for a quote). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cell), (cell = '');
    else cell += c;
  }
  out.push(cell);
  return out;
}

/** Flatten a nested object into dotted keys (for CSV of an estimate). */
export function flatten(obj: unknown, prefix = '', out: Record<string, string | number | boolean> = {}): Record<string, string | number | boolean> {
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(obj)) {
    if (obj.every((x) => typeof x !== 'object')) out[prefix] = obj.join(prefix === 'assumptions' ? '; ' : ' ');
    else obj.forEach((x, i) => flatten(x, `${prefix}.${i}`, out));
  } else if (obj !== undefined) {
    out[prefix] = obj as string | number | boolean;
  }
  return out;
}

/** A one-line warning on stderr: the run goes on, but the user should know. */
export function warn(message: string): void {
  process.stderr.write(`mmplan: warning: ${message}\n`);
}
