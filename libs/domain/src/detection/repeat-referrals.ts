import { sameEntry } from '../events/common';
import { agencyOf, caseFacts, dayOf, entriesOf, isAboutChild, refOf, type CaseFacts, type EntryOf } from '../timeline/case-facts';
import { plural } from '../timeline/days';
import type { ChildTimeline, TimelineEntry } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type FlagEvidence, type Flag } from './flag';
import { entryDate } from './wording';

type Referral = EntryOf<'ReferralMade'>;

/**
 * repeat-referrals: the `repeatReferralCount`-th (or a later) referral about the child, from any
 * referrer (agency, family, public, anonymous), where at least `repeatReferralCount - 1` earlier
 * referrals within `repeatReferralWindowDays` before it ended with no further action, or with the
 * receiving agency closing its involvement (after the referral) without recording any outcome.
 * "Ended" is judged with everything recorded by asOf, as a reviewer looking back would: three
 * referrals in a week all later closed with no further action are the revolving door this rule is
 * for, even if the first two were still open when the third came in. Accounts of one referral by
 * two agencies (variants) count once.
 */
export function repeatReferrals(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const referrals = onePerHappening(entriesOf(facts.entries, 'ReferralMade').filter(isAboutChild));
  const days = referrals.map(dayOf);
  // How a referral ended does not depend on the referral after it: work it out once per referral.
  const endingOf = endings(facts);
  const flags: Flag[] = [];
  referrals.forEach((referral, index) => {
    const day = days[index]!;
    const ended = referrals
      .slice(0, index)
      .filter((_, i) => day - days[i]! <= settings.repeatReferralWindowDays)
      .map((earlier) => ({ earlier, ending: endingOf(earlier) }))
      .filter((x): x is { earlier: Referral; ending: FlagEvidence } => x.ending !== undefined);
    if (ended.length < settings.repeatReferralCount - 1) return;
    const referrers = [...new Set([...ended.map((x) => x.earlier), referral].map(referrerWords))];
    flags.push(
      makeFlag({
        rule: 'repeat-referrals',
        child: facts.child,
        agencies: [...ended.flatMap((x) => [x.earlier.event.data.from, x.earlier.event.data.to]), referral.event.data.from, referral.event.data.to],
        identity: [...ended.map((x) => evidence(x.earlier, 'earlier-referral')), evidence(referral, 'referral')],
        evidence: [...ended.flatMap((x) => [evidence(x.earlier, 'earlier-referral'), x.ending]), evidence(referral, 'referral')],
        at: referral.event.data.occurred.at,
        explanation:
          `${referral.event.data.to} received a referral on ${entryDate(referral)} after ${plural(ended.length, 'earlier referral')}` +
          ` within ${plural(settings.repeatReferralWindowDays, 'day')} that ended with no further action or closure (referrers: ${referrers.join(', ')}).`,
      }),
    );
  });
  return flags;
}

function onePerHappening(referrals: readonly Referral[]): Referral[] {
  const groups = new Set<string>();
  return referrals.filter((r) => r.variantGroup === undefined || (!groups.has(r.variantGroup) && groups.add(r.variantGroup) !== undefined));
}

/** How each referral ended without action, if it did; each answered at most once. */
function endings(facts: CaseFacts): (referral: Referral) => FlagEvidence | undefined {
  const outcomes = entriesOf(facts.entries, 'ReferralOutcomeRecorded');
  const closures = entriesOf(facts.entries, 'InvolvementClosed');
  const accountsByGroup = new Map<string, TimelineEntry[]>();
  for (const e of facts.entries) {
    if (e.variantGroup === undefined) continue;
    const group = accountsByGroup.get(e.variantGroup);
    if (group) group.push(e);
    else accountsByGroup.set(e.variantGroup, [e]);
  }
  const accountsOf = (referral: Referral): readonly TimelineEntry[] =>
    (referral.variantGroup !== undefined && accountsByGroup.get(referral.variantGroup)) || [referral];
  const endingOf = (referral: Referral): FlagEvidence | undefined => {
    const accounts = accountsOf(referral).map(refOf);
    const outcome = outcomes.find((o) => accounts.some((ref) => sameEntry(ref, o.event.data.answers)));
    if (outcome) return outcome.event.data.outcome === 'no_further_action' ? evidence(outcome, 'outcome') : undefined;
    const closure = closures.find((c) => agencyOf(c) === referral.event.data.to && dayOf(c) >= dayOf(referral));
    return closure && evidence(closure, 'closure');
  };
  const known = new Map<Referral, FlagEvidence | undefined>();
  return (referral) => {
    if (!known.has(referral)) known.set(referral, endingOf(referral));
    return known.get(referral);
  };
}

function referrerWords(referral: Referral): string {
  const { from } = referral.event.data;
  if (from) return from;
  return (referral.event.data.source ?? 'unknown referrer').replace(/_/g, ' ');
}
