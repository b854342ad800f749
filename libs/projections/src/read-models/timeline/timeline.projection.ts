import { ENTRY_TYPE_OF, upcast } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../../application/projection';
import { eraseSubjectFromTimeline } from './timeline-erasure';

/** Events that belong on timelines (recordings, answers, amendments, involvements, people, links). */
export const TIMELINE_EVENT_TYPES: readonly string[] = [...Object.keys(ENTRY_TYPE_OF), 'EntryCorrected', 'EntryRetracted'];

interface EntryData {
  entry?: { agency: string; entryId: string };
  subjects?: string[];
  child?: string;
  subject?: string;
  related?: string;
  subjectId?: string;
  pair?: [string, string];
  kind?: string;
  agencyId?: string;
  name?: string;
  registeredAt?: string;
  recordedAt?: string;
}

/** Every subject id an event names, wherever in its data: how a timeline finds it. */
export function subjectsNamed(data: EntryData): string[] {
  const names = new Set<string>(data.subjects ?? []);
  for (const id of [data.child, data.subject, data.related, data.subjectId]) if (id) names.add(id);
  for (const id of data.pair ?? []) names.add(id);
  return [...names];
}

/**
 * Feeds the timeline read model. Rows are keyed by event id and inserted with `on conflict do
 * nothing`, so applying a batch twice changes nothing; links are applied in log order because a
 * link and its undoing may share a batch.
 */
export class TimelineProjection implements Projection {
  readonly name = 'timeline';
  readonly tables = ['rm_timeline_events', 'rm_identity_links', 'rm_agencies', 'rm_subjects'];
  readonly handles: ReadonlySet<string> = new Set([...TIMELINE_EVENT_TYPES, 'AgencyRegistered', 'SubjectErased']);

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const rows: unknown[][] = [];
    const agencies: unknown[][] = [];
    const subjects: unknown[][] = [];
    for (const event of events) {
      // Interpreted at the latest shape; the row keeps the data and version as stored (the reader upcasts).
      const data = upcast(event).data as EntryData;
      if (event.type === 'SubjectErased') {
        // Rows of this batch first, so that the erasure reaches them too (see timeline-erasure.ts).
        await this.flush(tx, rows, agencies, subjects);
        await eraseSubjectFromTimeline(tx, (event.data as { subjectId: string }).subjectId);
        continue;
      }
      if (event.type === 'AgencyRegistered') {
        agencies.push([data.agencyId, data.name, data.kind, data.registeredAt ?? null]);
        continue;
      }
      if (!data.entry) continue;
      rows.push([
        event.eventId,
        event.position.prepare.toString(),
        event.streamId,
        event.type,
        data.entry.agency,
        data.entry.entryId,
        subjectsNamed(data),
        event.occurredAt?.toISOString() ?? null,
        event.recordedAt?.toISOString() ?? null,
        event.schemaVersion,
        event.data,
      ]);
      if (event.type === 'PersonRegistered' && data.subjectId && data.kind) {
        subjects.push([data.subjectId, data.kind, data.entry.agency, data.recordedAt ?? null]);
      }
      if (event.type === 'SubjectsLinked' || event.type === 'SubjectsUnlinked') {
        await this.flush(tx, rows, agencies, subjects);
        const [a, b] = [...(data.pair ?? [])].sort();
        await tx.query(
          `insert into rm_identity_links (a, b, linked) values ($1, $2, $3)
           on conflict (a, b) do update set linked = excluded.linked`,
          [a, b, event.type === 'SubjectsLinked'],
        );
      }
    }
    await this.flush(tx, rows, agencies, subjects);
  }

  private async flush(tx: EntityManager, rows: unknown[][], agencies: unknown[][], subjects: unknown[][]): Promise<void> {
    if (rows.length > 0) {
      await tx.query(
        `insert into rm_timeline_events
           (event_id, position, stream_id, type, agency, entry_id, subjects, occurred_at, recorded_at, schema_version, data)
         select (r->>0)::uuid, (r->>1)::bigint, r->>2, r->>3, r->>4, r->>5,
                array(select jsonb_array_elements_text(r->6)), (r->>7)::timestamptz, (r->>8)::timestamptz, (r->>9)::int, r->10
           from jsonb_array_elements($1::text::jsonb) as r
         on conflict (event_id) do nothing`,
        [JSON.stringify(rows)],
      );
    }
    if (agencies.length > 0) {
      await tx.query(
        `insert into rm_agencies (agency_id, name, kind, registered_at)
         select r->>0, r->>1, r->>2, (r->>3)::timestamptz from jsonb_array_elements($1::text::jsonb) as r
         on conflict (agency_id) do nothing`,
        [JSON.stringify(agencies)],
      );
    }
    if (subjects.length > 0) {
      await tx.query(
        `insert into rm_subjects (subject_id, kind, registered_by, registered_at)
         select r->>0, r->>1, r->>2, (r->>3)::timestamptz from jsonb_array_elements($1::text::jsonb) as r
         on conflict (subject_id) do nothing`,
        [JSON.stringify(subjects)],
      );
    }
    rows.length = 0;
    agencies.length = 0;
    subjects.length = 0;
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.query('truncate rm_timeline_events, rm_identity_links, rm_agencies, rm_subjects');
  }
}
