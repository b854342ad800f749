import type { RiskCategory } from '../vocabulary/risk-categories';
import type {
  CONSENT_STATES,
  CONTACT_OUTCOMES,
  CONTACT_TYPES,
  INCIDENT_KINDS,
  LAWFUL_BASES,
  MEETING_KINDS,
  NOT_SHARED_REASONS,
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
export type ConsentState = (typeof CONSENT_STATES)[number];
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type Relation = (typeof RELATIONS)[number];
export type PlanKind = (typeof PLAN_KINDS)[number];
export type DeclineReason = 'data_protection' | 'consent_refused' | string;
export type NotSharedReason = (typeof NOT_SHARED_REASONS)[number] | string;

type Entry<T extends string, D, V extends number = 1> = {
  readonly type: T;
  readonly schemaVersion: V;
  readonly data: EntryFacts & D;
};

export type ContactRecorded = Entry<'ContactRecorded', { contactType: ContactType; childSeen: boolean | null; outcome: ContactOutcome }>;
export type ConcernRecorded = Entry<'ConcernRecorded', { categories: readonly RiskCategory[]; severity: Severity }>;
/** From an agency to another, or to the recording agency from a person (`source` says who). */
export type ReferralMade = Entry<'ReferralMade', { from: string | null; to: string; categories: readonly RiskCategory[] }>;
/**
 * Version 1, as stored before consent was recorded. Kept because the log keeps such events for
 * ever; readers never see it: `upcast` turns it into version 2 with `consent: 'not_recorded'`.
 */
export type InformationSharedV1 = Entry<
  'InformationShared',
  { to: string; about: readonly EntryRef[]; categories: readonly RiskCategory[]; lawfulBasis: LawfulBasis }
>;
/** Version 2: whether consent was given, refused and overridden, or not sought, beside the lawful basis. */
export type InformationShared = Entry<
  'InformationShared',
  { to: string; about: readonly EntryRef[]; categories: readonly RiskCategory[]; lawfulBasis: LawfulBasis; consent: ConsentState },
  2
>;
/**
 * A decision not to share: the agency held information about the child (`about`, `categories`)
 * that it considered passing to `to` and decided not to, for `reason` (free text or a reason id:
 * `data_protection`, `consent_refused`, `not_necessary`, `not_proportionate`, `risk_to_child`).
 * `consent` says what the person's consent was. A decision not to share is a fact reviews must
 * see; nothing reaches `to` by it.
 */
export type InformationNotShared = Entry<
  'InformationNotShared',
  { to: string; about: readonly EntryRef[]; categories: readonly RiskCategory[]; reason: NotSharedReason; consent: ConsentState }
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
  | InformationNotShared
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

/**
 * The whole of the stream of an entry that is kept in another entry's stream (an answer, a
 * correction, a retraction): it reserves the agency's entry id and says where the entry lives,
 * so a later amendment of it by its own id finds it. Not an agency entry, so no `EntryFacts`.
 */
export interface EntryLocated {
  readonly type: 'EntryLocated';
  readonly schemaVersion: 1;
  readonly data: {
    readonly entry: EntryRef;
    /** The entry in whose stream this one is kept. */
    readonly within: EntryRef;
  };
}

export type EntryStreamEvent =
  | EntryRecorded
  | ReferralOutcomeRecorded
  | InformationRequestAnswered
  | EntryCorrected
  | EntryRetracted
  | EntryLocated;
