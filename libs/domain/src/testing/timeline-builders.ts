import { formatEntryRef, type DatePrecision, type EntryFacts, type EntryRef, type InformationSource } from '../events/common';
import type {
  ConsentState,
  ContactOutcome,
  ContactType,
  DeclineReason,
  LawfulBasis,
  MeetingKind,
  ReferralOutcome,
  Relation,
  Severity,
} from '../events/entry.events';
import { HOUSEHOLD_RELATIONS, type ChildTimeline, type HouseholdMembership, type TimelineAmendment, type TimelineEntry, type TimelineEvent } from '../timeline/timeline';
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from '../detection/detection-settings';
import type { Detector } from '../detection/detector';
import type { Flag } from '../detection/flag';
import type { AgencyKind } from '../vocabulary/agency-kinds';
import type { RiskCategory } from '../vocabulary/risk-categories';

/**
 * Small timelines from concise arguments, for rule and view specs:
 *   aTimeline([opened('school-b', '2024-01-01'), concern('police-a', '2024-05-01', { id: 'c1' })])
 * Dates are `YYYY-MM-DD` (09:00 UTC that day) or full ISO timestamps; an entry is recorded when it
 * occurred unless `recorded` says otherwise. Ids are synthetic: the `id` option is both the
 * agency's entry id and the event id, so expected flags can name their evidence.
 */

export const CHILD_ID = 'child-1';

export interface EntryOptions {
  readonly id?: string;
  readonly recorded?: string;
  readonly precision?: DatePrecision;
  /** The household adult the entry is about (it does not name the child). */
  readonly about?: string;
  /** Extra subjects besides the child (or the adult). */
  readonly alsoNames?: readonly string[];
  readonly retracted?: boolean;
  /** Values before a correction: the entry carries its options' values, the history these. */
  readonly correctedFrom?: Readonly<Record<string, unknown>>;
  /** The id of another entry this is an account of the same happening as. */
  readonly variantOf?: string;
  readonly source?: InformationSource;
  /** The agency's own words. */
  readonly summary?: string;
}

interface BuildContext {
  readonly id: string;
  readonly facts: EntryFacts;
  readonly child: string;
  ref(id: string): EntryRef;
}

export interface EntrySpec {
  readonly agency: string;
  readonly occurred: string;
  readonly options: EntryOptions;
  build(ctx: BuildContext): TimelineEvent;
}

const instant = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T09:00:00.000Z` : date);

function spec(agency: string, occurred: string, options: EntryOptions, build: (ctx: BuildContext) => TimelineEvent): EntrySpec {
  return { agency, occurred, options, build };
}

export const concern = (
  agency: string,
  date: string,
  o: EntryOptions & { severity?: Severity; categories?: readonly RiskCategory[] } = {},
): EntrySpec =>
  spec(agency, date, o, ({ facts }) => ({
    type: 'ConcernRecorded',
    schemaVersion: 1,
    data: { ...facts, categories: o.categories ?? ['domestic_abuse'], severity: o.severity ?? 'medium' },
  }));

export const contact = (
  agency: string,
  date: string,
  o: EntryOptions & { type?: ContactType; seen?: boolean | null; outcome?: ContactOutcome } = {},
): EntrySpec =>
  spec(agency, date, o, ({ facts }) => ({
    type: 'ContactRecorded',
    schemaVersion: 1,
    data: { ...facts, contactType: o.type ?? 'home_visit', childSeen: o.seen === undefined ? true : o.seen, outcome: o.outcome ?? 'completed' },
  }));

/** A referral from an agency (recorded by it) or, with `from` null, from a person (recorded by `to`). */
export const referral = (
  from: string | null,
  to: string,
  date: string,
  o: EntryOptions & { categories?: readonly RiskCategory[]; recordedBy?: string } = {},
): EntrySpec =>
  spec(o.recordedBy ?? from ?? to, date, o, ({ facts }) => ({
    type: 'ReferralMade',
    schemaVersion: 1,
    data: { ...facts, from, to, categories: o.categories ?? ['domestic_abuse'] },
  }));

export const referralOutcome = (agency: string, date: string, answers: string, outcome: ReferralOutcome, o: EntryOptions = {}): EntrySpec =>
  spec(agency, date, o, ({ facts, ref }) => ({
    type: 'ReferralOutcomeRecorded',
    schemaVersion: 1,
    data: { ...facts, answers: ref(answers), outcome },
  }));

export const shared = (
  from: string,
  to: string,
  date: string,
  o: EntryOptions & { entries?: readonly string[]; categories?: readonly RiskCategory[]; lawfulBasis?: LawfulBasis; consent?: ConsentState } = {},
): EntrySpec =>
  spec(from, date, o, ({ facts, ref }) => ({
    type: 'InformationShared',
    schemaVersion: 2,
    data: {
      ...facts,
      to,
      about: (o.entries ?? []).map(ref),
      categories: o.categories ?? [],
      lawfulBasis: o.lawfulBasis ?? 'safeguarding_condition',
      consent: o.consent ?? 'not_recorded',
    },
  }));

export const requested = (from: string, to: string, date: string, o: EntryOptions & { categories?: readonly RiskCategory[] } = {}): EntrySpec =>
  spec(from, date, o, ({ facts }) => ({
    type: 'InformationRequested',
    schemaVersion: 1,
    data: { ...facts, to, categories: o.categories ?? [] },
  }));

export const answered = (
  agency: string,
  date: string,
  answers: string,
  response: 'disclosed' | 'declined',
  o: EntryOptions & { reason?: DeclineReason } = {},
): EntrySpec =>
  spec(agency, date, o, ({ facts, ref }) => ({
    type: 'InformationRequestAnswered',
    schemaVersion: 1,
    data: { ...facts, answers: ref(answers), response, ...(o.reason !== undefined ? { reason: o.reason } : {}) },
  }));

export const assessment = (
  agency: string,
  date: string,
  o: EntryOptions & { level?: Severity; considered?: readonly RiskCategory[] } = {},
): EntrySpec =>
  spec(agency, date, o, ({ facts }) => ({
    type: 'RiskAssessmentCompleted',
    schemaVersion: 1,
    data: { ...facts, riskLevel: o.level ?? 'medium', categoriesConsidered: o.considered ?? ['domestic_abuse'] },
  }));

export const meeting = (
  agency: string,
  date: string,
  kind: MeetingKind,
  o: EntryOptions & { invited?: readonly string[]; attended?: readonly string[] } = {},
): EntrySpec =>
  spec(agency, date, o, ({ facts }) => ({
    type: 'MeetingHeld',
    schemaVersion: 1,
    data: { ...facts, kind, invited: o.invited ?? [], attended: o.attended ?? [agency] },
  }));

export const opened = (agency: string, date: string, o: EntryOptions & { lead?: boolean } = {}): EntrySpec =>
  spec(agency, date, o, ({ facts, child }) => ({ type: 'InvolvementOpened', schemaVersion: 1, data: { ...facts, child, lead: o.lead ?? false } }));

export const closed = (agency: string, date: string, o: EntryOptions = {}): EntrySpec =>
  spec(agency, date, o, ({ facts, child }) => ({ type: 'InvolvementClosed', schemaVersion: 1, data: { ...facts, child } }));

/** An adult joins the child's household (a relationship in HOUSEHOLD_RELATIONS, unless told otherwise). */
export const joined = (agency: string, date: string, adult: string, o: EntryOptions & { relation?: Relation } = {}): EntrySpec =>
  spec(agency, date, { ...o, alsoNames: [adult, ...(o.alsoNames ?? [])] }, ({ facts, child }) => ({
    type: 'RelationshipRecorded',
    schemaVersion: 1,
    data: { ...facts, subject: child, related: adult, relation: o.relation ?? 'partner_of_parent' },
  }));

export const left = (agency: string, date: string, adult: string, o: EntryOptions & { relation?: Relation } = {}): EntrySpec =>
  spec(agency, date, { ...o, alsoNames: [adult, ...(o.alsoNames ?? [])] }, ({ facts, child }) => ({
    type: 'RelationshipEnded',
    schemaVersion: 1,
    data: { ...facts, subject: child, related: adult, relation: o.relation ?? 'partner_of_parent' },
  }));

export const personRegistered = (agency: string, date: string, o: EntryOptions = {}): EntrySpec =>
  spec(agency, date, o, ({ facts, child }) => ({ type: 'PersonRegistered', schemaVersion: 1, data: { ...facts, subjectId: child, kind: 'child' } }));

const KINDS: Readonly<Record<string, AgencyKind>> = {
  police: 'police',
  csc: 'childrens_social_care',
  health: 'health',
  gp: 'health',
  hv: 'health',
  school: 'education',
  probation: 'probation',
  housing: 'housing',
  drugs: 'substance_misuse',
  vol: 'voluntary',
};

/** The agency kind a synthetic id implies: `csc-a` is social care, `school-b` education, and so on. */
export function kindOf(agency: string): AgencyKind {
  return KINDS[agency.split('-')[0]!] ?? 'voluntary';
}

export function aTimeline(specs: readonly EntrySpec[], o: { child?: string; agencies?: Readonly<Record<string, AgencyKind>> } = {}): ChildTimeline {
  const child = o.child ?? CHILD_ID;
  const ids = specs.map((s, i) => s.options.id ?? `e${i + 1}`);
  const refs = new Map(specs.map((s, i) => [ids[i]!, { agency: s.agency, entryId: ids[i]! }] as const));
  const ref = (id: string) => {
    const found = refs.get(id);
    if (!found) throw new Error(`No entry "${id}" in this timeline`);
    return found;
  };
  const built = specs.map((s, i): TimelineEntry & { readonly index: number } => {
    const id = ids[i]!;
    const at = instant(s.occurred);
    const subjects = [s.options.about ?? child, ...(s.options.alsoNames ?? [])];
    const facts: EntryFacts = {
      entry: ref(id),
      subjects,
      occurred: { at, precision: s.options.precision ?? 'day' },
      recordedAt: s.options.recorded ? instant(s.options.recorded) : at,
      ...(s.options.source ? { source: s.options.source } : {}),
      ...(s.options.summary !== undefined ? { summary: s.options.summary } : {}),
      ...(s.options.variantOf ? { variantOf: ref(s.options.variantOf) } : {}),
    };
    const event = s.build({ id, facts, child, ref });
    return {
      index: i,
      eventId: id,
      position: String(i + 1),
      event,
      ...(s.options.about ? { householdAdult: s.options.about } : {}),
      history: history(id, s, event),
      retracted: s.options.retracted ?? false,
    };
  });
  const groups = new Map<string, string>();
  specs.forEach((s, i) => {
    if (!s.options.variantOf) return;
    const group = groups.get(s.options.variantOf) ?? formatEntryRef(ref(s.options.variantOf));
    groups.set(s.options.variantOf, group);
    groups.set(ids[i]!, group);
  });
  const entries = built
    .map((e) => (groups.has(e.eventId) ? { ...e, variantGroup: groups.get(e.eventId)! } : e))
    .sort(
      (a, b) =>
        Date.parse(a.event.data.occurred.at) - Date.parse(b.event.data.occurred.at) ||
        Date.parse(a.event.data.recordedAt) - Date.parse(b.event.data.recordedAt) ||
        a.index - b.index,
    )
    .map(({ index: _index, ...entry }) => entry);
  const agencies: Record<string, AgencyKind> = {};
  for (const s of specs) agencies[s.agency] = kindOf(s.agency);
  for (const e of entries) {
    const { event } = e;
    if (event.type === 'ReferralMade' || event.type === 'InformationShared' || event.type === 'InformationRequested') {
      agencies[event.data.to] ??= kindOf(event.data.to);
    }
  }
  return { child, aliases: [child], entries, household: household(entries), agencies: { ...agencies, ...o.agencies } };
}

function history(id: string, s: EntrySpec, event: TimelineEvent): TimelineAmendment[] {
  const amendments: TimelineAmendment[] = [];
  const at = s.options.recorded ? instant(s.options.recorded) : instant(s.occurred);
  if (s.options.correctedFrom) {
    const now = event.data as unknown as Readonly<Record<string, unknown>>;
    const changes = Object.fromEntries(Object.entries(s.options.correctedFrom).map(([k, from]) => [k, { from, to: now[k] }]));
    amendments.push({ kind: 'corrected', eventId: `${id}-corrected`, entry: { agency: s.agency, entryId: `${id}-corrected` }, recordedAt: at, reason: 'mis-keyed', changes });
  }
  if (s.options.retracted) {
    amendments.push({ kind: 'retracted', eventId: `${id}-retracted`, entry: { agency: s.agency, entryId: `${id}-retracted` }, recordedAt: at, reason: 'wrong child' });
  }
  return amendments;
}

/** Household periods as the projection gives them: from non-retracted relationship entries. */
function household(entries: readonly TimelineEntry[]): HouseholdMembership[] {
  const memberships: HouseholdMembership[] = [];
  for (const e of entries) {
    if (e.retracted) continue;
    const { event } = e;
    if (event.type === 'RelationshipRecorded' && HOUSEHOLD_RELATIONS.includes(event.data.relation)) {
      memberships.push({ adult: event.data.related, relation: event.data.relation, from: event.data.occurred.at, evidence: [event.data.entry] });
    } else if (event.type === 'RelationshipEnded') {
      const i = memberships.findIndex((m) => m.adult === event.data.related && m.to === undefined);
      if (i >= 0) {
        const m = memberships[i]!;
        memberships[i] = { ...m, to: event.data.occurred.at, evidence: [...m.evidence, event.data.entry] };
      }
    }
  }
  return memberships;
}

/** Expected evidence, as `eventId:role` pairs, for `toMatchObject` on flags. */
export function ev(...pairs: readonly string[]): { eventId: string; role: string }[] {
  return pairs.map((p) => {
    const [eventId, role] = p.split(':');
    return { eventId: eventId!, role: role! };
  });
}

/** Runs one rule over a small timeline with the default settings, overridden as given. */
export function runRule(detector: Detector, specs: readonly EntrySpec[], asOf: string, settings: Partial<DetectionSettings> = {}): Flag[] {
  return detector(aTimeline(specs), { ...DEFAULT_DETECTION_SETTINGS, ...settings }, asOf);
}

/** A rule's scenario table row: label, entries, asOf, expected flags (partially), settings. */
export type Scenario = [label: string, specs: EntrySpec[], asOf: string, expected: Record<string, unknown>[], settings?: Partial<DetectionSettings>];

/**
 * Flags match the expected ones in order and number, each partially; a key expected as
 * `undefined` must be absent (a missing flag has no `delayDays`, a late one no `missing`).
 */
export function expectFlags(flags: readonly Flag[], expected: readonly Record<string, unknown>[]): void {
  const present = expected.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));
  expect(flags).toMatchObject(present);
  expected.forEach((e, i) => {
    const absent = Object.keys(e).filter((k) => e[k] === undefined);
    expect(Object.keys(flags[i]!).filter((k) => absent.includes(k))).toEqual([]);
  });
  // Flags are plain JSON: what is stored and compared is what was produced.
  expect(JSON.parse(JSON.stringify(flags))).toEqual(flags);
}
