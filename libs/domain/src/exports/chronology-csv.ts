import { stringify } from 'csv-stringify/sync';
import type { IntegratedChronologyRow } from './chronology-row';
import { findingWords, flagWords, knownWithSummary } from './row-words';

/** Column headings in order, each with how a row fills it. */
const COLUMNS: readonly (readonly [string, (row: IntegratedChronologyRow) => string])[] = [
  ['Child', (r) => r.child],
  ['Date', (r) => r.date],
  ['Agency', (r) => r.agency],
  ['Agency entry id', (r) => r.entryId],
  ['Entry type', (r) => r.entryType],
  ['What was known', knownWithSummary],
  ['Shared with', (r) => lines(r.sharedWith)],
  ['Flags', (r) => lines(r.flags.map(flagWords))],
  ['Review findings', (r) => lines(r.findings.map(findingWords))],
  ['Corrections', (r) => lines(r.corrections)],
  ['Household', (r) => r.household ?? ''],
  ['Event id', (r) => r.eventId],
];

export const CHRONOLOGY_EXPORT_HEADINGS: readonly string[] = COLUMNS.map(([heading]) => heading);

export interface ChronologyCsvOptions {
  /** Starts the text with a UTF-8 byte order mark, without which Excel misreads "→" and names with accents. */
  readonly excelBom?: boolean;
}

/**
 * The chronology as CSV: a header row, RFC 4180 quoting and CRLF record ends. A cell with several
 * items puts each on its own line inside the quoted cell, because flag explanations contain
 * semicolons and commas. Cells starting like a formula (`=`, `+`, `-`, `@`) get a leading `'`:
 * summaries are free text, and a spreadsheet would otherwise run them.
 */
export function chronologyCsv(rows: readonly IntegratedChronologyRow[], options: ChronologyCsvOptions = {}): string {
  return stringify(
    rows.map((row) => COLUMNS.map(([, cell]) => cell(row))),
    {
      header: true,
      columns: [...CHRONOLOGY_EXPORT_HEADINGS],
      record_delimiter: 'windows',
      // Without this, a record delimiter of CRLF leaves a bare LF inside a cell unquoted.
      quote_record_delimiter: true,
      escape_formulas: true,
      bom: options.excelBom === true,
    },
  );
}

function lines(items: readonly string[]): string {
  return items.join('\n');
}
