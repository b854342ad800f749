import type {
  ContactOutcome,
  ContactType,
  DatePrecision,
  INCIDENT_KINDS,
  InformationSource,
  LawfulBasis,
  MeetingKind,
  PlanKind,
  ReferralOutcome,
  Relation,
  RiskCategory,
  Severity,
  SubjectKind,
} from '@casetrail/domain';

export type {
  ContactOutcome,
  ContactType,
  DatePrecision,
  LawfulBasis,
  MeetingKind,
  PlanKind,
  ReferralOutcome,
  Relation,
  Severity,
  SubjectKind,
} from '@casetrail/domain';
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type Source = InformationSource;

export const RESPONSE_OUTCOMES = ['disclosed', 'declined'] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

/** Any value the shared `outcome` column can hold; a correction does not say which entry type it amends. */
export type AnyOutcome = ContactOutcome | ReferralOutcome | ResponseOutcome | IncidentKind | PlanKind;

/** An entry named by `agency:entry_id`, or by a bare `entry_id` meaning the row's own agency. */
export interface ChronologyEntryRef {
  readonly agency: string;
  readonly entryId: string;
}

/** When it happened, as the agency gave it: `date` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
export interface OccurredDate {
  readonly date: string;
  readonly precision: DatePrecision;
  /** `HH:MM`, only with a full date. */
  readonly time?: string;
}

interface RowFacts<T extends string> {
  readonly entryType: T;
  /** The physical line the record starts on; the header is line 1. */
  readonly line: number;
  readonly entryId: string;
  readonly agency: string;
  readonly occurred: OccurredDate;
  /** `YYYY-MM-DD`; absent means the date it occurred, as the format says. */
  readonly recordedDate?: string;
  /** Subject ids, a child first; never empty. */
  readonly subjects: readonly string[];
  readonly source?: Source;
  readonly variantOf?: ChronologyEntryRef;
  readonly summary?: string;
}

export interface PersonRow extends RowFacts<'person'> {
  readonly subjectKind: SubjectKind;
}

export interface RelationshipRow extends RowFacts<'relationship' | 'relationship_ended'> {
  readonly relatedSubject: string;
  readonly relationship: Relation;
}

export type InvolvementOpenedRow = RowFacts<'involvement_opened'>;

export interface InvolvementClosedRow extends RowFacts<'involvement_closed'> {
  readonly reason?: string;
}

export interface ContactRow extends RowFacts<'contact'> {
  readonly contactType: ContactType;
  readonly childSeen: boolean;
  readonly outcome: ContactOutcome;
}

export interface ConcernRow extends RowFacts<'concern'> {
  readonly severity: Severity;
  /** Never empty. */
  readonly categories: readonly RiskCategory[];
}

/** From another agency (`counterpartAgency`), or from a person, when `source` says who. */
export interface ReferralRow extends RowFacts<'referral'> {
  readonly counterpartAgency?: string;
  readonly categories: readonly RiskCategory[];
}

export interface ReferralOutcomeRow extends RowFacts<'referral_outcome'> {
  readonly outcome: ReferralOutcome;
  readonly refersTo: ChronologyEntryRef;
}

/** Names the entries shared, the categories shared, or both. */
export interface InformationSharedRow extends RowFacts<'information_shared'> {
  readonly counterpartAgency: string;
  readonly refersTo: readonly ChronologyEntryRef[];
  readonly categories: readonly RiskCategory[];
  /** `not_recorded` when the column is empty: historical chronologies often lack it. */
  readonly lawfulBasis: LawfulBasis;
}

export interface InformationRequestRow extends RowFacts<'information_request'> {
  readonly counterpartAgency: string;
  readonly categories: readonly RiskCategory[];
}

export interface InformationResponseRow extends RowFacts<'information_response'> {
  readonly counterpartAgency: string;
  readonly refersTo: ChronologyEntryRef;
  readonly outcome: ResponseOutcome;
  readonly categories: readonly RiskCategory[];
  /** Required when declined: free text or a reason id (`data_protection`, `consent_refused`). */
  readonly reason?: string;
}

export interface RiskAssessmentRow extends RowFacts<'risk_assessment'> {
  readonly riskLevel: Severity;
  /** The categories the assessment considered; never empty. */
  readonly categories: readonly RiskCategory[];
}

export interface MeetingRow extends RowFacts<'meeting'> {
  readonly meetingKind: MeetingKind;
  readonly invited: readonly string[];
  /** Never empty. */
  readonly attended: readonly string[];
}

export interface PlanRow extends RowFacts<'plan_started' | 'plan_ended'> {
  readonly plan: PlanKind;
}

export interface SeriousIncidentRow extends RowFacts<'serious_incident'> {
  readonly outcome: IncidentKind;
}

export interface IdentityRow extends RowFacts<'identity_link' | 'identity_unlink'> {
  /** Two different subject ids for one person. */
  readonly subjects: readonly [string, string];
  readonly reason?: string;
}

/** The corrected values, read from the ordinary columns of a correction row; at least one. */
export interface CorrectionChanges {
  readonly severity?: Severity;
  readonly categories?: readonly RiskCategory[];
  readonly contactType?: ContactType;
  readonly childSeen?: boolean;
  readonly outcome?: AnyOutcome;
  readonly riskLevel?: Severity;
  readonly lawfulBasis?: LawfulBasis;
  readonly meetingKind?: MeetingKind;
}

export interface CorrectionRow extends RowFacts<'correction'> {
  readonly refersTo: ChronologyEntryRef;
  readonly reason: string;
  readonly changes: CorrectionChanges;
}

export interface RetractionRow extends RowFacts<'retraction'> {
  readonly refersTo: ChronologyEntryRef;
  readonly reason: string;
}

/** One entry of a chronology, typed by its `entry_type`. */
export type ChronologyRow =
  | PersonRow
  | RelationshipRow
  | InvolvementOpenedRow
  | InvolvementClosedRow
  | ContactRow
  | ConcernRow
  | ReferralRow
  | ReferralOutcomeRow
  | InformationSharedRow
  | InformationRequestRow
  | InformationResponseRow
  | RiskAssessmentRow
  | MeetingRow
  | PlanRow
  | SeriousIncidentRow
  | IdentityRow
  | CorrectionRow
  | RetractionRow;
