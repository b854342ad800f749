import type { ChronologyRow } from '@casetrail/chronology';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { Day } from '../calendar';
import { type CaseContext } from '../case/case-context';

const OPEN_TEXT: Record<string, string> = {
  [AGENCY.healthVisiting]: 'Universal plus health visiting caseload: family known since the birth visit',
  [AGENCY.school]: 'Designated safeguarding lead opened a safeguarding file',
  [AGENCY.socialCare]: 'Case reopened and allocated to a social worker',
  [AGENCY.gp]: 'Added to the practice safeguarding list; named GP allocated',
  [AGENCY.police]: 'Allocated to the public protection unit',
};

const CLOSE_TEXT: Record<string, string> = {
  [AGENCY.gp]: 'Removed from the practice safeguarding list after review',
  [AGENCY.police]: 'Investigation concluded; no further police action',
  [AGENCY.socialCare]: 'Case closed: step down to universal services',
  [AGENCY.healthVisiting]: 'Discharged to the universal health visiting offer',
  [AGENCY.school]: 'Safeguarding file closed by the designated safeguarding lead',
};

export function openInvolvement(context: CaseContext, agency: string, day: Day): void {
  context.writer.involvementOpened(context.stamp(agency, day, OPEN_TEXT[agency] ?? 'Involvement opened'));
  context.open.add(agency);
}

/** Whether an agency may close without its last visit having missed the child. */
export function mayClose(context: CaseContext, agency: string): boolean {
  return context.isOpen(agency) && (context.unseenRun.get(agency) ?? 0) === 0;
}

export function closeInvolvement(context: CaseContext, agency: string, day: Day): ChronologyRow {
  const row = context.writer.involvementClosed(context.stamp(agency, day, CLOSE_TEXT[agency] ?? 'Involvement closed', { recordedAfter: context.rng.int(0, 2) }), CLOSE_TEXT[agency] ?? 'Closed');
  context.open.delete(agency);
  return row;
}

/** The GP or police start or stop working with the child; social care and the universal service stay throughout. */
export function involvementEpisode(context: CaseContext): boolean {
  const agency = context.rng.pick([AGENCY.gp, AGENCY.police]);
  const day = context.day;
  if (!context.isOpen(agency)) {
    if (agency === AGENCY.police) return false;
    openInvolvement(context, agency, day);
  } else if (mayClose(context, agency)) {
    closeInvolvement(context, agency, day);
  } else {
    return false;
  }
  context.finish(day);
  return true;
}
