import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The flags read model and what the flags refresher derives beside it.
 *
 * Kept by the `flags` projection, in its batch transaction (cheap, set-based):
 * - `rm_flag_dirty`: children whose flags must be recomputed, with the log position of the event
 *   that marked them (the refresher waits until the timeline has applied it) and a version drawn
 *   from a sequence, so a refresh clears the mark only if nobody marked the child again meanwhile;
 * - `rm_flag_subjects`, `rm_flag_household`, `rm_flag_links`: just enough of who is who to turn an
 *   event naming only adults into the children whose timelines it is on;
 * - `rm_flag_amended_streams`: corrected or retracted entries, resolved to children by the
 *   refresher once the timeline holds the entry they amend.
 *
 * Written by the refresher, one child per small transaction: the child's current flags and the
 * per-child facts leadership statistics aggregate (time to share, referrals, serious incidents).
 */
export class Flags1764150000000 implements MigrationInterface {
  name = 'Flags1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('create sequence rm_flag_dirty_version');
    await q.query(`create table rm_flag_dirty (
      subject_id text primary key,
      version bigint not null,
      marked_commit bigint not null,
      marked_prepare bigint not null,
      marked_at timestamptz not null
    )`);
    await q.query('create index rm_flag_dirty_marked_at on rm_flag_dirty (marked_at)');
    await q.query(`create table rm_flag_subjects (
      subject_id text primary key,
      kind text not null
    )`);
    await q.query(`create table rm_flag_household (
      member text not null,
      child text not null,
      primary key (member, child)
    )`);
    await q.query(`create table rm_flag_links (
      a text not null,
      b text not null,
      primary key (a, b)
    )`);
    await q.query(`create table rm_flag_amended_streams (
      stream_id text primary key,
      marked_commit bigint not null,
      marked_prepare bigint not null
    )`);

    await q.query(`create table rm_flags (
      flag_id text primary key,
      child text not null,
      rule text not null,
      theme text not null,
      agencies text[] not null,
      evidence jsonb not null,
      at timestamptz not null,
      -- The UTC date of at: what statistics group and filter by, whatever the session's time zone.
      flag_on date not null,
      due_by timestamptz,
      delay_days integer,
      missing text,
      severity text not null,
      explanation text not null,
      evaluated_on date not null
    )`);
    await q.query('create index rm_flags_child on rm_flags (child)');
    await q.query('create index rm_flags_flag_on on rm_flags (flag_on)');
    await q.query(`create table rm_flag_children (
      child text primary key,
      aliases text[] not null,
      flag_count integer not null,
      evaluated_on date not null,
      refreshed_at timestamptz not null
    )`);
    await q.query('create index rm_flag_children_evaluated_on on rm_flag_children (evaluated_on)');
    await q.query(`create table rm_share_intervals (
      child text not null,
      concern_event_id uuid not null,
      from_agency text not null,
      to_agency text not null,
      severity text not null,
      concern_on date not null,
      reached_on date,
      via text,
      days integer,
      primary key (child, concern_event_id, to_agency)
    )`);
    await q.query('create index rm_share_intervals_concern_on on rm_share_intervals (concern_on)');
    await q.query(`create table rm_child_referrals (
      child text not null,
      event_id uuid not null,
      referred_on date not null,
      from_agency text,
      to_agency text not null,
      repeat boolean not null,
      primary key (child, event_id)
    )`);
    await q.query('create index rm_child_referrals_referred_on on rm_child_referrals (referred_on)');
    await q.query(`create table rm_child_incidents (
      child text not null,
      event_id uuid not null,
      occurred_on date not null,
      kind text not null,
      agency text not null,
      primary key (child, event_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'rm_child_incidents',
      'rm_child_referrals',
      'rm_share_intervals',
      'rm_flag_children',
      'rm_flags',
      'rm_flag_amended_streams',
      'rm_flag_links',
      'rm_flag_household',
      'rm_flag_subjects',
      'rm_flag_dirty',
    ]) {
      await q.query(`drop table ${table}`);
    }
    await q.query('drop sequence rm_flag_dirty_version');
  }
}
