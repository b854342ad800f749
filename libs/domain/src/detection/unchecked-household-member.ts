import {
  agencyOf,
  attendeesOf,
  caseFacts,
  dayOf,
  entriesOf,
  isEntryOf,
  namesSubject,
  type CaseFacts,
} from '../timeline/case-facts';
import { dayNumber, plural } from '../timeline/days';
import type { ChildTimeline, HouseholdMembership, TimelineEntry } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type EvidenceRole, type Flag } from './flag';
import { dueInstant, lateWords, timeliness } from './timeliness';
import { categoryWords, dateWords, entryDate } from './wording';

/**
 * unchecked-household-member: an adult joined the child's household while a children's social
 * care agency S was involved, or S became involved within `householdInvolvementWindowDays` after,
 * and S neither requested nor received information about that adult within `householdCheckDays`
 * of the later of the two (S cannot check before it is involved). A check is any entry on or after
 * the joining that names the adult: S's information request, a sharing or referral to S, or a
 * meeting S attended. Only adults still in the household when S's clock starts are expected to be
 * checked. High severity when another agency "already" held a concern (any severity) about the
 * adult when S's clock started (the adult joining, or S becoming involved): it was there to be found.
 */
export function uncheckedHouseholdMember(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const flags: Flag[] = [];
  for (const membership of facts.household) {
    const joined = membership.evidence[0] && facts.entry(membership.evidence[0]);
    if (!joined) continue;
    const joinDay = dayNumber(membership.from);
    for (const socialCare of facts.socialCare) {
      const involvement =
        facts.involvementOn(socialCare, joinDay) ??
        facts.involvements.find(
          (p) => p.agency === socialCare && p.fromDay > joinDay && p.fromDay - joinDay <= settings.householdInvolvementWindowDays,
        );
      if (!involvement) continue;
      const startDay = Math.max(joinDay, involvement.fromDay);
      if (!stillThere(membership, startDay)) continue;
      // The kind of entry rules out most of the timeline before its date needs parsing.
      const check = facts.entries.find((e) => isCheck(facts, e, socialCare, membership.adult) && dayOf(e) >= joinDay);
      const t = timeliness({ startDay, allowedDays: settings.householdCheckDays }, check && dayOf(check), facts.asOfDay);
      if (t.kind === 'in-time' || t.kind === 'pending') continue;
      const riskHeld = entriesOf(facts.entries, 'ConcernRecorded').filter(
        (c) => agencyOf(c) !== socialCare && namesSubject(c, membership.adult) && dayOf(c) <= startDay,
      );
      const situation = [evidence(joined, 'household'), evidence(involvement.opened, 'involvement')];
      const opening =
        `${membership.adult} joined the child's household on ${dateWords(membership.from)} (${categoryWords([membership.relation])})` +
        (involvement.fromDay > joinDay ? ` and ${socialCare} became involved on ${entryDate(involvement.opened)}` : ` while ${socialCare} was involved`);
      const held =
        riskHeld.length > 0
          ? ` ${[...new Set(riskHeld.map(agencyOf))].sort().join(', ')} already held risk information about this adult.`
          : '';
      flags.push(
        makeFlag({
          rule: 'unchecked-household-member',
          child: facts.child,
          agencies: [socialCare, ...riskHeld.map(agencyOf)],
          identity: situation,
          evidence: [
            ...situation,
            ...(check ? [evidence(check, checkRole(check))] : []),
            ...riskHeld.map((c) => evidence(c, 'risk-held')),
          ],
          at: dueInstant(t),
          dueBy: dueInstant(t),
          severity: riskHeld.length > 0 ? 'high' : 'normal',
          ...(t.kind === 'late'
            ? {
                delayDays: t.delayDays,
                explanation: `${opening}; ${socialCare} first sought or received information about them on ${entryDate(check!)}, ${lateWords(t)} (allowed ${plural(settings.householdCheckDays, 'day')}).${held}`,
              }
            : {
                missing: `no check by ${socialCare} on ${membership.adult}`,
                explanation: `${opening}; ${socialCare} neither requested nor received information about them within ${plural(settings.householdCheckDays, 'day')}.${held}`,
              }),
        }),
      );
    }
  }
  return flags;
}

function stillThere(membership: HouseholdMembership, day: number): boolean {
  return membership.to === undefined || dayNumber(membership.to) >= day;
}

function isCheck(facts: CaseFacts, entry: TimelineEntry, socialCare: string, adult: string): boolean {
  const aboutAdult = () => namesSubject(entry, adult);
  if (isEntryOf(entry, 'InformationRequested')) return agencyOf(entry) === socialCare && aboutAdult();
  if (isEntryOf(entry, 'InformationShared')) {
    if (entry.event.data.to !== socialCare) return false;
    return aboutAdult() || entry.event.data.about.some((ref) => {
      const shared = facts.entry(ref);
      return shared !== undefined && namesSubject(shared, adult);
    });
  }
  if (isEntryOf(entry, 'ReferralMade')) return entry.event.data.to === socialCare && aboutAdult();
  if (isEntryOf(entry, 'MeetingHeld')) return attendeesOf(entry).has(socialCare) && aboutAdult();
  return false;
}

function checkRole(entry: TimelineEntry): EvidenceRole {
  if (isEntryOf(entry, 'InformationRequested')) return 'request';
  if (isEntryOf(entry, 'InformationShared')) return 'sharing';
  if (isEntryOf(entry, 'ReferralMade')) return 'referral';
  return 'meeting';
}
