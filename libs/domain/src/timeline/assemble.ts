import { formatEntryRef, type EntryRef } from '../events/common';
import { ENTRY_TYPE_OF } from './entry-types';
import type { EntryCorrected, EntryRetracted, Relation } from '../events/entry.events';
import type { AgencyKind } from '../vocabulary/agency-kinds';
import {
  HOUSEHOLD_RELATIONS,
  type ChildTimeline,
  type HouseholdMembership,
  type TimelineAmendment,
  type TimelineEntry,
  type TimelineEvent,
} from './timeline';

/** One stored event as a read model keeps it: enough to rebuild its place on a timeline. */
export interface TimelineRecord {
  readonly eventId: string;
  /** Global log position as a decimal string. */
  readonly position: string;
  readonly event: { readonly type: string; readonly schemaVersion: number; readonly data: unknown };
}

export interface TimelineSources {
  /** Every subject id currently linked to the child. */
  readonly childAliases: readonly string[];
  /** Canonical id of every subject id the records name that is linked to others (absent: itself). */
  readonly canonical: ReadonlyMap<string, string>;
  /** Records naming the child, records naming adults related to it, and amendments of either. */
  readonly records: readonly TimelineRecord[];
  readonly agencies: Readonly<Record<string, AgencyKind>>;
}

const AMENDMENTS = new Set(['EntryCorrected', 'EntryRetracted']);
/** The event types that are rows of a timeline: one list, kept with the entry types it maps to. */
const TIMELINE_TYPES = new Set<string>(Object.keys(ENTRY_TYPE_OF));

interface Draft {
  readonly record: TimelineRecord;
  event: TimelineEvent;
  readonly names: ReadonlySet<string>;
  history: TimelineAmendment[];
  retracted: boolean;
}

/**
 * Builds a child's integrated timeline from projected records: maps linked subject ids to their
 * canonical one, works out who was in the household when, keeps adults' entries only for the
 * time they were, applies corrections (keeping what they replaced) and retractions, groups
 * variants of one happening, and orders everything by when it occurred, then when it was
 * recorded, then log position. Pure, so every reader (API, CLI, exports, rules) sees the same.
 */
export function assembleTimeline(sources: TimelineSources): ChildTimeline {
  const canon = (id: string) => sources.canonical.get(id) ?? id;
  const child = canon(sources.childAliases[0] ?? '');
  const drafts: Draft[] = [];
  const amendments: { record: TimelineRecord; event: EntryCorrected | EntryRetracted }[] = [];
  const seen = new Set<string>();
  for (const record of sources.records) {
    if (seen.has(record.eventId)) continue;
    seen.add(record.eventId);
    if (AMENDMENTS.has(record.event.type)) {
      amendments.push({ record, event: record.event as EntryCorrected | EntryRetracted });
    } else if (TIMELINE_TYPES.has(record.event.type)) {
      const event = canonicalise(record.event as TimelineEvent, canon);
      drafts.push({ record, event, names: namesOf(event), history: [], retracted: false });
    }
  }

  const byRef = new Map<string, Draft>();
  for (const draft of drafts) byRef.set(formatEntryRef(draft.event.data.entry), draft);
  amendments.sort((a, b) => comparePositions(a.record.position, b.record.position));
  for (const { record, event } of amendments) {
    const target = byRef.get(formatEntryRef(event.data.amends));
    if (!target) continue;
    if (event.type === 'EntryRetracted') {
      target.retracted = true;
      target.history.push(amendment('retracted', record, event));
      continue;
    }
    const before = target.event.data as unknown as Record<string, unknown>;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, to] of Object.entries(event.data.changes)) changes[field] = { from: before[field], to };
    target.event = { ...target.event, data: { ...target.event.data, ...event.data.changes } } as TimelineEvent;
    target.history.push({ ...amendment('corrected', record, event), changes });
  }

  const household = householdOf(child, drafts);
  const entries: TimelineEntry[] = [];
  for (const draft of drafts) {
    let householdAdult: string | undefined;
    if (!draft.names.has(child)) {
      const at = draft.event.data.occurred.at;
      householdAdult = household.find((m) => draft.names.has(m.adult) && m.from <= at && (m.to === undefined || at <= m.to))?.adult;
      if (householdAdult === undefined) continue;
    }
    entries.push({
      eventId: draft.record.eventId,
      position: draft.record.position,
      event: draft.event,
      history: draft.history,
      retracted: draft.retracted,
      ...(householdAdult !== undefined && { householdAdult }),
    });
  }
  const grouped = groupVariants(entries);
  grouped.sort(compareEntries);
  const aliases = [...new Set([child, ...sources.childAliases.map((a) => a)])].sort();
  return { child, aliases, entries: grouped, household, agencies: sources.agencies };
}

function amendment(kind: 'corrected' | 'retracted', record: TimelineRecord, event: EntryCorrected | EntryRetracted): TimelineAmendment {
  return { kind, eventId: record.eventId, entry: event.data.entry, recordedAt: event.data.recordedAt, reason: event.data.reason };
}

/** Subject ids inside an event, mapped to canonical ids, so rules and views compare like with like. */
function canonicalise(event: TimelineEvent, canon: (id: string) => string): TimelineEvent {
  const data = event.data as unknown as Record<string, unknown>;
  const mapped: Record<string, unknown> = { ...data, subjects: (data.subjects as string[]).map(canon) };
  for (const field of ['child', 'subject', 'related', 'subjectId']) {
    if (typeof data[field] === 'string') mapped[field] = canon(data[field] as string);
  }
  if (Array.isArray(data.pair)) mapped.pair = (data.pair as string[]).map(canon);
  return { ...event, data: mapped } as unknown as TimelineEvent;
}

function namesOf(event: TimelineEvent): ReadonlySet<string> {
  const data = event.data as unknown as Record<string, unknown>;
  const names = new Set<string>(data.subjects as string[]);
  for (const field of ['child', 'subject', 'related', 'subjectId']) if (typeof data[field] === 'string') names.add(data[field] as string);
  if (Array.isArray(data.pair)) for (const id of data.pair as string[]) names.add(id);
  return names;
}

/**
 * Household periods from the relationship entries between the child and an adult: a household
 * relation starts a membership at its date, its end closes the latest open one of the same adult.
 */
function householdOf(child: string, drafts: readonly Draft[]): HouseholdMembership[] {
  const relationships = drafts
    .filter((d) => !d.retracted && (d.event.type === 'RelationshipRecorded' || d.event.type === 'RelationshipEnded'))
    .sort((a, b) => a.event.data.occurred.at.localeCompare(b.event.data.occurred.at) || comparePositions(a.record.position, b.record.position));
  const memberships: { adult: string; relation: Relation; from: string; to?: string; evidence: EntryRef[] }[] = [];
  for (const draft of relationships) {
    const event = draft.event;
    if (event.type !== 'RelationshipRecorded' && event.type !== 'RelationshipEnded') continue;
    const { subject, related, relation } = event.data;
    const adult = subject === child ? related : related === child ? subject : undefined;
    if (adult === undefined || adult === child || !HOUSEHOLD_RELATIONS.includes(relation)) continue;
    if (event.type === 'RelationshipRecorded') {
      memberships.push({ adult, relation, from: event.data.occurred.at, evidence: [event.data.entry] });
    } else {
      const open = [...memberships].reverse().find((m) => m.adult === adult && m.to === undefined);
      if (open) {
        open.to = event.data.occurred.at;
        open.evidence.push(event.data.entry);
      }
    }
  }
  return memberships;
}

/** Accounts of one happening share the key of the earliest recorded account among them. */
function groupVariants(entries: readonly TimelineEntry[]): TimelineEntry[] {
  const parent = new Map<string, string>();
  const find = (ref: string): string => {
    let root = ref;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const refs = new Map(entries.map((e) => [formatEntryRef(e.event.data.entry), e]));
  let linked = false;
  for (const entry of entries) {
    const variantOf = (entry.event.data as { variantOf?: EntryRef }).variantOf;
    if (!variantOf || !refs.has(formatEntryRef(variantOf))) continue;
    linked = true;
    const [a, b] = [find(formatEntryRef(entry.event.data.entry)), find(formatEntryRef(variantOf))];
    if (a !== b) parent.set(a, b);
  }
  if (!linked) return [...entries];
  const members = new Map<string, TimelineEntry[]>();
  for (const entry of entries) {
    const root = find(formatEntryRef(entry.event.data.entry));
    members.set(root, [...(members.get(root) ?? []), entry]);
  }
  const keyOf = new Map<string, string>();
  for (const [root, group] of members) {
    if (group.length < 2) continue;
    const earliest = [...group].sort((a, b) => a.event.data.recordedAt.localeCompare(b.event.data.recordedAt) || comparePositions(a.position, b.position))[0];
    keyOf.set(root, formatEntryRef(earliest.event.data.entry));
  }
  return entries.map((entry) => {
    const key = keyOf.get(find(formatEntryRef(entry.event.data.entry)));
    return key === undefined ? entry : { ...entry, variantGroup: key };
  });
}

/** Decimal positions of any length, compared as numbers. */
export function comparePositions(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Timeline order: when it occurred, then when it was recorded, then its place in the log. */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  const x = a.event.data;
  const y = b.event.data;
  return (
    (x.occurred.at < y.occurred.at ? -1 : x.occurred.at > y.occurred.at ? 1 : 0) ||
    (x.recordedAt < y.recordedAt ? -1 : x.recordedAt > y.recordedAt ? 1 : 0) ||
    comparePositions(a.position, b.position)
  );
}
