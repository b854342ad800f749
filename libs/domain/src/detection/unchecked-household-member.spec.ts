import {
  concern,
  ev,
  expectFlags,
  joined,
  left,
  meeting,
  opened,
  requested,
  runRule,
  shared,
  type Scenario,
} from '../testing/timeline-builders';
import { uncheckedHouseholdMember } from './unchecked-household-member';

const sut = uncheckedHouseholdMember;
const cscInvolved = opened('csc-c', '2024-01-01', { id: 'oc' });
const adultJoins = joined('school-b', '2024-05-01', 'adult-1', { id: 'j1' });

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'social care did not check a new partner within 10 days',
      [cscInvolved, adultJoins],
      '2024-06-01',
      [
        {
          id: 'unchecked-household-member:child-1:j1+oc',
          theme: 'changing_risk',
          agencies: ['csc-c'],
          evidence: ev('j1:household', 'oc:involvement'),
          at: '2024-05-11T23:59:59.999Z',
          dueBy: '2024-05-11T23:59:59.999Z',
          missing: 'no check by csc-c on adult-1',
          severity: 'normal',
          delayDays: undefined,
          explanation:
            "adult-1 joined the child's household on 2024-05-01 (partner of parent) while csc-c was involved; csc-c neither requested nor received information about them within 10 days.",
        },
      ],
    ],
    [
      'a request 14 days after is late by 4',
      [cscInvolved, adultJoins, requested('csc-c', 'police-a', '2024-05-15', { id: 'q1', about: 'adult-1' })],
      '2024-06-01',
      [{ evidence: ev('j1:household', 'oc:involvement', 'q1:request'), delayDays: 4, missing: undefined }],
    ],
    [
      'doubly severe when police already held risk information about the adult',
      [cscInvolved, concern('police-a', '2023-11-01', { id: 'c1', about: 'adult-1', categories: ['sexual_offence_history'] }), adultJoins],
      '2024-06-01',
      [
        {
          agencies: ['csc-c', 'police-a'],
          evidence: ev('j1:household', 'oc:involvement', 'c1:risk-held'),
          severity: 'high',
          explanation:
            "adult-1 joined the child's household on 2024-05-01 (partner of parent) while csc-c was involved; csc-c neither requested nor received information about them within 10 days. police-a already held risk information about this adult.",
        },
      ],
    ],
    [
      "social care's own concern about the adult is not another agency's",
      [cscInvolved, concern('csc-c', '2024-05-02', { about: 'adult-1' }), adultJoins],
      '2024-06-01',
      [{ agencies: ['csc-c'], severity: 'normal' }],
    ],
    [
      "risk information first recorded after the clock started does not make it doubly severe",
      [cscInvolved, adultJoins, concern('police-a', '2024-05-05', { about: 'adult-1' })],
      '2024-06-01',
      [{ agencies: ['csc-c'], severity: 'normal' }],
    ],
    [
      'social care becoming involved 30 days after the adult joined starts the clock then',
      [adultJoins, opened('csc-c', '2024-05-31', { id: 'oc' })],
      '2024-06-20',
      [{ evidence: ev('j1:household', 'oc:involvement'), dueBy: '2024-06-10T23:59:59.999Z' }],
    ],
    [
      'a shorter check setting is honoured',
      [cscInvolved, adultJoins, shared('police-a', 'csc-c', '2024-05-06', { id: 's1', about: 'adult-1' })],
      '2024-06-01',
      [{ evidence: ev('j1:household', 'oc:involvement', 's1:sharing'), delayDays: 2 }],
      { householdCheckDays: 3 },
    ],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['social care asked about the adult in time', [cscInvolved, adultJoins, requested('csc-c', 'probation-e', '2024-05-08', { about: 'adult-1' })], '2024-06-01', []],
    ['another agency shared about the adult in time', [cscInvolved, adultJoins, shared('police-a', 'csc-c', '2024-05-03', { about: 'adult-1' })], '2024-06-01', []],
    [
      "a sharing naming a concern about the adult",
      [cscInvolved, concern('police-a', '2024-04-01', { id: 'c1', about: 'adult-1' }), adultJoins, shared('police-a', 'csc-c', '2024-05-03', { entries: ['c1'] })],
      '2024-06-01',
      [],
    ],
    ['a meeting about the adult that social care attended', [cscInvolved, adultJoins, meeting('police-a', '2024-05-05', 'mash', { about: 'adult-1', attended: ['police-a', 'csc-c'] })], '2024-06-01', []],
    ['social care not involved, nor within 90 days', [adultJoins, opened('csc-c', '2024-08-15')], '2024-09-30', []],
    ['social care involved within a shorter window setting only', [adultJoins, opened('csc-c', '2024-06-20')], '2024-07-30', [], { householdInvolvementWindowDays: 30 }],
    ['the adult left before social care became involved', [adultJoins, left('school-b', '2024-05-10', 'adult-1'), opened('csc-c', '2024-05-20')], '2024-06-30', []],
    ['the relationship entry was retracted', [cscInvolved, joined('school-b', '2024-05-01', 'adult-1', { retracted: true })], '2024-06-01', []],
    ['a relation that is not a household one', [cscInvolved, joined('school-b', '2024-05-01', 'adult-1', { relation: 'grandparent' })], '2024-06-01', []],
    ['still within the 10 days at asOf', [cscInvolved, adultJoins], '2024-05-11', []],
    ['no social care agency at all', [opened('school-b', '2024-01-01'), adultJoins], '2024-06-01', []],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
