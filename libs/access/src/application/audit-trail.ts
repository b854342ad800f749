import { randomUUID } from 'node:crypto';
import {
  decideBreakGlass,
  DomainError,
  granteeKey,
  grantInForce,
  streams,
  upcast,
  type AccessActor,
  type BreakGlassGranted,
  type PersonalDataRead,
} from '@casetrail/domain';
import type { EventStore } from '@casetrail/event-store';
import type { Principal } from '../domain/principal';

/** The read could not be recorded, so it is not served: the audit of reads fails closed. */
export class AuditUnavailable extends DomainError {
  constructor() {
    super('AUDIT.UNAVAILABLE', 'The read could not be recorded in the audit trail, so it was not served');
  }
}

/**
 * What a caller says about a read it is about to serve: the audit event's data but its time, which
 * the trail stamps. The reader is a principal over HTTP, the local operator (role `operator`) on the command line.
 */
export type ReadRecord = Omit<PersonalDataRead['data'], 'at'>;

export interface BreakGlassAsk {
  readonly child: string;
  readonly grantee: Principal;
  readonly reason: unknown;
  readonly minutes: unknown;
  readonly correlationId: string;
}

/** A purpose is an id, never free text: it is stored and shown to the child's lead agency. */
const PURPOSE = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,99}$/;

export function checkPurpose(value: unknown, field = 'purpose'): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !PURPOSE.test(value)) {
    throw new DomainError('REQUEST.PURPOSE.INVALID', `${field} must be an id: letters, digits and : . _ - (at most 100), never free text`, field);
  }
  return value;
}

export function actorOf(principal: AccessActor): AccessActor {
  return { agencyId: principal.agencyId, role: principal.role, ...(principal.practitionerRef && { practitionerRef: principal.practitionerRef }) };
}

/**
 * The audit of reads and the break-glass grants, written to the event store. Every read of
 * personal data is appended before it is answered; an append that fails refuses the read.
 * Each read is its own stream (`audit-{id}`, expected `no_stream`), so concurrent reads never
 * contend for a stream revision and the SQL stores commit them together (group commit).
 */
export class AuditTrail {
  constructor(
    private readonly store: EventStore,
    private readonly breakGlassMaxMinutes: number,
    private readonly clock: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Records a read; resolves with the audit event's id once it is stored. Throws AuditUnavailable otherwise. */
  async recordRead(read: ReadRecord): Promise<string> {
    const eventId = this.newId();
    const event: PersonalDataRead = {
      type: 'PersonalDataRead',
      schemaVersion: 1,
      data: {
        reader: actorOf(read.reader),
        resource: read.resource,
        children: [...read.children],
        purpose: read.purpose,
        ...(read.reviewId !== undefined && { reviewId: read.reviewId }),
        ...(read.breakGlassGrant !== undefined && { breakGlassGrant: read.breakGlassGrant }),
        ...(read.entry !== undefined && { entry: read.entry }),
        channel: read.channel,
        correlationId: read.correlationId,
        at: this.clock().toISOString(),
      },
    };
    try {
      await this.store.append(
        streams.audit(eventId),
        [{ eventId, type: event.type, schemaVersion: event.schemaVersion, data: event.data, metadata: { correlationId: read.correlationId, actor: event.data.reader } }],
        'no_stream',
      );
    } catch {
      throw new AuditUnavailable();
    }
    return eventId;
  }

  /** Grants break-glass access to a child's record (the canonical id), or throws the rule it broke. */
  async breakGlass(ask: BreakGlassAsk): Promise<BreakGlassGranted> {
    const grant = decideBreakGlass(
      { grantId: this.newId(), child: ask.child, grantee: actorOf(ask.grantee), reason: ask.reason, minutes: ask.minutes, now: this.clock().toISOString(), correlationId: ask.correlationId },
      this.breakGlassMaxMinutes,
    );
    await this.store.append(
      streams.breakGlass(ask.child, granteeKey(grant.data.grantee)),
      [{ eventId: grant.data.grantId, type: grant.type, schemaVersion: grant.schemaVersion, data: grant.data, metadata: { correlationId: ask.correlationId, actor: grant.data.grantee } }],
      'any',
    );
    return grant;
  }

  /** The grantee's break-glass grant for the child in force now, read from the log (never from a lagging read model). */
  async grantInForce(child: string, grantee: Principal): Promise<BreakGlassGranted | undefined> {
    const actor = actorOf(grantee);
    const [latest] = await this.store.readStream(streams.breakGlass(child, granteeKey(actor)), { direction: 'backwards', limit: 1 });
    if (!latest) return undefined;
    const { type, schemaVersion, data } = upcast(latest) as unknown as BreakGlassGranted;
    const grant: BreakGlassGranted = { type, schemaVersion, data };
    return grantInForce(grant, actor, this.clock().toISOString()) ? grant : undefined;
  }
}
