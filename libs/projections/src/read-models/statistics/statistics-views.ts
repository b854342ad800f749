import type { PracticeTheme, ReviewKind, RuleId } from '@casetrail/domain';
import type { Published } from './aggregation';

/**
 * What leadership statistics answer: counts and durations only. No field holds a person's id, an
 * entry's id or any free text, and counts below the suppression threshold are withheld.
 */
export interface StatisticsHeader {
  readonly period: { readonly from: string | null; readonly to: string | null };
  readonly agency: string | null;
  /** Counts from 1 to suppressBelow - 1 are withheld (`count: null, suppressed: true`); 0 = off. */
  readonly suppressBelow: number;
}

export interface FlagStatistics extends StatisticsHeader {
  /** Flags are recomputed off the write path: children still waiting, and the earliest evaluation date among those counted. */
  readonly freshness: { readonly pendingChildren: number; readonly evaluatedFrom: string | null };
  readonly total: Published;
  readonly childrenFlagged: Published;
  readonly byRule: readonly (Published & { readonly rule: RuleId; readonly theme: PracticeTheme })[];
  readonly byTheme: readonly (Published & { readonly theme: PracticeTheme })[];
  /** A flag naming two agencies counts once for each. */
  readonly byAgency: readonly (Published & { readonly agency: string })[];
  readonly byMonth: readonly (Published & { readonly month: string })[];
}

export interface ShareTimes {
  /** Concerns (medium or high) the receiving agency, working with the child that day, was expected to be told of. */
  readonly concerns: Published;
  readonly reached: Published;
  /** Not reached by the evaluation date. */
  readonly notReached: Published;
  /** Whole days from the concern to when it reached the agency; null when fewer than suppressBelow reached it. */
  readonly medianDays: number | null;
  readonly p90Days: number | null;
}

export interface TimeToShareStatistics extends StatisticsHeader {
  readonly method: string;
  readonly overall: ShareTimes;
  readonly pairs: readonly (ShareTimes & { readonly from: string; readonly to: string })[];
}

export interface IncidentStatistics extends StatisticsHeader {
  readonly total: Published;
  readonly byYear: readonly (Published & { readonly year: number; readonly kind: string })[];
}

export interface RepeatReferralStatistics extends StatisticsHeader {
  readonly windowDays: number;
  readonly byYear: readonly {
    readonly year: number;
    /** Children with at least one referral that year. */
    readonly childrenReferred: Published;
    /** Of those, children with a referral that year that had an earlier referral within the window. */
    readonly childrenReReferred: Published;
    readonly rate: number | null;
  }[];
}

export interface ReviewStatistics extends StatisticsHeader {
  readonly byKind: readonly { readonly kind: ReviewKind | string; readonly open: Published; readonly concluded: Published }[];
}
