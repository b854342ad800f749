/** A bad chronology file: where (file, line, column) and why, in words a practitioner can act on. */
export class ChronologyFormatError extends Error {
  readonly code = 'IMPORT.ROW.INVALID';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string | undefined,
    readonly reason: string,
  ) {
    super(`${file} line ${line}${column ? `, column ${column}` : ''}: ${reason}. Nothing from this file was imported.`);
    this.name = 'ChronologyFormatError';
  }

  /** The field at fault, as the API's problem details name it: the column. */
  get field(): string | undefined {
    return this.column;
  }
}
