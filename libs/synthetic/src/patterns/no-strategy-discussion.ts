import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { type ConcernFacts, spreadConcern, writeConcern } from '../background/concern-episode';
import { reassessIfNeeded } from '../background/social-care';
import type { CaseContext } from '../case/case-context';
import { categoryWords, shortName } from '../text/wording';
import { type PatternDefinition, truth } from './pattern';

function facts(context: CaseContext, variant: number): ConcernFacts {
  if (variant === 1 && context.roster.ageGroup === 'school_age') {
    return { recorder: AGENCY.school, subjects: [context.child], severity: 'high', categories: ['sexual_abuse'], text: 'Child disclosed to a teacher that an adult visitor touches them when the mother is out', lead: 'school_concern' };
  }
  if (variant === 1) {
    return { recorder: AGENCY.healthVisiting, subjects: [context.child], severity: 'high', categories: ['physical_abuse'], text: 'Bruising to the cheek and ear of a non-mobile baby; no explanation offered', lead: 'home_visit' };
  }
  return {
    recorder: AGENCY.emergencyDepartment,
    subjects: [context.child],
    severity: 'high',
    categories: ['physical_abuse'],
    text: 'Spiral fracture of the upper arm; the account given does not explain the injury. Skeletal survey requested',
    lead: 'emergency_department',
  };
}

/** Social care is referred an allegation of abuse, accepts it for assessment, reassesses, but calls no strategy discussion. */
export const noStrategyDiscussion: PatternDefinition = {
  rule: 'no-strategy-discussion',
  variants: 2,
  maxRows: 11,
  maxDays: 6,
  inject(context, variant) {
    const day = context.day;
    const concern = writeConcern(context, facts(context, variant), day);
    spreadConcern(context, concern, day, { outcome: 'assessment' });
    context.finish(reassessIfNeeded(context, day, concern.severity, concern.categories, day + 2));
    return [
      truth(context, 'no-strategy-discussion', `${shortName(concern.agency)} referred a high ${categoryWords(concern.categories)} concern; social care held no strategy discussion`, concern),
    ];
  },
};
