import type { ReferralOutcome, Source } from '@casetrail/chronology';
import type { RiskCategory } from '@casetrail/domain';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { CaseContext } from '../case/case-context';
import { referToSocialCare } from './social-care';

interface Referrer {
  readonly agency?: string;
  readonly source?: Source;
  readonly text: string;
}

const PERSON_REFERRERS: readonly Referrer[] = [
  { source: 'family', text: 'Maternal aunt rang: worried the children are left alone in the evenings' },
  { source: 'family', text: 'Grandmother rang: the house is chaotic and the child seems frightened of the adults' },
  { source: 'member_of_public', text: 'Neighbour rang: frequent shouting late at night and the child crying' },
  { source: 'anonymous', text: 'Anonymous caller: the child is often seen outside late without a coat' },
];

const CATEGORIES: readonly (readonly RiskCategory[])[] = [['neglect'], ['emotional_abuse'], ['domestic_abuse'], ['neglect', 'emotional_abuse'], ['other']];

/**
 * A referral with no concern of its own behind it, answered the same day. No further action is
 * allowed at most once in any 400 days, so no third referral ever follows two such closures.
 */
export function referralEpisode(context: CaseContext): void {
  const { rng } = context;
  const day = context.day;
  const professional: Referrer[] = [
    { agency: context.roster.universal, text: 'Referral: low-level concerns building over the term; request for support to the family' },
    { agency: AGENCY.gp, text: 'Referral: repeated missed health appointments and the mother struggling to cope' },
  ];
  const referrer = rng.pick([...PERSON_REFERRERS, ...professional]);
  const last = context.lastNoFurtherAction;
  const mayClose = context.limits.noFurtherAction && (last === null || day - last > 400);
  const outcome: ReferralOutcome = mayClose && rng.chance(0.4) ? 'no_further_action' : rng.pick(['early_help', 'assessment'] as const);
  referToSocialCare(context, day, referrer.agency, referrer.source, rng.pick(CATEGORIES), referrer.text, outcome);
  context.finish(day);
}
