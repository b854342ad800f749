import {
  caseFacts,
  dayNumber,
  detectFlags,
  entriesOf,
  isoDate,
  whenReached,
  type CaseFacts,
  type ChildTimeline,
  type DetectionSettings,
  type Flag,
  type KnowledgeVia,
  type TimelineEntry,
} from '@casetrail/domain';

/** How long one concern took to reach one other agency working with the child (null: not by the evaluation date). */
export interface ShareInterval {
  readonly concernEventId: string;
  readonly from: string;
  readonly to: string;
  readonly severity: 'medium' | 'high';
  /** `YYYY-MM-DD`. */
  readonly concernOn: string;
  readonly reachedOn: string | null;
  readonly via: KnowledgeVia | null;
  readonly days: number | null;
}

export interface ReferralFact {
  readonly eventId: string;
  readonly referredOn: string;
  readonly from: string | null;
  readonly to: string;
  /** An earlier referral about the child occurred within the repeat-referral window before it. */
  readonly repeat: boolean;
}

export interface IncidentFact {
  readonly eventId: string;
  readonly occurredOn: string;
  readonly kind: string;
  readonly agency: string;
}

/** Everything the refresher stores for one child: its flags and the facts statistics count. */
export interface ChildEvaluation {
  readonly child: string;
  readonly aliases: readonly string[];
  /** `YYYY-MM-DD`: the flags are those the system could raise by the end of that day. */
  readonly evaluatedOn: string;
  readonly flags: readonly Flag[];
  readonly shares: readonly ShareInterval[];
  readonly referrals: readonly ReferralFact[];
  readonly incidents: readonly IncidentFact[];
}

const agencyOf = (entry: TimelineEntry) => entry.event.data.entry.agency;
const dayOf = (entry: TimelineEntry) => dayNumber(entry.event.data.occurred.at);
const aboutChild = (entry: TimelineEntry) => entry.householdAdult === undefined;

/**
 * Pure: a child's flags and statistics facts on a day, from its projected timeline. Every fact is
 * counted the way the rules count it, so statistics never contradict the flags beside them:
 * time to share uses `whenReached` towards the agencies working with the child on the day of the
 * concern (the agencies `unshared-risk` expects to be told); two agencies' accounts of one
 * referral or incident (variants) count once; retracted entries and entries recorded after the
 * evaluation date do not count.
 */
export function evaluateChild(timeline: ChildTimeline, settings: DetectionSettings, evaluatedOn: string): ChildEvaluation {
  const facts = caseFacts(timeline, evaluatedOn);
  return {
    child: timeline.child,
    aliases: timeline.aliases,
    evaluatedOn,
    flags: detectFlags(timeline, settings, evaluatedOn),
    shares: shareIntervals(facts.entries, facts),
    referrals: referralFacts(facts.entries, settings.repeatReferralWindowDays),
    incidents: onePerHappening(entriesOf(facts.entries, 'SeriousIncidentNotified').filter(aboutChild)).map((e) => ({
      eventId: e.eventId,
      occurredOn: isoDate(dayOf(e)),
      kind: e.event.data.kind,
      agency: agencyOf(e),
    })),
  };
}

function shareIntervals(entries: readonly TimelineEntry[], facts: CaseFacts): ShareInterval[] {
  const out: ShareInterval[] = [];
  for (const concern of entriesOf(entries, 'ConcernRecorded')) {
    const { severity } = concern.event.data;
    if (severity === 'low' || !facts.isRelevantRisk(concern)) continue;
    const holder = agencyOf(concern);
    const day = dayOf(concern);
    for (const other of facts.agenciesInvolvedOn(day)) {
      if (other === holder) continue;
      const reach = whenReached(entries, concern, other);
      const reachedDay = reach ? dayNumber(reach.at) : null;
      out.push({
        concernEventId: concern.eventId,
        from: holder,
        to: other,
        severity,
        concernOn: isoDate(day),
        reachedOn: reachedDay === null ? null : isoDate(reachedDay),
        via: reach?.via ?? null,
        days: reachedDay === null ? null : reachedDay - day,
      });
    }
  }
  return out;
}

function referralFacts(entries: readonly TimelineEntry[], windowDays: number): ReferralFact[] {
  const referrals = onePerHappening(entriesOf(entries, 'ReferralMade').filter(aboutChild));
  return referrals.map((referral, index) => {
    const day = dayOf(referral);
    // Timeline order puts same-day referrals one after the other: the second is a repeat.
    const repeat = referrals.slice(0, index).some((earlier) => day - dayOf(earlier) <= windowDays);
    return {
      eventId: referral.eventId,
      referredOn: isoDate(day),
      from: referral.event.data.from,
      to: referral.event.data.to,
      repeat,
    };
  });
}

/** The first account of each happening: entries of one variant group are one happening. */
function onePerHappening<T extends TimelineEntry>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => e.variantGroup === undefined || (!seen.has(e.variantGroup) && seen.add(e.variantGroup) !== undefined));
}
