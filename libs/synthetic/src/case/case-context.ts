import type { ChronologyRow, PlanKind, Relation, Severity } from '@casetrail/chronology';
import type { RiskCategory } from '@casetrail/domain';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { Day } from '../calendar';
import type { Random } from '../random';
import { CaseWriter, type Stamp } from './case-writer';

export type AgeGroup = 'infant' | 'school_age';

/** Which agencies know this family. */
export interface Roster {
  readonly ageGroup: AgeGroup;
  /** Health visiting for an infant, the school for a school-age child. */
  readonly universal: string;
  /**
   * Agencies that open involvements with the child and so take decisions about it. Every concern
   * is shared with all of them, which is what keeps a control case clean under the sharing rules.
   */
  readonly involved: readonly string[];
  /** Agencies that record about the family without working with the child. */
  readonly contributors: readonly string[];
}

export type AdultRole = 'mother' | 'father' | 'partner' | 'relative' | 'lodger';

export interface Adult {
  readonly id: string;
  readonly role: AdultRole;
  readonly relation: Relation;
  /** How summaries speak of the adult: roles, never names. */
  readonly label: string;
}

/** Features a pattern may switch off in its case's background, so that its own evidence stands alone. */
export interface BackgroundLimits {
  /** Referral outcomes of no further action (repeat-referrals counts them). */
  readonly noFurtherAction: boolean;
  /** Missed contacts and visits that did not see the child. */
  readonly unseenContacts: boolean;
}

export const NO_LIMITS: BackgroundLimits = { noFurtherAction: true, unseenContacts: true };

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };
export const severityAbove = (a: Severity, b: Severity) => SEVERITY_RANK[a] > SEVERITY_RANK[b];
export const higherSeverity = (a: Severity, b: Severity): Severity => (severityAbove(a, b) ? a : b);

/** What social care's latest risk assessment weighed: new information beyond it obliges a reassessment. */
export interface Assessed {
  readonly categories: readonly RiskCategory[];
  readonly level: Severity;
  readonly row: ChronologyRow;
}

/**
 * One case in the making: its people, its agencies and the running state the episodes consult to
 * keep the background free of anything a detection rule would flag.
 */
export class CaseContext {
  readonly writer: CaseWriter;
  readonly child: string;
  readonly siblings: string[] = [];
  readonly household = new Map<string, Adult>();
  /** Adults who have left, who may come back. */
  readonly departed = new Map<string, Adult>();
  readonly open = new Set<string>();
  /** Consecutive home visits or appointments per agency that did not see the child. */
  readonly unseenRun = new Map<string, number>();
  readonly missedDays: Day[] = [];
  lastNoFurtherAction: Day | null = null;
  assessed: Assessed | null = null;
  plan: { readonly kind: PlanKind; readonly since: Day } | null = null;
  /** The first day the next episode may use: episodes never share a day, so no decision meets a same-day concern. */
  day: Day;
  private adults = 0;

  constructor(
    readonly caseId: string,
    readonly rng: Random,
    readonly roster: Roster,
    firstDay: Day,
    lastRecordingDay: Day,
    readonly limits: BackgroundLimits,
  ) {
    this.writer = new CaseWriter(caseId, lastRecordingDay);
    this.child = subjectId(caseId, 'child');
    this.day = firstDay;
  }

  newAdultId(): string {
    this.adults += 1;
    return subjectId(this.caseId, `adult${this.adults}`);
  }

  adultsWith(...roles: AdultRole[]): Adult[] {
    return [...this.household.values()].filter((adult) => roles.includes(adult.role));
  }

  /** The agencies a concern recorded by `recorder` must reach: every agency that works with the child. */
  recipientsOf(recorder: string): string[] {
    return this.roster.involved.filter((agency) => agency !== recorder);
  }

  isOpen(agency: string): boolean {
    return this.open.has(agency);
  }

  openAgencies(): string[] {
    return this.roster.involved.filter((agency) => this.open.has(agency));
  }

  /** Whether a visit or appointment by `agency` may leave the child unseen without building towards a flag. */
  mayMissChild(agency: string, day: Day): boolean {
    return this.limits.unseenContacts && (this.unseenRun.get(agency) ?? 0) === 0 && this.missedDays.filter((d) => day - d <= 100).length === 0;
  }

  noteVisit(agency: string, childSeen: boolean, missed: boolean, day: Day): void {
    this.unseenRun.set(agency, childSeen ? 0 : (this.unseenRun.get(agency) ?? 0) + 1);
    if (missed) this.missedDays.push(day);
  }

  stamp(agency: string, day: Day, summary: string, more: Partial<Omit<Stamp, 'agency' | 'day' | 'summary'>> = {}): Stamp {
    return { agency, day, subjects: [this.child], summary, ...more };
  }

  /** Recording delay for routine entries: mostly the same day, never beyond a working week. */
  routineDelay(): number {
    return this.rng.weighted([
      [0, 6],
      [1, 3],
      [2, 2],
      [3, 1],
    ]);
  }

  /** An office-hours time on the quarter hour. */
  officeTime(): string {
    return `${String(this.rng.int(9, 16)).padStart(2, '0')}:${this.rng.pick(['00', '15', '30', '45'])}`;
  }

  anyTime(): string {
    return `${String(this.rng.int(0, 23)).padStart(2, '0')}:${String(this.rng.int(0, 59)).padStart(2, '0')}`;
  }

  /** Marks `lastDay` used: the next episode starts the day after. */
  finish(lastDay: Day): void {
    this.day = Math.max(this.day, lastDay + 1);
  }
}

export const SOCIAL_CARE = AGENCY.socialCare;

export function subjectId(caseId: string, who: string): string {
  return `subj-${caseId}-${who}`;
}
