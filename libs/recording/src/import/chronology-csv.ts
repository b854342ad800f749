import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { ChronologyFormatError } from './chronology-format-error';

/** The columns of the chronology format, version 1 (see DOMAIN.md). */
export const CHRONOLOGY_COLUMNS = [
  'entry_id',
  'agency',
  'date',
  'time',
  'date_precision',
  'recorded_date',
  'entry_type',
  'subjects',
  'subject_kind',
  'related_subject',
  'relationship',
  'counterpart_agency',
  'categories',
  'severity',
  'contact_type',
  'child_seen',
  'outcome',
  'risk_level',
  'meeting_kind',
  'invited',
  'attended',
  'refers_to',
  'lawful_basis',
  'reason',
  'source',
  'variant_of',
  'summary',
] as const;
export type ChronologyColumn = (typeof CHRONOLOGY_COLUMNS)[number];
const REQUIRED: readonly ChronologyColumn[] = ['entry_id', 'agency', 'date', 'entry_type', 'subjects'];

export interface ChronologyRecord {
  /** The physical line the record starts on (the header is line 1). */
  readonly line: number;
  readonly values: Readonly<Partial<Record<ChronologyColumn, string>>>;
}

/**
 * Reads a chronology CSV as records, one at a time as the consumer asks (memory does not grow
 * with the file). Checks the encoding (UTF-8, a BOM allowed), the header and each record's shape;
 * what the values mean is checked by the entry schemas.
 */
export async function* readChronology(source: Readable, file: string): AsyncGenerator<ChronologyRecord> {
  const parser = parse({ bom: true, relax_column_count: false, skip_empty_lines: true, info: true, trim: false });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lineOfChunk = 1;
  const feeding = (async () => {
    try {
      for await (const chunk of source) {
        let text: string;
        try {
          text = decoder.decode(chunk as Buffer, { stream: true });
        } catch {
          // The lenient decoding marks the first bad byte with U+FFFD: count the lines before it.
          const lenient = (chunk as Buffer).toString('utf8');
          const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')));
          const line = lineOfChunk + (before.match(/\n/g) ?? []).length;
          throw new ChronologyFormatError(file, line, undefined, 'the file is not UTF-8 text (save it as "CSV UTF-8")');
        }
        lineOfChunk += (text.match(/\n/g) ?? []).length;
        if (parser.destroyed) return;
        // Wait for the consumer (back-pressure), unless the parser gave up meanwhile.
        if (!parser.write(text)) await new Promise((resolve) => (parser.once('drain', resolve), parser.once('close', resolve)));
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();

  let header: ChronologyColumn[] | undefined;
  let lastLine = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = lastLine + 1;
      lastLine = info.lines;
      if (!header) {
        header = checkHeader(record, file, line);
        continue;
      }
      const values: Partial<Record<ChronologyColumn, string>> = {};
      header.forEach((column, index) => {
        const value = record[index]?.trim();
        if (value) values[column] = value;
      });
      yield { line, values };
    }
  } catch (error) {
    const csv = error as { code?: string; lines?: number; message: string };
    // Only the parser's own complaints are about the file; anything else (an aborted upload) passes.
    if (error instanceof ChronologyFormatError || !/^(CSV_|INVALID_)/.test(csv.code ?? '')) throw error;
    throw new ChronologyFormatError(file, csv.lines ?? lastLine + 1, undefined, describeCsvError(csv));
  } finally {
    // Stopping early (a bad row, or a consumer that had enough) must not leave the feeder waiting.
    if (!parser.destroyed) parser.destroy();
    source.destroy();
    await feeding;
  }
  if (!header) throw new ChronologyFormatError(file, 1, undefined, 'the file is empty: a header row is required');
}

function checkHeader(record: string[], file: string, line: number): ChronologyColumn[] {
  const names = record.map((name) => name.trim().toLowerCase());
  names.forEach((name, index) => {
    if (!(CHRONOLOGY_COLUMNS as readonly string[]).includes(name)) {
      throw new ChronologyFormatError(file, line, `${index + 1} (${name || 'empty'})`, `"${name}" is not a column of the chronology format`);
    }
  });
  const missing = REQUIRED.filter((column) => !names.includes(column));
  if (missing.length > 0) throw new ChronologyFormatError(file, line, undefined, `the header lacks the required column(s) ${missing.join(', ')}`);
  return names as ChronologyColumn[];
}

function describeCsvError(error: { code?: string; message: string }): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'the row has a different number of fields than the header';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'a quote in the middle of a field (double it, "", or quote the whole field)';
    default:
      return `the CSV is malformed (${error.message})`;
  }
}
