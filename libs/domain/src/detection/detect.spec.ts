import { aTimeline, answered, assessment, closed, concern, contact, joined, meeting, opened, referral, referralOutcome, requested } from '../testing/timeline-builders';
import { PRACTICE_THEMES } from '../vocabulary/practice-themes';
import { detectFlags, DETECTORS } from './detect';
import { DEFAULT_DETECTION_SETTINGS } from './detection-settings';
import { DETECTION_RULES, RULE_IDS } from './rules';

/** A case that trips every rule, as a practice review might find it. */
const everything = () =>
  aTimeline([
    opened('csc-c', '2024-01-01', { id: 'oc' }),
    opened('school-b', '2024-01-01', { id: 'ob' }),
    opened('hv-d', '2024-01-01', { id: 'oh' }),
    referral(null, 'csc-c', '2024-01-10', { id: 'r1', source: 'family' }),
    referralOutcome('csc-c', '2024-01-11', 'r1', 'no_further_action'),
    referral('school-b', 'csc-c', '2024-02-01', { id: 'r2', categories: ['neglect'] }),
    referralOutcome('csc-c', '2024-02-02', 'r2', 'no_further_action'),
    assessment('csc-c', '2024-02-03', { id: 'a1', level: 'low', considered: ['neglect'] }),
    contact('hv-d', '2024-02-10', { seen: false, outcome: 'no_access' }),
    contact('hv-d', '2024-02-20', { seen: false, outcome: 'no_access' }),
    contact('hv-d', '2024-03-01', { seen: false, outcome: 'no_access' }),
    concern('police-a', '2024-03-05', { id: 'c1', severity: 'high', categories: ['physical_abuse'], recorded: '2024-03-20' }),
    referral('police-a', 'csc-c', '2024-03-06', { id: 'r3', categories: ['physical_abuse'] }),
    joined('school-b', '2024-03-10', 'adult-1'),
    requested('csc-c', 'probation-e', '2024-03-25', { id: 'q1', about: 'adult-1' }),
    answered('probation-e', '2024-03-26', 'q1', 'declined', { reason: 'data_protection' }),
    meeting('csc-c', '2024-03-15', 'strategy_discussion', { invited: ['police-a'], attended: ['csc-c', 'police-a'] }),
    closed('hv-d', '2024-03-20'),
    closed('school-b', '2024-04-01'),
  ]);

describe(detectFlags.name, () => {
  it('runs every rule in the registry', () => {
    const rules = new Set(detectFlags(everything(), DEFAULT_DETECTION_SETTINGS, '2024-06-01').map((f) => f.rule));
    expect([...rules].sort()).toEqual([...RULE_IDS].sort());
  });

  it('gives the same flags, in the same order, with unique ids, every run', () => {
    const first = detectFlags(everything(), DEFAULT_DETECTION_SETTINGS, '2024-06-01');
    const again = detectFlags(everything(), DEFAULT_DETECTION_SETTINGS, '2024-06-01');
    expect(JSON.stringify(again)).toEqual(JSON.stringify(first));
    expect(new Set(first.map((f) => f.id)).size).toBe(first.length);
  });

  it('sorts by at, then rule, then id', () => {
    const flags = detectFlags(everything(), DEFAULT_DETECTION_SETTINGS, '2024-06-01');
    const keys = flags.map((f) => [f.at, f.rule, f.id].join('|'));
    expect(keys).toEqual([...keys].sort());
  });

  it('sees only what was recorded by asOf', () => {
    const early = detectFlags(everything(), DEFAULT_DETECTION_SETTINGS, '2024-01-31');
    expect(early.every((f) => f.at <= '2024-01-31T23:59:59.999Z')).toBe(true);
    expect(early.map((f) => f.rule)).not.toContain('late-recording');
  });

  it('refuses an asOf that is not a date', () => {
    expect(() => detectFlags(everything(), DEFAULT_DETECTION_SETTINGS, '31/01/2024')).toThrow(expect.objectContaining({ code: 'TIMELINE.AS_OF.INVALID' }));
  });
});

describe('DETECTION_RULES', () => {
  it('lists the twelve DOMAIN.md rules with a panel theme, a title and a description', () => {
    expect(DETECTION_RULES.map((r) => [r.id, r.theme])).toEqual([
      ['unshared-risk', 'information_sharing'],
      ['decision-without-shared-information', 'information_sharing'],
      ['unchecked-household-member', 'changing_risk'],
      ['assessment-not-updated', 'changing_risk'],
      ['no-strategy-discussion', 'critical_thinking'],
      ['request-declined', 'information_sharing'],
      ['referral-no-outcome', 'critical_thinking'],
      ['repeat-referrals', 'critical_thinking'],
      ['absent-from-meeting', 'information_sharing'],
      ['child-not-seen', 'daily_life'],
      ['missed-contacts', 'reluctant_engagement'],
      ['late-recording', 'leadership_culture'],
    ]);
    for (const rule of DETECTION_RULES) {
      expect(Object.keys(PRACTICE_THEMES)).toContain(rule.theme);
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.description.length).toBeGreaterThan(0);
      expect(DETECTORS[rule.id]).toBeInstanceOf(Function);
    }
  });
});
