import { SOCIAL_CARE } from '../case/case-context';
import { type PatternDefinition, truth } from './pattern';

/** A referral to social care, from the universal service or from a relative, that nobody answers. */
export const referralNoOutcome: PatternDefinition = {
  rule: 'referral-no-outcome',
  variants: 2,
  maxRows: 1,
  maxDays: 1,
  inject(context, variant) {
    const day = context.day;
    const referral =
      variant === 0
        ? context.writer.referral(context.stamp(context.roster.universal, day, 'Referral: child repeatedly hungry and unkempt; mother not engaging with support'), SOCIAL_CARE, ['neglect'])
        : context.writer.referral(context.stamp(SOCIAL_CARE, day, 'Grandmother rang the front door: the child is left alone overnight', { source: 'family' }), undefined, ['neglect']);
    context.finish(day);
    return [truth(context, 'referral-no-outcome', variant === 0 ? 'A professional referral to social care has no recorded outcome' : 'A family member’s referral, taken by social care, has no recorded outcome', referral)];
  },
};
