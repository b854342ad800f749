import type { FindingRecorded } from '../events/review.events';
import type { Flag, FlagSeverity } from '../detection/flag';
import type { RuleId } from '../detection/rules';
import type { ChildTimeline } from '../timeline/timeline';
import type { AgencyKind } from '../vocabulary/agency-kinds';
import type { PracticeTheme } from '../vocabulary/practice-themes';

/** Which rows an export keeps. Dates are `YYYY-MM-DD`, both ends included. */
export interface ChronologyFilter {
  /** Keep only entries these agencies recorded. */
  readonly agencies?: readonly string[];
  readonly from?: string;
  readonly to?: string;
}

/** A review finding as the chronology shows it beside the entries it rests on. */
export type ChronologyFinding = Pick<FindingRecorded['data'], 'findingId' | 'theme' | 'text' | 'evidence'>;

export interface IntegratedChronologyInput {
  readonly timelines: readonly ChildTimeline[];
  readonly flags: readonly Flag[];
  readonly findings?: readonly ChronologyFinding[];
  readonly filter?: ChronologyFilter;
}

export interface ChronologyRowFlag {
  readonly id: string;
  readonly rule: RuleId;
  readonly severity: FlagSeverity;
  readonly explanation: string;
}

export interface ChronologyRowFinding {
  readonly findingId: string;
  readonly theme: PracticeTheme;
  readonly text: string;
}

/**
 * One live entry of one child's timeline, in words a reviewer reads. Plain data: the CSV and
 * HTML writers only lay it out, so both always say the same thing.
 */
export interface IntegratedChronologyRow {
  readonly child: string;
  readonly eventId: string;
  /** ISO instant, for machines; `date` is what people read. */
  readonly occurredAt: string;
  /** As precise as the agency knew it: `2024-05-03`, `May 2024`, `2024`, `c. May 2024`. */
  readonly date: string;
  readonly agency: string;
  readonly agencyKind?: AgencyKind;
  /** The agency's own entry id. */
  readonly entryId: string;
  readonly entryType: string;
  /** What the entry recorded, built from its data. */
  readonly known: string;
  /** The agency's own words: reviewers are entitled to them, unlike flags and logs. */
  readonly summary?: string;
  /** For a communication, whom it went to; otherwise the agencies the entry reached, and when. */
  readonly sharedWith: readonly string[];
  readonly flags: readonly ChronologyRowFlag[];
  readonly findings: readonly ChronologyRowFinding[];
  /** One note per correction, oldest first. */
  readonly corrections: readonly string[];
  /** Set when the entry is on the child's timeline because it concerns an adult in the household. */
  readonly household?: string;
}
