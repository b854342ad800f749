import type { EntityManager } from 'typeorm';

type Db = Pick<EntityManager, 'query'>;

/**
 * The children whose timelines an event naming these subjects is on: the subjects themselves
 * unless registered as adults, and the children in whose household any of them (under any id
 * linked to it) has lived. Over-marking costs a refresh; under-marking would leave stale flags,
 * so every edge ever seen is kept (an ended relationship or an undone link still marks).
 */
export async function childrenAffected(db: Db, subjects: readonly string[]): Promise<string[]> {
  if (subjects.length === 0) return [];
  const rows: { child: string }[] = await db.query(
    `with recursive named(id) as (select distinct unnest($1::text[])),
       grp(id) as (select id from named union select l.b from rm_flag_links l join grp on l.a = grp.id)
     select n.id as child from named n
      where not exists (select 1 from rm_flag_subjects s where s.subject_id = n.id and s.kind = 'adult')
     union
     select h.child from rm_flag_household h join grp on h.member = grp.id`,
    [subjects],
  );
  return rows.map((r) => r.child);
}

// A mark only ever moves forward: the refresher must wait for the latest event that marked a child.
const LATER = '(excluded.marked_commit, excluded.marked_prepare) > (rm_flag_dirty.marked_commit, rm_flag_dirty.marked_prepare)';

/** Marks children dirty as of a log position; every marking draws a new version. */
export async function markDirty(db: Db, children: readonly string[], at: { commit: bigint; prepare: bigint }): Promise<void> {
  if (children.length === 0) return;
  await db.query(
    `insert into rm_flag_dirty (subject_id, version, marked_commit, marked_prepare, marked_at)
     select c, nextval('rm_flag_dirty_version'), $2::bigint, $3::bigint, now() from (select distinct unnest($1::text[]) as c) as t
     on conflict (subject_id) do update set
       version = excluded.version,
       marked_commit = case when ${LATER} then excluded.marked_commit else rm_flag_dirty.marked_commit end,
       marked_prepare = case when ${LATER} then excluded.marked_prepare else rm_flag_dirty.marked_prepare end`,
    [children, at.commit.toString(), at.prepare.toString()],
  );
}
