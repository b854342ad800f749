import { closeInvolvement, openInvolvement } from '../background/involvement-episode';
import { endPlan } from '../background/meeting-episode';
import { seenVisit } from '../background/routine';
import { referToSocialCare } from '../background/social-care';
import { SOCIAL_CARE } from '../case/case-context';
import { type PatternDefinition, truth } from './pattern';

/**
 * Social care closes the case; then a professional, a relative and a neighbour refer within a
 * year, the first two screened out with no further action. The background holds no such outcome,
 * so only the third referral is flagged.
 */
export const repeatReferrals: PatternDefinition = {
  rule: 'repeat-referrals',
  variants: 1,
  maxRows: 10,
  maxDays: 310,
  limits: { noFurtherAction: false, unseenContacts: true },
  inject(context) {
    const { rng } = context;
    let day = context.day;
    if ((context.unseenRun.get(SOCIAL_CARE) ?? 0) > 0) seenVisit(context, SOCIAL_CARE, day++);
    endPlan(context, day);
    closeInvolvement(context, SOCIAL_CARE, day);
    const first = day + rng.int(20, 60);
    const second = first + rng.int(60, 120);
    const third = second + rng.int(60, 120);
    const r1 = referToSocialCare(context, first, context.roster.universal, undefined, ['neglect'], 'Referral: child often hungry and tired; uniform unwashed', 'no_further_action');
    const r2 = referToSocialCare(context, second, undefined, 'family', ['neglect', 'emotional_abuse'], 'Aunt rang: the mother is drinking again and the child is left to fend for themselves', 'no_further_action');
    const r3 = referToSocialCare(context, third, undefined, 'member_of_public', ['neglect'], 'Neighbour rang: the child was out on the street at midnight without a coat', 'assessment');
    openInvolvement(context, SOCIAL_CARE, third);
    context.finish(third);
    return [
      truth(context, 'repeat-referrals', 'A third referral within twelve months, after two from a professional and a relative were closed with no further action', r3, r1, r2),
    ];
  },
};
