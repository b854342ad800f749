import { concern, closed, ev, expectFlags, joined, left, meeting, opened, referral, runRule, shared, type Scenario } from '../testing/timeline-builders';
import { unsharedRisk } from './unshared-risk';

const schoolInvolved = opened('school-b', '2024-01-01', { id: 'ob' });

describe(unsharedRisk.name, () => {
  it.each<Scenario>([
    [
      'a high concern not shared within 1 day is missing, and high',
      [schoolInvolved, concern('police-a', '2024-05-01', { id: 'c1', severity: 'high' })],
      '2024-05-03',
      [
        {
          id: 'unshared-risk:child-1:c1+ob',
          rule: 'unshared-risk',
          theme: 'information_sharing',
          agencies: ['police-a', 'school-b'],
          evidence: ev('c1:concern', 'ob:involvement'),
          at: '2024-05-02T23:59:59.999Z',
          dueBy: '2024-05-02T23:59:59.999Z',
          missing: 'no sharing with school-b',
          severity: 'high',
          delayDays: undefined,
          explanation:
            'police-a recorded a high-severity concern (domestic abuse) on 2024-05-01 and did not share it with school-b, which was working with the child, within 1 day.',
        },
      ],
    ],
    [
      'a medium concern shared after 5 days is late by 2',
      [schoolInvolved, concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-06', { id: 's1', entries: ['c1'] })],
      '2024-06-01',
      [{ evidence: ev('c1:concern', 'ob:involvement', 's1:sharing'), delayDays: 2, missing: undefined, severity: 'normal', dueBy: '2024-05-04T23:59:59.999Z' }],
    ],
    [
      'a late referral is a late sharing',
      [opened('csc-c', '2024-01-01', { id: 'oc' }), concern('police-a', '2024-05-01', { id: 'c1' }), referral('police-a', 'csc-c', '2024-05-08', { id: 'r1' })],
      '2024-06-01',
      [{ evidence: ev('c1:concern', 'oc:involvement', 'r1:referral'), delayDays: 4 }],
    ],
    [
      "a household adult's concern while the adult lives there",
      [schoolInvolved, joined('csc-c', '2024-04-01', 'adult-1'), concern('probation-e', '2024-05-01', { id: 'c1', about: 'adult-1', categories: ['violent_offence_history'] })],
      '2024-06-01',
      [{ agencies: ['probation-e', 'school-b'], evidence: ev('c1:concern', 'ob:involvement'), missing: 'no sharing with school-b' }],
    ],
    [
      'the corrected severity (low corrected to high) sets the 1-day allowance',
      [schoolInvolved, concern('police-a', '2024-05-01', { id: 'c1', severity: 'high', correctedFrom: { severity: 'low' } }), shared('police-a', 'school-b', '2024-05-03', { id: 's1', entries: ['c1'] })],
      '2024-06-01',
      [{ delayDays: 1, severity: 'high' }],
    ],
    [
      'one flag for each involved agency left untold',
      [schoolInvolved, opened('health-d', '2024-02-01', { id: 'oh' }), concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-02', { id: 's1', entries: ['c1'] })],
      '2024-06-01',
      [{ agencies: ['health-d', 'police-a'], evidence: ev('c1:concern', 'oh:involvement') }],
    ],
    [
      'a tighter setting is honoured',
      [schoolInvolved, concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-03', { id: 's1', entries: ['c1'] })],
      '2024-06-01',
      [{ delayDays: 1, dueBy: '2024-05-02T23:59:59.999Z' }],
      { unsharedRiskDays: 1 },
    ],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(unsharedRisk, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['a low concern', [schoolInvolved, concern('police-a', '2024-05-01', { severity: 'low' })], '2024-06-01', []],
    ['a concern shared by category within 3 days', [schoolInvolved, concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-04', { categories: ['domestic_abuse'] })], '2024-06-01', []],
    ['a concern discussed at a meeting both attended', [schoolInvolved, concern('police-a', '2024-05-01', { severity: 'high' }), meeting('csc-c', '2024-05-02', 'core_group', { attended: ['police-a', 'school-b'] })], '2024-06-01', []],
    ['a concern the other agency recorded its own account of', [schoolInvolved, concern('police-a', '2024-05-01', { id: 'c1' }), concern('school-b', '2024-05-01', { variantOf: 'c1' })], '2024-06-01', []],
    ['a retracted concern', [schoolInvolved, concern('police-a', '2024-05-01', { severity: 'high', retracted: true })], '2024-06-01', []],
    ['a concern corrected down to low', [schoolInvolved, concern('police-a', '2024-05-01', { severity: 'low', correctedFrom: { severity: 'high' } })], '2024-06-01', []],
    ['still within the allowance at asOf', [schoolInvolved, concern('police-a', '2024-05-01')], '2024-05-04', []],
    ['a tolerant setting not yet exceeded', [schoolInvolved, concern('police-a', '2024-05-01'), shared('police-a', 'school-b', '2024-05-05', { categories: ['domestic_abuse'] })], '2024-06-01', [], { unsharedRiskDays: 4 }],
    ['an agency that became involved only after the concern', [concern('police-a', '2024-05-01'), opened('school-b', '2024-05-02')], '2024-06-01', []],
    ['an agency whose involvement closed before the concern', [schoolInvolved, closed('school-b', '2024-04-30'), concern('police-a', '2024-05-01')], '2024-06-01', []],
    ['nobody else involved', [opened('police-a', '2024-01-01'), concern('police-a', '2024-05-01', { severity: 'high' })], '2024-06-01', []],
    [
      "an adult's concern from before the adult joined the household",
      [schoolInvolved, concern('probation-e', '2024-03-01', { about: 'adult-1' }), joined('csc-c', '2024-04-01', 'adult-1')],
      '2024-06-01',
      [],
    ],
    [
      "an adult's concern from after the adult left the household",
      [schoolInvolved, joined('csc-c', '2024-04-01', 'adult-1'), left('csc-c', '2024-04-20', 'adult-1'), concern('probation-e', '2024-05-01', { about: 'adult-1' })],
      '2024-06-01',
      [],
    ],
    ['a concern not yet recorded at asOf', [schoolInvolved, concern('police-a', '2024-05-01', { recorded: '2024-05-20' })], '2024-05-10', []],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expect(runRule(unsharedRisk, specs, asOf, settings)).toEqual(expected);
  });
});
