import { agencyOf, caseFacts, dayOf, entriesOf } from '../timeline/case-facts';
import { dayNumber, plural } from '../timeline/days';
import { whenReached } from '../timeline/knowledge';
import type { ChildTimeline } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type Flag } from './flag';
import { dueInstant, lateWords, timeliness } from './timeliness';
import { concernWords, entryDate, reachRole, reachWords } from './wording';

/**
 * unshared-risk: a medium or high concern, about the child or about an adult in the household on
 * the day it occurred, recorded by agency A and not shared with (nor referred to) each other
 * agency B that had an open involvement with the child on that day, within
 * `unsharedRiskDays` (`unsharedHighRiskDays` when high). One flag per concern and agency B; a
 * sharing after the allowance is flagged as late with the delay.
 *
 * "Shared" follows whenReached: a sharing or referral by category, a sharing naming the concern,
 * a meeting A and B both attended, or B's own account of the same event. Agencies that only
 * became involved after the concern are not expected to have been told within days of it.
 */
export function unsharedRisk(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const flags: Flag[] = [];
  for (const concern of entriesOf(facts.entries, 'ConcernRecorded')) {
    const { severity } = concern.event.data;
    if (severity === 'low' || !facts.isRelevantRisk(concern)) continue;
    const holder = agencyOf(concern);
    const startDay = dayOf(concern);
    const allowedDays = severity === 'high' ? settings.unsharedHighRiskDays : settings.unsharedRiskDays;
    for (const other of facts.agenciesInvolvedOn(startDay)) {
      if (other === holder) continue;
      const involvement = facts.involvementOn(other, startDay)!;
      const reach = whenReached(facts.entries, concern, other);
      const t = timeliness({ startDay, allowedDays }, reach && dayNumber(reach.at), facts.asOfDay);
      if (t.kind === 'in-time' || t.kind === 'pending') continue;
      const situation = [evidence(concern, 'concern'), evidence(involvement.opened, 'involvement')];
      const opening = `${holder} recorded ${concernWords(concern)} on ${entryDate(concern)}`;
      const allowance = `within ${plural(allowedDays, 'day')}`;
      flags.push(
        makeFlag({
          rule: 'unshared-risk',
          child: facts.child,
          agencies: [holder, other],
          identity: situation,
          evidence: reach ? [...situation, evidence(reach.through, reachRole(reach.via))] : situation,
          at: dueInstant(t),
          dueBy: dueInstant(t),
          severity: severity === 'high' ? 'high' : 'normal',
          ...(t.kind === 'late'
            ? {
                delayDays: t.delayDays,
                explanation: `${opening}; it reached ${other}, which was working with the child, ${reachWords(reach!)}, ${lateWords(t)} (allowed ${allowance}).`,
              }
            : {
                missing: `no sharing with ${other}`,
                explanation: `${opening} and did not share it with ${other}, which was working with the child, ${allowance}.`,
              }),
        }),
      );
    }
  }
  return flags;
}
