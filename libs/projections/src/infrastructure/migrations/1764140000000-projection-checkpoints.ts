import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectionCheckpoints1764140000000 implements MigrationInterface {
  name = 'ProjectionCheckpoints1764140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table projection_checkpoints (
      projection text primary key,
      commit_position bigint not null,
      prepare_position bigint not null,
      updated_at timestamptz not null
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table projection_checkpoints');
  }
}
