import { closed, ev, expectFlags, meeting, opened, runRule, type Scenario } from '../testing/timeline-builders';
import { absentFromMeeting } from './absent-from-meeting';

const sut = absentFromMeeting;
const involved = [opened('csc-c', '2024-01-01', { id: 'oc' }), opened('school-b', '2024-02-01', { id: 'ob' }), opened('health-d', '2024-03-01', { id: 'oh' })];

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'a strategy discussion without the involved school',
      [...involved, meeting('csc-c', '2024-05-01', 'strategy_discussion', { id: 'm1', invited: ['health-d'], attended: ['csc-c', 'health-d'] })],
      '2024-06-01',
      [
        {
          id: 'absent-from-meeting:child-1:m1+ob',
          theme: 'information_sharing',
          agencies: ['csc-c', 'school-b'],
          evidence: ev('m1:meeting', 'ob:involvement'),
          at: '2024-05-01T09:00:00.000Z',
          missing: 'school-b not invited',
          explanation:
            'A strategy discussion recorded by csc-c on 2024-05-01 went ahead without school-b, which had been working with the child since 2024-02-01 and was neither invited nor present.',
        },
      ],
    ],
    [
      'a child protection conference without two involved agencies',
      [...involved, meeting('csc-c', '2024-05-01', 'child_protection_conference', { id: 'm1', attended: ['csc-c'] })],
      '2024-06-01',
      [{ agencies: ['csc-c', 'health-d'], evidence: ev('m1:meeting', 'oh:involvement') }, { agencies: ['csc-c', 'school-b'], evidence: ev('m1:meeting', 'ob:involvement') }],
    ],
    [
      'an involvement closing that day still counts',
      [...involved, closed('school-b', '2024-05-01'), meeting('csc-c', '2024-05-01', 'strategy_discussion', { id: 'm1', invited: ['health-d'] })],
      '2024-06-01',
      [{ evidence: ev('m1:meeting', 'ob:involvement') }],
    ],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['every involved agency invited or present', [...involved, meeting('csc-c', '2024-05-01', 'strategy_discussion', { invited: ['school-b', 'health-d'], attended: ['csc-c', 'health-d'] })], '2024-06-01', []],
    ['a core group (not a key meeting)', [...involved, meeting('csc-c', '2024-05-01', 'core_group', { attended: ['csc-c'] })], '2024-06-01', []],
    ['agencies no longer involved', [opened('csc-c', '2024-01-01'), opened('school-b', '2024-01-01'), closed('school-b', '2024-04-01'), meeting('csc-c', '2024-05-01', 'strategy_discussion')], '2024-06-01', []],
    ['agencies involved only later', [opened('csc-c', '2024-01-01'), meeting('csc-c', '2024-05-01', 'strategy_discussion'), opened('school-b', '2024-05-02')], '2024-06-01', []],
    ['a retracted meeting', [...involved, meeting('csc-c', '2024-05-01', 'strategy_discussion', { retracted: true })], '2024-06-01', []],
    ['a meeting about a household adult', [...involved, meeting('police-a', '2024-05-01', 'strategy_discussion', { about: 'adult-1' })], '2024-06-01', []],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
