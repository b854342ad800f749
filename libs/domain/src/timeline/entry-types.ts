import type { TimelineEventType } from './timeline';

/**
 * The chronology format's name for each kind of timeline entry (DOMAIN.md, `entry_type`): what
 * reviewers filter by and what exports print, so one vocabulary runs from import to export.
 */
export const ENTRY_TYPE_OF: Readonly<Record<TimelineEventType, string>> = {
  PersonRegistered: 'person',
  RelationshipRecorded: 'relationship',
  RelationshipEnded: 'relationship_ended',
  InvolvementOpened: 'involvement_opened',
  InvolvementClosed: 'involvement_closed',
  ContactRecorded: 'contact',
  ConcernRecorded: 'concern',
  ReferralMade: 'referral',
  ReferralOutcomeRecorded: 'referral_outcome',
  InformationShared: 'information_shared',
  // Not a CSV entry_type (DOMAIN.md's import vocabulary has none for it): recorded over the API only.
  InformationNotShared: 'information_not_shared',
  InformationRequested: 'information_request',
  InformationRequestAnswered: 'information_response',
  RiskAssessmentCompleted: 'risk_assessment',
  MeetingHeld: 'meeting',
  PlanStarted: 'plan_started',
  PlanEnded: 'plan_ended',
  SeriousIncidentNotified: 'serious_incident',
  SubjectsLinked: 'identity_link',
  SubjectsUnlinked: 'identity_unlink',
};

export const TIMELINE_ENTRY_TYPES: readonly string[] = Object.values(ENTRY_TYPE_OF);

export function entryTypeOf(type: TimelineEventType): string {
  return ENTRY_TYPE_OF[type];
}
