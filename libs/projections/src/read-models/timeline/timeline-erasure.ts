import { redactPersonalData } from '@casetrail/domain';
import type { EntityManager } from 'typeorm';

/**
 * What the timeline read model does with `SubjectErased`: the rows it already holds for events
 * naming the subject get the same `[erased]` fields a reader of the log now gets, so no
 * plaintext of the subject is left in `rm_timeline_events.data`. Rows are rewritten in place
 * (not re-read from the log): the result is identical to a rebuild after the erasure, and it
 * does not depend on whether this process still held the key when the event reached it.
 * Rows of later events need nothing: once the key is gone the log itself yields `[erased]`.
 */
export async function eraseSubjectFromTimeline(tx: EntityManager, subjectId: string): Promise<void> {
  const rows = (await tx.query('select event_id, type, data from rm_timeline_events where subjects @> array[$1]::text[]', [subjectId])) as Array<{
    event_id: string;
    type: string;
    data: unknown;
  }>;
  const changed: Array<[string, unknown]> = [];
  for (const row of rows) {
    const redacted = redactPersonalData(row.type, row.data, subjectId);
    if (redacted !== row.data) changed.push([row.event_id, redacted]);
  }
  if (changed.length === 0) return;
  await tx.query(
    `update rm_timeline_events t set data = r->1
       from jsonb_array_elements($1::text::jsonb) as r
      where t.event_id = (r->>0)::uuid`,
    [JSON.stringify(changed)],
  );
}
