import {
  DomainError,
  errors,
  fold,
  privacyDecider,
  privacyStream,
  streams,
  type PrivacyActor,
  type PrivacyCommand,
  type PrivacyEvent,
} from '@casetrail/domain';
import { EncryptingEventStore, StreamVersionConflict, type EventMetadata, type EventStore, type RecordedEvent, type TransactionalEventStore } from '@casetrail/event-store';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface PrivacyRequest {
  readonly subjectId: string;
  readonly reason: string;
  readonly by: PrivacyActor;
  readonly correlationId?: string;
  /** Defaults to the time of the request. */
  readonly now?: string;
}

export interface PrivacyOutcome {
  readonly subjectId: string;
  /** False when it was already so (a retried request): nothing was written. */
  readonly changed: boolean;
  readonly heldNow: boolean;
  readonly erasedNow: boolean;
  /**
   * Other subject records linked to this one as the same person (identity links). Each is a
   * record of its own, with its own key: erasing one does not erase the others; an
   * administrator who must erase the person erases each.
   */
  readonly linkedSubjects: readonly string[];
}

/** Several writers on one privacy stream: the decision is retried on the new state this many times. */
const ATTEMPTS = 3;

/**
 * Legal holds and erasure, on the stream `privacy-{subjectId}`. An erasure is decided on that
 * stream (a hold refuses it) and committed in ONE transaction with the destruction of the
 * subject's key: either the `SubjectErased` event is in the log and the key is gone, or neither.
 * A hold placed concurrently moves the stream, so the erasure's append fails on its expected
 * revision and is decided again, and refused.
 */
export class SubjectPrivacy {
  constructor(
    private readonly store: EventStore,
    private readonly readModels?: DataSource,
  ) {}

  placeLegalHold(request: PrivacyRequest): Promise<PrivacyOutcome> {
    return this.run({ type: 'PlaceLegalHold', ...this.command(request) }, request);
  }

  liftLegalHold(request: PrivacyRequest): Promise<PrivacyOutcome> {
    return this.run({ type: 'LiftLegalHold', ...this.command(request) }, request);
  }

  erase(request: PrivacyRequest): Promise<PrivacyOutcome> {
    if (!(this.store instanceof EncryptingEventStore)) {
      throw new DomainError(
        'STORE.ERASURE_UNSUPPORTED.CONFLICT',
        'This event store keeps no per-subject keys (EventStoreDB): personal fields cannot be erased without rewriting the log',
      );
    }
    return this.run({ type: 'EraseSubject', ...this.command(request) }, request);
  }

  private command(request: PrivacyRequest) {
    return { subjectId: request.subjectId, reason: request.reason, by: request.by, now: request.now ?? new Date().toISOString() };
  }

  private async run(command: PrivacyCommand, request: PrivacyRequest): Promise<PrivacyOutcome> {
    const metadata: EventMetadata = {
      correlationId: request.correlationId,
      actor: { agencyId: request.by.agencyId, role: request.by.role, practitionerRef: request.by.practitionerRef },
    };
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.decideAndAppend(command, metadata);
        return { ...outcome, linkedSubjects: await this.linkedSubjects(command.subjectId) };
      } catch (error) {
        if (!(error instanceof StreamVersionConflict) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async decideAndAppend(command: PrivacyCommand, metadata: EventMetadata): Promise<Omit<PrivacyOutcome, 'linkedSubjects'>> {
    const work = async (tx: TransactionalEventStore & { existingStreams?(ids: readonly string[]): Promise<Set<string>> }, destroyKey?: (id: string) => Promise<void>) => {
      const { subjectId } = command;
      const exists = tx.existingStreams
        ? (await tx.existingStreams([streams.subject(subjectId)])).size > 0
        : (await tx.readStream(streams.subject(subjectId), { limit: 1 })).length > 0;
      if (!exists) throw errors.subjectNotFound(subjectId);
      const history = await tx.readStream(privacyStream(subjectId));
      const state = fold(privacyDecider, history.map(asPrivacyEvent));
      const decided = privacyDecider.decide(command, state);
      if (decided.length > 0) {
        await tx.append(
          privacyStream(subjectId),
          decided.map((event) => ({ eventId: randomUUID(), type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata })),
          history.length === 0 ? 'no_stream' : history[history.length - 1].revision,
        );
      }
      const after = decided.reduce(privacyDecider.evolve, state);
      // Also when already erased: a retry completes an erasure whose key survived (none should).
      if (command.type === 'EraseSubject' && destroyKey) await destroyKey(subjectId);
      return { subjectId, changed: decided.length > 0, heldNow: after.held, erasedNow: after.erased };
    };
    if (this.store instanceof EncryptingEventStore) return this.store.erasingTransaction((tx) => work(tx, (id) => tx.destroyKey(id)));
    return work(this.store);
  }

  private async linkedSubjects(subjectId: string): Promise<string[]> {
    if (!this.readModels) return [];
    const rows = (await this.readModels.query('select a, b from rm_identity_links where linked and (a = $1 or b = $1) order by a, b', [subjectId])) as Array<{ a: string; b: string }>;
    return rows.map((r) => (r.a === subjectId ? r.b : r.a));
  }
}

function asPrivacyEvent(recorded: RecordedEvent): PrivacyEvent {
  return { type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data } as PrivacyEvent;
}
