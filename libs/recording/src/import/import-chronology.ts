import { DomainError } from '@casetrail/domain';
import { StreamVersionConflict, supportsTransactions, type EventMetadata, type EventStore } from '@casetrail/event-store';
import type { Readable } from 'node:stream';
import { ZodError } from 'zod';
import { ChronologyFormatError, parseChronologyCsv, type ChronologyRow } from '@casetrail/chronology';
import { BulkItemRefused, BulkRecorder, type BulkItem } from './bulk-recorder';
import { columnOf, rowToRequest } from './row-to-request';

export interface ImportSummary {
  readonly file: string;
  readonly rows: number;
  readonly appended: number;
  readonly alreadyPresent: number;
  /** Rows per entry type, as the file named them. */
  readonly byType: Readonly<Record<string, number>>;
}

export interface ImportOptions {
  readonly file: string;
  /** Who runs the import (the CLI operator, or the uploading principal); every row's agency is checked against `allowAgency`. */
  readonly metadata: EventMetadata;
  /** The uploading agency may import only its own rows; the local operator may import any. */
  readonly allowAgency?: (agency: string) => boolean;
  readonly clock?: () => Date;
  readonly onProgress?: (rows: number) => void;
}

/**
 * Imports one chronology file all or nothing: every row goes through the same rules as the API,
 * inside one transaction, so the first bad row rolls back everything before it and the error names
 * its line and column. Re-importing a file appends nothing (entry ids make every row idempotent).
 */
export async function importChronology(store: EventStore, source: Readable, options: ImportOptions): Promise<ImportSummary> {
  if (!supportsTransactions(store)) {
    throw new DomainError('IMPORT.STORE_NOT_TRANSACTIONAL.INVALID', 'This event store cannot append a whole file atomically; import into PostgreSQL or the embedded store');
  }
  const { file } = options;
  return store.transaction(async (tx) => {
    const clock = options.clock ?? (() => new Date());
    const recorder = new BulkRecorder(tx, options.metadata, clock);
    const byType: Record<string, number> = {};
    let rows = 0;
    let appended = 0;
    let alreadyPresent = 0;
    let chunk: BulkItem<ChronologyRow>[] = [];
    let chunkChars = 0;
    const flush = async (last = false) => {
      try {
        const outcome = await recorder.record(chunk);
        appended += outcome.appended;
        alreadyPresent += outcome.alreadyPresent;
        if (last) await recorder.flush();
      } catch (error) {
        if (error instanceof BulkItemRefused) throw asRowError(error.refusal, file, error.tag as ChronologyRow);
        if (error instanceof StreamVersionConflict) throw concurrentWrite(file, error);
        throw error;
      }
      rows += chunk.length;
      chunk = [];
      chunkChars = 0;
      options.onProgress?.(rows);
    };
    try {
      for await (const row of parseChronologyCsv(source, { file, now: clock() })) {
        const request = rowToRequest(row);
        if (options.allowAgency && !options.allowAgency(request.agency)) {
          throw rowError(file, row, 'agency', `this upload may only hold rows of its own agency, not ${request.agency}`);
        }
        chunk.push({ request, tag: row });
        chunkChars += 300 + (row.summary?.length ?? 0);
        byType[row.entryType] = (byType[row.entryType] ?? 0) + 1;
        if (chunk.length >= CHUNK_ROWS || chunkChars >= CHUNK_CHARS) await flush();
      }
    } catch (error) {
      // Rows before the bad one are still waiting in the chunk: the first bad row is the one to report.
      if (error instanceof ChronologyFormatError && chunk.length > 0) await flush();
      throw error;
    }
    await flush(true);
    options.onProgress?.(rows);
    return { file, rows, appended, alreadyPresent, byType };
  });
}

/**
 * Rows decided and appended together: large enough that round trips stop mattering, small
 * enough that a chunk's streams and statement stay a few megabytes whatever the file's size.
 */
const CHUNK_ROWS = 2_000;
/** ...and rows with long summaries are cut sooner, so a chunk's memory stays bounded either way. */
const CHUNK_CHARS = 2_000_000;

function concurrentWrite(file: string, conflict: StreamVersionConflict): DomainError {
  return new DomainError(
    'IMPORT.CONCURRENT_WRITE.CONFLICT',
    `${file}: another writer changed ${conflict.streamId} while the file was being imported; nothing from the file was written. Import it again: rows already present are skipped.`,
  );
}

function rowError(file: string, row: ChronologyRow, column: string | undefined, reason: string): ChronologyFormatError {
  return new ChronologyFormatError('CHRONOLOGY.VALUE.INVALID', file, row.line, column ? { index: null, name: column } : undefined, reason);
}

/** The entry rules refused a row: say so at the row's line and the column the field came from. */
function asRowError(error: unknown, file: string, row: ChronologyRow): unknown {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return rowError(file, row, columnOf(issue.path.map(String).join('.')), issue.message);
  }
  if (error instanceof DomainError) {
    return rowError(file, row, error.field ? (columnOf(error.field) ?? error.field) : undefined, `${error.message} (${error.code})`);
  }
  return error;
}
