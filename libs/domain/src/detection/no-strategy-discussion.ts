import type { RiskCategory } from '../vocabulary/risk-categories';
import { agencyOf, attendeesOf, caseFacts, dayOf, entriesOf, isAboutChild } from '../timeline/case-facts';
import { dayNumber, plural } from '../timeline/days';
import { whenReached, type InformationReach } from '../timeline/knowledge';
import type { ChildTimeline } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type Flag } from './flag';
import { dueInstant, lateWords, timeliness } from './timeliness';
import { concernWords, dateWords, entryDate, reachRole } from './wording';

const ABUSE: readonly RiskCategory[] = ['physical_abuse', 'sexual_abuse'];

/**
 * no-strategy-discussion: a children's social care agency S received a high-severity concern of
 * physical or sexual abuse about the child (recorded it, or it reached S by whenReached) and held
 * no strategy discussion (a strategy_discussion meeting S recorded or attended, about the child,
 * on or after receipt) within `strategyDiscussionDays`, or before closing its involvement if that
 * came sooner. Always high severity: the concern is the most serious kind. A concern about a
 * household adult alone is not "about the child" here; unshared-risk covers it.
 */
export function noStrategyDiscussion(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const flags: Flag[] = [];
  const meetings = entriesOf(facts.entries, 'MeetingHeld').filter((m) => m.event.data.kind === 'strategy_discussion' && isAboutChild(m));
  const concerns = entriesOf(facts.entries, 'ConcernRecorded').filter(
    (c) => c.event.data.severity === 'high' && isAboutChild(c) && c.event.data.categories.some((cat) => ABUSE.includes(cat)),
  );
  for (const socialCare of facts.socialCare) {
    for (const concern of concerns) {
      const reach: InformationReach | undefined = agencyOf(concern) === socialCare ? undefined : whenReached(facts.entries, concern, socialCare);
      if (agencyOf(concern) !== socialCare && !reach) continue;
      const startDay = reach ? dayNumber(reach.at) : dayOf(concern);
      const discussion = meetings.find((m) => dayOf(m) >= startDay && attendeesOf(m).has(socialCare));
      const closure = facts.involvementOn(socialCare, startDay)?.closed;
      const t = timeliness(
        { startDay, allowedDays: settings.strategyDiscussionDays, ...(closure ? { cutOffDay: dayOf(closure) } : {}) },
        discussion && dayOf(discussion),
        facts.asOfDay,
      );
      if (t.kind === 'in-time' || t.kind === 'pending') continue;
      const closedFirst = closure !== undefined && dayOf(closure) === t.dueDay && t.dueDay < startDay + settings.strategyDiscussionDays;
      const situation = [evidence(concern, 'concern'), ...(reach ? [evidence(reach.through, reachRole(reach.via))] : [])];
      const received = reach ? `${socialCare} received ${concernWords(concern)} from ${agencyOf(concern)} on ${dateWords(reach.at)}` : `${socialCare} recorded ${concernWords(concern)} on ${entryDate(concern)}`;
      const deadline = closedFirst ? `before closing its involvement on ${entryDate(closure)}` : `within ${plural(settings.strategyDiscussionDays, 'day')}`;
      flags.push(
        makeFlag({
          rule: 'no-strategy-discussion',
          child: facts.child,
          agencies: [socialCare, agencyOf(concern)],
          identity: situation,
          qualifier: socialCare,
          evidence: [
            ...situation,
            ...(closedFirst ? [evidence(closure, 'closure')] : []),
            ...(discussion ? [evidence(discussion, 'meeting')] : []),
          ],
          at: dueInstant(t),
          dueBy: dueInstant(t),
          severity: 'high',
          ...(t.kind === 'late'
            ? { delayDays: t.delayDays, explanation: `${received}; the strategy discussion was held on ${entryDate(discussion!)}, ${lateWords(t)} (due ${deadline}).` }
            : { missing: `no strategy discussion by ${socialCare}`, explanation: `${received} and held no strategy discussion ${deadline}.` }),
        }),
      );
    }
  }
  return flags;
}
