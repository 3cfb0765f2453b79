/**
 * InputError: bad input from a user's file or flag. The CLI prints its one-line message and exits 2;
 * anything else is an internal error (exit 1). A stack trace is printed only with --debug.
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
