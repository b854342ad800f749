import { sameEntry } from '../events/common';
import { caseFacts, dayOf, entriesOf, isAboutChild, refOf } from '../timeline/case-facts';
import { plural } from '../timeline/days';
import type { ChildTimeline } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type Flag } from './flag';
import { dueInstant, lateWords, timeliness } from './timeliness';
import { entryDate } from './wording';

/**
 * referral-no-outcome: the agency a referral about the child went to (`to`) recorded no outcome within
 * `referralOutcomeDays`; an outcome recorded later is flagged as late. A referral from a person is
 * recorded by the receiving agency and answered by it. An outcome recorded against another
 * account of the same referral (a variant) answers it too: the referral was not left hanging.
 * A referral of a household adult alone (to a drug service, say) is that adult's case, not the
 * child's, so its outcome is not looked for here.
 */
export function referralNoOutcome(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const referrals = entriesOf(facts.entries, 'ReferralMade').filter(isAboutChild);
  const outcomes = entriesOf(facts.entries, 'ReferralOutcomeRecorded');
  const flags: Flag[] = [];
  for (const referral of referrals) {
    const { from, to } = referral.event.data;
    const accounts = referrals.filter((r) => r === referral || (referral.variantGroup !== undefined && r.variantGroup === referral.variantGroup));
    const outcome = outcomes.find((o) => accounts.some((r) => sameEntry(o.event.data.answers, refOf(r))));
    const t = timeliness({ startDay: dayOf(referral), allowedDays: settings.referralOutcomeDays }, outcome && dayOf(outcome), facts.asOfDay);
    if (t.kind === 'in-time' || t.kind === 'pending') continue;
    const situation = [evidence(referral, 'referral')];
    const opening = `${to} received a referral${from ? ` from ${from}` : ''} on ${entryDate(referral)}`;
    flags.push(
      makeFlag({
        rule: 'referral-no-outcome',
        child: facts.child,
        agencies: [from, to],
        identity: situation,
        evidence: outcome ? [...situation, evidence(outcome, 'outcome')] : situation,
        at: dueInstant(t),
        dueBy: dueInstant(t),
        ...(t.kind === 'late'
          ? { delayDays: t.delayDays, explanation: `${opening}; it recorded the outcome on ${entryDate(outcome!)}, ${lateWords(t)} (allowed ${plural(settings.referralOutcomeDays, 'day')}).` }
          : { missing: `no outcome recorded by ${to}`, explanation: `${opening} and recorded no outcome within ${plural(settings.referralOutcomeDays, 'day')}.` }),
      }),
    );
  }
  return flags;
}
