import { assertNever, type OccurredAt } from '../events/common';
import { agencyOf, caseFacts } from '../timeline/case-facts';
import { dayNumber, endOfDay, isoDate, lastDayOfPeriod, plural } from '../timeline/days';
import type { ChildTimeline, TimelineEventType } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type Flag } from './flag';

/**
 * late-recording: an entry recorded more than `lateRecordingDays` after the last day its occurred
 * date can stand for (the day, the month's last day, the year's last day; approximate dates never).
 * Practice entries only: registering a person and linking records are administration, whose
 * "occurred" date (a birth, a finding) is not something an agency should have recorded within days.
 */
export function lateRecording(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const flags: Flag[] = [];
  for (const entry of facts.entries) {
    const noun = practiceNoun(entry.event.type);
    if (noun === undefined) continue;
    const lastDay = lastDayOfPeriod(entry.event.data.occurred);
    if (lastDay === null) continue;
    const taken = dayNumber(entry.event.data.recordedAt) - lastDay;
    if (taken <= settings.lateRecordingDays) continue;
    const agency = agencyOf(entry);
    const due = endOfDay(lastDay + settings.lateRecordingDays);
    flags.push(
      makeFlag({
        rule: 'late-recording',
        child: facts.child,
        agencies: [agency],
        evidence: [evidence(entry, 'entry')],
        at: due,
        dueBy: due,
        delayDays: taken - settings.lateRecordingDays,
        explanation:
          `${agency} recorded a ${noun} of ${periodWords(entry.event.data.occurred)} on ${isoDate(dayNumber(entry.event.data.recordedAt))},` +
          ` ${plural(taken, 'day')} after it (allowed ${plural(settings.lateRecordingDays, 'day')}).`,
      }),
    );
  }
  return flags;
}

/** The entry's kind in plain words, or undefined for administration that is never late. */
function practiceNoun(type: TimelineEventType): string | undefined {
  switch (type) {
    case 'ContactRecorded':
      return 'contact';
    case 'ConcernRecorded':
      return 'concern';
    case 'ReferralMade':
      return 'referral';
    case 'InformationShared':
      return 'information sharing';
    case 'InformationNotShared':
      return 'decision not to share';
    case 'InformationRequested':
      return 'information request';
    case 'RiskAssessmentCompleted':
      return 'risk assessment';
    case 'MeetingHeld':
      return 'meeting';
    case 'RelationshipRecorded':
      return 'relationship';
    case 'RelationshipEnded':
      return 'relationship ending';
    case 'PlanStarted':
      return 'plan start';
    case 'PlanEnded':
      return 'plan ending';
    case 'SeriousIncidentNotified':
      return 'serious incident notification';
    case 'ReferralOutcomeRecorded':
      return 'referral outcome';
    case 'InformationRequestAnswered':
      return 'answer to an information request';
    case 'InvolvementOpened':
      return 'involvement opening';
    case 'InvolvementClosed':
      return 'involvement closing';
    case 'PersonRegistered':
    case 'SubjectsLinked':
    case 'SubjectsUnlinked':
      return undefined;
    default:
      return assertNever(type);
  }
}

function periodWords(occurred: OccurredAt): string {
  const date = isoDate(dayNumber(occurred.at));
  return occurred.precision === 'month' ? date.slice(0, 7) : occurred.precision === 'year' ? date.slice(0, 4) : date;
}
