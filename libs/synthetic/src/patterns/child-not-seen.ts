import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { closeInvolvement, openInvolvement } from '../background/involvement-episode';
import { SOCIAL_CARE } from '../case/case-context';
import { shortName } from '../text/wording';
import { type PatternDefinition, truth } from './pattern';

const NOT_SEEN = [
  'Home visit: mother said the child was asleep upstairs and would not let the worker wake them',
  'Home visit: the child was said to be at a friend’s house; mother spoken to on the doorstep',
  'Home visit: mother said the child was at the grandmother’s; home seen downstairs only',
];

/** Three visits in a row that never see the child; or the GP closing when its last appointment did not see the child. */
export const childNotSeen: PatternDefinition = {
  rule: 'child-not-seen',
  variants: 2,
  maxRows: 3,
  maxDays: 45,
  limits: { noFurtherAction: true, unseenContacts: false },
  inject(context, variant) {
    const { rng, writer } = context;
    let day = context.day;
    if (variant === 1) {
      if (!context.isOpen(AGENCY.gp)) openInvolvement(context, AGENCY.gp, day++);
      const appointment = writer.contact(context.stamp(AGENCY.gp, day, 'Appointment: mother attended alone to discuss the child’s bedwetting; child not seen', { time: context.officeTime() }), 'appointment', false);
      context.noteVisit(AGENCY.gp, false, false, day);
      day += rng.int(3, 10);
      const closed = closeInvolvement(context, AGENCY.gp, day);
      context.finish(day);
      return [truth(context, 'child-not-seen', 'The GP closed its involvement when its last appointment had not seen the child', closed, appointment)];
    }
    const agency = context.roster.ageGroup === 'infant' ? AGENCY.healthVisiting : SOCIAL_CARE;
    const visits = NOT_SEEN.map((text, i) => {
      if (i > 0) day += rng.int(7, 14);
      const visit = writer.contact(context.stamp(agency, day, text, { time: context.officeTime(), recordedAfter: context.routineDelay() }), 'home_visit', false);
      context.noteVisit(agency, false, false, day);
      return visit;
    });
    context.finish(day);
    return [truth(context, 'child-not-seen', `Three home visits in a row by ${shortName(agency)} did not see the child`, visits[2], visits[0], visits[1])];
  },
};
