/**
 * Reading a config.json: typed access to one config object that names the field in every error
 * ("llm_config.hidden_size: missing"), fills absent fields of nested text configs from their
 * class defaults and records which it filled. A config is data from a user: a wrong field is a
 * one-line error, never a guess.
 */
import { InputError } from '../../errors.js';

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function show(v: unknown): string {
  return JSON.stringify(v)?.slice(0, 40) ?? String(v);
}

/**
 * Typed access to one config object. `at` is the dotted prefix used in error messages
 * ("" at the top level, "llm_config." inside it); `defaults` fill absent fields (nested text
 * configs only) and every default used is recorded in `filled`.
 */
export class Fields {
  private readonly defaulted = new Set<string>();

  constructor(
    readonly obj: Json,
    readonly at = '',
    private readonly defaults: Json = {},
  ) {}

  private raw(key: string): unknown {
    const v = this.obj[key];
    if (v !== undefined && v !== null) return v;
    if (key in this.defaults) {
      this.defaulted.add(`${this.at}${key}`);
      return this.defaults[key];
    }
    return undefined;
  }

  /** Fields that took a default because the config left them out. */
  get filled(): string[] {
    return [...this.defaulted];
  }

  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  fail(key: string, problem: string): never {
    throw new InputError(`${this.at}${key}: ${problem}`);
  }

  int(key: string): number {
    const v = this.raw(key);
    if (v === undefined) this.fail(key, 'missing');
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) this.fail(key, `expected a positive integer, found ${show(v)}`);
    return v;
  }

  optInt(key: string): number | undefined {
    return this.has(key) ? this.int(key) : undefined;
  }

  num(key: string): number {
    const v = this.raw(key);
    if (v === undefined) this.fail(key, 'missing');
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) this.fail(key, `expected a positive number, found ${show(v)}`);
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(key, `expected true or false, found ${show(v)}`);
    return v;
  }

  optStr(key: string): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') this.fail(key, `expected a string, found ${show(v)}`);
    return v;
  }

  str(key: string): string {
    return this.optStr(key) ?? this.fail(key, 'missing');
  }

  sub(key: string, defaults: Json = {}): Fields {
    const v = this.obj[key];
    if (v === undefined || v === null) this.fail(key, 'missing');
    if (!isObject(v)) this.fail(key, `expected an object, found ${show(v)}`);
    return new Fields(v, `${this.at}${key}.`, defaults);
  }

  optSub(key: string): Fields | undefined {
    return this.obj[key] === undefined || this.obj[key] === null ? undefined : this.sub(key);
  }

  /** The config's own name for itself: _name_or_path, else its architecture class. */
  label(): string | undefined {
    const archs = this.obj.architectures;
    const arch = Array.isArray(archs) && typeof archs[0] === 'string' ? archs[0] : undefined;
    const path = typeof this.obj._name_or_path === 'string' && this.obj._name_or_path !== '' ? this.obj._name_or_path : undefined;
    return path ?? arch;
  }
}

export function unsupported(f: Fields, key: string, found: string, expected: readonly string[]): never {
  return f.fail(key, `unsupported '${found}'; expected one of ${expected.join(', ')}`);
}
