import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { spreadConcern, writeConcern } from '../background/concern-episode';
import { endPlan, startPlan } from '../background/meeting-episode';
import { fullAttendance, openPoliceInvestigation, reassessIfNeeded, strategyDiscussion } from '../background/social-care';
import { SOCIAL_CARE } from '../case/case-context';
import { shortName } from '../text/wording';
import { type PatternDefinition, truth } from './pattern';

/** A conference or strategy discussion goes ahead without the universal service, which is working with the child. */
export const absentFromMeeting: PatternDefinition = {
  rule: 'absent-from-meeting',
  variants: 2,
  maxRows: 12,
  maxDays: 6,
  inject(context, variant) {
    const { writer } = context;
    const day = context.day;
    const absent = context.roster.universal;
    if (!context.isOpen(absent)) throw new Error('the universal service works with the child throughout the background');
    const without = (agencies: string[]) => agencies.filter((agency) => agency !== absent);
    if (variant === 0) {
      const agencies = without(fullAttendance(context, AGENCY.police));
      const meeting = writer.meeting(
        context.stamp(SOCIAL_CARE, day, 'Child protection conference: neglect; child to be subject to a child protection plan', { recordedAfter: context.routineDelay() }),
        'child_protection_conference',
        agencies,
        agencies,
      );
      if (context.plan?.kind !== 'child_protection') {
        endPlan(context, day);
        startPlan(context, day, 'child_protection');
      }
      context.finish(day);
      return [truth(context, 'absent-from-meeting', `A child protection conference went ahead without ${shortName(absent)}, which was working with the child`, meeting)];
    }
    const concern = writeConcern(
      context,
      { recorder: AGENCY.police, subjects: [context.child], severity: 'high', categories: ['physical_abuse'], text: 'Child seen with a black eye after a reported assault at home', lead: 'police_callout' },
      day,
    );
    spreadConcern(context, concern, day, { outcome: 'strategy_discussion' });
    openPoliceInvestigation(context, day + 1);
    const meeting = strategyDiscussion(context, day + 1, without(fullAttendance(context, AGENCY.police)), 'allegation of physical abuse');
    context.finish(reassessIfNeeded(context, day, concern.severity, concern.categories, day + 2));
    return [truth(context, 'absent-from-meeting', `A strategy discussion went ahead without ${shortName(absent)}, which was working with the child`, meeting)];
  },
};
