import { ev, expectFlags, referral, referralOutcome, runRule, type Scenario } from '../testing/timeline-builders';
import { referralNoOutcome } from './referral-no-outcome';

const sut = referralNoOutcome;
const referred = referral('school-b', 'csc-c', '2024-05-01', { id: 'r1' });

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'no outcome the next day',
      [referred],
      '2024-05-03',
      [
        {
          id: 'referral-no-outcome:child-1:r1',
          theme: 'critical_thinking',
          agencies: ['csc-c', 'school-b'],
          evidence: ev('r1:referral'),
          at: '2024-05-02T23:59:59.999Z',
          dueBy: '2024-05-02T23:59:59.999Z',
          missing: 'no outcome recorded by csc-c',
          explanation: 'csc-c received a referral from school-b on 2024-05-01 and recorded no outcome within 1 day.',
        },
      ],
    ],
    ['an outcome 4 days later', [referred, referralOutcome('csc-c', '2024-05-05', 'r1', 'assessment', { id: 'o1' })], '2024-06-01', [{ evidence: ev('r1:referral', 'o1:outcome'), delayDays: 3, missing: undefined }]],
    [
      "a family member's referral, recorded and left unanswered by social care",
      [referral(null, 'csc-c', '2024-05-01', { id: 'r1', source: 'family' })],
      '2024-06-01',
      [{ agencies: ['csc-c'], explanation: 'csc-c received a referral on 2024-05-01 and recorded no outcome within 1 day.' }],
    ],
    ['a retracted outcome leaves it unanswered', [referred, referralOutcome('csc-c', '2024-05-02', 'r1', 'assessment', { retracted: true })], '2024-06-01', [{ evidence: ev('r1:referral') }]],
    ['a longer setting is honoured', [referred, referralOutcome('csc-c', '2024-05-05', 'r1', 'assessment')], '2024-06-01', [{ delayDays: 1 }], { referralOutcomeDays: 3 }],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['an outcome the next day', [referred, referralOutcome('csc-c', '2024-05-02', 'r1', 'no_further_action')], '2024-06-01', []],
    ['still within the day at asOf', [referred], '2024-05-02', []],
    ['a retracted referral', [referral('school-b', 'csc-c', '2024-05-01', { retracted: true })], '2024-06-01', []],
    [
      "an outcome recorded against social care's own account of the same referral",
      [referred, referral('school-b', 'csc-c', '2024-05-01', { id: 'r2', recordedBy: 'csc-c', variantOf: 'r1' }), referralOutcome('csc-c', '2024-05-02', 'r2', 'assessment')],
      '2024-06-01',
      [],
    ],
    ['a referral of a household adult alone', [referral('gp-e', 'drugs-f', '2024-05-01', { about: 'adult-1' })], '2024-06-01', []],
    ['a tolerant setting', [referred, referralOutcome('csc-c', '2024-05-04', 'r1', 'assessment')], '2024-06-01', [], { referralOutcomeDays: 3 }],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
