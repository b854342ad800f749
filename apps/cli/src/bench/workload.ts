import type { ExpectedRevision, NewEvent } from '@casetrail/event-store';
import { randomUUID } from 'node:crypto';

/** The one event type every benchmark writes; the projection under test must handle it. */
export const EVENT_TYPE = 'ContactRecorded';

const OCCURRED_AT = new Date('2024-03-01T10:00:00.000Z');
const RECORDED_AT = new Date('2024-03-02T09:30:00.000Z');

/**
 * A realistic safeguarding contact: ~300 bytes of JSON `data` and ~130 bytes of metadata.
 * The store and the raw baseline write exactly these objects, so row sizes are identical.
 */
let sequence = 0;

export function contactEvent(): NewEvent {
  const seq = ++sequence;
  return {
    eventId: randomUUID(),
    type: EVENT_TYPE,
    schemaVersion: 1,
    data: {
      caseRef: `CT-${(100000 + (seq % 900000)).toString()}`,
      agencyId: 'agency-health-07',
      contactType: 'home-visit',
      practitionerRef: 'PR-48213',
      summary:
        'Home visit completed; child seen alone and presented as well. Parent reported a new partner ' +
        `staying several nights a week. Follow-up with the school nurse agreed (note ${seq}).`,
      followUpRequired: seq % 3 === 0,
      concerns: ['neglect', 'domestic-abuse'],
    },
    metadata: {
      correlationId: '5b0f3c7e-8d1a-4f7b-9a51-3f2d6c1e9b04',
      actor: { agencyId: 'agency-health-07', role: 'health-visitor', practitionerRef: 'PR-48213' },
    },
    occurredAt: OCCURRED_AT,
    recordedAt: RECORDED_AT,
  };
}

/** The nine bound values of one raw_events row (tx and position come from the server). */
export function rawRow(streamId: string, revision: bigint, event: NewEvent): unknown[] {
  return [
    event.eventId,
    streamId,
    revision.toString(),
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata ?? {}),
    event.occurredAt?.toISOString() ?? null,
    event.recordedAt?.toISOString() ?? null,
  ];
}

export interface StreamSlot {
  readonly streamId: string;
  /** What the store is told (optimistic concurrency, as a real writer would). */
  readonly expected: ExpectedRevision;
  /** The revision of the first event of this append. */
  readonly firstRevision: bigint;
}

/**
 * One writer's streams: it fills a stream with `streamLength` events, then moves to a new one,
 * so benchmarks touch many streams (as the catalogue projection would see in production) and
 * writers never contend on a stream.
 */
export class StreamCursor {
  private stream = -1;
  private next = 0n;

  constructor(
    private readonly prefix: string,
    private readonly streamLength: number,
  ) {}

  take(events: number): StreamSlot {
    if (this.stream < 0 || this.next + BigInt(events) > BigInt(this.streamLength)) {
      this.stream += 1;
      this.next = 0n;
    }
    const firstRevision = this.next;
    this.next += BigInt(events);
    return {
      streamId: `${this.prefix}-s${this.stream}`,
      expected: firstRevision === 0n ? 'no_stream' : firstRevision - 1n,
      firstRevision,
    };
  }
}
