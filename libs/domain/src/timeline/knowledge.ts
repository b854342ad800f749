import { formatEntryRef, sameEntry, type EntryRef } from '../events/common';
import {
  agencyOf,
  attendeesOf,
  categoriesOf,
  dayOf,
  entriesOf,
  isEntryOf,
  refOf,
  sharesCategory,
} from './case-facts';
import { asOfInstant, dayNumber, dayOfInstant, normaliseInstant } from './days';
import { liveEntries, type ChildTimeline, type TimelineEntry } from './timeline';

/** How an agency came to know an entry. */
export type KnowledgeVia = 'recorded' | 'shared' | 'referred' | 'meeting';

export interface KnownEntry {
  readonly entry: TimelineEntry;
  readonly via: KnowledgeVia;
  /** The sharing, referral or meeting that carried it (absent for the agency's own records). */
  readonly through?: { readonly eventId: string; readonly entry: EntryRef };
  /** ISO instant: when the agency recorded it, or when the sharing, referral or meeting took place. */
  readonly knownFrom: string;
}

/** Everything the whole system held at `asOf`: live entries recorded by then, in timeline order. */
export function recordedByDate(timeline: ChildTimeline, asOf: string): TimelineEntry[] {
  const cutoff = asOfInstant(asOf);
  return liveEntries(timeline).filter((e) => Date.parse(e.event.data.recordedAt) <= cutoff);
}

/**
 * "As known by agency X on date D": what X had recorded by D, plus what reached it by D through
 * a sharing, a referral or a meeting it attended.
 *
 * Knowledge travels on: what X learnt from Y may reach Z through X's later sharing by category
 * or a meeting X and Z attended, because a practitioner brings everything their agency knows to
 * a meeting. An agency's own entries are "known" to the agency from when it recorded them, but it
 * can pass one on from the day it happened (a practitioner can tell before the record is typed).
 * Communications count from when they took place, whenever they were recorded; what they carry
 * is risk information (concerns), besides the entries a sharing names and the conduit itself. A
 * concern passed on by category is known once all its categories have arrived.
 */
export function knowledgeOf(timeline: ChildTimeline, agency: string, asOf: string): KnownEntry[] {
  const cutoff = asOfInstant(asOf);
  const live = liveEntries(timeline);
  const concerns = entriesOf(live, 'ConcernRecorded');
  // Each conduit asks what every holder had by its day: parse the dates once, not per question.
  const concernDays = concerns.map(dayOf);
  const liveByRef = new Map<string, TimelineEntry[]>();
  for (const e of live) {
    const key = formatEntryRef(refOf(e));
    const same = liveByRef.get(key);
    if (same) same.push(e);
    else liveByRef.set(key, [e]);
  }
  const received = new Map<string, Map<string, KnownEntry>>();

  const receivedBy = (who: string) => {
    let map = received.get(who);
    if (!map) {
      map = new Map();
      received.set(who, map);
    }
    return map;
  };
  const learn = (who: string, entry: TimelineEntry, via: KnowledgeVia, conduit: TimelineEntry) => {
    // An agency's own records are its own knowledge, however else they reach it.
    if (agencyOf(entry) === who) return;
    const map = receivedBy(who);
    if (map.has(entry.eventId)) return;
    map.set(entry.eventId, {
      entry,
      via,
      through: { eventId: conduit.eventId, entry: refOf(conduit) },
      knownFrom: normaliseInstant(conduit.event.data.occurred.at),
    });
  };
  // Everything received so far was received at or before this conduit: conduits run in time order.
  const riskHeldBy = (holder: string, conduitDay: number) =>
    concerns.filter(
      (c, i) => (agencyOf(c) === holder && concernDays[i]! <= conduitDay) || receivedBy(holder).has(c.eventId),
    );

  // Categories of each concern that have reached each agency: a concern passed on by category is
  // known once every one of its categories has arrived (what was not named was not passed on).
  const partial = new Map<string, Map<string, Set<string>>>();
  const receiveByCategory = (who: string, held: readonly TimelineEntry[], categories: readonly string[], via: KnowledgeVia, conduit: TimelineEntry) => {
    for (const concern of entriesOf(held, 'ConcernRecorded')) {
      const own = concern.event.data.categories;
      if (!sharesCategory(own, categories as typeof own)) continue;
      let byConcern = partial.get(who);
      if (!byConcern) partial.set(who, (byConcern = new Map()));
      const got = byConcern.get(concern.eventId) ?? new Set<string>();
      for (const c of own) if (categories.includes(c)) got.add(c);
      byConcern.set(concern.eventId, got);
      if (own.every((c) => got.has(c))) learn(who, concern, via, conduit);
    }
  };

  const conduits = live
    .map((e, index) => ({ e, index, ms: Date.parse(e.event.data.occurred.at) }))
    .filter(({ ms }) => ms <= cutoff)
    .sort((a, b) => a.ms - b.ms || a.index - b.index);

  for (const { e: conduit, ms } of conduits) {
    const day = dayOfInstant(ms);
    if (isEntryOf(conduit, 'InformationShared')) {
      const { to, about, categories } = conduit.event.data;
      const from = agencyOf(conduit);
      if (from === to) continue;
      // Each named entry is learnt through this one sharing, so the order they are learnt in is immaterial.
      const carried = [conduit, ...new Set(about.flatMap((ref) => liveByRef.get(formatEntryRef(ref)) ?? []))];
      for (const entry of carried) learn(to, entry, 'shared', conduit);
      receiveByCategory(to, riskHeldBy(from, day), categories, 'shared', conduit);
    } else if (isEntryOf(conduit, 'ReferralMade')) {
      const { from, to, categories } = conduit.event.data;
      // A referral from a person is the receiving agency's own record, and carries nothing more.
      if (from === null || from === to) continue;
      learn(to, conduit, 'referred', conduit);
      receiveByCategory(to, riskHeldBy(from, day), categories, 'referred', conduit);
    } else if (isEntryOf(conduit, 'MeetingHeld')) {
      const attendees = [...attendeesOf(conduit)];
      // Snapshot first, so the order attendees are listed in does not change who learns what.
      const brought = new Map(attendees.map((a) => [a, riskHeldBy(a, day)] as const));
      for (const attendee of attendees) {
        learn(attendee, conduit, 'meeting', conduit);
        for (const other of attendees) {
          if (other === attendee) continue;
          for (const concern of brought.get(other) ?? []) learn(attendee, concern, 'meeting', conduit);
        }
      }
    }
  }

  const mine = receivedBy(agency);
  const known: KnownEntry[] = [];
  for (const entry of live) {
    if (agencyOf(entry) === agency) {
      if (Date.parse(entry.event.data.recordedAt) <= cutoff) {
        known.push({ entry, via: 'recorded', knownFrom: normaliseInstant(entry.event.data.recordedAt) });
      }
    } else {
      const k = mine.get(entry.eventId);
      if (k) known.push(k);
    }
  }
  return known;
}

/** How information held by one agency first reached another. */
export interface InformationReach {
  /** `recorded`: the other agency recorded its own account of the same happening (a variant). */
  readonly via: KnowledgeVia;
  /** The sharing, referral, meeting or variant entry. */
  readonly through: TimelineEntry;
  /** ISO instant it reached the agency. */
  readonly at: string;
}

export interface ReachOptions {
  /** The agency holding the information; defaults to the agency that recorded it. */
  readonly holder?: string;
  /** Only communications on or after this instant's date count; defaults to when the entry occurred. */
  readonly since?: string;
}

/**
 * When information held by agency A (`holder`) first reached agency B (`to`), per semantics.md:
 * the first, on or after the information's date, of
 *   - an InformationShared from A to B naming the entry in `about`, or carrying its categories,
 *   - a ReferralMade from A to B carrying its categories,
 *   - a MeetingHeld (any kind) that both A and B attended.
 * Sharing by category must carry every category of the information (over one or several
 * communications; it reaches B when the last one does): what was not named was not passed on.
 * Two refinements a reviewer would expect: an InformationShared to B that names the entry counts
 * whoever sent it (B has it either way), and B's own account of the same happening (a variant)
 * means B had the information from the day it recorded it.
 *
 * `entries` are the entries to search (a rule passes what it sees at its `asOf`); retracted ones
 * are skipped. Dates compare by calendar day, as every rule does. The list is indexed and its
 * answers remembered on first use, so it must not be changed afterwards (a list that grew is
 * indexed again).
 */
export function whenReached(
  entries: readonly TimelineEntry[],
  info: TimelineEntry,
  to: string,
  options: ReachOptions = {},
): InformationReach | undefined {
  const holder = options.holder ?? agencyOf(info);
  const since = options.since ?? info.event.data.occurred.at;
  if (holder === to) return { via: 'recorded', through: info, at: normaliseInstant(since) };
  // Rules ask the same question once per decision or assessment: answer it once per entry list.
  const index = reachIndex(entries);
  let answers = index.answers.get(info);
  if (!answers) index.answers.set(info, (answers = new Map()));
  const key = `${to}\u0000${holder}\u0000${since}`;
  if (answers.has(key)) return answers.get(key);
  const reach = firstReach(index, info, to, holder, since);
  answers.set(key, reach);
  return reach;
}

/** An entry that can carry information to `to`, with what `whenReached` compares it by. */
interface Conduit {
  readonly entry: TimelineEntry;
  /** Position in the searched entries: among equally early conduits the first listed wins. */
  readonly index: number;
  readonly ms: number;
  readonly day: number;
  readonly attendees?: ReadonlySet<string>;
}

interface ReachIndex {
  readonly length: number;
  /** Per receiving agency: sharings and referrals sent to it and meetings it attended, earliest first. */
  readonly conduitsTo: ReadonlyMap<string, readonly Conduit[]>;
  /** Per variant group: its live accounts, in the order searched. */
  readonly variants: ReadonlyMap<string, readonly Conduit[]>;
  readonly answers: Map<TimelineEntry, Map<string, InformationReach | undefined>>;
}

// Keyed by the entry list itself, so a rule's `facts.entries` is indexed once and the index goes
// when the list does. The list is read-only by contract; a changed length still forces a rebuild.
const reachIndexes = new WeakMap<readonly TimelineEntry[], ReachIndex>();

function reachIndex(entries: readonly TimelineEntry[]): ReachIndex {
  const cached = reachIndexes.get(entries);
  if (cached && cached.length === entries.length) return cached;
  const conduitsTo = new Map<string, Conduit[]>();
  const variants = new Map<string, Conduit[]>();
  const add = <K>(map: Map<K, Conduit[]>, key: K, conduit: Conduit) => {
    const list = map.get(key);
    if (list) list.push(conduit);
    else map.set(key, [conduit]);
  };
  entries.forEach((entry, index) => {
    const isConduit = isEntryOf(entry, 'InformationShared') || isEntryOf(entry, 'ReferralMade') || isEntryOf(entry, 'MeetingHeld');
    if (entry.retracted || (!isConduit && entry.variantGroup === undefined)) return;
    const ms = Date.parse(entry.event.data.occurred.at);
    const conduit: Conduit = { entry, index, ms, day: dayOfInstant(ms) };
    if (entry.variantGroup !== undefined) add(variants, entry.variantGroup, conduit);
    if (isEntryOf(entry, 'InformationShared') || isEntryOf(entry, 'ReferralMade')) {
      add(conduitsTo, entry.event.data.to, conduit);
    } else if (isEntryOf(entry, 'MeetingHeld')) {
      const attendees = attendeesOf(entry);
      for (const attendee of attendees) add(conduitsTo, attendee, { ...conduit, attendees });
    }
  });
  for (const list of conduitsTo.values()) list.sort((a, b) => a.ms - b.ms || a.index - b.index);
  const index: ReachIndex = { length: entries.length, conduitsTo, variants, answers: new Map() };
  reachIndexes.set(entries, index);
  return index;
}

/**
 * The earliest reach, taking candidates as a scan of the whole list in order would: the earliest
 * instant wins and, among equals, the first listed; a reach by categories wins only when strictly
 * earlier than any reach that carries the information whole.
 */
function firstReach(index: ReachIndex, info: TimelineEntry, to: string, holder: string, since: string): InformationReach | undefined {
  const sinceMs = Date.parse(since);
  const categories = categoriesOf(info);
  const ref = refOf(info);
  // B's own account of the same happening is B's own record, never a conduit.
  const isOwnAccount = (e: TimelineEntry) => info.variantGroup !== undefined && e.variantGroup === info.variantGroup && agencyOf(e) === to;

  let best: { readonly conduit: Conduit; readonly ms: number; readonly via: KnowledgeVia } | undefined;
  for (const account of info.variantGroup === undefined ? [] : (index.variants.get(info.variantGroup) ?? [])) {
    if (account.entry === info || agencyOf(account.entry) !== to) continue;
    const ms = Math.max(account.ms, sinceMs);
    if (!best || ms < best.ms || (ms === best.ms && account.index < best.conduit.index)) best = { conduit: account, ms, via: 'recorded' };
  }

  // Sharing by category passes on only the categories it names: a referral about domestic abuse
  // does not pass on the partner's sexual-offence history recorded in the same concern. Each
  // category's earliest carrier counts, and the information has reached B once all have.
  const conduits = index.conduitsTo.get(to) ?? [];
  let i = firstOnOrAfter(conduits, dayNumber(since));
  const byCategory = new Map<string, { readonly conduit: Conduit; readonly via: KnowledgeVia }>();
  let byCategoryMs: number | undefined;
  for (; i < conduits.length; i++) {
    const conduit = conduits[i]!;
    // Conduits come earliest first: past the best reach so far (an own account, or every
    // category arrived), only an equally early conduit carrying it whole could still come first.
    if ((best && conduit.ms > best.ms) || (byCategoryMs !== undefined && conduit.ms > byCategoryMs)) break;
    if (conduit.entry === info || isOwnAccount(conduit.entry)) continue;
    const carried = carries(conduit, ref, categories, holder, to);
    if (!carried) continue;
    if (carried.categories === 'all') {
      if (!best || conduit.ms < best.ms || (conduit.ms === best.ms && conduit.index < best.conduit.index)) {
        best = { conduit, ms: conduit.ms, via: carried.via };
      }
      break;
    }
    for (const category of carried.categories) if (!byCategory.has(category)) byCategory.set(category, { conduit, via: carried.via });
    if (byCategoryMs === undefined && categories.length > 0 && categories.every((c) => byCategory.has(c))) byCategoryMs = conduit.ms;
  }
  if (byCategoryMs !== undefined && (!best || byCategoryMs < best.ms)) {
    // The category that arrived last, the first listed among equals.
    const last = categories.map((c) => byCategory.get(c)!).reduce((a, b) => (b.conduit.ms > a.conduit.ms ? b : a));
    return { via: last.via, through: last.conduit.entry, at: normaliseInstant(last.conduit.entry.event.data.occurred.at) };
  }
  if (!best) return undefined;
  return best.via === 'recorded'
    ? { via: 'recorded', through: best.conduit.entry, at: new Date(best.ms).toISOString() }
    : { via: best.via, through: best.conduit.entry, at: normaliseInstant(best.conduit.entry.event.data.occurred.at) };
}

/** The first conduit on or after `day` (all of them when `day` is not a number). */
function firstOnOrAfter(conduits: readonly Conduit[], day: number): number {
  let lo = 0;
  let hi = conduits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (conduits[mid]!.day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function carries(
  { entry: e, attendees: meetingAttendees }: Conduit,
  ref: EntryRef,
  categories: ReturnType<typeof categoriesOf>,
  holder: string,
  to: string,
): { via: Exclude<KnowledgeVia, 'recorded'>; categories: 'all' | readonly string[] } | undefined {
  if (isEntryOf(e, 'InformationShared')) {
    const { data } = e.event;
    if (data.to !== to) return undefined;
    if (data.about.some((r) => sameEntry(r, ref))) return { via: 'shared', categories: 'all' };
    return agencyOf(e) === holder && sharesCategory(data.categories, categories)
      ? { via: 'shared', categories: categories.filter((c) => data.categories.includes(c)) }
      : undefined;
  }
  if (isEntryOf(e, 'ReferralMade')) {
    const { data } = e.event;
    return data.from === holder && data.to === to && sharesCategory(data.categories, categories)
      ? { via: 'referred', categories: categories.filter((c) => data.categories.includes(c)) }
      : undefined;
  }
  if (isEntryOf(e, 'MeetingHeld')) {
    const attendees = meetingAttendees ?? attendeesOf(e);
    return attendees.has(holder) && attendees.has(to) ? { via: 'meeting', categories: 'all' } : undefined;
  }
  return undefined;
}
