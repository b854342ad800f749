import { DomainError } from '@casetrail/domain';
import { supportsTransactions, type EventMetadata, type EventStore } from '@casetrail/event-store';
import type { Readable } from 'node:stream';
import { ZodError } from 'zod';
import { RecordingService } from '../application/recording.service';
import { readChronology } from './chronology-csv';
import { ChronologyFormatError } from './chronology-format-error';
import { columnOf, recordToRequest } from './record-to-request';

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
    const recording = new RecordingService(tx, options.clock);
    const byType: Record<string, number> = {};
    let rows = 0;
    let appended = 0;
    let alreadyPresent = 0;
    for await (const record of readChronology(source, file)) {
      const request = recordToRequest(record, file);
      if (options.allowAgency && !options.allowAgency(request.agency)) {
        throw new ChronologyFormatError(file, record.line, 'agency', `this upload may only hold rows of its own agency, not ${request.agency}`);
      }
      try {
        const result = await recording.record(request.kind, request.body, { agency: request.agency, metadata: options.metadata });
        if (result.alreadyApplied) alreadyPresent += 1;
        else appended += 1;
      } catch (error) {
        throw asRowError(error, file, record.line, record.values);
      }
      rows += 1;
      byType[record.values.entry_type!] = (byType[record.values.entry_type!] ?? 0) + 1;
      if (rows % 1000 === 0) options.onProgress?.(rows);
    }
    options.onProgress?.(rows);
    return { file, rows, appended, alreadyPresent, byType };
  });
}

function asRowError(error: unknown, file: string, line: number, values: Record<string, string | undefined>): unknown {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue.path.map(String).join('.');
    const column = columnOf(field);
    const value = column ? values[column] : undefined;
    const unknownKey = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    return new ChronologyFormatError(file, line, column, `${value !== undefined ? `"${value.slice(0, 60)}": ` : ''}${issue.message}${unknownKey}`);
  }
  if (error instanceof DomainError) {
    return new ChronologyFormatError(file, line, error.field ? (columnOf(error.field) ?? error.field) : undefined, `${error.message} (${error.code})`);
  }
  return error;
}
