import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { SOCIAL_CARE } from '../case/case-context';
import { type PatternDefinition, truth } from './pattern';

/** A contact written up weeks after it happened. */
export const lateRecording: PatternDefinition = {
  rule: 'late-recording',
  variants: 2,
  maxRows: 1,
  maxDays: 1,
  inject(context, variant) {
    const { rng, writer } = context;
    const day = context.day;
    const delay = rng.int(12, 40);
    const row =
      variant === 0
        ? writer.contact(context.stamp(SOCIAL_CARE, day, 'Home visit: child seen; mother tired but coping (recorded late owing to caseload)', { time: context.officeTime(), recordedAfter: delay }), 'home_visit', true)
        : writer.contact(context.stamp(AGENCY.police, day, 'Concern for welfare call: officers attended, child seen and well (back-recorded)', { time: context.anyTime(), recordedAfter: delay }), 'police_callout', true);
    if (variant === 0) context.noteVisit(SOCIAL_CARE, true, false, day);
    context.finish(day);
    return [truth(context, 'late-recording', `Recorded ${delay} days after it happened`, row)];
  },
};
