import {
  DomainError,
  entryTypeOf,
  parseRiskCategory,
  knowledgeOf,
  recordedByDate,
  TIMELINE_ENTRY_TYPES,
  type ChildTimeline,
  type EntryRef,
  type HouseholdMembership,
  type KnownEntry,
  type TimelineAmendment,
  type TimelineEntry,
} from '@casetrail/domain';

/** What a reader may narrow a timeline to; every field optional. */
export interface TimelineFilter {
  readonly agencies?: readonly string[];
  readonly types?: readonly string[];
  readonly categories?: readonly string[];
  /** `YYYY-MM-DD`, inclusive, on when the entry occurred. */
  readonly from?: string;
  readonly to?: string;
  /** Access, not a reader's choice: only entries that occurred within one of these periods (a reviewer's reviews). */
  readonly within?: readonly { readonly from: string; readonly to: string }[];
}

/** The perspective: the integrated view, one agency's knowledge on a date, or what the system held on a date. */
export type TimelinePerspective =
  | { readonly kind: 'integrated' }
  | { readonly kind: 'known-by'; readonly agency: string; readonly asOf: string }
  | { readonly kind: 'recorded-by'; readonly asOf: string };

export interface TimelineEntryView {
  readonly eventId: string;
  readonly position: string;
  readonly entry: EntryRef;
  /** The chronology format's entry type (`concern`, `referral_outcome`, ...). */
  readonly type: string;
  readonly eventType: string;
  readonly occurred: { readonly at: string; readonly precision: string };
  readonly recordedAt: string;
  readonly subjects: readonly string[];
  readonly householdAdult?: string;
  readonly variantGroup?: string;
  /** The entry's own facts as they stand now (corrections applied). */
  readonly details: Readonly<Record<string, unknown>>;
  readonly corrected: boolean;
  readonly history: readonly TimelineAmendment[];
  /** In a knowledge view: how and from when the agency knew it. */
  readonly known?: { readonly via: string; readonly from: string; readonly through?: { readonly eventId: string; readonly entry: EntryRef } };
}

export interface TimelineView {
  readonly child: string;
  readonly aliases: readonly string[];
  readonly perspective: TimelinePerspective;
  readonly household: readonly HouseholdMembership[];
  readonly entries: readonly TimelineEntryView[];
  /** Retracted entries: hidden from the view, listed here with their history. */
  readonly retracted: readonly TimelineEntryView[];
  readonly total: number;
}

const COMMON = new Set(['entry', 'subjects', 'occurred', 'recordedAt']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a filter from a request or the command line (the field at fault is named); categories may be census codes. */
export function checkTimelineFilter(filter: TimelineFilter): TimelineFilter {
  for (const type of filter.types ?? []) {
    if (!TIMELINE_ENTRY_TYPES.includes(type)) {
      throw new DomainError('TIMELINE.FILTER.INVALID', `"${type}" is not an entry type (${TIMELINE_ENTRY_TYPES.join(', ')})`, 'type');
    }
  }
  const categories = (filter.categories ?? []).map((category) => {
    const id = parseRiskCategory(category);
    if (id === null) throw new DomainError('TIMELINE.FILTER.INVALID', `"${category}" is not a risk category (an id or a census code)`, 'category');
    return id;
  });
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
      throw new DomainError('TIMELINE.FILTER.INVALID', `${field} must be a date YYYY-MM-DD`, field);
    }
  }
  if (filter.from && filter.to && filter.from > filter.to) throw new DomainError('TIMELINE.FILTER.INVALID', 'from is after to', 'from');
  return { ...filter, ...(filter.categories && { categories }) };
}

/** The timeline as a reader asked for it: perspective first, then the filter. */
export function timelineView(timeline: ChildTimeline, perspective: TimelinePerspective, filter: TimelineFilter = {}): TimelineView {
  let rows: { entry: TimelineEntry; known?: KnownEntry }[];
  switch (perspective.kind) {
    case 'integrated':
      rows = timeline.entries.map((entry) => ({ entry }));
      break;
    case 'known-by':
      rows = knowledgeOf(timeline, perspective.agency, perspective.asOf).map((known) => ({ entry: known.entry, known }));
      break;
    case 'recorded-by':
      rows = recordedByDate(timeline, perspective.asOf).map((entry) => ({ entry }));
      break;
  }
  const kept = rows.filter(({ entry }) => matches(entry, filter));
  return {
    child: timeline.child,
    aliases: timeline.aliases,
    perspective,
    household: timeline.household,
    entries: kept.filter(({ entry }) => !entry.retracted).map(({ entry, known }) => entryView(entry, known)),
    retracted: perspective.kind === 'integrated' ? kept.filter(({ entry }) => entry.retracted).map(({ entry }) => entryView(entry)) : [],
    total: timeline.entries.length,
  };
}

function matches(entry: TimelineEntry, filter: TimelineFilter): boolean {
  const data = entry.event.data as unknown as Record<string, unknown>;
  if (filter.agencies?.length && !filter.agencies.includes(entry.event.data.entry.agency)) return false;
  if (filter.types?.length && !filter.types.includes(entryTypeOf(entry.event.type))) return false;
  if (filter.categories?.length) {
    const categories = [...((data.categories as string[] | undefined) ?? []), ...((data.categoriesConsidered as string[] | undefined) ?? [])];
    if (!filter.categories.some((c) => categories.includes(c))) return false;
  }
  const day = entry.event.data.occurred.at.slice(0, 10);
  if (filter.from && day < filter.from) return false;
  if (filter.to && day > filter.to) return false;
  if (filter.within && !filter.within.some((p) => p.from <= day && day <= p.to)) return false;
  return true;
}

export function entryView(entry: TimelineEntry, known?: KnownEntry): TimelineEntryView {
  const data = entry.event.data as unknown as Record<string, unknown>;
  const details = Object.fromEntries(Object.entries(data).filter(([key]) => !COMMON.has(key)));
  return {
    eventId: entry.eventId,
    position: entry.position,
    entry: entry.event.data.entry,
    type: entryTypeOf(entry.event.type),
    eventType: entry.event.type,
    occurred: entry.event.data.occurred,
    recordedAt: entry.event.data.recordedAt,
    subjects: entry.event.data.subjects,
    ...(entry.householdAdult !== undefined && { householdAdult: entry.householdAdult }),
    ...(entry.variantGroup !== undefined && { variantGroup: entry.variantGroup }),
    details,
    corrected: entry.history.some((h) => h.kind === 'corrected'),
    history: entry.history,
    ...(known && {
      known: { via: known.via, from: known.knownFrom, ...(known.through && { through: known.through }) },
    }),
  };
}
