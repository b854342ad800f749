import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { writeConcern } from '../background/concern-episode';
import { closeInvolvement } from '../background/involvement-episode';
import { seenVisit } from '../background/routine';
import { assess } from '../background/social-care';
import { shortName } from '../text/wording';
import { type PatternDefinition, truth } from './pattern';

/**
 * A low concern (below what unshared-risk asks to be shared) that another agency decides without:
 * social care reviews its assessment, or the universal service closes, not knowing it.
 */
export const decisionWithoutSharedInformation: PatternDefinition = {
  rule: 'decision-without-shared-information',
  variants: 2,
  maxRows: 4,
  maxDays: 8,
  inject(context, variant) {
    const { rng } = context;
    const day = context.day;
    const man = context.adultsWith('father', 'partner')[0];
    const concern =
      variant === 0
        ? writeConcern(
            context,
            {
              recorder: AGENCY.police,
              subjects: man ? [context.child, man.id] : [context.child],
              severity: 'low',
              categories: ['domestic_abuse'],
              text: `Call-out to an argument${man ? ` between the mother and the ${man.label}` : ''}; no offences disclosed, child asleep upstairs`,
              lead: 'police_callout',
            },
            day,
          )
        : writeConcern(
            context,
            { recorder: AGENCY.gp, subjects: [context.adultsWith('mother')[0]?.id ?? context.child], severity: 'low', categories: ['alcohol_misuse'], text: 'Mother disclosed drinking more since the winter; brief advice given' },
            day,
          );
    let decisionDay = day + rng.int(2, 5);
    if (variant === 0) {
      const baseline = context.assessed!;
      const decision = assess(context, decisionDay, baseline.level, baseline.categories);
      context.finish(decisionDay);
      return [truth(context, 'decision-without-shared-information', `Social care reviewed its assessment while ${shortName(concern.agency)} held an unshared concern about the household`, decision, concern)];
    }
    const closer = context.roster.universal;
    if ((context.unseenRun.get(closer) ?? 0) > 0) seenVisit(context, closer, decisionDay++);
    const decision = closeInvolvement(context, closer, decisionDay);
    context.finish(decisionDay);
    return [truth(context, 'decision-without-shared-information', `${shortName(closer)} closed its involvement while ${shortName(concern.agency)} held an unshared concern about the mother`, decision, concern)];
  },
};
