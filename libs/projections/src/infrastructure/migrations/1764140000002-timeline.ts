import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline read model: every event that belongs on a child's timeline, found by the subjects
 * it names (a GIN index over the array), plus the current identity links, agencies and subjects.
 * Timelines are assembled at read time from these rows, so links, corrections and household
 * periods always follow the latest facts without rewriting rows.
 */
export class Timeline1764140000002 implements MigrationInterface {
  name = 'Timeline1764140000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table rm_timeline_events (
      event_id uuid primary key,
      position bigint not null,
      stream_id text not null,
      type text not null,
      agency text not null,
      entry_id text not null,
      subjects text[] not null,
      occurred_at timestamptz,
      recorded_at timestamptz,
      schema_version integer not null,
      data jsonb not null
    )`);
    await q.query('create index rm_timeline_events_subjects on rm_timeline_events using gin (subjects)');
    await q.query('create index rm_timeline_events_stream on rm_timeline_events (stream_id)');
    await q.query(`create table rm_identity_links (
      a text not null,
      b text not null,
      linked boolean not null,
      primary key (a, b)
    )`);
    await q.query('create index rm_identity_links_b on rm_identity_links (b)');
    await q.query(`create table rm_agencies (
      agency_id text primary key,
      name text not null,
      kind text not null,
      registered_at timestamptz
    )`);
    await q.query(`create table rm_subjects (
      subject_id text primary key,
      kind text not null,
      registered_by text not null,
      registered_at timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table rm_subjects');
    await q.query('drop table rm_agencies');
    await q.query('drop table rm_identity_links');
    await q.query('drop table rm_timeline_events');
  }
}
