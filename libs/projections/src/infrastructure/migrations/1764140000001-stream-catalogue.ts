import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StreamCatalogue1764140000001 implements MigrationInterface {
  name = 'StreamCatalogue1764140000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table rm_stream_catalogue (
      stream_id text primary key,
      event_count integer not null,
      last_revision bigint not null,
      last_type text not null,
      first_occurred_at timestamptz,
      last_occurred_at timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table rm_stream_catalogue');
  }
}
