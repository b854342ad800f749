import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per review, for counting reviews by kind and status: no titles, children or reviewers. */
export class ReviewStatistics1764150000001 implements MigrationInterface {
  name = 'ReviewStatistics1764150000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table rm_stats_reviews (
      review_id text primary key,
      kind text not null,
      opened_by text not null,
      opened_on date not null,
      concluded_on date
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table rm_stats_reviews');
  }
}
