import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { type CaseContext, SOCIAL_CARE } from '../case/case-context';
import { closeInvolvement } from './involvement-episode';
import { endPlan } from './meeting-episode';
import { seenVisit } from './routine';

/** The most rows {@link closeCase} writes: a visit and a closure per agency, and the plan's end. */
export const CLOSING_MAX_ROWS = 9;

/**
 * Social care steps down and the others close, each after a visit that saw the child; all that
 * the closures are decisions about has long been shared with them.
 */
export function closeCase(context: CaseContext): void {
  const day = context.day;
  const closing = [AGENCY.police, AGENCY.gp, context.roster.universal, SOCIAL_CARE].filter((agency) => context.isOpen(agency));
  for (const agency of closing) {
    if ((context.unseenRun.get(agency) ?? 0) > 0) seenVisit(context, agency, day);
  }
  endPlan(context, day + 1);
  for (const agency of closing) closeInvolvement(context, agency, day + 1);
  context.finish(day + 1);
}
