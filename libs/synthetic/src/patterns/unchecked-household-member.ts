import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { joinHousehold } from '../background/household';
import type { Adult, CaseContext } from '../case/case-context';
import { type PatternDefinition, truth } from './pattern';

function newcomer(context: CaseContext): Adult {
  const id = context.newAdultId();
  return context.adultsWith('father', 'partner').length === 0
    ? { id, role: 'partner', relation: 'partner_of_parent', label: 'mother’s new partner' }
    : { id, role: 'lodger', relation: 'household_member', label: 'adult lodger' };
}

/**
 * An adult moves in while social care is involved and nobody checks them. In the second form the
 * police already hold a record of violence against a former partner: the review panel's
 * "doubly severe" case.
 */
export const uncheckedHouseholdMember: PatternDefinition = {
  rule: 'unchecked-household-member',
  variants: 2,
  maxRows: 4,
  maxDays: 100,
  inject(context, variant) {
    const { rng, writer } = context;
    let day = context.day;
    const adult = newcomer(context);
    const informant = context.roster.universal;
    if (variant === 1) {
      writer.person({ agency: AGENCY.police, day, subjects: [adult.id], summary: 'Registered: nominal record' }, 'adult');
      const record = writer.concern(
        { agency: AGENCY.police, day, subjects: [adult.id], summary: 'Convicted of assault occasioning actual bodily harm on a former partner; history of controlling behaviour. Not known to live with children' },
        'high',
        ['violent_offence_history', 'domestic_abuse'],
      );
      day += rng.int(40, 90);
      const joined = joinHousehold(context, adult, day, informant, false);
      context.finish(day);
      return [
        truth(context, 'unchecked-household-member', `The ${adult.label} moved in while social care was involved and was never checked, although police held a record of their violence against a former partner`, joined, record),
      ];
    }
    const joined = joinHousehold(context, adult, day, informant, true);
    context.finish(day);
    return [truth(context, 'unchecked-household-member', `The ${adult.label} moved in while social care was involved; social care neither asked for nor received any information about them`, joined)];
  },
};
