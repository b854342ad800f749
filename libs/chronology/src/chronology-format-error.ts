import { DomainError } from '@casetrail/domain';

export type ChronologyErrorCode =
  | 'CHRONOLOGY.NO_ENTRIES.INVALID'
  | 'CHRONOLOGY.HEADER.INVALID'
  | 'CHRONOLOGY.ENCODING.INVALID'
  | 'CHRONOLOGY.CSV_SYNTAX.INVALID'
  | 'CHRONOLOGY.FIELD_COUNT.INVALID'
  | 'CHRONOLOGY.TOO_LONG.INVALID'
  | 'CHRONOLOGY.MISSING_VALUE.INVALID'
  | 'CHRONOLOGY.VALUE.INVALID'
  | 'CHRONOLOGY.DATE.INVALID'
  | 'CHRONOLOGY.UNUSED_COLUMN.INVALID';

/** A column as a practitioner finds it in a spreadsheet: its position (null when the file lacks it) and header name. */
export interface ChronologyColumnRef {
  readonly index: number | null;
  readonly name: string;
}

const MAX_VALUE_CHARS = 40;

/**
 * The first problem in a chronology file, located well enough to fix it in a spreadsheet. The
 * importer imports nothing from a file that raises one, so the message says where, and what to
 * write instead, rather than what the parser expected.
 */
export class ChronologyFormatError extends DomainError {
  /** The offending value, cut short; absent for free-text columns, which may describe people. */
  readonly value?: string;

  constructor(
    code: ChronologyErrorCode,
    readonly file: string,
    readonly line: number,
    readonly column: ChronologyColumnRef | undefined,
    readonly reason: string,
    value?: string,
  ) {
    super(code, `${file} line ${line}${describeColumn(column)}: ${reason}`, column?.name);
    this.name = 'ChronologyFormatError';
    if (value !== undefined) this.value = truncate(value);
  }

  declare readonly code: ChronologyErrorCode;
}

function describeColumn(column: ChronologyColumnRef | undefined): string {
  if (column === undefined) return '';
  return column.index === null ? `, column ${column.name}` : `, column ${column.index} (${column.name})`;
}

export function truncate(value: string): string {
  return value.length <= MAX_VALUE_CHARS ? value : `${value.slice(0, MAX_VALUE_CHARS - 1)}…`;
}
