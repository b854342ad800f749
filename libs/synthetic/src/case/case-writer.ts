import type {
  ChronologyEntryRef,
  ChronologyRow,
  ContactOutcome,
  ContactType,
  CorrectionChanges,
  LawfulBasis,
  MeetingKind,
  PlanKind,
  ReferralOutcome,
  Relation,
  ResponseOutcome,
  Severity,
  Source,
  SubjectKind,
} from '@casetrail/chronology';
import type { RiskCategory } from '@casetrail/domain';
import { entryPrefixOf } from '../agencies';
import { type Day, isoDate } from '../calendar';

/** Who recorded an entry, when, and about whom: the columns every entry type shares. */
export interface Stamp {
  readonly agency: string;
  readonly day: Day;
  readonly subjects: readonly string[];
  /** `HH:MM`, for entries a practitioner times (visits, call-outs, attendances). */
  readonly time?: string;
  /** Days between the happening and the agency recording it; 0 when not given. */
  readonly recordedAfter?: number;
  readonly summary?: string;
  readonly source?: Source;
  readonly variantOf?: ChronologyEntryRef;
}

type Row<T extends ChronologyRow['entryType']> = Extract<ChronologyRow, { entryType: T }>;

export const refOf = (row: ChronologyRow): ChronologyEntryRef => ({ agency: row.agency, entryId: row.entryId });

/**
 * Appends one case's rows in import order, giving each its agency's entry reference and its line
 * (the header is line 1). Entry references carry the case id, so ids never collide across cases
 * and re-importing a generated file appends nothing.
 */
export class CaseWriter {
  private readonly out: ChronologyRow[] = [];

  constructor(
    private readonly caseId: string,
    /** The last day a recording may carry: never after the generator's end date. */
    private readonly lastRecordingDay: Day,
  ) {}

  get size(): number {
    return this.out.length;
  }

  get rows(): readonly ChronologyRow[] {
    return this.out;
  }

  person(stamp: Stamp, subjectKind: SubjectKind): Row<'person'> {
    return this.push({ entryType: 'person', ...this.facts(stamp), subjectKind });
  }

  relationship(stamp: Stamp, relatedSubject: string, relationship: Relation, ended = false): Row<'relationship' | 'relationship_ended'> {
    return this.push({ entryType: ended ? 'relationship_ended' : 'relationship', ...this.facts(stamp), relatedSubject, relationship });
  }

  involvementOpened(stamp: Stamp): Row<'involvement_opened'> {
    return this.push({ entryType: 'involvement_opened', ...this.facts(stamp) });
  }

  involvementClosed(stamp: Stamp, reason: string): Row<'involvement_closed'> {
    return this.push({ entryType: 'involvement_closed', ...this.facts(stamp), reason });
  }

  contact(stamp: Stamp, contactType: ContactType, childSeen: boolean, outcome: ContactOutcome = 'completed'): Row<'contact'> {
    return this.push({ entryType: 'contact', ...this.facts(stamp), contactType, childSeen, outcome });
  }

  concern(stamp: Stamp, severity: Severity, categories: readonly RiskCategory[]): Row<'concern'> {
    return this.push({ entryType: 'concern', ...this.facts(stamp), severity, categories });
  }

  /** From the stamp's agency to `to`; or, with `to` undefined, received by the stamp's agency from the person `stamp.source` names. */
  referral(stamp: Stamp, to: string | undefined, categories: readonly RiskCategory[]): Row<'referral'> {
    return this.push({ entryType: 'referral', ...this.facts(stamp), ...(to !== undefined && { counterpartAgency: to }), categories });
  }

  referralOutcome(stamp: Stamp, referral: Row<'referral'>, outcome: ReferralOutcome): Row<'referral_outcome'> {
    return this.push({ entryType: 'referral_outcome', ...this.facts(stamp), outcome, refersTo: refOf(referral) });
  }

  shared(stamp: Stamp, to: string, about: readonly ChronologyRow[], categories: readonly RiskCategory[], lawfulBasis: LawfulBasis): Row<'information_shared'> {
    return this.push({ entryType: 'information_shared', ...this.facts(stamp), counterpartAgency: to, refersTo: about.map(refOf), categories, lawfulBasis });
  }

  request(stamp: Stamp, to: string, categories: readonly RiskCategory[]): Row<'information_request'> {
    return this.push({ entryType: 'information_request', ...this.facts(stamp), counterpartAgency: to, categories });
  }

  response(stamp: Stamp, request: Row<'information_request'>, outcome: ResponseOutcome, reason?: string): Row<'information_response'> {
    return this.push({
      entryType: 'information_response',
      ...this.facts(stamp),
      counterpartAgency: request.agency,
      refersTo: refOf(request),
      outcome,
      categories: [],
      ...(reason !== undefined && { reason }),
    });
  }

  assessment(stamp: Stamp, riskLevel: Severity, categories: readonly RiskCategory[]): Row<'risk_assessment'> {
    return this.push({ entryType: 'risk_assessment', ...this.facts(stamp), riskLevel, categories });
  }

  meeting(stamp: Stamp, meetingKind: MeetingKind, invited: readonly string[], attended: readonly string[]): Row<'meeting'> {
    return this.push({ entryType: 'meeting', ...this.facts(stamp), meetingKind, invited, attended });
  }

  plan(stamp: Stamp, plan: PlanKind, ended = false): Row<'plan_started' | 'plan_ended'> {
    return this.push({ entryType: ended ? 'plan_ended' : 'plan_started', ...this.facts(stamp), plan });
  }

  correction(stamp: Stamp, target: ChronologyRow, changes: CorrectionChanges, reason: string): Row<'correction'> {
    return this.push({ entryType: 'correction', ...this.facts(stamp), refersTo: refOf(target), reason, changes });
  }

  retraction(stamp: Stamp, target: ChronologyRow, reason: string): Row<'retraction'> {
    return this.push({ entryType: 'retraction', ...this.facts(stamp), refersTo: refOf(target), reason });
  }

  private facts(stamp: Stamp) {
    const recorded = Math.min(stamp.day + (stamp.recordedAfter ?? 0), this.lastRecordingDay);
    return {
      line: this.out.length + 2,
      entryId: `${entryPrefixOf(stamp.agency)}-${this.caseId}-${String(this.out.length + 1).padStart(5, '0')}`,
      agency: stamp.agency,
      occurred: { date: isoDate(stamp.day), precision: 'day' as const, ...(stamp.time !== undefined && { time: stamp.time }) },
      // The format reads an empty recorded_date as the day itself, as agencies' exports leave it.
      ...(recorded > stamp.day && { recordedDate: isoDate(recorded) }),
      subjects: stamp.subjects,
      ...(stamp.source !== undefined && { source: stamp.source }),
      ...(stamp.variantOf !== undefined && { variantOf: stamp.variantOf }),
      ...(stamp.summary !== undefined && { summary: stamp.summary }),
    };
  }

  private push<R extends ChronologyRow>(row: R): R {
    this.out.push(row);
    return row;
  }
}
