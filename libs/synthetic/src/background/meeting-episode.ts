import type { PlanKind } from '@casetrail/chronology';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { Day } from '../calendar';
import { type CaseContext, SOCIAL_CARE } from '../case/case-context';
import { fullAttendance } from './social-care';

export function startPlan(context: CaseContext, day: Day, kind: PlanKind): void {
  const text = kind === 'child_protection' ? 'Child protection plan started: category neglect' : kind === 'child_in_need' ? 'Child in need plan agreed with the family' : 'Child became looked after';
  context.writer.plan(context.stamp(SOCIAL_CARE, day, text), kind);
  context.plan = { kind, since: day };
}

export function endPlan(context: CaseContext, day: Day): void {
  if (context.plan === null) return;
  context.writer.plan(context.stamp(SOCIAL_CARE, day, 'Plan ended: outcomes achieved'), context.plan.kind, true);
  context.plan = null;
}

/**
 * Multi-agency meetings and the plans they decide. Every agency working with the child is invited
 * and attends; police, invited to conferences as a matter of course, sometimes send apologies.
 */
export function meetingEpisode(context: CaseContext): void {
  const { rng, writer } = context;
  const day = context.day;
  const plan = context.plan;
  const recorded = { recordedAfter: context.routineDelay() };
  const attending = fullAttendance(context);
  const invited = [...new Set([...attending, AGENCY.police])];
  const attended = rng.chance(0.3) && !context.isOpen(AGENCY.police) ? attending : invited;

  if (plan === null || (plan.kind === 'child_in_need' && rng.chance(0.2))) {
    if (plan === null && rng.chance(0.5)) {
      startPlan(context, day, 'child_in_need');
    } else {
      writer.meeting(context.stamp(SOCIAL_CARE, day, 'Initial child protection conference: child to be subject to a child protection plan', recorded), 'child_protection_conference', invited, attended);
      endPlan(context, day);
      startPlan(context, day, 'child_protection');
    }
  } else if (plan.kind === 'child_protection' && day - plan.since >= 90 && rng.chance(0.5)) {
    const stepDown = rng.chance(0.5);
    writer.meeting(
      context.stamp(SOCIAL_CARE, day, stepDown ? 'Review conference: progress made; plan to end and step down to child in need' : 'Review conference: plan to continue', recorded),
      'review_conference',
      invited,
      attended,
    );
    if (stepDown) {
      endPlan(context, day);
      startPlan(context, day, 'child_in_need');
    }
  } else if (plan.kind === 'child_protection') {
    writer.meeting(context.stamp(SOCIAL_CARE, day, 'Core group: actions reviewed; home conditions improving', recorded), 'core_group', attending, attending);
  } else if (day - plan.since >= 120) {
    endPlan(context, day);
  } else {
    writer.meeting(context.stamp(SOCIAL_CARE, day, 'MASH discussion of information received this month', recorded), 'mash', attending, attending);
  }
  context.finish(day);
}
