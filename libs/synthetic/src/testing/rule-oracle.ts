import type { ChronologyEntryRef, ChronologyRow, OccurredDate } from '@casetrail/chronology';
import type { RiskCategory } from '@casetrail/domain';
import { type Day, dayOf } from '../calendar';
import type { RuleId } from '../synthetic-case';

/**
 * A reference reading of the detection rules (DOMAIN.md and notes/semantics.md) over one case's
 * chronology rows, for testing the generator: controls must raise nothing, injected cases exactly
 * their labels. Wherever the reading is ambiguous it takes the stricter side (a same-day share does
 * not count as before a decision, an adult counts as household at the concern or at the decision),
 * so the generator is held to avoid every borderline it could stumble into.
 */
export interface OracleFlag {
  readonly rule: RuleId;
  /** `agency:entryId` of each entry the flag rests on. */
  readonly evidence: readonly string[];
}

export interface OracleOptions {
  readonly child: string;
  /** Agency ids of kind childrens_social_care. */
  readonly socialCare: ReadonlySet<string>;
  /** The evaluation day: actions still missing this long after they were due are flagged. */
  readonly asOf: Day;
}

type Of<T extends ChronologyRow['entryType']> = Extract<ChronologyRow, { entryType: T }>;
interface Dated<R extends ChronologyRow = ChronologyRow> {
  readonly row: R;
  readonly day: Day;
  readonly order: number;
}
interface Period {
  readonly from: Day;
  readonly to?: Day;
  readonly row: ChronologyRow;
  readonly adult: string;
}

const HOUSEHOLD = new Set(['parent', 'step_parent', 'partner_of_parent', 'household_member', 'carer']);
const MISSED = new Set(['no_access', 'did_not_attend', 'was_not_brought']);
const RANK = { low: 0, medium: 1, high: 2 } as const;
const DECLINE_REASON = /data[_ ]protection|consent|gdpr/i;

export const keyOf = (ref: ChronologyEntryRef) => `${ref.agency}:${ref.entryId}`;

function startDay(occurred: OccurredDate): Day {
  const [y, m = '01', d = '01'] = occurred.date.split('-');
  return dayOf(`${y}-${m}-${d}`);
}

function endDay(occurred: OccurredDate): Day {
  const [y, m, d] = occurred.date.split('-');
  if (occurred.precision === 'day' && d !== undefined) return dayOf(occurred.date);
  if (occurred.precision === 'month' || (m !== undefined && d === undefined)) return dayOf(`${y}-${m}-01`) + new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate() - 1;
  return dayOf(`${y}-12-31`);
}

const overlaps = (a: readonly RiskCategory[], b: readonly RiskCategory[]) => a.some((c) => b.includes(c));

/** Rows as the rules see them: retractions hide their target, corrections are applied. */
function liveRows(rows: readonly ChronologyRow[]): Dated[] {
  const retracted = new Set(rows.flatMap((r) => (r.entryType === 'retraction' ? [keyOf(r.refersTo)] : [])));
  const corrections = new Map<string, Of<'correction'>[]>();
  for (const r of rows) if (r.entryType === 'correction') corrections.set(keyOf(r.refersTo), [...(corrections.get(keyOf(r.refersTo)) ?? []), r]);
  const live: Dated[] = [];
  rows.forEach((row, order) => {
    if (row.entryType === 'retraction' || row.entryType === 'correction' || retracted.has(keyOf(row))) return;
    let corrected: ChronologyRow = row;
    for (const { changes } of corrections.get(keyOf(row)) ?? []) {
      if (corrected.entryType === 'contact') {
        const outcome: Of<'contact'>['outcome'] = changes.outcome !== undefined && ['completed', ...MISSED].includes(changes.outcome) ? (changes.outcome as Of<'contact'>['outcome']) : corrected.outcome;
        corrected = { ...corrected, contactType: changes.contactType ?? corrected.contactType, childSeen: changes.childSeen ?? corrected.childSeen, outcome };
      } else if (corrected.entryType === 'concern') {
        corrected = { ...corrected, severity: changes.severity ?? corrected.severity, categories: changes.categories ?? corrected.categories };
      } else if (corrected.entryType === 'risk_assessment') {
        corrected = { ...corrected, riskLevel: changes.riskLevel ?? corrected.riskLevel, categories: changes.categories ?? corrected.categories };
      }
    }
    live.push({ row: corrected, day: startDay(corrected.occurred), order });
  });
  return live.sort((a, b) => a.day - b.day || a.order - b.order);
}

export function detectFlags(rows: readonly ChronologyRow[], options: OracleOptions): OracleFlag[] {
  const { child, socialCare, asOf } = options;
  const live = liveRows(rows);
  const ofType = <T extends ChronologyRow['entryType']>(...types: T[]) => live.filter((d): d is Dated<Of<T>> => (types as string[]).includes(d.row.entryType));
  const namesChild = (d: Dated) => d.row.subjects.includes(child);

  const periods: Period[] = [];
  for (const d of ofType('relationship', 'relationship_ended')) {
    if (d.row.subjects[0] !== child || !HOUSEHOLD.has(d.row.relationship)) continue;
    const adult = d.row.relatedSubject;
    if (d.row.entryType === 'relationship') {
      if (!periods.some((p) => p.adult === adult && p.to === undefined)) periods.push({ adult, from: d.day, row: d.row });
    } else {
      const index = periods.findIndex((p) => p.adult === adult && p.to === undefined);
      if (index >= 0) periods[index] = { ...periods[index], to: d.day };
    }
  }
  const inHousehold = (subject: string, day: Day) => periods.some((p) => p.adult === subject && p.from <= day && (p.to === undefined || day <= p.to));
  const about = (d: Dated, ...days: Day[]) => namesChild(d) || d.row.subjects.some((s) => days.some((day) => inHousehold(s, day)));

  const involvements = new Map<string, { open: Day; close?: Day; closeRow?: ChronologyRow }[]>();
  for (const d of ofType('involvement_opened', 'involvement_closed')) {
    if (d.row.subjects[0] !== child) continue;
    const list = involvements.get(d.row.agency) ?? [];
    if (d.row.entryType === 'involvement_opened') list.push({ open: d.day });
    else if (list.length > 0 && list[list.length - 1].close === undefined) list[list.length - 1] = { ...list[list.length - 1], close: d.day, closeRow: d.row };
    involvements.set(d.row.agency, list);
  }
  const openOn = (agency: string, day: Day) => (involvements.get(agency) ?? []).some((i) => i.open <= day && (i.close === undefined || day <= i.close));
  const closesIn = (agency: string, from: Day, to: Day) => (involvements.get(agency) ?? []).flatMap((i) => (i.close !== undefined && i.close >= from && i.close <= to ? [i.close] : []));

  const allConcerns = ofType('concern');
  const concerns = allConcerns.filter((c) => about(c, c.day));
  const shares = ofType('information_shared');
  const referrals = ofType('referral');
  const meetings = ofType('meeting');
  const sharedDay = (c: Dated<Of<'concern'>>, to: string): Day | null => {
    let best: Day | null = null;
    const consider = (day: Day) => (best = best === null ? day : Math.min(best, day));
    for (const s of shares) {
      if (s.day >= c.day && s.row.agency === c.row.agency && s.row.counterpartAgency === to && (s.row.refersTo.some((r) => keyOf(r) === keyOf(c.row)) || overlaps(s.row.categories, c.row.categories))) consider(s.day);
    }
    for (const r of referrals) if (r.day >= c.day && r.row.agency === c.row.agency && r.row.counterpartAgency === to && overlaps(r.row.categories, c.row.categories)) consider(r.day);
    for (const m of meetings) if (m.day >= c.day && m.row.attended.includes(c.row.agency) && m.row.attended.includes(to)) consider(m.day);
    return best;
  };
  const knownDay = (c: Dated<Of<'concern'>>, agency: string) => (c.row.agency === agency ? c.day : sharedDay(c, agency));

  const flags: OracleFlag[] = [];
  const flag = (rule: RuleId, ...evidence: ChronologyRow[]) => flags.push({ rule, evidence: evidence.map(keyOf) });

  // unshared-risk
  for (const c of concerns) {
    if (c.row.severity === 'low') continue;
    const limit = c.row.severity === 'high' ? 1 : 3;
    const late = [...involvements.keys()].some((agency) => {
      if (agency === c.row.agency || !openOn(agency, c.day)) return false;
      const shared = sharedDay(c, agency);
      return shared === null ? asOf - c.day > limit : shared - c.day > limit;
    });
    if (late) flag('unshared-risk', c.row);
  }

  // decision-without-shared-information
  const decisions = [
    ...ofType('involvement_closed').filter((d) => d.row.subjects[0] === child),
    ...ofType('referral_outcome').filter((d) => namesChild(d) && d.row.outcome === 'no_further_action'),
    ...ofType('risk_assessment').filter(namesChild),
  ];
  for (const decision of decisions) {
    const unshared = allConcerns.find((c) => {
      const recorded = c.row.recordedDate === undefined ? c.day : dayOf(c.row.recordedDate);
      if (c.row.agency === decision.row.agency || c.day > decision.day || recorded > decision.day || !about(c, c.day, decision.day)) return false;
      const shared = sharedDay(c, decision.row.agency);
      return shared === null || shared >= decision.day;
    });
    if (unshared) flag('decision-without-shared-information', decision.row, unshared.row);
  }

  // unchecked-household-member
  for (const p of periods) {
    const involved = [...socialCare].some((s) => openOn(s, p.from) || (involvements.get(s) ?? []).some((i) => i.open > p.from && i.open <= p.from + 90));
    if (!involved) continue;
    const checked = live.some(
      (d) =>
        d.day >= p.from &&
        d.day <= p.from + 10 &&
        d.row.subjects.includes(p.adult) &&
        ((d.row.entryType === 'information_request' && socialCare.has(d.row.agency)) ||
          ((d.row.entryType === 'information_shared' || d.row.entryType === 'information_response') && socialCare.has(d.row.counterpartAgency))),
    );
    // Doubly severe when another agency already held risk information about the adult: cite it.
    const held = allConcerns.filter((c) => c.row.subjects.includes(p.adult) && c.day <= p.from && !socialCare.has(c.row.agency));
    if (!checked && asOf - p.from > 10) flag('unchecked-household-member', p.row, ...held.map((c) => c.row));
  }

  // assessment-not-updated
  const assessments = ofType('risk_assessment').filter(namesChild);
  for (const agency of new Set(assessments.map((a) => a.row.agency))) {
    const own = assessments.filter((a) => a.row.agency === agency);
    for (const c of concerns) {
      const known = knownDay(c, agency);
      if (known === null) continue;
      const baseline = own.filter((a) => a.day <= known).pop();
      if (baseline === undefined) continue;
      const news = c.row.categories.some((cat) => !baseline.row.categories.includes(cat)) || RANK[c.row.severity] > RANK[baseline.row.riskLevel];
      if (!news) continue;
      const redone = own.find((a) => a.day > known && a.day <= known + 10);
      const closed = closesIn(agency, known, known + 10)[0];
      const ok = redone !== undefined && (closed === undefined || redone.day <= closed);
      if (!ok && (asOf - known > 10 || closed !== undefined)) flag('assessment-not-updated', c.row, baseline.row);
    }
  }

  // no-strategy-discussion
  for (const c of concerns) {
    if (!namesChild(c) || c.row.severity !== 'high' || !overlaps(c.row.categories, ['physical_abuse', 'sexual_abuse'])) continue;
    for (const s of socialCare) {
      const known = knownDay(c, s);
      if (known === null) continue;
      const held = meetings.find((m) => m.row.meetingKind === 'strategy_discussion' && namesChild(m) && m.day >= known && m.day <= known + 2);
      const closed = closesIn(s, known, known + 2)[0];
      const ok = held !== undefined && (closed === undefined || held.day <= closed);
      if (!ok && (asOf - known > 2 || closed !== undefined)) flag('no-strategy-discussion', c.row);
    }
  }

  // request-declined
  const responses = ofType('information_response');
  for (const request of ofType('information_request')) {
    const response = responses.find((r) => keyOf(r.row.refersTo) === keyOf(request.row) && r.row.agency === request.row.counterpartAgency);
    if (response === undefined) {
      if (asOf - request.day > 5) flag('request-declined', request.row);
    } else if ((response.row.outcome === 'declined' && DECLINE_REASON.test(response.row.reason ?? '')) || response.day - request.day > 5) {
      flag('request-declined', response.row, request.row);
    }
  }

  // referral-no-outcome and repeat-referrals
  const outcomes = ofType('referral_outcome');
  const aboutChild = referrals.filter(namesChild);
  const outcomeOf = (r: Dated<Of<'referral'>>) => outcomes.find((o) => keyOf(o.row.refersTo) === keyOf(r.row) && o.row.agency === (r.row.counterpartAgency ?? r.row.agency));
  for (const r of aboutChild) {
    const outcome = outcomeOf(r);
    if (outcome === undefined ? asOf - r.day > 1 : outcome.day - r.day > 1) flag('referral-no-outcome', r.row);
  }
  const closedAfterwards = (r: Dated<Of<'referral'>>) => closesIn(r.row.counterpartAgency ?? r.row.agency, r.day, Number.MAX_SAFE_INTEGER).length > 0;
  aboutChild.forEach((r, k) => {
    const ended = aboutChild.slice(0, k).filter((e) => r.day - e.day <= 365 && (outcomeOf(e)?.row.outcome === 'no_further_action' || (outcomeOf(e) === undefined && closedAfterwards(e))));
    if (ended.length >= 2) flag('repeat-referrals', r.row, ...ended.map((e) => e.row));
  });

  // absent-from-meeting
  for (const m of meetings) {
    if (!namesChild(m) || (m.row.meetingKind !== 'strategy_discussion' && m.row.meetingKind !== 'child_protection_conference')) continue;
    if ([...involvements.keys()].some((agency) => openOn(agency, m.day) && !m.row.invited.includes(agency) && !m.row.attended.includes(agency))) flag('absent-from-meeting', m.row);
  }

  // child-not-seen
  const contacts = ofType('contact').filter(namesChild);
  const visits = contacts.filter((c) => c.row.contactType === 'home_visit' || c.row.contactType === 'appointment');
  for (const agency of new Set(visits.map((v) => v.row.agency))) {
    let run: Dated<Of<'contact'>>[] = [];
    for (const v of visits.filter((v) => v.row.agency === agency)) {
      run = v.row.childSeen ? [] : [...run, v];
      if (run.length === 3) flag('child-not-seen', run[2].row, run[0].row, run[1].row);
    }
  }
  for (const close of ofType('involvement_closed').filter((d) => d.row.subjects[0] === child)) {
    const last = visits.filter((v) => v.row.agency === close.row.agency && (v.day < close.day || (v.day === close.day && v.order < close.order))).pop();
    if (last !== undefined && !last.row.childSeen) flag('child-not-seen', close.row, last.row);
  }

  // missed-contacts
  const missed = contacts.filter((c) => MISSED.has(c.row.outcome));
  let clusterEnd = -1;
  let inCluster = false;
  for (let j = 2; j < missed.length; j++) {
    const within = missed[j].day - missed[j - 2].day <= 90;
    if (within && !inCluster && j - 2 > clusterEnd) {
      flag('missed-contacts', missed[j].row, missed[j - 2].row, missed[j - 1].row);
      inCluster = true;
    }
    if (within && inCluster) clusterEnd = j;
    if (!within) inCluster = false;
  }

  // late-recording
  for (const d of live) {
    if (d.row.occurred.precision === 'approximate' || d.row.recordedDate === undefined) continue;
    if (dayOf(d.row.recordedDate) - endDay(d.row.occurred) > 7) flag('late-recording', d.row);
  }
  return flags;
}
