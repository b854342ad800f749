import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { type ConcernFacts, spreadConcern, writeConcern } from '../background/concern-episode';
import type { CaseContext } from '../case/case-context';
import { categoryWords, shortName } from '../text/wording';
import { type PatternDefinition, truth } from './pattern';

/** New risk in a category social care's background never weighed (they are reserved for patterns). */
function facts(context: CaseContext, variant: number): ConcernFacts {
  const mother = context.adultsWith('mother')[0];
  if (context.roster.ageGroup === 'infant') {
    return {
      recorder: variant === 0 ? AGENCY.healthVisiting : AGENCY.police,
      subjects: [mother.id],
      severity: 'medium',
      categories: ['trafficking'],
      text: 'Mother disclosed that a former employer holds her passport and that she owes a debt for her travel to the UK',
    };
  }
  return variant === 0
    ? { recorder: AGENCY.school, subjects: [context.child], severity: 'medium', categories: ['self_harm'], text: 'Child showed the school nurse cuts to the forearm made over the past month', lead: 'school_concern' }
    : { recorder: AGENCY.police, subjects: [context.child], severity: 'medium', categories: ['missing'], text: 'Child reported missing overnight and found the next morning in another town with older teenagers', lead: 'police_callout' };
}

/** Social care is told of the new risk the same day, and never revisits its assessment. */
export const assessmentNotUpdated: PatternDefinition = {
  rule: 'assessment-not-updated',
  variants: 2,
  maxRows: 10,
  maxDays: 1,
  inject(context, variant) {
    const day = context.day;
    const baseline = context.assessed!;
    const concern = writeConcern(context, facts(context, variant), day);
    spreadConcern(context, concern, day, { outcome: 'assessment' });
    context.finish(day);
    return [
      truth(
        context,
        'assessment-not-updated',
        `${shortName(concern.agency)} told social care of ${categoryWords(concern.categories)}, which its assessment had not considered; it never reassessed`,
        concern,
        baseline.row,
      ),
    ];
  },
};
