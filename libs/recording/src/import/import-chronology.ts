import { DomainError } from '@casetrail/domain';
import { supportsTransactions, type EventMetadata, type EventStore } from '@casetrail/event-store';
import type { Readable } from 'node:stream';
import { ZodError } from 'zod';
import { RecordingService } from '../application/recording.service';
import { ChronologyFormatError, parseChronologyCsv, type ChronologyRow } from '@casetrail/chronology';
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
    const recording = new RecordingService(tx, clock);
    const byType: Record<string, number> = {};
    let rows = 0;
    let appended = 0;
    let alreadyPresent = 0;
    for await (const row of parseChronologyCsv(source, { file, now: clock() })) {
      const request = rowToRequest(row);
      if (options.allowAgency && !options.allowAgency(request.agency)) {
        throw rowError(file, row, 'agency', `this upload may only hold rows of its own agency, not ${request.agency}`);
      }
      try {
        const result = await recording.record(request.kind, request.body, { agency: request.agency, metadata: options.metadata });
        if (result.alreadyApplied) alreadyPresent += 1;
        else appended += 1;
      } catch (error) {
        throw asRowError(error, file, row);
      }
      rows += 1;
      byType[row.entryType] = (byType[row.entryType] ?? 0) + 1;
      if (rows % 1000 === 0) options.onProgress?.(rows);
    }
    options.onProgress?.(rows);
    return { file, rows, appended, alreadyPresent, byType };
  });
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
