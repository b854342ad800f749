import { sameEntry, type EntryRef } from '../events/common';
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
import { asOfInstant, dayNumber, normaliseInstant } from './days';
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
  const riskHeldBy = (holder: string, conduit: TimelineEntry) =>
    concerns.filter(
      (c) => (agencyOf(c) === holder && dayOf(c) <= dayOf(conduit)) || receivedBy(holder).has(c.eventId),
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
    .filter((e) => Date.parse(e.event.data.occurred.at) <= cutoff)
    .map((e, index) => ({ e, index }))
    .sort((a, b) => Date.parse(a.e.event.data.occurred.at) - Date.parse(b.e.event.data.occurred.at) || a.index - b.index)
    .map(({ e }) => e);

  for (const conduit of conduits) {
    if (isEntryOf(conduit, 'InformationShared')) {
      const { to, about, categories } = conduit.event.data;
      const from = agencyOf(conduit);
      if (from === to) continue;
      const carried = [conduit, ...live.filter((e) => about.some((ref) => sameEntry(ref, refOf(e))))];
      for (const entry of carried) learn(to, entry, 'shared', conduit);
      receiveByCategory(to, riskHeldBy(from, conduit), categories, 'shared', conduit);
    } else if (isEntryOf(conduit, 'ReferralMade')) {
      const { from, to, categories } = conduit.event.data;
      // A referral from a person is the receiving agency's own record, and carries nothing more.
      if (from === null || from === to) continue;
      learn(to, conduit, 'referred', conduit);
      receiveByCategory(to, riskHeldBy(from, conduit), categories, 'referred', conduit);
    } else if (isEntryOf(conduit, 'MeetingHeld')) {
      const attendees = [...attendeesOf(conduit)];
      // Snapshot first, so the order attendees are listed in does not change who learns what.
      const brought = new Map(attendees.map((a) => [a, riskHeldBy(a, conduit)] as const));
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
 * are skipped. Dates compare by calendar day, as every rule does.
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
  const sinceDay = dayNumber(since);
  const categories = categoriesOf(info);
  const ref = refOf(info);
  let best: InformationReach | undefined;
  const consider = (reach: InformationReach) => {
    if (!best || Date.parse(reach.at) < Date.parse(best.at)) best = reach;
  };

  // Sharing by category passes on only the categories it names: a referral about domestic abuse
  // does not pass on the partner's sexual-offence history recorded in the same concern. Each
  // category's earliest carrier counts, and the information has reached B once all have.
  const byCategory = new Map<string, InformationReach>();
  for (const e of entries) {
    if (e.retracted || e === info) continue;
    if (info.variantGroup !== undefined && e.variantGroup === info.variantGroup && agencyOf(e) === to) {
      const at = Math.max(Date.parse(e.event.data.occurred.at), Date.parse(since));
      consider({ via: 'recorded', through: e, at: new Date(at).toISOString() });
      continue;
    }
    if (dayOf(e) < sinceDay) continue;
    const carried = carries(e, ref, categories, holder, to);
    if (!carried) continue;
    const reach = { via: carried.via, through: e, at: normaliseInstant(e.event.data.occurred.at) };
    if (carried.categories === 'all') {
      consider(reach);
      continue;
    }
    for (const category of carried.categories) {
      const earlier = byCategory.get(category);
      if (!earlier || Date.parse(reach.at) < Date.parse(earlier.at)) byCategory.set(category, reach);
    }
  }
  if (categories.length > 0 && categories.every((c) => byCategory.has(c))) {
    const last = categories.map((c) => byCategory.get(c)!).reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a));
    consider(last);
  }
  return best;
}

function carries(
  e: TimelineEntry,
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
    const attendees = attendeesOf(e);
    return attendees.has(holder) && attendees.has(to) ? { via: 'meeting', categories: 'all' } : undefined;
  }
  return undefined;
}
