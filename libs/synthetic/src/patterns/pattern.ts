import type { ChronologyRow } from '@casetrail/chronology';
import type { BackgroundLimits, CaseContext } from '../case/case-context';
import type { InjectedPattern, RuleId } from '../synthetic-case';
import { capitalise } from '../text/wording';

/**
 * One rule's pattern, written at the end of an otherwise clean case so that what a detector
 * finds there is the pattern and nothing else.
 */
export interface PatternDefinition {
  readonly rule: RuleId;
  /** Distinct ways the pattern shows in practice; case n of a rule uses variant n mod variants. */
  readonly variants: number;
  /** Upper bounds, so the case can reserve room and days for it. */
  readonly maxRows: number;
  readonly maxDays: number;
  /** What the case's background must leave out so the pattern's evidence stands alone. */
  readonly limits?: BackgroundLimits;
  /** Writes the pattern from `context.day` on and returns the ground truth. */
  inject(context: CaseContext, variant: number): InjectedPattern[];
}

export function truth(context: CaseContext, rule: RuleId, note: string, ...evidence: readonly ChronologyRow[]): InjectedPattern {
  return { rule, child: context.child, evidence: evidence.map((row) => ({ agency: row.agency, entryId: row.entryId })), note: capitalise(note) };
}
