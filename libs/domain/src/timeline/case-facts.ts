import { assertNever, formatEntryRef, type EntryRef } from '../events/common';
import type { RiskCategory } from '../vocabulary/risk-categories';
import { asOfInstant, dayNumber, dayOfInstant } from './days';
import { liveEntries, type ChildTimeline, type HouseholdMembership, type TimelineEntry, type TimelineEvent, type TimelineEventType } from './timeline';

/**
 * The facts about a child's case that several rules and views ask for: who was involved when,
 * who lived in the household when, and which entries the system held at an instant.
 */

export type EntryOf<T extends TimelineEventType> = TimelineEntry & { readonly event: Extract<TimelineEvent, { readonly type: T }> };

export function isEntryOf<T extends TimelineEventType>(entry: TimelineEntry, type: T): entry is EntryOf<T> {
  return entry.event.type === type;
}

export function entriesOf<T extends TimelineEventType>(entries: readonly TimelineEntry[], type: T): EntryOf<T>[] {
  return entries.filter((e): e is EntryOf<T> => isEntryOf(e, type));
}

/** The agency that recorded the entry. */
export function agencyOf(entry: TimelineEntry): string {
  return entry.event.data.entry.agency;
}

export function refOf(entry: TimelineEntry): EntryRef {
  return entry.event.data.entry;
}

export function occurredOf(entry: TimelineEntry): string {
  return entry.event.data.occurred.at;
}

export function dayOf(entry: TimelineEntry): number {
  return dayNumber(entry.event.data.occurred.at);
}

/** Entries about a household adult that do not name the child are about the adult, not the child. */
export function isAboutChild(entry: TimelineEntry): boolean {
  return entry.householdAdult === undefined;
}

export function namesSubject(entry: TimelineEntry, subject: string): boolean {
  return entry.householdAdult === subject || entry.event.data.subjects.includes(subject);
}

/** The risk categories an entry carries, whatever its type calls them. */
export function categoriesOf(entry: TimelineEntry): readonly RiskCategory[] {
  const { event } = entry;
  switch (event.type) {
    case 'ConcernRecorded':
    case 'ReferralMade':
    case 'InformationShared':
    case 'InformationNotShared':
    case 'InformationRequested':
      return event.data.categories;
    case 'RiskAssessmentCompleted':
      return event.data.categoriesConsidered;
    case 'ContactRecorded':
    case 'MeetingHeld':
    case 'RelationshipRecorded':
    case 'RelationshipEnded':
    case 'PlanStarted':
    case 'PlanEnded':
    case 'SeriousIncidentNotified':
    case 'ReferralOutcomeRecorded':
    case 'InformationRequestAnswered':
    case 'InvolvementOpened':
    case 'InvolvementClosed':
    case 'PersonRegistered':
    case 'SubjectsLinked':
    case 'SubjectsUnlinked':
      return [];
    default:
      return assertNever(event);
  }
}

export function sharesCategory(a: readonly RiskCategory[], b: readonly RiskCategory[]): boolean {
  return a.some((c) => b.includes(c));
}

/** A meeting's recorder is taken to have been there even when it left itself off the list. */
export function attendeesOf(meeting: EntryOf<'MeetingHeld'>): ReadonlySet<string> {
  return new Set([...meeting.event.data.attended, agencyOf(meeting)]);
}

export interface InvolvementPeriod {
  readonly agency: string;
  readonly opened: EntryOf<'InvolvementOpened'>;
  readonly closed?: EntryOf<'InvolvementClosed'>;
  readonly fromDay: number;
  /** The day it closed; the involvement still counts as open on that day (semantics.md). */
  readonly toDay?: number;
}

/** Pairs each agency's openings and closings in timeline order; a stray close is ignored. */
export function involvementPeriods(entries: readonly TimelineEntry[]): InvolvementPeriod[] {
  const open = new Map<string, EntryOf<'InvolvementOpened'>>();
  const periods: InvolvementPeriod[] = [];
  for (const entry of entries) {
    if (isEntryOf(entry, 'InvolvementOpened')) {
      if (!open.has(agencyOf(entry))) open.set(agencyOf(entry), entry);
    } else if (isEntryOf(entry, 'InvolvementClosed')) {
      const opened = open.get(agencyOf(entry));
      if (!opened) continue;
      open.delete(agencyOf(entry));
      periods.push({ agency: agencyOf(entry), opened, closed: entry, fromDay: dayOf(opened), toDay: dayOf(entry) });
    }
  }
  for (const [agency, opened] of open) periods.push({ agency, opened, fromDay: dayOf(opened) });
  return periods.sort((a, b) => a.fromDay - b.fromDay || (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
}

export function isOpenOn(period: InvolvementPeriod, day: number): boolean {
  return period.fromDay <= day && (period.toDay === undefined || period.toDay >= day);
}

export function isInHouseholdOn(membership: HouseholdMembership, day: number): boolean {
  // Like an involvement, a membership still counts on the day it ends: the adult was there that day.
  return dayNumber(membership.from) <= day && (membership.to === undefined || dayNumber(membership.to) >= day);
}

/** The case as the system held it at an instant: what every rule reads. */
export interface CaseFacts {
  readonly timeline: ChildTimeline;
  readonly child: string;
  /** Epoch milliseconds of the evaluation instant (a bare date means the end of that day). */
  readonly asOf: number;
  readonly asOfDay: number;
  /** Live entries recorded at or before `asOf`, in timeline order. */
  readonly entries: readonly TimelineEntry[];
  readonly involvements: readonly InvolvementPeriod[];
  /** Household memberships whose starting entry is held; an end not yet recorded is ignored. */
  readonly household: readonly HouseholdMembership[];
  /** Agencies of kind `childrens_social_care`, sorted. */
  readonly socialCare: readonly string[];
  entry(ref: EntryRef): TimelineEntry | undefined;
  involvementOn(agency: string, day: number): InvolvementPeriod | undefined;
  agenciesInvolvedOn(day: number): string[];
  inHouseholdOn(adult: string, day: number): boolean;
  /**
   * Risk information on this child's timeline: a concern about the child, or about an adult who
   * was in the household on the day it occurred (an adult's earlier or later history is not the
   * child's risk at that time).
   */
  isRelevantRisk(entry: EntryOf<'ConcernRecorded'>): boolean;
}

const cache = new WeakMap<ChildTimeline, Map<string, CaseFacts>>();

/**
 * The entries a rule sees at `asOf`: not retracted (corrections and retractions as they stand now,
 * because a retraction says the entry was wrong all along) and recorded by then, so a run "as at"
 * a past date raises the flags the system could have raised that day.
 */
export function caseFacts(timeline: ChildTimeline, asOf: string): CaseFacts {
  let perTimeline = cache.get(timeline);
  if (!perTimeline) {
    perTimeline = new Map();
    cache.set(timeline, perTimeline);
  }
  const cached = perTimeline.get(asOf);
  if (cached) return cached;
  const facts = buildCaseFacts(timeline, asOf);
  perTimeline.set(asOf, facts);
  return facts;
}

function buildCaseFacts(timeline: ChildTimeline, asOf: string): CaseFacts {
  const instant = asOfInstant(asOf);
  const entries = liveEntries(timeline).filter((e) => Date.parse(e.event.data.recordedAt) <= instant);
  const held = new Map(entries.map((e) => [formatEntryRef(refOf(e)), e] as const));
  const all = new Map(timeline.entries.map((e) => [formatEntryRef(refOf(e)), e] as const));
  // A membership evidenced by an entry on the timeline follows that entry's fate; one whose
  // evidence is not on this timeline is taken as the projection gives it.
  const isHeld = (ref: EntryRef | undefined) => !ref || !all.has(formatEntryRef(ref)) || held.has(formatEntryRef(ref));
  const household = timeline.household
    .filter((m) => isHeld(m.evidence[0]))
    .map((m) => (m.to !== undefined && !isHeld(m.evidence[1]) ? { ...m, to: undefined } : m));
  const involvements = involvementPeriods(entries);
  const socialCare = Object.keys(timeline.agencies)
    .filter((agency) => timeline.agencies[agency] === 'childrens_social_care')
    .sort();
  // Rules ask this for every concern against every decision: compare day numbers, not timestamps.
  const spans = household.map((m) => ({ adult: m.adult, fromDay: dayNumber(m.from), toDay: m.to === undefined ? undefined : dayNumber(m.to) }));
  const inHouseholdOn = (adult: string, day: number) =>
    spans.some((m) => m.adult === adult && m.fromDay <= day && (m.toDay === undefined || m.toDay >= day));
  return {
    timeline,
    child: timeline.child,
    asOf: instant,
    asOfDay: dayOfInstant(instant),
    entries,
    involvements,
    household,
    socialCare,
    entry: (ref) => held.get(formatEntryRef(ref)),
    involvementOn: (agency, day) => involvements.find((p) => p.agency === agency && isOpenOn(p, day)),
    agenciesInvolvedOn: (day) => [...new Set(involvements.filter((p) => isOpenOn(p, day)).map((p) => p.agency))].sort(),
    inHouseholdOn,
    isRelevantRisk: (entry) => entry.householdAdult === undefined || inHouseholdOn(entry.householdAdult, dayOf(entry)),
  };
}
