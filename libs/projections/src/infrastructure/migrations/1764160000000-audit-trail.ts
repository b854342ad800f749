import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail: every read of personal data and every break-glass grant, as administrators and lead agencies query it. */
export class AuditTrail1764160000000 implements MigrationInterface {
  name = 'AuditTrail1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create table rm_audit_trail (
      event_id text primary key,
      position bigint not null,
      kind text not null,
      at timestamptz not null,
      agency_id text not null,
      role text not null,
      practitioner_ref text,
      children text[] not null,
      resource text,
      purpose text,
      review_id text,
      entry text,
      grant_id text,
      reason text,
      expires_at timestamptz,
      channel text,
      correlation_id text
    )`);
    await q.query('create index rm_audit_trail_children on rm_audit_trail using gin (children)');
    await q.query('create index rm_audit_trail_at on rm_audit_trail (at, position)');
    await q.query('create index rm_audit_trail_agency on rm_audit_trail (agency_id, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table rm_audit_trail');
  }
}
