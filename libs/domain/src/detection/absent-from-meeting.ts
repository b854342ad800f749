import { assertNever } from '../events/common';
import type { MeetingKind } from '../events/entry.events';
import { agencyOf, caseFacts, dayOf, entriesOf, isAboutChild } from '../timeline/case-facts';
import type { ChildTimeline } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type Flag } from './flag';
import { categoryWords, entryDate } from './wording';

/**
 * absent-from-meeting: a strategy discussion or child protection conference about the child went
 * ahead without an agency that had an open involvement with the child that day and was neither
 * invited nor attending. An agency invited that stayed away was at least asked, so it is not
 * flagged here. The recording agency was there. One flag per meeting and absent agency.
 */
export function absentFromMeeting(timeline: ChildTimeline, _settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const flags: Flag[] = [];
  for (const meeting of entriesOf(facts.entries, 'MeetingHeld')) {
    if (!isKeyMeeting(meeting.event.data.kind) || !isAboutChild(meeting)) continue;
    const { invited, attended, kind } = meeting.event.data;
    const recorder = agencyOf(meeting);
    const present = new Set([...invited, ...attended, recorder]);
    for (const agency of facts.agenciesInvolvedOn(dayOf(meeting))) {
      if (present.has(agency)) continue;
      const involvement = facts.involvementOn(agency, dayOf(meeting))!;
      flags.push(
        makeFlag({
          rule: 'absent-from-meeting',
          child: facts.child,
          agencies: [agency, recorder],
          evidence: [evidence(meeting, 'meeting'), evidence(involvement.opened, 'involvement')],
          at: meeting.event.data.occurred.at,
          missing: `${agency} not invited`,
          explanation:
            `A ${categoryWords([kind])} recorded by ${recorder} on ${entryDate(meeting)} went ahead without ${agency},` +
            ` which had been working with the child since ${entryDate(involvement.opened)} and was neither invited nor present.`,
        }),
      );
    }
  }
  return flags;
}

function isKeyMeeting(kind: MeetingKind): boolean {
  switch (kind) {
    case 'strategy_discussion':
    case 'child_protection_conference':
      return true;
    case 'review_conference':
    case 'core_group':
    case 'mash':
      return false;
    default:
      return assertNever(kind);
  }
}
