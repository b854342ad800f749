import type { ChronologyRow } from '@casetrail/chronology';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { Day } from '../calendar';
import { type Adult, type CaseContext, SOCIAL_CARE } from '../case/case-context';
import { checkNewAdult } from './social-care';

/** Who hears first that someone has moved in or out: social care on a visit, the universal service, or housing. */
function informant(context: CaseContext): string {
  const choices: [string, number][] = [
    [SOCIAL_CARE, 5],
    [context.roster.universal, 3],
  ];
  if (context.roster.contributors.includes(AGENCY.housing)) choices.push([AGENCY.housing, 2]);
  return context.rng.weighted(choices);
}

/** Records `adult` joining the household on `day`, registering them first if new; returns the relationship row. */
export function joinHousehold(context: CaseContext, adult: Adult, day: Day, recorder: string, isNew: boolean): ChronologyRow {
  const { writer } = context;
  if (isNew) writer.person({ agency: recorder, day, subjects: [adult.id], summary: `Registered: the ${adult.label}` }, 'adult');
  const joined = writer.relationship(context.stamp(recorder, day, `The ${adult.label} has moved into the family home`), adult.id, adult.relation);
  context.household.set(adult.id, adult);
  return joined;
}

export function leaveHousehold(context: CaseContext, adult: Adult, day: Day, recorder: string): void {
  context.writer.relationship(context.stamp(recorder, day, `The ${adult.label} has moved out of the family home, per the mother`), adult.id, adult.relation, true);
  context.household.delete(adult.id);
  context.departed.set(adult.id, adult);
}

type Change = 'partner_joins' | 'partner_leaves' | 'father_leaves' | 'father_returns' | 'lodger_joins' | 'lodger_leaves';

function possibleChanges(context: CaseContext): [Change, number][] {
  const has = (...roles: Adult['role'][]) => context.adultsWith(...roles).length > 0;
  const changes: [Change, number][] = [];
  if (has('partner')) changes.push(['partner_leaves', 4]);
  else if (!has('father')) changes.push(['partner_joins', 5]);
  if (has('father')) changes.push(['father_leaves', 1]);
  else if ([...context.departed.values()].some((a) => a.role === 'father') && !has('partner')) changes.push(['father_returns', 2]);
  if (has('lodger')) changes.push(['lodger_leaves', 2]);
  else changes.push(['lodger_joins', 1]);
  return changes;
}

/**
 * Someone moves in or out. Whoever joins is checked by social care with police (and probation)
 * within days, which is what the unchecked-household-member rule asks.
 */
export function householdEpisode(context: CaseContext): void {
  const day = context.day;
  const recorder = informant(context);
  const change = context.rng.weighted(possibleChanges(context));
  const byRole = (role: Adult['role']) => context.adultsWith(role)[0];
  switch (change) {
    case 'partner_leaves':
      leaveHousehold(context, byRole('partner'), day, recorder);
      context.finish(day);
      return;
    case 'father_leaves':
      leaveHousehold(context, byRole('father'), day, recorder);
      context.finish(day);
      return;
    case 'lodger_leaves':
      leaveHousehold(context, byRole('lodger'), day, recorder);
      context.finish(day);
      return;
    case 'father_returns': {
      const father = [...context.departed.values()].find((a) => a.role === 'father')!;
      context.departed.delete(father.id);
      joinHousehold(context, father, day, recorder, false);
      context.finish(checkNewAdult(context, father, day));
      return;
    }
    case 'partner_joins':
    case 'lodger_joins': {
      const adult: Adult =
        change === 'partner_joins'
          ? { id: context.newAdultId(), role: 'partner', relation: 'partner_of_parent', label: 'mother’s partner' }
          : { id: context.newAdultId(), role: 'lodger', relation: 'household_member', label: context.rng.pick(['adult lodger', 'maternal uncle', 'family friend staying at the home']) };
      joinHousehold(context, adult, day, recorder, true);
      context.finish(checkNewAdult(context, adult, day));
      return;
    }
  }
}
