import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { type CaseContext, SOCIAL_CARE } from '../case/case-context';
import { chooseFamily } from '../case/roster';
import { needsStrategyDiscussion, pickConcern, spreadConcern, writeConcern } from './concern-episode';
import { openInvolvement } from './involvement-episode';
import { startPlan } from './meeting-episode';
import { assess, checkNewAdult, fullAttendance, openPoliceInvestigation, strategyDiscussion } from './social-care';

/**
 * How every case begins: the family registered, the universal service already working with the
 * child, a concern that brings a referral, social care opening the case, checks on every adult
 * at home, and a first assessment that weighs what was referred.
 */
export function openCase(context: CaseContext): void {
  const { rng, writer, roster } = context;
  const day = context.day;
  const family = chooseFamily(rng, context.caseId, () => context.newAdultId());

  writer.person(context.stamp(SOCIAL_CARE, day, 'Registered: the child referred'), 'child');
  for (const sibling of family.siblings) {
    writer.person({ agency: SOCIAL_CARE, day, subjects: [sibling], summary: 'Registered: sibling of the child referred' }, 'child');
    context.siblings.push(sibling);
  }
  for (const adult of family.adults) writer.person({ agency: SOCIAL_CARE, day, subjects: [adult.id], summary: `Registered: the ${adult.label}` }, 'adult');
  for (const adult of family.adults) {
    writer.relationship(context.stamp(SOCIAL_CARE, day, `The ${adult.label}, living at the family home`), adult.id, adult.relation);
    context.household.set(adult.id, adult);
  }
  for (const sibling of family.siblings) writer.relationship(context.stamp(SOCIAL_CARE, day, 'Sibling, living at the family home'), sibling, 'sibling');

  openInvolvement(context, roster.universal, day);
  if (rng.chance(0.5)) openInvolvement(context, AGENCY.gp, day);

  const referrers = [roster.universal, AGENCY.police, AGENCY.gp, AGENCY.emergencyDepartment];
  const facts = pickConcern(context, (t) => t.about !== 'adult' && t.severities.some((s) => s !== 'low') && referrers.includes(AGENCY[t.recorder]));
  const concern = writeConcern(context, { ...facts, severity: facts.severity === 'low' ? 'medium' : facts.severity }, day);
  const strategy = needsStrategyDiscussion(concern, context.child);
  spreadConcern(context, concern, day, { outcome: strategy ? 'strategy_discussion' : 'assessment' });
  writer.involvementOpened(context.stamp(SOCIAL_CARE, day, 'Case allocated to a social worker for a single assessment'));
  context.open.add(SOCIAL_CARE);

  let last = day;
  if (strategy) {
    last = day + 1;
    openPoliceInvestigation(context, last);
    strategyDiscussion(context, last, fullAttendance(context, AGENCY.police, concern.agency), 'allegation of abuse at referral');
  }
  for (const adult of family.adults) last = Math.max(last, checkNewAdult(context, adult, day));
  const assessedOn = last + 1;
  assess(context, assessedOn, concern.severity, concern.categories);
  if (rng.chance(0.4)) startPlan(context, assessedOn, 'child_in_need');
  context.finish(assessedOn);
}
