import type { ContactOutcome, ContactType } from '@casetrail/chronology';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { SOCIAL_CARE } from '../case/case-context';
import { type PatternDefinition, truth } from './pattern';

/**
 * Three missed contacts within 90 days, each by a different agency, so no one agency has three
 * unseen visits in a row (that would be child-not-seen as well).
 */
export const missedContacts: PatternDefinition = {
  rule: 'missed-contacts',
  variants: 1,
  maxRows: 3,
  maxDays: 75,
  limits: { noFurtherAction: true, unseenContacts: false },
  inject(context) {
    const { rng, writer } = context;
    const third: [string, ContactType, ContactOutcome, string] =
      context.roster.ageGroup === 'infant'
        ? [AGENCY.healthVisiting, 'home_visit', 'no_access', 'Planned visit: no answer, though the television could be heard inside']
        : [AGENCY.emergencyDepartment, 'appointment', 'was_not_brought', 'Child was not brought to the fracture clinic follow-up'];
    const missed: [string, ContactType, ContactOutcome, string][] = [
      [AGENCY.gp, 'appointment', 'was_not_brought', 'Child was not brought to the booked asthma review'],
      [SOCIAL_CARE, 'home_visit', 'no_access', 'Unannounced visit: no answer at the door; card left'],
      third,
    ];
    let day = context.day;
    const rows = missed.map(([agency, type, outcome, text], i) => {
      if (i > 0) day += rng.int(15, 35);
      const row = writer.contact(context.stamp(agency, day, text, { time: context.officeTime() }), type, false, outcome);
      context.noteVisit(agency, false, true, day);
      return row;
    });
    context.finish(day);
    return [truth(context, 'missed-contacts', 'Three contacts within 90 days missed: not brought, no access, not brought again', rows[2], rows[0], rows[1])];
  },
};
