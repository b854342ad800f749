import type { ChildTimeline } from '../timeline/timeline';
import { absentFromMeeting } from './absent-from-meeting';
import { assessmentNotUpdated } from './assessment-not-updated';
import { childNotSeen } from './child-not-seen';
import { decisionWithoutSharedInformation } from './decision-without-shared-information';
import type { DetectionSettings } from './detection-settings';
import type { Detector } from './detector';
import { sortFlags, type Flag } from './flag';
import { lateRecording } from './late-recording';
import { missedContacts } from './missed-contacts';
import { noStrategyDiscussion } from './no-strategy-discussion';
import { referralNoOutcome } from './referral-no-outcome';
import { repeatReferrals } from './repeat-referrals';
import { requestDeclined } from './request-declined';
import { RULE_IDS, type RuleId } from './rules';
import { uncheckedHouseholdMember } from './unchecked-household-member';
import { unsharedRisk } from './unshared-risk';

/** Keyed by rule id, so a rule in the registry without a detector fails to compile. */
export const DETECTORS: Readonly<Record<RuleId, Detector>> = {
  'unshared-risk': unsharedRisk,
  'decision-without-shared-information': decisionWithoutSharedInformation,
  'unchecked-household-member': uncheckedHouseholdMember,
  'assessment-not-updated': assessmentNotUpdated,
  'no-strategy-discussion': noStrategyDiscussion,
  'request-declined': requestDeclined,
  'referral-no-outcome': referralNoOutcome,
  'repeat-referrals': repeatReferrals,
  'absent-from-meeting': absentFromMeeting,
  'child-not-seen': childNotSeen,
  'missed-contacts': missedContacts,
  'late-recording': lateRecording,
};

/**
 * Every rule over one child's timeline as the system held it at `asOf` (a date means its end),
 * sorted by `at`, rule and id: the same timeline, settings and `asOf` always give the same flags.
 */
export function detectFlags(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  return sortFlags(RULE_IDS.flatMap((rule) => DETECTORS[rule](timeline, settings, asOf)));
}
