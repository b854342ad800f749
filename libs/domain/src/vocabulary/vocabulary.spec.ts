import { isAgencyKind } from './agency-kinds';
import { isPracticeTheme, PRACTICE_THEMES } from './practice-themes';
import { parseRiskCategory } from './risk-categories';

describe(parseRiskCategory.name, () => {
  it.each([
    ['mental_health', 'mental_health'],
    ['4', 'mental_health'],
    ['4B', 'mental_health'],
    ['19c', 'sexual_abuse'],
    [' 3A ', 'domestic_abuse'],
    ['sexual_offence_history', 'sexual_offence_history'],
    ['housing_instability', 'housing_instability'],
  ])('reads %p as %p', (input, expected) => {
    expect(parseRiskCategory(input)).toBe(expected);
  });

  it.each(['8', '9', '14', '4D', 'Mental health', '', 'toString'])('rejects %p', (input) => {
    expect(parseRiskCategory(input)).toBeNull();
  });
});

describe('practice themes and agency kinds', () => {
  it('has the six panel themes', () => {
    expect(Object.keys(PRACTICE_THEMES)).toEqual([
      'daily_life',
      'reluctant_engagement',
      'critical_thinking',
      'changing_risk',
      'information_sharing',
      'leadership_culture',
    ]);
    expect(isPracticeTheme('information_sharing')).toBe(true);
    expect(isPracticeTheme('constructor')).toBe(false);
  });

  it('knows agency kinds', () => {
    expect(isAgencyKind('childrens_social_care')).toBe(true);
    expect(isAgencyKind('school')).toBe(false);
  });
});
