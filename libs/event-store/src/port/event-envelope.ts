import type { LogPosition } from './log-position';

/** Who did it: the audit trail every event carries. */
export interface Actor {
  readonly agencyId?: string;
  readonly role?: string;
  readonly practitionerRef?: string;
  readonly system?: string;
}

export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: Actor;
  readonly [key: string]: unknown;
}

/** What a writer hands to the store. */
export interface NewEvent<TData = unknown> {
  /** Stable id chosen by the writer; the key of idempotent retries (unique per stream). */
  readonly eventId: string;
  /** The persisted type name, written by hand (never derived from a class name). */
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata?: EventMetadata;
  /** When it happened in the world. */
  readonly occurredAt?: Date;
  /** When the agency recorded it (imports supply it; otherwise "now", chosen by the caller). */
  readonly recordedAt?: Date;
}

/** What the store hands back: the event plus where and when the store put it. */
export interface RecordedEvent<TData = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly occurredAt: Date | null;
  readonly recordedAt: Date | null;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: LogPosition;
  readonly appendedAt: Date;
}
