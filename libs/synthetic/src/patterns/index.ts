import type { RuleId } from '../synthetic-case';
import { absentFromMeeting } from './absent-from-meeting';
import { assessmentNotUpdated } from './assessment-not-updated';
import { childNotSeen } from './child-not-seen';
import { decisionWithoutSharedInformation } from './decision-without-shared-information';
import { lateRecording } from './late-recording';
import { missedContacts } from './missed-contacts';
import { noStrategyDiscussion } from './no-strategy-discussion';
import type { PatternDefinition } from './pattern';
import { referralNoOutcome } from './referral-no-outcome';
import { repeatReferrals } from './repeat-referrals';
import { requestDeclined } from './request-declined';
import { uncheckedHouseholdMember } from './unchecked-household-member';
import { unsharedRisk } from './unshared-risk';

export type { PatternDefinition } from './pattern';

export const PATTERNS: Readonly<Record<RuleId, PatternDefinition>> = {
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
