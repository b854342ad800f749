import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reviews, their reviewers and findings, as the review workflow and the access checks read them. */
export class Reviews1764140000010 implements MigrationInterface {
  name = 'Reviews1764140000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table rm_reviews (
      review_id text primary key,
      kind text not null,
      title text not null,
      children text[] not null,
      period_from date not null,
      period_to date not null,
      status text not null,
      opened_at timestamptz not null,
      opened_by jsonb not null,
      concluded_at timestamptz,
      summary text
    )`);
    await q.query('create index rm_reviews_children on rm_reviews using gin (children)');
    await q.query(`create table rm_review_reviewers (
      review_id text not null,
      agency_id text not null,
      practitioner_ref text not null,
      assigned_at timestamptz not null,
      primary key (review_id, agency_id, practitioner_ref)
    )`);
    await q.query('create index rm_review_reviewers_agency on rm_review_reviewers (agency_id)');
    await q.query(`create table rm_review_findings (
      review_id text not null,
      finding_id text not null,
      theme text not null,
      text text not null,
      evidence jsonb not null,
      recorded_by jsonb not null,
      recorded_at timestamptz not null,
      position bigint not null,
      primary key (review_id, finding_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table rm_review_findings');
    await q.query('drop table rm_review_reviewers');
    await q.query('drop table rm_reviews');
  }
}
