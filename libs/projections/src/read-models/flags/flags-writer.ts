import type { EntityManager } from 'typeorm';
import type { ChildEvaluation } from './child-evaluation';

const CHILD_TABLES = ['rm_flags', 'rm_flag_children', 'rm_share_intervals', 'rm_child_referrals', 'rm_child_incidents'] as const;

/**
 * Replaces what is stored for a child with a fresh evaluation. Rows under every id of the child's
 * linked group (and the id that was marked) go first, so a link or an unlink moves a child's rows
 * to its canonical id rather than leaving copies behind.
 */
export async function replaceChild(tx: EntityManager, ids: readonly string[], evaluation: ChildEvaluation | null): Promise<void> {
  await clearChildren(tx, ids);
  if (!evaluation) return;
  const { child, evaluatedOn } = evaluation;
  await tx.query(
    `insert into rm_flag_children (child, aliases, flag_count, evaluated_on, refreshed_at) values ($1, $2::text[], $3, $4::date, now())
     on conflict (child) do update set aliases = excluded.aliases, flag_count = excluded.flag_count,
       evaluated_on = excluded.evaluated_on, refreshed_at = excluded.refreshed_at`,
    [child, evaluation.aliases, evaluation.flags.length, evaluatedOn],
  );
  if (evaluation.flags.length > 0) {
    const rows = evaluation.flags.map((f) => [
      f.id, f.child, f.rule, f.theme, f.agencies, f.evidence, f.at, f.dueBy ?? null, f.delayDays ?? null, f.missing ?? null, f.severity, f.explanation, f.at.slice(0, 10),
    ]);
    await tx.query(
      `insert into rm_flags (flag_id, child, rule, theme, agencies, evidence, at, flag_on, due_by, delay_days, missing, severity, explanation, evaluated_on)
       select r->>0, r->>1, r->>2, r->>3, array(select jsonb_array_elements_text(r->4)), r->5, (r->>6)::timestamptz, (r->>12)::date,
              (r->>7)::timestamptz, (r->>8)::integer, r->>9, r->>10, r->>11, $2::date
         from jsonb_array_elements($1::text::jsonb) as r
       on conflict (flag_id) do update set child = excluded.child, agencies = excluded.agencies, evidence = excluded.evidence,
         at = excluded.at, flag_on = excluded.flag_on, due_by = excluded.due_by, delay_days = excluded.delay_days, missing = excluded.missing,
         severity = excluded.severity, explanation = excluded.explanation, evaluated_on = excluded.evaluated_on`,
      [JSON.stringify(rows), evaluatedOn],
    );
  }
  if (evaluation.shares.length > 0) {
    const rows = evaluation.shares.map((s) => [s.concernEventId, s.from, s.to, s.severity, s.concernOn, s.reachedOn, s.via, s.days]);
    await tx.query(
      `insert into rm_share_intervals (child, concern_event_id, from_agency, to_agency, severity, concern_on, reached_on, via, days)
       select $2, (r->>0)::uuid, r->>1, r->>2, r->>3, (r->>4)::date, (r->>5)::date, r->>6, (r->>7)::integer
         from jsonb_array_elements($1::text::jsonb) as r
       on conflict do nothing`,
      [JSON.stringify(rows), child],
    );
  }
  if (evaluation.referrals.length > 0) {
    const rows = evaluation.referrals.map((r) => [r.eventId, r.referredOn, r.from, r.to, r.repeat]);
    await tx.query(
      `insert into rm_child_referrals (child, event_id, referred_on, from_agency, to_agency, repeat)
       select $2, (r->>0)::uuid, (r->>1)::date, r->>2, r->>3, (r->>4)::boolean from jsonb_array_elements($1::text::jsonb) as r
       on conflict do nothing`,
      [JSON.stringify(rows), child],
    );
  }
  if (evaluation.incidents.length > 0) {
    const rows = evaluation.incidents.map((i) => [i.eventId, i.occurredOn, i.kind, i.agency]);
    await tx.query(
      `insert into rm_child_incidents (child, event_id, occurred_on, kind, agency)
       select $2, (r->>0)::uuid, (r->>1)::date, r->>2, r->>3 from jsonb_array_elements($1::text::jsonb) as r
       on conflict do nothing`,
      [JSON.stringify(rows), child],
    );
  }
}

async function clearChildren(tx: EntityManager, ids: readonly string[]): Promise<void> {
  for (const table of CHILD_TABLES) await tx.query(`delete from ${table} where child = any($1::text[])`, [ids]);
}
