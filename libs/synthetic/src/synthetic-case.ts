import type { ChronologyRow } from '@casetrail/chronology';

/** The detection rules of DOMAIN.md, by id. */
export const RULE_IDS = [
  'unshared-risk',
  'decision-without-shared-information',
  'unchecked-household-member',
  'assessment-not-updated',
  'no-strategy-discussion',
  'request-declined',
  'referral-no-outcome',
  'repeat-referrals',
  'absent-from-meeting',
  'child-not-seen',
  'missed-contacts',
  'late-recording',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** An agency's own entry, as a flag's evidence names it. */
export interface EvidenceRef {
  readonly agency: string;
  readonly entryId: string;
}

/** Ground truth: a pattern deliberately written into a case, which a detector should flag. */
export interface InjectedPattern {
  readonly rule: RuleId;
  readonly child: string;
  /** The entries a flag should cite; the key entry (the unshared concern, the declined response, the third referral) first. */
  readonly evidence: readonly EvidenceRef[];
  readonly note: string;
}

export interface SyntheticCase {
  readonly caseId: string;
  /** The child subject id the case is about. */
  readonly child: string;
  /** A control case holds no pattern any rule should flag. */
  readonly control: boolean;
  /** In an order that imports cleanly (people before entries naming them, referrals before outcomes); lines 2, 3, ... */
  readonly rows: readonly ChronologyRow[];
  readonly truth: readonly InjectedPattern[];
}
