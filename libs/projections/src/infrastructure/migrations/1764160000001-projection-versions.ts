import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter per projection that moves only when its read model changes (a batch with events it
 * handles, a rebuild, a swap), unlike its checkpoint, which also moves past events it ignores.
 * Caches of a read model key on it: hundreds of audit events a second must not empty them.
 */
export class ProjectionVersions1764160000001 implements MigrationInterface {
  name = 'ProjectionVersions1764160000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('create table projection_versions (projection text primary key, version bigint not null)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table projection_versions');
  }
}
