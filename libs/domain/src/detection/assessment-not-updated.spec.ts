import { assessment, closed, concern, ev, expectFlags, joined, opened, runRule, shared, type Scenario } from '../testing/timeline-builders';
import { assessmentNotUpdated } from './assessment-not-updated';

const sut = assessmentNotUpdated;
const healthInvolved = opened('health-d', '2024-01-01', { id: 'oh' });
const assessed = assessment('health-d', '2024-05-01', { id: 'a1', level: 'medium', considered: ['domestic_abuse'] });

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'its own concern in a category the assessment did not consider, no reassessment',
      [healthInvolved, assessed, concern('health-d', '2024-05-03', { id: 'c1', categories: ['neglect'] })],
      '2024-06-01',
      [
        {
          id: 'assessment-not-updated:child-1:a1+c1',
          theme: 'changing_risk',
          agencies: ['health-d'],
          evidence: ev('a1:assessment', 'c1:concern'),
          at: '2024-05-13T23:59:59.999Z',
          missing: 'no reassessment by health-d',
          delayDays: undefined,
          explanation:
            "health-d assessed the child's risk as medium on 2024-05-01 (considering domestic abuse); from 2024-05-03 it knew a medium-severity concern (neglect), with a category it had not considered (neglect); it did not reassess within 10 days.",
        },
      ],
    ],
    [
      'a shared concern above the concluded level, reassessed 15 days later',
      [healthInvolved, assessed, concern('police-a', '2024-05-04', { id: 'c1', severity: 'high' }), shared('police-a', 'health-d', '2024-05-05', { id: 's1', entries: ['c1'] }), assessment('health-d', '2024-05-20', { id: 'a2' })],
      '2024-06-01',
      [{ agencies: ['health-d', 'police-a'], evidence: ev('a1:assessment', 'c1:concern', 's1:sharing', 'a2:reassessment'), delayDays: 5, missing: undefined }],
    ],
    [
      'it closed its involvement before reassessing',
      [healthInvolved, assessed, concern('health-d', '2024-05-03', { id: 'c1', categories: ['neglect'] }), closed('health-d', '2024-05-06', { id: 'cl' })],
      '2024-05-07',
      [{ evidence: ev('a1:assessment', 'c1:concern', 'cl:closure'), dueBy: '2024-05-06T23:59:59.999Z', missing: 'no reassessment by health-d' }],
    ],
    [
      'a shorter reassessment setting is honoured',
      [healthInvolved, assessed, concern('health-d', '2024-05-03', { id: 'c1', categories: ['neglect'] }), assessment('health-d', '2024-05-11', { id: 'a2' })],
      '2024-06-01',
      [{ delayDays: 3 }],
      { reassessmentDays: 5 },
    ],
    [
      'the corrected severity (low corrected to high) is above the level',
      [healthInvolved, assessed, concern('health-d', '2024-05-03', { id: 'c1', severity: 'high', correctedFrom: { severity: 'low' } })],
      '2024-06-01',
      [{ evidence: ev('a1:assessment', 'c1:concern') }],
    ],
    [
      "a household adult's concern it recorded while the adult lived there",
      [healthInvolved, joined('csc-c', '2024-04-01', 'adult-1'), assessed, concern('health-d', '2024-05-03', { id: 'c1', about: 'adult-1', categories: ['mental_health'] })],
      '2024-06-01',
      [{ evidence: ev('a1:assessment', 'c1:concern') }],
    ],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['a concern the assessment covered', [healthInvolved, assessed, concern('health-d', '2024-05-03', { severity: 'medium', categories: ['domestic_abuse'] })], '2024-06-01', []],
    ['a reassessment within 10 days', [healthInvolved, assessed, concern('health-d', '2024-05-03', { categories: ['neglect'] }), assessment('health-d', '2024-05-13')], '2024-06-01', []],
    ['a concern known before the assessment', [healthInvolved, concern('police-a', '2024-04-20', { id: 'c1', categories: ['neglect'] }), shared('police-a', 'health-d', '2024-04-21', { entries: ['c1'] }), assessed], '2024-06-01', []],
    ["another agency's concern that never reached it", [healthInvolved, assessed, concern('police-a', '2024-05-03', { severity: 'high' })], '2024-06-01', []],
    ['a retracted concern', [healthInvolved, assessed, concern('health-d', '2024-05-03', { categories: ['neglect'], retracted: true })], '2024-06-01', []],
    ['a concern corrected down to what was assessed', [healthInvolved, assessed, concern('health-d', '2024-05-03', { severity: 'low', correctedFrom: { severity: 'high' } })], '2024-06-01', []],
    ['information reaching it after its involvement ended', [healthInvolved, assessed, closed('health-d', '2024-05-02'), concern('police-a', '2024-05-10', { id: 'c1', categories: ['neglect'] }), shared('police-a', 'health-d', '2024-05-11', { entries: ['c1'] })], '2024-06-01', []],
    ['still within the 10 days at asOf', [healthInvolved, assessed, concern('health-d', '2024-05-03', { categories: ['neglect'] })], '2024-05-13', []],
    ["a household adult's concern from before the adult joined", [healthInvolved, assessed, concern('health-d', '2024-05-03', { about: 'adult-1', categories: ['mental_health'] }), joined('csc-c', '2024-05-10', 'adult-1')], '2024-06-01', []],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
