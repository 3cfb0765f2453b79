/**
 * Parameter checking for tiling policies. Scenario files and CLI flags carry policy parameters as
 * free-form key/values, so a typo ("max_nums") or a string where a number belongs must fail loudly
 * with the parameter's name, not silently fall back to a default.
 */
import { TilingError, type ParamKind } from './types.js';

function describe(kind: ParamKind): string {
  switch (kind.kind) {
    case 'int':
      return `an integer >= ${kind.min}`;
    case 'number':
      return kind.max === undefined
        ? `a number ${kind.minExclusive ? '>' : '>='} ${kind.min}`
        : `a number in ${kind.minExclusive ? '(' : '['}${kind.min}, ${kind.max}]`;
    case 'bool':
      return 'true or false';
    case 'enum':
      return `one of ${kind.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pairs':
      return 'a non-empty list of [a, b] pairs of positive integers';
  }
}

function matches(kind: ParamKind, v: unknown): boolean {
  switch (kind.kind) {
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= kind.min;
    case 'number':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (kind.minExclusive ? v > kind.min : v >= kind.min) &&
        (kind.max === undefined || v <= kind.max)
      );
    case 'bool':
      return typeof v === 'boolean';
    case 'enum':
      return typeof v === 'string' && kind.values.includes(v);
    case 'pairs':
      return (
        Array.isArray(v) &&
        v.length > 0 &&
        v.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'number' && Number.isSafeInteger(x) && x > 0))
      );
  }
}

/** Defaults overlaid with `given`, after checking every given name and value against `kinds`. */
export function resolveParams(
  policy: string,
  kinds: Record<string, ParamKind>,
  defaults: Record<string, unknown>,
  given: Record<string, unknown>,
): Record<string, unknown> {
  if (given === null || typeof given !== 'object' || Array.isArray(given))
    throw new TilingError(`${policy}: params must be an object of name: value`);
  for (const [name, value] of Object.entries(given)) {
    const kind = kinds[name];
    if (kind === undefined)
      throw new TilingError(`${policy}: unknown parameter "${name}" (accepted: ${Object.keys(kinds).join(', ')})`);
    if (!matches(kind, value))
      throw new TilingError(`${policy}: parameter "${name}" expected ${describe(kind)}, found ${JSON.stringify(value)}`);
  }
  return structuredClone({ ...defaults, ...given });
}
