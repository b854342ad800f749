import { CsvError, type Options, Parser } from 'csv-parse';
import { pipeline, type Readable, type TransformCallback } from 'node:stream';
import { CHRONOLOGY_COLUMNS, type ChronologyColumn, MAX_RECORD_CHARS, REQUIRED_COLUMNS } from './chronology-columns';
import { todayInEngland } from './chronology-dates';
import { ChronologyFormatError } from './chronology-format-error';
import type { ChronologyRow } from './chronology-row';
import { alternatives, type ChronologyHeader, readChronologyRow } from './read-chronology-row';

export interface ParseChronologyOptions {
  /** The name errors give the file, as the practitioner knows it (e.g. the upload's file name). */
  readonly file: string;
  /** The clock: no date may lie after it. */
  readonly now: Date;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly empty_lines: number };
}

interface ParseFailure {
  readonly failure: unknown;
}

/**
 * csv-parse fails by destroying its stream, which drops the records it had parsed but not yet
 * handed over; the consumer would then blame the wrong line, or miss an earlier bad row. Here the
 * failure travels in-band, after those records.
 */
class InBandFailureParser extends Parser {
  constructor(options: Options) {
    super(options);
  }

  override _transform(chunk: Buffer, encoding: BufferEncoding, callback: TransformCallback): void {
    super._transform(chunk, encoding, this.failInBand(callback));
  }

  override _flush(callback: TransformCallback): void {
    super._flush(this.failInBand(callback));
  }

  private failInBand(callback: TransformCallback): TransformCallback {
    return (failure) => {
      if (failure) {
        this.push({ failure } satisfies ParseFailure);
        this.push(null);
      }
      callback();
    };
  }
}

/**
 * Reads a chronology CSV (version 1) as typed rows in file order, pulling from `input` only as
 * fast as the consumer iterates, so memory stays flat however long the file. The first problem
 * ends the iteration with a {@link ChronologyFormatError}; an importer that must import nothing
 * from a bad file should stage rows until the iteration completes. Errors of `input` itself
 * (an aborted upload) pass through unchanged.
 */
export async function* parseChronologyCsv(input: Readable, options: ParseChronologyOptions): AsyncGenerator<ChronologyRow, void, undefined> {
  const { file } = options;
  const today = todayInEngland(options.now);
  const parser = new InBandFailureParser({
    bom: true,
    info: true,
    // Counted here instead, to name the line and column the way a practitioner would.
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // The iterator surfaces every failure; pipeline is only here to destroy `input` with the parser.
  pipeline(input, parser, () => undefined);

  const lines = new LineCounter();
  let header: ChronologyHeader | undefined;
  let entries = 0;
  try {
    for await (const item of parser as AsyncIterable<ParsedRecord | ParseFailure>) {
      if ('failure' in item) throw item.failure;
      const { record, info } = item;
      const line = lines.recordStart(info.empty_lines);
      lines.passRecord(record);
      if (header === undefined) {
        header = readHeader(file, record, parser.options.encoding);
        continue;
      }
      if (record.length !== header.names.length) throw fieldCountError(file, header, record, line);
      yield readChronologyRow(file, header, record, line, today);
      entries++;
    }
  } catch (error) {
    if (error instanceof CsvError) throw fromCsvError(file, error, lines.recordStart(numberOr(error.empty_lines, 0)), header);
    throw error;
  } finally {
    // Also ends reading `input` when the consumer stops early.
    parser.destroy();
  }
  if (header === undefined) {
    throw new ChronologyFormatError('CHRONOLOGY.NO_ENTRIES.INVALID', file, 1, undefined, 'the file is empty; a chronology starts with a header row naming its columns, then one row per entry');
  }
  if (entries === 0) {
    throw new ChronologyFormatError('CHRONOLOGY.NO_ENTRIES.INVALID', file, lines.recordStart(0), undefined, 'the file has a header row but no entries');
  }
}

/**
 * Physical line numbers, counted from the records themselves: csv-parse's own count goes astray
 * after a quoted value holding a CRLF line break, which spreadsheets write for in-cell breaks.
 */
class LineCounter {
  private next = 1;
  private emptySeen = 0;

  recordStart(emptyLines: number): number {
    this.next += emptyLines - this.emptySeen;
    this.emptySeen = emptyLines;
    return this.next;
  }

  passRecord(fields: readonly string[]): void {
    this.next += 1;
    for (const field of fields) {
      if (field.includes('\n') || field.includes('\r')) this.next += (field.match(/\r\n|\r|\n/g) ?? []).length;
    }
  }
}

const KNOWN = new Set<string>(CHRONOLOGY_COLUMNS);

function readHeader(file: string, names: string[], encoding: BufferEncoding | null): ChronologyHeader {
  const fail = (reason: string, column?: { index: number | null; name: string }, value?: string): never => {
    throw new ChronologyFormatError('CHRONOLOGY.HEADER.INVALID', file, 1, column, reason, value);
  };
  if (encoding !== 'utf8') {
    throw new ChronologyFormatError('CHRONOLOGY.ENCODING.INVALID', file, 1, undefined, 'the file is saved as UTF-16; save it as "CSV UTF-8"');
  }
  if (names.some((name) => name.includes('\uFFFD'))) {
    throw new ChronologyFormatError('CHRONOLOGY.ENCODING.INVALID', file, 1, undefined, 'the header holds characters that are not UTF-8; save the file as "CSV UTF-8"');
  }
  const trimmed = names.map((name) => name.trim());
  if (!trimmed.some((name) => KNOWN.has(name))) {
    fail(`the first line must be the header row naming the columns (${REQUIRED_COLUMNS.join(', ')} and any others used); it names none of them`);
  }
  const positions = new Map<ChronologyColumn, number>();
  trimmed.forEach((name, position) => {
    const column = { index: position + 1, name: name || '(no name)' };
    if (name === '') fail('this header cell is empty; every column needs a name (delete the column if it is not needed)', column);
    if (!KNOWN.has(name)) fail(`"${name}" is not a column of the chronology format; the columns are ${CHRONOLOGY_COLUMNS.join(', ')}`, column, name);
    if (positions.has(name as ChronologyColumn)) fail(`"${name}" appears twice in the header (also column ${positions.get(name as ChronologyColumn)! + 1})`, column, name);
    positions.set(name as ChronologyColumn, position);
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length > 0) {
    fail(`the header lacks the required column${missing.length > 1 ? 's' : ''} ${alternatives(missing).replace(/ or /, ' and ')}`, { index: null, name: missing[0] });
  }
  return { names: trimmed, positions };
}

function fieldCountError(file: string, header: ChronologyHeader, record: readonly string[], line: number): ChronologyFormatError {
  const expected = header.names.length;
  if (record.length > expected) {
    return new ChronologyFormatError(
      'CHRONOLOGY.FIELD_COUNT.INVALID',
      file,
      line,
      { index: expected + 1, name: '(beyond the header)' },
      `this row has ${record.length} values but the header names ${expected} columns; is there a stray comma, or a value with a comma that needs quotes?`,
      record[expected],
    );
  }
  return new ChronologyFormatError(
    'CHRONOLOGY.FIELD_COUNT.INVALID',
    file,
    line,
    { index: record.length + 1, name: header.names[record.length] },
    `this row has ${record.length} values but the header names ${expected} columns; every row needs a value (or an empty cell) for each column`,
  );
}

function fromCsvError(file: string, error: CsvError, line: number, header: ChronologyHeader | undefined): ChronologyFormatError {
  const position = numberOr(error.column, 0);
  const column = { index: position + 1, name: header === undefined ? '(header row)' : (header.names[position] ?? '(beyond the header)') };
  const at = (reason: string, code: 'CHRONOLOGY.CSV_SYNTAX.INVALID' | 'CHRONOLOGY.TOO_LONG.INVALID' = 'CHRONOLOGY.CSV_SYNTAX.INVALID') =>
    new ChronologyFormatError(code, file, line, column, reason);
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return at('a quoted value opens here and is never closed; add the closing " (write "" for a quote inside a value)');
    case 'CSV_INVALID_CLOSING_QUOTE':
      return at('a quoted value is followed by more text before the next comma; write "" for a quote inside a value');
    case 'INVALID_OPENING_QUOTE':
      return at('a " appears inside an unquoted value; put the whole value in quotes and write "" for the quote');
    case 'CSV_MAX_RECORD_SIZE':
      return at(`this row runs past ${MAX_RECORD_CHARS.toLocaleString('en-GB')} characters; a quoted value has probably not been closed`, 'CHRONOLOGY.TOO_LONG.INVALID');
    default:
      return at(`the row is not valid CSV (${error.code})`);
  }
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
