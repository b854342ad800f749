import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import { type CaseContext, SOCIAL_CARE } from '../case/case-context';
import { shortName } from '../text/wording';

/** An attendance with nothing of concern, notified to the GP and the universal service as hospitals do. */
export function emergencyAttendance(context: CaseContext): void {
  const { rng, writer } = context;
  const day = context.day;
  const attendance = writer.contact(
    context.stamp(AGENCY.emergencyDepartment, day, rng.pick(['Attended with a fever; treated and discharged home', 'Attended after a fall from a scooter: minor graze, mechanism consistent', 'Attended with croup; observed and discharged']), {
      time: context.anyTime(),
    }),
    'emergency_department',
    true,
  );
  for (const to of [AGENCY.gp, context.roster.universal]) {
    writer.shared(context.stamp(AGENCY.emergencyDepartment, day, `ED attendance notification sent to ${shortName(to)}`, { recordedAfter: rng.int(0, 1) }), to, [attendance], [], 'public_task');
  }
  context.finish(day);
}

/**
 * Social care and police visit together and each records it: two accounts of one happening,
 * the second marked as a variant of the first.
 */
export function jointVisit(context: CaseContext): void {
  const { writer } = context;
  const day = context.day;
  const time = context.officeTime();
  const first = writer.contact(context.stamp(SOCIAL_CARE, day, 'Joint visit with police: child seen and spoken to alone; says things are calmer at home', { time }), 'home_visit', true);
  writer.contact(
    context.stamp(AGENCY.police, day, 'Joint visit with the social worker: child seen, no disclosures made', { time, recordedAfter: context.rng.int(0, 2), variantOf: { agency: first.agency, entryId: first.entryId } }),
    'home_visit',
    true,
  );
  context.noteVisit(SOCIAL_CARE, true, false, day);
  context.noteVisit(AGENCY.police, true, false, day);
  context.finish(day);
}

/** A phone call keyed twice, the duplicate retracted: a retracted entry must be invisible to the rules. */
export function duplicateRetracted(context: CaseContext): void {
  const { writer } = context;
  const day = context.day;
  const agency = context.rng.pick([SOCIAL_CARE, context.roster.universal]);
  const stamp = context.stamp(agency, day, 'Phone call with the mother: arrangements for half term discussed', { time: context.officeTime() });
  writer.contact(stamp, 'phone_call', false);
  const duplicate = writer.contact(stamp, 'phone_call', false);
  writer.retraction(context.stamp(agency, day, 'Retracted: duplicate entry'), duplicate, 'Duplicate entry recorded in error');
  context.finish(day);
}

/** A contact recorded as the wrong type and put right, the way agencies amend their own records. */
export function correctedContact(context: CaseContext): void {
  const { writer } = context;
  const day = context.day;
  const contact = writer.contact(context.stamp(SOCIAL_CARE, day, 'Contact with the mother about school attendance', { time: context.officeTime() }), 'phone_call', false);
  writer.correction(context.stamp(SOCIAL_CARE, day + 1, 'Corrected contact type'), contact, { contactType: 'other' }, 'Recorded as a phone call; the contact was by text message');
  context.finish(day + 1);
}

/** Social care asks a health agency for the child's health history and is answered within days. */
export function healthHistoryRequest(context: CaseContext): void {
  const { rng, writer } = context;
  const day = context.day;
  const to = rng.pick([AGENCY.gp, context.roster.universal === AGENCY.healthVisiting ? AGENCY.healthVisiting : AGENCY.gp]);
  const request = writer.request(context.stamp(SOCIAL_CARE, day, `Request to ${shortName(to)} for the child’s health history for the assessment`), to, []);
  const answered = day + rng.int(1, 3);
  writer.response(context.stamp(to, answered, 'Health history provided: immunisations up to date, no safeguarding concerns recorded'), request, 'disclosed');
  context.finish(answered);
}
