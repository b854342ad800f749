import { upcast } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../../application/projection';
import { subjectsNamed, TIMELINE_EVENT_TYPES } from '../timeline/timeline.projection';
import { childrenAffected, markDirty } from './flag-marking';

/** Relations that put an adult in a child's household (HOUSEHOLD_RELATIONS of the domain). */
const HOUSEHOLD = new Set(['parent', 'step_parent', 'partner_of_parent', 'household_member', 'carer']);
const AMENDMENTS = new Set(['EntryCorrected', 'EntryRetracted']);

interface EventData {
  subjectId?: string;
  kind?: string;
  subject?: string;
  related?: string;
  relation?: string;
  pair?: [string, string];
}

/**
 * The cheap half of the flags read model: in the batch transaction it only marks dirty the
 * children a batch touches, so a rebuild runs at the speed of a few set-based statements per
 * batch. Recomputing the flags is the refresher's job ({@link FlagRefresher}).
 *
 * A child is touched by an event naming it, by one naming an adult who has lived in its household
 * (under any linked id), and by a correction or retraction of such an entry; the last is resolved
 * by the refresher, because only the timeline knows whom the amended entry named.
 */
export class FlagsProjection implements Projection {
  readonly name = 'flags';
  readonly handles: ReadonlySet<string> = new Set(TIMELINE_EVENT_TYPES);
  /**
   * What a rebuild beside the serving model swaps in: the marks, not the flags. The swapped-in
   * marks name every child, so the refresher recomputes the flags the serving tables still show.
   */
  readonly tables = ['rm_flag_dirty', 'rm_flag_subjects', 'rm_flag_household', 'rm_flag_links', 'rm_flag_amended_streams'];

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const kinds = new Map<string, string>();
    const links: [string, string][] = [];
    const relationships: { subject: string; related: string }[] = [];
    const amended = new Set<string>();
    const named = new Set<string>();
    for (const event of events) {
      const data = upcast(event).data as EventData;
      for (const id of subjectsNamed(data)) named.add(id);
      if (event.type === 'PersonRegistered' && data.subjectId && data.kind) kinds.set(data.subjectId, data.kind);
      else if (event.type === 'SubjectsLinked' && data.pair) links.push(data.pair);
      else if (event.type === 'RelationshipRecorded' && data.subject && data.related && HOUSEHOLD.has(data.relation ?? '')) {
        relationships.push({ subject: data.subject, related: data.related });
      } else if (AMENDMENTS.has(event.type)) amended.add(event.streamId);
    }
    const last = events[events.length - 1].position;

    await this.saveKinds(tx, kinds);
    await this.saveLinks(tx, links);
    await this.saveHousehold(tx, relationships);
    if (amended.size > 0) {
      await tx.query(
        `insert into rm_flag_amended_streams (stream_id, marked_commit, marked_prepare)
         select s, $2::bigint, $3::bigint from unnest($1::text[]) s
         on conflict (stream_id) do update set marked_commit = excluded.marked_commit, marked_prepare = excluded.marked_prepare`,
        [[...amended], last.commit.toString(), last.prepare.toString()],
      );
    }
    // The whole batch is marked at its last position: the refresher waits for the timeline to
    // apply the batch as a whole, which it does in one transaction too.
    await markDirty(tx, await childrenAffected(tx, [...named]), last);
  }

  private async saveKinds(tx: EntityManager, kinds: ReadonlyMap<string, string>): Promise<void> {
    if (kinds.size === 0) return;
    await tx.query(
      `insert into rm_flag_subjects (subject_id, kind) select * from unnest($1::text[], $2::text[])
       on conflict (subject_id) do nothing`,
      [[...kinds.keys()], [...kinds.values()]],
    );
  }

  private async saveLinks(tx: EntityManager, links: readonly [string, string][]): Promise<void> {
    if (links.length === 0) return;
    const both = links.flatMap(([a, b]) => [[a, b], [b, a]]);
    await tx.query(
      `insert into rm_flag_links (a, b) select * from unnest($1::text[], $2::text[]) on conflict do nothing`,
      [both.map((p) => p[0]), both.map((p) => p[1])],
    );
  }

  /** Which side of a household relationship is a child is known from the registrations, which come first in the log. */
  private async saveHousehold(tx: EntityManager, relationships: readonly { subject: string; related: string }[]): Promise<void> {
    if (relationships.length === 0) return;
    const ids = [...new Set(relationships.flatMap((r) => [r.subject, r.related]))];
    const rows: { subject_id: string; kind: string }[] = await tx.query('select subject_id, kind from rm_flag_subjects where subject_id = any($1::text[])', [ids]);
    const kind = new Map(rows.map((r) => [r.subject_id, r.kind]));
    const edges: [string, string][] = [];
    // As on the timeline: whoever shares a child's household is "the adult" there, whatever their kind.
    for (const { subject, related } of relationships) {
      if (kind.get(subject) === 'child') edges.push([related, subject]);
      if (kind.get(related) === 'child') edges.push([subject, related]);
    }
    if (edges.length === 0) return;
    await tx.query(
      `insert into rm_flag_household (member, child) select * from unnest($1::text[], $2::text[]) on conflict do nothing`,
      [edges.map((e) => e[0]), edges.map((e) => e[1])],
    );
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`truncate rm_flag_dirty, rm_flag_subjects, rm_flag_household, rm_flag_links, rm_flag_amended_streams,
      rm_flags, rm_flag_children, rm_share_intervals, rm_child_referrals, rm_child_incidents`);
  }
}
