import { assembleTimeline, HOUSEHOLD_RELATIONS, upcast, type AgencyKind, type ChildTimeline, type StoredEvent, type TimelineRecord } from '@casetrail/domain';
import type { EntityManager } from 'typeorm';

interface RecordRow {
  event_id: string;
  position: string | number;
  stream_id: string;
  type: string;
  schema_version: number;
  data: unknown;
}

const RECORD_COLUMNS = 'event_id, position::text as position, stream_id, type, schema_version, data';

/** Reads what the timeline projection stored; every method is one or a few indexed queries. */
export class TimelineReader {
  constructor(private readonly db: Pick<EntityManager, 'query'>) {}

  /** The subject's kind, or undefined when no such subject was registered. */
  async subjectKind(subjectId: string): Promise<'child' | 'adult' | undefined> {
    const rows: { kind: 'child' | 'adult' }[] = await this.db.query('select kind from rm_subjects where subject_id = $1', [subjectId]);
    return rows[0]?.kind;
  }

  /** Every subject id currently linked to these, transitively (themselves included). */
  async linkedGroup(ids: readonly string[]): Promise<string[]> {
    const group = new Set(ids);
    let frontier = [...ids];
    while (frontier.length > 0) {
      const rows: { a: string; b: string }[] = await this.db.query(
        'select a, b from rm_identity_links where linked and (a = any($1::text[]) or b = any($1::text[]))',
        [frontier],
      );
      frontier = [];
      for (const { a, b } of rows) {
        for (const id of [a, b]) {
          if (!group.has(id)) {
            group.add(id);
            frontier.push(id);
          }
        }
      }
    }
    return [...group].sort();
  }

  async agencyKinds(): Promise<Record<string, AgencyKind>> {
    const rows: { agency_id: string; kind: AgencyKind }[] = await this.db.query('select agency_id, kind from rm_agencies');
    return Object.fromEntries(rows.map((r) => [r.agency_id, r.kind]));
  }

  /**
   * The integrated timeline of a child (under any of its linked ids), or undefined when nothing is
   * known about that id. Adults related to the child through a household relation are read too;
   * `assembleTimeline` keeps their entries only for the time they were in the household.
   */
  async childTimeline(childId: string): Promise<ChildTimeline | undefined> {
    const childAliases = await this.linkedGroup([childId]);
    const childRows = await this.recordsNaming(childAliases);
    if (childRows.length === 0 && (await this.subjectKind(childId)) === undefined) return undefined;

    const aliasSet = new Set(childAliases);
    const adults = new Set<string>();
    for (const row of childRows) {
      if (row.type !== 'RelationshipRecorded' && row.type !== 'RelationshipEnded') continue;
      const data = eventOf(row).data as { subject: string; related: string; relation: (typeof HOUSEHOLD_RELATIONS)[number] };
      if (!HOUSEHOLD_RELATIONS.includes(data.relation)) continue;
      for (const id of [data.subject, data.related]) if (!aliasSet.has(id)) adults.add(id);
    }
    const canonical = new Map<string, string>();
    for (const id of childAliases) canonical.set(id, childAliases[0]);
    const adultIds: string[] = [];
    const seenAdults = new Set<string>();
    for (const adult of adults) {
      if (seenAdults.has(adult)) continue;
      const group = await this.linkedGroup([adult]);
      for (const id of group) {
        seenAdults.add(id);
        canonical.set(id, group[0]);
        adultIds.push(id);
      }
    }
    const adultRows = adultIds.length > 0 ? await this.recordsNaming(adultIds, childAliases) : [];
    const streams = [...new Set([...childRows, ...adultRows].map((r) => r.stream_id))];
    const amendments: RecordRow[] = await this.db.query(
      `select ${RECORD_COLUMNS} from rm_timeline_events
        where stream_id = any($1::text[]) and type in ('EntryCorrected', 'EntryRetracted')`,
      [streams],
    );
    return assembleTimeline({
      childAliases,
      canonical,
      records: [...childRows, ...adultRows, ...amendments].map(toRecord),
      agencies: await this.agencyKinds(),
    });
  }

  private recordsNaming(ids: readonly string[], except: readonly string[] = []): Promise<RecordRow[]> {
    return except.length === 0
      ? this.db.query(`select ${RECORD_COLUMNS} from rm_timeline_events where subjects && $1::text[]`, [ids])
      : this.db.query(`select ${RECORD_COLUMNS} from rm_timeline_events where subjects && $1::text[] and not subjects && $2::text[]`, [ids, except]);
  }
}

function toRecord(row: RecordRow): TimelineRecord {
  return { eventId: row.event_id, position: String(row.position), event: eventOf(row) };
}

/** Rows keep the data as stored, in its own version; every reading of it is at the latest shape. */
function eventOf(row: RecordRow): StoredEvent {
  return upcast({ type: row.type, schemaVersion: Number(row.schema_version), data: row.data });
}
