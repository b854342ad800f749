import { DEFAULT_DETECTION_SETTINGS, parseDetectionSettings } from './detection-settings';

describe(parseDetectionSettings.name, () => {
  it('gives the DOMAIN.md thresholds by default', () => {
    expect(parseDetectionSettings()).toEqual(DEFAULT_DETECTION_SETTINGS);
    expect(DEFAULT_DETECTION_SETTINGS).toEqual({
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
  });

  it('lays the given fields over the defaults', () => {
    expect(parseDetectionSettings({ lateRecordingDays: 14, missedContactsCount: 4, unsharedRiskDays: undefined })).toEqual({
      ...DEFAULT_DETECTION_SETTINGS,
      lateRecordingDays: 14,
      missedContactsCount: 4,
    });
  });

  it.each<[string, unknown, string | undefined]>([
    ['zero', { lateRecordingDays: 0 }, 'lateRecordingDays'],
    ['a negative number', { unsharedRiskDays: -1 }, 'unsharedRiskDays'],
    ['a fraction', { reassessmentDays: 2.5 }, 'reassessmentDays'],
    ['a string', { requestResponseDays: '5' }, 'requestResponseDays'],
    ['not a number', { missedContactsWindowDays: Number.NaN }, 'missedContactsWindowDays'],
    ['infinity', { repeatReferralWindowDays: Number.POSITIVE_INFINITY }, 'repeatReferralWindowDays'],
    ['null', { childNotSeenCount: null }, 'childNotSeenCount'],
    ['an unknown (misspelt) field', { lateRecordingDay: 7 }, 'lateRecordingDay'],
    ['not an object', 7, undefined],
    ['an array', [1], undefined],
  ])('refuses %s', (_label, input, field) => {
    let thrown: unknown;
    try {
      parseDetectionSettings(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'DomainError', code: 'DETECTION.SETTINGS.INVALID', field });
  });
});
