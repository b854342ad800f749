import { sameEntry, type EntryRef } from '../events/common';
import type { MeetingKind, ReferralOutcome, Severity } from '../events/entry.events';
import {
  aTimeline,
  answered,
  assessment,
  closed,
  concern,
  contact,
  joined,
  left,
  meeting,
  opened,
  referral,
  referralOutcome,
  requested,
  shared,
  type EntryOptions,
  type EntrySpec,
} from '../testing/timeline-builders';
import { agencyOf, attendeesOf, caseFacts, categoriesOf, dayOf, isEntryOf, refOf, sharesCategory } from '../timeline/case-facts';
import { dayNumber, normaliseInstant } from '../timeline/days';
import { whenReached, type InformationReach, type KnowledgeVia } from '../timeline/knowledge';
import type { ChildTimeline, TimelineEntry } from '../timeline/timeline';
import type { RiskCategory } from '../vocabulary/risk-categories';
import { detectFlags, DETECTORS } from './detect';
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from './detection-settings';
import { RULE_IDS } from './rules';

/**
 * The rules answer "when did this reach that agency" from an index over the entries, remembered
 * per entry list and per timeline. These specs hold that to the plain reading (a scan of every
 * entry, below) over seeded random timelines dense enough for ties on the same instant, and check
 * that what is remembered never leaks between evaluation instants, rules or timelines.
 */

const AGENCIES = ['police-a', 'school-b', 'csc-c', 'hv-d', 'probation-e'] as const;
const CATEGORIES: readonly RiskCategory[] = ['domestic_abuse', 'neglect', 'physical_abuse', 'sexual_abuse', 'drug_misuse'];
const ADULTS = ['adult-1', 'adult-2'] as const;

/** mulberry32: a few lines, seeded, the same timelines on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const some = <T>(xs: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + int(max) }, () => pick(xs)))];
  const shuffle = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { chance: (p: number) => next() < p, int, pick, some, shuffle };
}

/**
 * A month of a busy case: every kind of entry the rules read, on few distinct days and hours so
 * that many happen at the same instant, often in bursts between the same two agencies (several
 * communications in one sitting); some recorded late, retracted, about a household adult, or
 * another agency's account of the same happening.
 */
function randomTimeline(seed: number, size: number): ChildTimeline {
  const r = random(seed);
  const specs: EntrySpec[] = [];
  const ids: { concerns: string[]; referrals: string[]; requests: string[]; all: string[] } = { concerns: [], referrals: [], requests: [], all: [] };
  const day = (d: number) => `2024-05-${String(1 + d).padStart(2, '0')}`;
  let sitting = { d: 0, date: day(0), agency: AGENCIES[0] as string, other: AGENCIES[1] as string };
  for (let i = 0; i < size; i++) {
    if (i === 0 || !r.chance(0.3)) {
      const d = r.int(28);
      const agency = r.pick(AGENCIES);
      sitting = { d, date: r.chance(0.5) ? day(d) : `${day(d)}T${r.pick(['08', '09', '14'])}:00:00.000Z`, agency, other: r.pick(AGENCIES.filter((a) => a !== agency)) };
    }
    const { d, date, agency, other } = sitting;
    const id = `x${i}`;
    const o: EntryOptions = {
      id,
      ...(r.chance(0.15) ? { recorded: day(Math.min(27, d + 1 + r.int(10))) } : {}),
      ...(r.chance(0.05) ? { retracted: true } : {}),
      ...(ids.all.length > 0 && r.chance(0.08) ? { variantOf: r.pick(ids.all) } : {}),
    };
    const categories = r.some(CATEGORIES, 2);
    const kind = r.int(14);
    let spec: EntrySpec;
    if (kind <= 2) {
      const about = r.chance(0.25) ? { about: r.pick(ADULTS) } : {};
      const variant = ids.concerns.length > 0 && r.chance(0.15) ? { variantOf: r.pick(ids.concerns) } : {};
      spec = concern(agency, date, { ...o, ...about, ...variant, categories, severity: r.pick<Severity>(['low', 'medium', 'high']) });
      ids.concerns.push(id);
    } else if (kind <= 4) {
      const named = ids.all.length > 0 && r.chance(0.5) ? { entries: r.some(ids.all, 2) } : {};
      spec = shared(agency, r.chance(0.1) ? agency : other, date, { ...o, ...named, categories: r.chance(0.7) ? categories : [] });
    } else if (kind === 5) {
      const variant = ids.referrals.length > 0 && r.chance(0.15) ? { variantOf: r.pick(ids.referrals) } : {};
      const recordedBy = r.chance(0.2) ? { recordedBy: other } : {};
      spec = r.chance(0.2) ? referral(null, other, date, { ...o, ...variant, source: 'family', categories }) : referral(agency, other, date, { ...o, ...variant, ...recordedBy, categories });
      ids.referrals.push(id);
    } else if (kind === 6 && ids.referrals.length > 0) {
      spec = referralOutcome(agency, date, r.pick(ids.referrals), r.pick<ReferralOutcome>(['no_further_action', 'assessment', 'strategy_discussion']), o);
    } else if (kind === 7) {
      const kinds: MeetingKind[] = ['strategy_discussion', 'child_protection_conference', 'core_group', 'mash'];
      spec = meeting(agency, date, r.pick(kinds), { ...o, invited: r.some(AGENCIES, 2), attended: r.some(AGENCIES, 3) });
    } else if (kind === 8) {
      spec = r.chance(0.6) ? opened(agency, date, o) : closed(agency, date, o);
    } else if (kind === 9) {
      spec = assessment(agency, date, { ...o, level: r.pick<Severity>(['low', 'medium', 'high']), considered: r.some(CATEGORIES, 2) });
    } else if (kind === 10) {
      spec = r.chance(0.7) ? joined(agency, date, r.pick(ADULTS), o) : left(agency, date, r.pick(ADULTS), o);
    } else if (kind === 11) {
      spec = requested(agency, other, date, { ...o, ...(r.chance(0.5) ? { about: r.pick(ADULTS) } : {}) });
      ids.requests.push(id);
    } else if (kind === 12 && ids.requests.length > 0) {
      spec = answered(agency, date, r.pick(ids.requests), r.chance(0.5) ? 'declined' : 'disclosed', r.chance(0.5) ? { ...o, reason: 'data_protection' } : o);
    } else {
      spec = contact(agency, date, { ...o, seen: r.pick([true, false, null]), outcome: r.pick(['completed', 'no_access', 'was_not_brought'] as const) });
    }
    specs.push(spec);
    ids.all.push(id);
  }
  return aTimeline(specs);
}

/** whenReached as it reads in semantics.md: every entry of the list, in order, considered once. */
function plainWhenReached(
  entries: readonly TimelineEntry[],
  info: TimelineEntry,
  to: string,
  options: { readonly holder?: string; readonly since?: string } = {},
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
  const byCategory = new Map<string, InformationReach>();
  for (const e of entries) {
    if (e.retracted || e === info) continue;
    if (info.variantGroup !== undefined && e.variantGroup === info.variantGroup && agencyOf(e) === to) {
      const at = Math.max(Date.parse(e.event.data.occurred.at), Date.parse(since));
      consider({ via: 'recorded', through: e, at: new Date(at).toISOString() });
      continue;
    }
    if (dayOf(e) < sinceDay) continue;
    const carried = plainCarries(e, ref, categories, holder, to);
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
    consider(categories.map((c) => byCategory.get(c)!).reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a)));
  }
  return best;
}

function plainCarries(
  e: TimelineEntry,
  ref: EntryRef,
  categories: readonly RiskCategory[],
  holder: string,
  to: string,
): { via: KnowledgeVia; categories: 'all' | readonly string[] } | undefined {
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

const brief = (reach: InformationReach | undefined) => reach && [reach.via, reach.through.eventId, reach.at];
const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i);
const AS_OF = ['2024-05-08', '2024-05-20T12:00:00.000Z', '2024-07-01'];
/** Allowances wide enough for the rules to fire often on a month of entries. */
const BUSY: DetectionSettings = { ...DEFAULT_DETECTION_SETTINGS, unsharedRiskDays: 5, reassessmentDays: 3, repeatReferralCount: 2, repeatReferralWindowDays: 30 };

describe('whenReached from its index, against a scan of every entry', () => {
  it.each(SEEDS)('timeline %i: every entry, to every agency, as seen at several instants', (seed) => {
    const timeline = randomTimeline(seed, 120);
    const indexed: unknown[] = [];
    const plain: unknown[] = [];
    for (const asOf of AS_OF) {
      const { entries } = caseFacts(timeline, asOf);
      for (const info of entries) {
        for (const to of AGENCIES) {
          indexed.push([asOf, info.eventId, to, brief(whenReached(entries, info, to))]);
          plain.push([asOf, info.eventId, to, brief(plainWhenReached(entries, info, to))]);
        }
      }
    }
    expect(indexed).toEqual(plain);
    // Busy enough that many questions have an answer to compare.
    expect(plain.filter((p) => (p as unknown[])[3] !== undefined).length).toBeGreaterThan(100);
  });

  it.each(SEEDS.slice(0, 10))('timeline %i: over every entry, shuffled, with a holder and a date given', (seed) => {
    const timeline = randomTimeline(seed, 80);
    const r = random(seed);
    // Shuffled, so ties go to whichever comes first in the list, not the timeline.
    const entries = r.shuffle(timeline.entries);
    const indexed: unknown[] = [];
    const plain: unknown[] = [];
    for (const info of entries) {
      for (const to of AGENCIES) {
        const options = { holder: r.pick(AGENCIES), since: r.pick(['2024-05-03', '2024-05-10T14:00:00.000Z', info.event.data.occurred.at]) };
        indexed.push([info.eventId, to, brief(whenReached(entries, info, to, options)), brief(whenReached(entries, info, to))]);
        plain.push([info.eventId, to, brief(plainWhenReached(entries, info, to, options)), brief(plainWhenReached(entries, info, to))]);
      }
    }
    expect(indexed).toEqual(plain);
  });
});

describe('detection with what it remembers', () => {
  const copy = (timeline: ChildTimeline): ChildTimeline => JSON.parse(JSON.stringify(timeline));

  it.each(SEEDS.slice(0, 10))('timeline %i: each rule alone on a fresh copy raises what detectFlags raises', (seed) => {
    const timeline = randomTimeline(seed, 120);
    let raised = 0;
    for (const asOf of AS_OF) {
      const together = detectFlags(timeline, BUSY, asOf);
      const alone = RULE_IDS.flatMap((rule) => DETECTORS[rule](copy(timeline), BUSY, asOf));
      expect(together).toEqual(expect.arrayContaining(alone));
      expect(together).toHaveLength(alone.length);
      raised += together.length;
    }
    expect(raised).toBeGreaterThan(0);
  });

  it.each(SEEDS.slice(0, 10))('timeline %i: the same flags whatever was evaluated on the timeline before', (seed) => {
    const timeline = randomTimeline(seed, 120);
    const fresh = AS_OF.map((asOf) => detectFlags(copy(timeline), BUSY, asOf));
    for (const asOf of [...AS_OF].reverse()) detectFlags(timeline, DEFAULT_DETECTION_SETTINGS, asOf);
    expect(AS_OF.map((asOf) => detectFlags(timeline, BUSY, asOf))).toEqual(fresh);
  });

  it('a timeline that changed is evaluated afresh, not from what its earlier version gave', () => {
    const timeline = randomTimeline(7, 120);
    const before = detectFlags(timeline, BUSY, '2024-07-01');
    // The same case once a sharing is retracted: a new timeline, as a reader would build it.
    const sharing = timeline.entries.findIndex((e) => !e.retracted && isEntryOf(e, 'InformationShared'));
    const changed: ChildTimeline = { ...timeline, entries: timeline.entries.map((e, i) => (i === sharing ? { ...e, retracted: true } : e)) };
    expect(detectFlags(changed, BUSY, '2024-07-01')).toEqual(detectFlags(copy(changed), BUSY, '2024-07-01'));
    expect(detectFlags(timeline, BUSY, '2024-07-01')).toEqual(before);
  });
});
