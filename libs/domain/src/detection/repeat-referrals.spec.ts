import { closed, ev, expectFlags, opened, referral, referralOutcome, runRule, type Scenario } from '../testing/timeline-builders';
import { repeatReferrals } from './repeat-referrals';

const sut = repeatReferrals;
const first = [referral(null, 'csc-c', '2024-01-10', { id: 'r1', source: 'family' }), referralOutcome('csc-c', '2024-01-11', 'r1', 'no_further_action', { id: 'o1' })];
const second = [referral('school-b', 'csc-c', '2024-03-01', { id: 'r2' }), referralOutcome('csc-c', '2024-03-02', 'r2', 'no_further_action', { id: 'o2' })];
const third = referral('police-a', 'csc-c', '2024-06-01', { id: 'r3' });

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'a third referral after two that ended with no further action (a family referral counts)',
      [...first, ...second, third],
      '2024-07-01',
      [
        {
          id: 'repeat-referrals:child-1:r1+r2+r3',
          theme: 'critical_thinking',
          agencies: ['csc-c', 'police-a', 'school-b'],
          evidence: ev('r1:earlier-referral', 'o1:outcome', 'r2:earlier-referral', 'o2:outcome', 'r3:referral'),
          at: '2024-06-01T09:00:00.000Z',
          severity: 'normal',
          explanation:
            'csc-c received a referral on 2024-06-01 after 2 earlier referrals within 365 days that ended with no further action or closure (referrers: family, school-b, police-a).',
        },
      ],
    ],
    [
      'an earlier referral ended by closing the involvement without an outcome',
      [opened('csc-c', '2024-01-10'), referral(null, 'csc-c', '2024-01-10', { id: 'r1', source: 'member_of_public' }), closed('csc-c', '2024-01-20', { id: 'cl' }), ...second, third],
      '2024-07-01',
      [{ evidence: ev('r1:earlier-referral', 'cl:closure', 'r2:earlier-referral', 'o2:outcome', 'r3:referral') }],
    ],
    [
      'the fourth fires again',
      [...first, ...second, third, referralOutcome('csc-c', '2024-06-02', 'r3', 'no_further_action', { id: 'o3' }), referral('health-d', 'csc-c', '2024-08-01', { id: 'r4' })],
      '2024-09-01',
      [{ id: 'repeat-referrals:child-1:r1+r2+r3' }, { id: 'repeat-referrals:child-1:r1+r2+r3+r4' }],
    ],
    [
      'an earlier referral closed with no further action only after the third came in',
      [...first, referral('school-b', 'csc-c', '2024-05-30', { id: 'r2' }), third, referralOutcome('csc-c', '2024-06-05', 'r2', 'no_further_action', { id: 'o2' })],
      '2024-07-01',
      [{ evidence: ev('r1:earlier-referral', 'o1:outcome', 'r2:earlier-referral', 'o2:outcome', 'r3:referral') }],
    ],
    ['a count setting of two fires at the second', [...first, referral('school-b', 'csc-c', '2024-03-01', { id: 'r2' })], '2024-07-01', [{ id: 'repeat-referrals:child-1:r1+r2' }], { repeatReferralCount: 2 }],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['only two referrals', [...first, ...second], '2024-07-01', []],
    ['an earlier referral led to an assessment', [...first, referral('school-b', 'csc-c', '2024-03-01', { id: 'r2' }), referralOutcome('csc-c', '2024-03-02', 'r2', 'assessment'), third], '2024-07-01', []],
    ['the first lies outside the twelve months', [referral(null, 'csc-c', '2023-05-01', { id: 'r1' }), referralOutcome('csc-c', '2023-05-02', 'r1', 'no_further_action'), ...second, third], '2024-07-01', []],
    ['a shorter window setting', [...first, ...second, third], '2024-07-01', [], { repeatReferralWindowDays: 120 }],
    ['an earlier outcome not yet recorded at asOf', [...first, referral('school-b', 'csc-c', '2024-03-01', { id: 'r2' }), third, referralOutcome('csc-c', '2024-06-05', 'r2', 'no_further_action')], '2024-06-04', []],
    ['a retracted earlier referral', [...first, referral('school-b', 'csc-c', '2024-03-01', { id: 'r2', retracted: true }), referralOutcome('csc-c', '2024-03-02', 'r2', 'no_further_action'), third], '2024-07-01', []],
    [
      "two agencies' accounts of one referral count once",
      [...first, referral(null, 'csc-c', '2024-01-10', { id: 'r1b', recordedBy: 'police-a', variantOf: 'r1' }), third],
      '2024-07-01',
      [],
    ],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
