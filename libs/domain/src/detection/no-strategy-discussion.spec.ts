import { closed, concern, ev, expectFlags, meeting, opened, referral, runRule, type Scenario } from '../testing/timeline-builders';
import { noStrategyDiscussion } from './no-strategy-discussion';

const sut = noStrategyDiscussion;
const cscInvolved = opened('csc-c', '2024-01-01', { id: 'oc' });
const abuse = concern('csc-c', '2024-05-01', { id: 'c1', severity: 'high', categories: ['physical_abuse'] });

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'social care recorded a high physical abuse concern and held none within 2 days',
      [cscInvolved, abuse],
      '2024-05-04',
      [
        {
          id: 'no-strategy-discussion:child-1:c1@csc-c',
          theme: 'critical_thinking',
          agencies: ['csc-c'],
          evidence: ev('c1:concern'),
          at: '2024-05-03T23:59:59.999Z',
          dueBy: '2024-05-03T23:59:59.999Z',
          missing: 'no strategy discussion by csc-c',
          severity: 'high',
          explanation: 'csc-c recorded a high-severity concern (physical abuse) on 2024-05-01 and held no strategy discussion within 2 days.',
        },
      ],
    ],
    [
      'a referred sexual abuse concern, discussed 4 days after receipt',
      [
        cscInvolved,
        concern('police-a', '2024-05-01', { id: 'c1', severity: 'high', categories: ['sexual_abuse'] }),
        referral('police-a', 'csc-c', '2024-05-02', { id: 'r1', categories: ['sexual_abuse'] }),
        meeting('csc-c', '2024-05-06', 'strategy_discussion', { id: 'm1', attended: ['csc-c', 'police-a'] }),
      ],
      '2024-06-01',
      [{ agencies: ['csc-c', 'police-a'], evidence: ev('c1:concern', 'r1:referral', 'm1:meeting'), delayDays: 2, missing: undefined }],
    ],
    [
      'social care closed the next day without one',
      [cscInvolved, abuse, closed('csc-c', '2024-05-02', { id: 'cl' })],
      '2024-05-02',
      [{ evidence: ev('c1:concern', 'cl:closure'), dueBy: '2024-05-02T23:59:59.999Z', explanation: expect.stringContaining('before closing its involvement on 2024-05-02') }],
    ],
    ['a core group is not a strategy discussion', [cscInvolved, abuse, meeting('csc-c', '2024-05-02', 'core_group')], '2024-06-01', [{ evidence: ev('c1:concern') }]],
    ['a strategy discussion before the concern does not count', [cscInvolved, meeting('csc-c', '2024-04-20', 'strategy_discussion'), abuse], '2024-06-01', [{ evidence: ev('c1:concern') }]],
    ['a shorter setting is honoured', [cscInvolved, abuse, meeting('csc-c', '2024-05-03', 'strategy_discussion', { id: 'm1' })], '2024-06-01', [{ delayDays: 1 }], { strategyDiscussionDays: 1 }],
    [
      'the corrected severity (medium corrected to high) counts',
      [cscInvolved, concern('csc-c', '2024-05-01', { id: 'c1', severity: 'high', categories: ['physical_abuse'], correctedFrom: { severity: 'medium' } })],
      '2024-06-01',
      [{ evidence: ev('c1:concern') }],
    ],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['a strategy discussion social care recorded within 2 days', [cscInvolved, abuse, meeting('csc-c', '2024-05-03', 'strategy_discussion')], '2024-06-01', []],
    ['a strategy discussion social care attended', [cscInvolved, abuse, meeting('police-a', '2024-05-02', 'strategy_discussion', { attended: ['police-a', 'csc-c'] })], '2024-06-01', []],
    ['a medium concern', [cscInvolved, concern('csc-c', '2024-05-01', { severity: 'medium', categories: ['physical_abuse'] })], '2024-06-01', []],
    ['a high concern of another kind', [cscInvolved, concern('csc-c', '2024-05-01', { severity: 'high', categories: ['neglect'] })], '2024-06-01', []],
    ['a concern about a household adult only', [cscInvolved, concern('csc-c', '2024-05-01', { severity: 'high', categories: ['physical_abuse'], about: 'adult-1' })], '2024-06-01', []],
    ['a concern that never reached social care', [cscInvolved, concern('police-a', '2024-05-01', { severity: 'high', categories: ['physical_abuse'] })], '2024-06-01', []],
    ['a retracted concern', [cscInvolved, concern('csc-c', '2024-05-01', { severity: 'high', categories: ['physical_abuse'], retracted: true })], '2024-06-01', []],
    ['still within 2 days at asOf', [cscInvolved, abuse], '2024-05-03', []],
    ['a tolerant setting', [cscInvolved, abuse, meeting('csc-c', '2024-05-05', 'strategy_discussion')], '2024-06-01', [], { strategyDiscussionDays: 4 }],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
