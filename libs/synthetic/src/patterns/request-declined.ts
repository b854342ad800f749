import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { SOCIAL_CARE } from '../case/case-context';
import { type PatternDefinition, truth } from './pattern';

const DECLINES = ['data_protection', 'Unable to share the mother’s records without her consent under GDPR'] as const;

/** Social care asks the GP about the mother's mental health; the practice declines on data protection grounds, or never answers. */
export const requestDeclined: PatternDefinition = {
  rule: 'request-declined',
  variants: 3,
  maxRows: 2,
  maxDays: 4,
  inject(context, variant) {
    const { rng, writer } = context;
    const day = context.day;
    const mother = context.adultsWith('mother')[0];
    const subjects = [context.child, mother.id];
    const request = writer.request(
      { ...context.stamp(SOCIAL_CARE, day, 'Request to the GP for the mother’s mental health history for the assessment'), subjects },
      AGENCY.gp,
      ['mental_health'],
    );
    if (variant === 2) {
      context.finish(day);
      return [truth(context, 'request-declined', 'Social care asked the GP for the mother’s mental health history and never received an answer', request)];
    }
    const answered = day + rng.int(1, 3);
    const response = writer.response({ ...context.stamp(AGENCY.gp, answered, 'Request declined: no consent from the patient'), subjects }, request, 'declined', DECLINES[variant]);
    context.finish(answered);
    return [truth(context, 'request-declined', 'The GP declined social care’s request for the mother’s mental health history on data protection grounds', response, request)];
  },
};
