import type { RiskCategory } from '../vocabulary/risk-categories';
import type {
  CONTACT_OUTCOMES,
  CONTACT_TYPES,
  INCIDENT_KINDS,
  LAWFUL_BASES,
  MEETING_KINDS,
  PLAN_KINDS,
  REFERRAL_OUTCOMES,
  RELATIONS,
  SEVERITIES,
} from '../vocabulary/entry-values';
import type { EntryFacts, EntryRef } from './common';

export type Severity = (typeof SEVERITIES)[number];
export type ContactType = (typeof CONTACT_TYPES)[number];
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];
export type LawfulBasis = (typeof LAWFUL_BASES)[number];
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type Relation = (typeof RELATIONS)[number];
export type PlanKind = (typeof PLAN_KINDS)[number];
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
export type SeriousIncidentNotified = Entry<'SeriousIncidentNotified', { child: string; kind: (typeof INCIDENT_KINDS)[number] }>;

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
