/**
 * User-input errors: a mistake in what a user wrote (a file, a flag, a scenario choice), as opposed
 * to a bug. The CLI prints their one-line `line` and exits 2; anything else is an internal error
 * (exit 1). Checked with `instanceof`, never by name.
 *
 *   InputError       a file or flag is wrong ("file: field: what was expected")
 *   └ ScenarioError  a deployment choice this model or device cannot run (in a sweep: an invalid row,
 *     │              not a failure of the sweep)
 *     ├ TilingError  the tiling policy rejects its parameters or the image
 *     └ NotApplicableError  a choice that means nothing here (a tile cap for a policy without one)
 *   └ SpecError      a sweep spec is wrong (names the spec field)
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** "file: field: message" (the parts that are known). */
  get line(): string {
    return [this.file, this.field, this.message].filter(Boolean).join(': ');
  }
}

/** A scenario choice that cannot work with this model or device. */
export class ScenarioError extends InputError {
  constructor(field: string | undefined, message: string) {
    super(message, undefined, field);
    this.name = 'ScenarioError';
  }
}

/** Thrown for bad tiling parameters or an image the policy rejects; the message is one line. */
export class TilingError extends ScenarioError {
  constructor(message: string) {
    super(undefined, message);
    this.name = 'TilingError';
  }
}

/**
 * A choice that has no meaning for this model or policy (a tile cap for a policy that resizes
 * instead): in a sweep the row is "not applicable", neither invalid nor a constraint failure.
 */
export class NotApplicableError extends ScenarioError {
  constructor(field: string, message: string) {
    super(field, message);
    this.name = 'NotApplicableError';
  }
}

/** A spec error names the spec field ("axes.llm.wbits") and what was expected. */
export class SpecError extends InputError {
  constructor(field: string, message: string) {
    super(message, undefined, field);
    this.name = 'SpecError';
  }
}
