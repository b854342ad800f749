import type { EntryRef } from '../events/common';
import { refOf } from '../timeline/case-facts';
import { normaliseInstant } from '../timeline/days';
import type { TimelineEntry } from '../timeline/timeline';
import type { PracticeTheme } from '../vocabulary/practice-themes';
import { ruleTheme, type RuleId } from './rules';

export type FlagSeverity = 'normal' | 'high';

/** What an evidence entry is to the flag. */
export type EvidenceRole =
  | 'concern'
  | 'risk-held'
  | 'sharing'
  | 'referral'
  | 'earlier-referral'
  | 'meeting'
  | 'variant'
  | 'decision'
  | 'assessment'
  | 'reassessment'
  | 'involvement'
  | 'closure'
  | 'household'
  | 'check'
  | 'request'
  | 'answer'
  | 'outcome'
  | 'contact'
  | 'entry';

export interface FlagEvidence {
  readonly eventId: string;
  readonly entry: EntryRef;
  readonly role: EvidenceRole;
}

/** A detection result: plain JSON, so it can be stored, compared across runs and sent as is. */
export interface Flag {
  /** Deterministic: the rule, the child and the event ids of the situation flagged. */
  readonly id: string;
  readonly rule: RuleId;
  readonly theme: PracticeTheme;
  readonly child: string;
  /** Sorted agency ids. */
  readonly agencies: readonly string[];
  readonly evidence: readonly FlagEvidence[];
  /** ISO instant the flagged situation arose or, for a late or missing action, was due. */
  readonly at: string;
  /** ISO instant (end of day) by which the expected action was due. */
  readonly dueBy?: string;
  /** For a late action: days taken beyond the allowance. */
  readonly delayDays?: number;
  /** The missing action in plain words, while it is still missing. */
  readonly missing?: string;
  readonly severity: FlagSeverity;
  /** One or two plain sentences naming agencies and dates, never an entry's free text. */
  readonly explanation: string;
}

export function evidence(entry: TimelineEntry, role: EvidenceRole): FlagEvidence {
  return { eventId: entry.eventId, entry: refOf(entry), role };
}

export interface FlagDraft {
  readonly rule: RuleId;
  readonly child: string;
  readonly agencies: Iterable<string | null | undefined>;
  readonly evidence: readonly FlagEvidence[];
  /**
   * The evidence that identifies the situation (defaults to all of it). A flag's id is built from
   * the situation rather than its resolution, so a "missing" flag keeps its id when the late
   * action finally arrives and a run of missed visits keeps its id as it grows.
   */
  readonly identity?: readonly FlagEvidence[];
  /** Tells apart flags the same evidence raises for different agencies. */
  readonly qualifier?: string;
  readonly at: string;
  readonly dueBy?: string;
  readonly delayDays?: number;
  readonly missing?: string;
  readonly severity?: FlagSeverity;
  readonly explanation: string;
}

export function makeFlag(draft: FlagDraft): Flag {
  const identity = (draft.identity ?? draft.evidence).map((e) => e.eventId).join('+');
  const agencies = [...new Set([...draft.agencies].filter((a): a is string => typeof a === 'string' && a.length > 0))].sort();
  return {
    id: `${draft.rule}:${draft.child}:${identity}${draft.qualifier ? `@${draft.qualifier}` : ''}`,
    rule: draft.rule,
    theme: ruleTheme(draft.rule),
    child: draft.child,
    agencies,
    evidence: dedupeEvidence(draft.evidence),
    at: normaliseInstant(draft.at),
    ...(draft.dueBy !== undefined ? { dueBy: normaliseInstant(draft.dueBy) } : {}),
    ...(draft.delayDays !== undefined ? { delayDays: draft.delayDays } : {}),
    ...(draft.missing !== undefined ? { missing: draft.missing } : {}),
    severity: draft.severity ?? 'normal',
    explanation: draft.explanation,
  };
}

function dedupeEvidence(items: readonly FlagEvidence[]): FlagEvidence[] {
  const seen = new Set<string>();
  return items.filter((e) => !seen.has(e.eventId) && seen.add(e.eventId) !== undefined);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** By `at`, then rule id, then flag id: the same flags always come out in the same order. */
export function sortFlags(flags: readonly Flag[]): Flag[] {
  return [...flags].sort((a, b) => compare(a.at, b.at) || compare(a.rule, b.rule) || compare(a.id, b.id));
}
