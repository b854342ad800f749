import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { ConcernFacts } from '../background/concern-episode';
import { writeConcern } from '../background/concern-episode';
import type { CaseContext } from '../case/case-context';
import { shortName } from '../text/wording';
import { type PatternDefinition, truth } from './pattern';

function facts(context: CaseContext, variant: number): ConcernFacts {
  const mother = context.adultsWith('mother')[0];
  const man = context.adultsWith('father', 'partner')[0];
  const parent = context.adultsWith('mother', 'father', 'partner')[0];
  if (variant === 2 && context.roster.contributors.includes(AGENCY.substanceMisuse)) {
    return {
      recorder: AGENCY.substanceMisuse,
      subjects: [parent.id],
      severity: 'high',
      categories: ['drug_misuse'],
      text: `The ${parent.label} disclosed injecting heroin at home while caring for the child; needles not stored safely`,
    };
  }
  if (variant === 1 && mother) {
    return {
      recorder: AGENCY.gp,
      subjects: [mother.id],
      severity: 'medium',
      categories: ['mental_health'],
      text: 'Mother presented with paranoid thoughts about the child and has stopped her medication; declined crisis team',
    };
  }
  return {
    recorder: AGENCY.police,
    subjects: man ? [context.child, man.id] : [context.child],
    severity: 'high',
    categories: ['domestic_abuse'],
    text: `Mother assaulted ${man ? `by the ${man.label}` : 'by a former partner who forced entry'}; strangulation disclosed, child witnessed it. DASH high risk`,
    lead: 'police_callout',
  };
}

export const unsharedRisk: PatternDefinition = {
  rule: 'unshared-risk',
  variants: 3,
  maxRows: 2,
  maxDays: 1,
  inject(context, variant) {
    const day = context.day;
    const concern = writeConcern(context, facts(context, variant), day);
    context.finish(day);
    const others = context.openAgencies().filter((agency) => agency !== concern.agency).map(shortName);
    return [truth(context, 'unshared-risk', `${shortName(concern.agency)} recorded a ${concern.severity} concern and shared it with none of the agencies working with the child (${others.join(', ')})`, concern)];
  },
};
