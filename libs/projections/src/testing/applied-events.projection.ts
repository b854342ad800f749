import type { RecordedEvent } from '@casetrail/event-store';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { Projection } from '../application/projection';

/**
 * Test read model that counts how often each event was applied: exactly-once means every
 * row ends with applied = 1. A double application is counted, never hidden by a key clash.
 */
export class AppliedEventsProjection implements Projection {
  readonly name = 'test-applied-events';
  constructor(
    readonly handles: ReadonlySet<string>,
    private readonly beforeBatch?: (events: readonly RecordedEvent[]) => Promise<void>,
  ) {}

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    await this.beforeBatch?.(events);
    await tx.query(
      `insert into test_applied_events (stream_id, event_id, revision, applied)
       select s, e::uuid, r::bigint, 1 from unnest($1::text[], $2::text[], $3::text[]) as t(s, e, r)
       on conflict (stream_id, event_id) do update set applied = test_applied_events.applied + 1`,
      [events.map((e) => e.streamId), events.map((e) => e.eventId), events.map((e) => e.revision.toString())],
    );
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.query('delete from test_applied_events');
  }
}

export class TestAppliedEvents1764140099999 implements MigrationInterface {
  name = 'TestAppliedEvents1764140099999';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table test_applied_events (
      stream_id text not null, event_id uuid not null, revision bigint not null, applied integer not null,
      primary key (stream_id, event_id))`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table test_applied_events');
  }
}
