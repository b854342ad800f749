import { DomainError } from '../deciders/domain-error';

/** Every threshold of the detection rules (DOMAIN.md "Detection rules"), in days or counts. */
export interface DetectionSettings {
  /** unshared-risk: days to share a medium-severity concern. */
  readonly unsharedRiskDays: number;
  /** unshared-risk: days to share a high-severity concern. */
  readonly unsharedHighRiskDays: number;
  /** unchecked-household-member: days for social care to request or receive information. */
  readonly householdCheckDays: number;
  /** unchecked-household-member: social care becoming involved this many days after the adult joined still counts. */
  readonly householdInvolvementWindowDays: number;
  /** assessment-not-updated: days to reassess after new risk information. */
  readonly reassessmentDays: number;
  /** no-strategy-discussion: days to hold a strategy discussion. */
  readonly strategyDiscussionDays: number;
  /** request-declined: days to answer an information request. */
  readonly requestResponseDays: number;
  /** referral-no-outcome: days to record a referral's outcome. */
  readonly referralOutcomeDays: number;
  /** repeat-referrals: the referral number that fires (the third). */
  readonly repeatReferralCount: number;
  /** repeat-referrals: the window back, in days (twelve months). */
  readonly repeatReferralWindowDays: number;
  /** child-not-seen: consecutive visits or appointments without seeing the child. */
  readonly childNotSeenCount: number;
  /** missed-contacts: missed contacts that make a pattern. */
  readonly missedContactsCount: number;
  /** missed-contacts: the window they fall within, in days. */
  readonly missedContactsWindowDays: number;
  /** late-recording: days after the event an entry may still be recorded. */
  readonly lateRecordingDays: number;
}

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = Object.freeze({
  unsharedRiskDays: 3,
  unsharedHighRiskDays: 1,
  householdCheckDays: 10,
  householdInvolvementWindowDays: 90,
  reassessmentDays: 10,
  strategyDiscussionDays: 2,
  requestResponseDays: 5,
  referralOutcomeDays: 1,
  repeatReferralCount: 3,
  repeatReferralWindowDays: 365,
  childNotSeenCount: 3,
  missedContactsCount: 3,
  missedContactsWindowDays: 90,
  lateRecordingDays: 7,
});

const FIELDS = Object.keys(DEFAULT_DETECTION_SETTINGS) as (keyof DetectionSettings)[];

export const invalidDetectionSetting = (field: string, reason: string) =>
  new DomainError('DETECTION.SETTINGS.INVALID', `Detection setting ${field} ${reason}`, field);

/**
 * Settings from configuration or a request: the given fields over the defaults. Every value must
 * be a positive whole number, and an unknown field is refused rather than silently ignored, so a
 * misspelt threshold cannot leave the default quietly in force.
 */
export function parseDetectionSettings(partial: unknown = {}): DetectionSettings {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) {
    throw new DomainError('DETECTION.SETTINGS.INVALID', 'Detection settings must be an object of numbers');
  }
  const given = partial as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(given)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw invalidDetectionSetting(key, 'is not a known setting');
  }
  const settings: Record<keyof DetectionSettings, number> = { ...DEFAULT_DETECTION_SETTINGS };
  for (const field of FIELDS) {
    const value = given[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw invalidDetectionSetting(field, 'must be a positive whole number');
    }
    settings[field] = value;
  }
  return settings;
}
