import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { CHRONOLOGY_COLUMNS, type ChronologyColumn } from '../chronology-columns';
import type { ChronologyRow } from '../chronology-row';
import { parseChronologyCsv } from '../parse-chronology-csv';

/** A fixed clock: 13:00 in London on 15 June 2024. */
export const NOW = new Date('2024-06-15T12:00:00Z');
export const FILE = 'synthetic-chronology.csv';

export type Cells = Partial<Record<ChronologyColumn, string>>;

/** Sensible defaults for a synthetic concern, so each case states only what it is about. */
export function aConcernCells(overrides: Cells = {}): Cells {
  return {
    entry_id: 'SYN-1',
    agency: 'police-test',
    date: '2024-03-01',
    entry_type: 'concern',
    subjects: 'child-syn-001',
    severity: 'high',
    categories: 'domestic_abuse',
    ...overrides,
  };
}

/** A CSV with every column of the format, one record per cells object. */
export function csvOf(...records: Cells[]): string {
  return stringify(
    records.map((cells) => CHRONOLOGY_COLUMNS.map((column) => cells[column] ?? '')),
    { header: true, columns: [...CHRONOLOGY_COLUMNS] },
  );
}

export async function collect(input: Readable, now: Date = NOW): Promise<ChronologyRow[]> {
  const rows: ChronologyRow[] = [];
  for await (const row of parseChronologyCsv(input, { file: FILE, now })) rows.push(row);
  return rows;
}

export function fromText(...chunks: (string | Buffer)[]): Readable {
  return Readable.from(chunks);
}

/** Resolves with what the parse threw, failing the test if it threw nothing. */
export async function parseError(input: Readable, now: Date = NOW): Promise<Error> {
  try {
    await collect(input, now);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the parse to fail');
}
