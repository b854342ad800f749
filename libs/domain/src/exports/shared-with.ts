import { assertNever, formatEntryRef, sameEntry } from '../events/common';
import { reachWords } from '../detection/wording';
import { agencyOf, attendeesOf, isEntryOf, refOf } from '../timeline/case-facts';
import { whenReached, type InformationReach } from '../timeline/knowledge';
import type { ChildTimeline, TimelineEntry } from '../timeline/timeline';

/**
 * "Whom it told": for a communication, where it went; for risk information (a concern), every
 * agency on the timeline it reached and how, by the same reckoning the detection rules use
 * (`whenReached`), so a row never contradicts an `unshared-risk` flag beside it. Other entries
 * count as passed on only when a sharing names them: a meeting carries risk, not every record.
 */
export function sharedWithWords(timeline: ChildTimeline, live: readonly TimelineEntry[], entry: TimelineEntry): string[] {
  const { event } = entry;
  switch (event.type) {
    case 'InformationShared':
      return [`To ${event.data.to}`];
    case 'ReferralMade':
      return [`Referred to ${event.data.to}`];
    case 'InformationNotShared':
      return [`Not shared with ${event.data.to}`];
    case 'InformationRequested':
      return [`Asked ${event.data.to}`];
    case 'InformationRequestAnswered':
      return [`Answered to ${event.data.answers.agency}`];
    case 'MeetingHeld':
      return [`Attended by ${[...attendeesOf({ ...entry, event })].sort().join(', ')}`];
    case 'ConcernRecorded':
      return reachedWords(
        Object.keys(timeline.agencies)
          .filter((agency) => agency !== agencyOf(entry))
          .map((agency) => [agency, whenReached(live, entry, agency)] as const),
      );
    case 'ContactRecorded':
    case 'ReferralOutcomeRecorded':
    case 'RiskAssessmentCompleted':
    case 'RelationshipRecorded':
    case 'RelationshipEnded':
    case 'PlanStarted':
    case 'PlanEnded':
    case 'SeriousIncidentNotified':
    case 'InvolvementOpened':
    case 'InvolvementClosed':
    case 'PersonRegistered':
    case 'SubjectsLinked':
    case 'SubjectsUnlinked':
      return reachedWords(namedBySharing(live, entry));
    default:
      return assertNever(event);
  }
}

/** The first sharing to each agency that names the entry. */
function namedBySharing(live: readonly TimelineEntry[], entry: TimelineEntry): (readonly [string, InformationReach])[] {
  const first = new Map<string, InformationReach>();
  const ref = refOf(entry);
  for (const e of live) {
    if (!isEntryOf(e, 'InformationShared')) continue;
    const { to, about, occurred } = e.event.data;
    if (to === agencyOf(entry) || !about.some((r) => sameEntry(r, ref))) continue;
    const earlier = first.get(to);
    if (!earlier || Date.parse(occurred.at) < Date.parse(earlier.at)) first.set(to, { via: 'shared', through: e, at: occurred.at });
  }
  return [...first];
}

function reachedWords(reaches: readonly (readonly [string, InformationReach | undefined])[]): string[] {
  return reaches
    .filter((r): r is readonly [string, InformationReach] => r[1] !== undefined)
    .sort(([a, x], [b, y]) => Date.parse(x.at) - Date.parse(y.at) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([agency, reach]) => `${agency}, ${reachWords(reach)} (${formatEntryRef(refOf(reach.through))})`);
}
