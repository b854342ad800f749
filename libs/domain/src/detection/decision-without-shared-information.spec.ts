import {
  assessment,
  closed,
  concern,
  ev,
  expectFlags,
  joined,
  left,
  meeting,
  opened,
  referral,
  referralOutcome,
  runRule,
  shared,
  type Scenario,
} from '../testing/timeline-builders';
import { decisionWithoutSharedInformation } from './decision-without-shared-information';

const sut = decisionWithoutSharedInformation;
const schoolInvolved = opened('school-b', '2024-01-01', { id: 'ob' });

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'an agency closes while another holds an unshared concern',
      [schoolInvolved, concern('police-a', '2024-05-01', { id: 'c1' }), closed('school-b', '2024-05-10', { id: 'cl' })],
      '2024-06-01',
      [
        {
          id: 'decision-without-shared-information:child-1:cl+c1',
          theme: 'information_sharing',
          agencies: ['police-a', 'school-b'],
          evidence: ev('cl:decision', 'c1:concern'),
          at: '2024-05-10T09:00:00.000Z',
          missing: 'no sharing by police-a with school-b before the decision',
          severity: 'normal',
          explanation:
            'school-b closed its involvement on 2024-05-10 while police-a held a concern about the child or its household (the first from 2024-05-01) that it had not shared with school-b.',
        },
      ],
    ],
    [
      'no further action on a referral while a high concern was held elsewhere',
      [
        concern('police-a', '2024-05-01', { id: 'c1', severity: 'high', categories: ['neglect'] }),
        referral('school-b', 'csc-c', '2024-05-02', { id: 'r1', categories: ['emotional_abuse'] }),
        referralOutcome('csc-c', '2024-05-03', 'r1', 'no_further_action', { id: 'nfa' }),
      ],
      '2024-06-01',
      [{ agencies: ['csc-c', 'police-a'], evidence: ev('nfa:decision', 'c1:concern'), severity: 'high' }],
    ],
    [
      'an assessment before the concern was shared (a low concern counts too)',
      [concern('police-a', '2024-05-01', { id: 'c1', severity: 'low' }), assessment('health-d', '2024-05-05', { id: 'a1' }), shared('police-a', 'health-d', '2024-05-06', { entries: ['c1'] })],
      '2024-06-01',
      [{ evidence: ev('a1:decision', 'c1:concern') }],
    ],
    [
      "an adult's offence history held by probation when the adult lives with the child",
      [
        concern('probation-e', '2024-03-01', { id: 'c1', about: 'adult-1', categories: ['violent_offence_history'] }),
        joined('csc-c', '2024-04-01', 'adult-1'),
        assessment('csc-c', '2024-05-01', { id: 'a1' }),
      ],
      '2024-06-01',
      [{ agencies: ['csc-c', 'probation-e'], evidence: ev('a1:decision', 'c1:concern') }],
    ],
    [
      "an adult's concern from while the adult lived there, though the adult has since left",
      [joined('csc-c', '2024-04-01', 'adult-1'), concern('police-a', '2024-04-10', { id: 'c1', about: 'adult-1' }), left('csc-c', '2024-04-20', 'adult-1'), assessment('csc-c', '2024-05-01', { id: 'a1' })],
      '2024-06-01',
      [{ evidence: ev('a1:decision', 'c1:concern') }],
    ],
    [
      'one flag per holding agency',
      [concern('police-a', '2024-05-01', { id: 'c1' }), concern('police-a', '2024-05-02', { id: 'c2' }), concern('health-d', '2024-05-02', { id: 'c3' }), assessment('csc-c', '2024-05-05', { id: 'a1' })],
      '2024-06-01',
      [
        { agencies: ['csc-c', 'health-d'], evidence: ev('a1:decision', 'c3:concern') },
        { agencies: ['csc-c', 'police-a'], evidence: ev('a1:decision', 'c1:concern', 'c2:concern') },
      ],
    ],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['the concern was shared by category first', [concern('police-a', '2024-05-01'), shared('police-a', 'school-b', '2024-05-02', { categories: ['domestic_abuse'] }), schoolInvolved, closed('school-b', '2024-05-10')], '2024-06-01', []],
    ['the concern was discussed at a meeting both attended', [concern('police-a', '2024-05-01'), meeting('csc-c', '2024-05-02', 'core_group', { attended: ['police-a', 'health-d'] }), assessment('health-d', '2024-05-05')], '2024-06-01', []],
    ['the concern was shared on the decision day', [concern('police-a', '2024-05-01', { id: 'c1' }), assessment('health-d', '2024-05-05T09:00:00.000Z'), shared('police-a', 'health-d', '2024-05-05T15:00:00.000Z', { entries: ['c1'] })], '2024-06-01', []],
    ['the concern was recorded only after the decision', [concern('police-a', '2024-05-01', { recorded: '2024-05-12' }), assessment('health-d', '2024-05-05')], '2024-06-01', []],
    ['the concern was retracted', [concern('police-a', '2024-05-01', { retracted: true }), assessment('health-d', '2024-05-05')], '2024-06-01', []],
    ['the referral outcome was not "no further action"', [concern('police-a', '2024-05-01'), referral('school-b', 'csc-c', '2024-05-02', { id: 'r1', categories: ['neglect'] }), referralOutcome('csc-c', '2024-05-03', 'r1', 'assessment')], '2024-06-01', []],
    ['the decider held the concern itself', [concern('health-d', '2024-05-01'), assessment('health-d', '2024-05-05')], '2024-06-01', []],
    [
      "the adult's concern arose after the adult left and before any return",
      [joined('csc-c', '2024-04-01', 'adult-1'), left('csc-c', '2024-04-20', 'adult-1'), concern('probation-e', '2024-04-25', { about: 'adult-1' }), assessment('csc-c', '2024-05-01')],
      '2024-06-01',
      [],
    ],
    ['the decision is not yet recorded at asOf', [concern('police-a', '2024-05-01'), assessment('health-d', '2024-05-05', { recorded: '2024-05-20' })], '2024-05-10', []],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
