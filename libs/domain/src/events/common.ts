import type { DATE_PRECISIONS, SOURCES } from '../vocabulary/entry-values';

/** Shapes shared by the event types. All data is plain JSON: events are persisted contracts. */

/** An agency's own reference for an entry: unique within the agency, stable across imports. */
export interface EntryRef {
  readonly agency: string;
  readonly entryId: string;
}

export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** When something happened, as precisely as the agency knew it. `at` is an ISO timestamp. */
export interface OccurredAt {
  readonly at: string;
  readonly precision: DatePrecision;
}

export type InformationSource = (typeof SOURCES)[number];

/** What every agency entry carries besides its own facts. */
export interface EntryFacts {
  readonly entry: EntryRef;
  /** Pseudonymous platform subject ids; a child first. */
  readonly subjects: readonly string[];
  readonly occurred: OccurredAt;
  /** When the agency recorded it (imports supply it; otherwise the time of the request). */
  readonly recordedAt: string;
  readonly source?: InformationSource;
  readonly summary?: string;
  /** Another agency's account of the same happening. */
  readonly variantOf?: EntryRef;
  readonly practitionerRef?: string;
}

export function formatEntryRef(ref: EntryRef): string {
  return `${ref.agency}:${ref.entryId}`;
}

export function sameEntry(a: EntryRef, b: EntryRef): boolean {
  return a.agency === b.agency && a.entryId === b.entryId;
}

/** Every decider ends its switch with this: adding a command or event type fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
