import { agencyOf, caseFacts, dayOf, entriesOf, isAboutChild, isEntryOf, type CaseFacts, type EntryOf } from '../timeline/case-facts';
import { dayNumber } from '../timeline/days';
import { whenReached } from '../timeline/knowledge';
import type { ChildTimeline, TimelineEntry } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type Flag } from './flag';
import { entryDate } from './wording';

/**
 * decision-without-shared-information: agency B took a decision about the child (closed its
 * involvement, recorded a referral outcome of no further action, or completed a risk assessment)
 * while agency A held risk information (a concern of any severity) about the child, or about an
 * adult in the household when the concern arose or when B decided, that A had recorded before the
 * decision and that had not reached B by the day of the decision. One flag per decision and agency A.
 *
 * The adult's concern counts if the adult lived with the child either when it arose (the child was
 * exposed then) or when B decided (an offence history recorded before the adult moved in is exactly
 * what the decision should have weighed). "Recorded
 * before" compares instants, so information recorded the same day after the decision, or at an
 * unknown time that day, is not held against it; a sharing on the decision day is given the
 * benefit of the doubt.
 */
export function decisionWithoutSharedInformation(timeline: ChildTimeline, _settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const flags: Flag[] = [];
  const concerns = entriesOf(facts.entries, 'ConcernRecorded').map((concern) => ({
    concern,
    holder: agencyOf(concern),
    recordedAt: Date.parse(concern.event.data.recordedAt),
  }));
  // An agency's decisions all ask when each concern reached it: answer once per agency.
  const reachedDays = new Map<string, Map<TimelineEntry, number | undefined>>();
  const reachedDay = (concern: EntryOf<'ConcernRecorded'>, decider: string) => {
    let days = reachedDays.get(decider);
    if (!days) reachedDays.set(decider, (days = new Map()));
    if (!days.has(concern)) {
      const reach = whenReached(facts.entries, concern, decider);
      days.set(concern, reach && dayNumber(reach.at));
    }
    return days.get(concern);
  };
  for (const decision of facts.entries) {
    const kind = decisionKind(decision);
    if (!kind || !isAboutChild(decision)) continue;
    const decider = agencyOf(decision);
    const decisionDay = dayOf(decision);
    const decidedAt = Date.parse(decision.event.data.occurred.at);
    const unshared = new Map<string, EntryOf<'ConcernRecorded'>[]>();
    for (const { concern, holder, recordedAt } of concerns) {
      if (holder === decider || recordedAt >= decidedAt) continue;
      if (!isRiskAtDecision(facts, concern, decisionDay)) continue;
      const reached = reachedDay(concern, decider);
      if (reached !== undefined && reached <= decisionDay) continue;
      unshared.set(holder, [...(unshared.get(holder) ?? []), concern]);
    }
    for (const [holder, concerns] of [...unshared].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const high = concerns.some((c) => c.event.data.severity === 'high');
      flags.push(
        makeFlag({
          rule: 'decision-without-shared-information',
          child: facts.child,
          agencies: [decider, holder],
          evidence: [evidence(decision, 'decision'), ...concerns.map((c) => evidence(c, 'concern'))],
          at: decision.event.data.occurred.at,
          severity: high ? 'high' : 'normal',
          missing: `no sharing by ${holder} with ${decider} before the decision`,
          explanation:
            `${decider} ${kind} on ${entryDate(decision)} while ${holder} held ${concerns.length === 1 ? 'a concern' : `${concerns.length} concerns`}` +
            ` about the child or its household (the first from ${entryDate(concerns[0]!)}) that it had not shared with ${decider}.`,
        }),
      );
    }
  }
  return flags;
}

function decisionKind(entry: TimelineEntry): string | undefined {
  if (isEntryOf(entry, 'InvolvementClosed')) return 'closed its involvement';
  if (isEntryOf(entry, 'RiskAssessmentCompleted')) return 'completed a risk assessment';
  if (isEntryOf(entry, 'ReferralOutcomeRecorded') && entry.event.data.outcome === 'no_further_action') {
    return 'decided no further action on a referral';
  }
  return undefined;
}

function isRiskAtDecision(facts: CaseFacts, concern: EntryOf<'ConcernRecorded'>, decisionDay: number): boolean {
  return facts.isRelevantRisk(concern) || (concern.householdAdult !== undefined && facts.inHouseholdOn(concern.householdAdult, decisionDay));
}
