import type { RiskCategory } from '../vocabulary/risk-categories';
import type { EntryFacts, EntryRef } from './common';

export type Severity = 'low' | 'medium' | 'high';
export type ContactType =
  | 'home_visit'
  | 'appointment'
  | 'emergency_department'
  | 'police_callout'
  | 'school_concern'
  | 'phone_call'
  | 'meeting'
  | 'other';
export type ContactOutcome = 'completed' | 'no_access' | 'did_not_attend' | 'was_not_brought';
export type ReferralOutcome = 'no_further_action' | 'early_help' | 'assessment' | 'strategy_discussion' | 'section_47';
export type LawfulBasis =
  | 'public_task'
  | 'legal_obligation'
  | 'vital_interests'
  | 'consent'
  | 'safeguarding_condition'
  | 'not_recorded';
export type MeetingKind = 'strategy_discussion' | 'child_protection_conference' | 'review_conference' | 'core_group' | 'mash';
export type Relation =
  | 'parent'
  | 'step_parent'
  | 'partner_of_parent'
  | 'sibling'
  | 'household_member'
  | 'carer'
  | 'grandparent'
  | 'relative';
export type PlanKind = 'child_in_need' | 'child_protection' | 'looked_after';
export type DeclineReason = 'data_protection' | 'consent_refused' | string;

type Entry<T extends string, D> = {
  readonly type: T;
  readonly schemaVersion: 1;
  readonly data: EntryFacts & D;
};

export type ContactRecorded = Entry<'ContactRecorded', { contactType: ContactType; childSeen: boolean | null; outcome: ContactOutcome }>;
export type ConcernRecorded = Entry<'ConcernRecorded', { categories: readonly RiskCategory[]; severity: Severity }>;
/** From an agency to another, or to the recording agency from a person (`source` says who). */
export type ReferralMade = Entry<'ReferralMade', { from: string | null; to: string; categories: readonly RiskCategory[] }>;
export type InformationShared = Entry<
  'InformationShared',
  { to: string; about: readonly EntryRef[]; categories: readonly RiskCategory[]; lawfulBasis: LawfulBasis }
>;
export type InformationRequested = Entry<'InformationRequested', { to: string; categories: readonly RiskCategory[] }>;
export type RiskAssessmentCompleted = Entry<
  'RiskAssessmentCompleted',
  { riskLevel: Severity; categoriesConsidered: readonly RiskCategory[] }
>;
export type MeetingHeld = Entry<'MeetingHeld', { kind: MeetingKind; invited: readonly string[]; attended: readonly string[] }>;
export type RelationshipRecorded = Entry<'RelationshipRecorded', { subject: string; related: string; relation: Relation }>;
export type RelationshipEnded = Entry<'RelationshipEnded', { subject: string; related: string; relation: Relation }>;
export type PlanStarted = Entry<'PlanStarted', { child: string; plan: PlanKind }>;
export type PlanEnded = Entry<'PlanEnded', { child: string; plan: PlanKind }>;
export type SeriousIncidentNotified = Entry<'SeriousIncidentNotified', { child: string; kind: 'death' | 'serious_harm' }>;

/** The first event of an entry stream: what the agency recorded. */
export type EntryRecorded =
  | ContactRecorded
  | ConcernRecorded
  | ReferralMade
  | InformationShared
  | InformationRequested
  | RiskAssessmentCompleted
  | MeetingHeld
  | RelationshipRecorded
  | RelationshipEnded
  | PlanStarted
  | PlanEnded
  | SeriousIncidentNotified;

/** Answers live in the stream of what they answer, so "at most once" holds under its revision. */
export type ReferralOutcomeRecorded = Entry<'ReferralOutcomeRecorded', { answers: EntryRef; outcome: ReferralOutcome }>;
export type InformationRequestAnswered = Entry<
  'InformationRequestAnswered',
  { answers: EntryRef; response: 'disclosed' | 'declined'; reason?: DeclineReason }
>;
/** Amendments live in the stream of the entry they amend; the log keeps the original. */
export type EntryCorrected = Entry<'EntryCorrected', { amends: EntryRef; changes: Readonly<Record<string, unknown>>; reason: string }>;
export type EntryRetracted = Entry<'EntryRetracted', { amends: EntryRef; reason: string }>;

export type EntryStreamEvent =
  | EntryRecorded
  | ReferralOutcomeRecorded
  | InformationRequestAnswered
  | EntryCorrected
  | EntryRetracted;
