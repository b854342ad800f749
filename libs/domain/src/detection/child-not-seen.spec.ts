import { closed, contact, ev, expectFlags, opened, runRule, type Scenario } from '../testing/timeline-builders';
import { childNotSeen } from './child-not-seen';

const sut = childNotSeen;
const unseen = (id: string, date: string, agency = 'hv-d') => contact(agency, date, { id, seen: false });
const seen = (id: string, date: string, agency = 'hv-d') => contact(agency, date, { id, seen: true });

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'three consecutive visits without seeing the child',
      [unseen('v1', '2024-03-01'), contact('hv-d', '2024-03-15', { id: 'v2', type: 'appointment', seen: false }), unseen('v3', '2024-04-01')],
      '2024-06-01',
      [
        {
          id: 'child-not-seen:child-1:v1+v2+v3',
          theme: 'daily_life',
          agencies: ['hv-d'],
          evidence: ev('v1:contact', 'v2:contact', 'v3:contact'),
          at: '2024-04-01T09:00:00.000Z',
          missing: 'hv-d did not see the child',
          explanation: 'hv-d did not see the child on 3 consecutive home visits or appointments, from 2024-03-01 to 2024-04-01.',
        },
      ],
    ],
    [
      'one flag for a longer run, keeping its id',
      [unseen('v1', '2024-03-01'), unseen('v2', '2024-03-15'), unseen('v3', '2024-04-01'), unseen('v4', '2024-04-15'), seen('v5', '2024-05-01')],
      '2024-06-01',
      [{ id: 'child-not-seen:child-1:v1+v2+v3', evidence: ev('v1:contact', 'v2:contact', 'v3:contact', 'v4:contact') }],
    ],
    [
      'a visit where seeing was not recorded neither breaks nor counts',
      [unseen('v1', '2024-03-01'), contact('hv-d', '2024-03-10', { seen: null }), unseen('v2', '2024-03-15'), unseen('v3', '2024-04-01')],
      '2024-06-01',
      [{ evidence: ev('v1:contact', 'v2:contact', 'v3:contact') }],
    ],
    [
      'closing when the last visit had not seen the child',
      [opened('hv-d', '2024-01-01'), seen('v1', '2024-02-01'), unseen('v2', '2024-03-01'), closed('hv-d', '2024-03-05', { id: 'cl' })],
      '2024-06-01',
      [{ id: 'child-not-seen:child-1:v2+cl', evidence: ev('v2:contact', 'cl:closure'), at: '2024-03-05T09:00:00.000Z', missing: 'hv-d did not see the child before closing' }],
    ],
    ['a count setting of two', [unseen('v1', '2024-03-01'), unseen('v2', '2024-03-15')], '2024-06-01', [{ id: 'child-not-seen:child-1:v1+v2' }], { childNotSeenCount: 2 }],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['a seen visit breaks the run', [unseen('v1', '2024-03-01'), unseen('v2', '2024-03-15'), seen('v3', '2024-03-20'), unseen('v4', '2024-04-01')], '2024-06-01', []],
    ['visits by different agencies are not one run', [unseen('v1', '2024-03-01'), unseen('v2', '2024-03-15', 'school-b'), unseen('v3', '2024-04-01')], '2024-06-01', []],
    ['other contact types do not count', [unseen('v1', '2024-03-01'), contact('hv-d', '2024-03-15', { type: 'phone_call', seen: false }), unseen('v3', '2024-04-01')], '2024-06-01', []],
    ['a retracted visit does not count', [unseen('v1', '2024-03-01'), contact('hv-d', '2024-03-15', { seen: false, retracted: true }), unseen('v3', '2024-04-01')], '2024-06-01', []],
    ['a visit corrected to seen breaks the run', [unseen('v1', '2024-03-01'), contact('hv-d', '2024-03-15', { seen: true, correctedFrom: { childSeen: false } }), unseen('v3', '2024-04-01')], '2024-06-01', []],
    ['visits to a household adult', [contact('hv-d', '2024-03-01', { seen: false, about: 'adult-1' }), unseen('v2', '2024-03-15'), unseen('v3', '2024-04-01')], '2024-06-01', []],
    ['closing after a visit that saw the child', [opened('hv-d', '2024-01-01'), unseen('v1', '2024-02-01'), seen('v2', '2024-03-01'), closed('hv-d', '2024-03-05')], '2024-06-01', []],
    ['closing with no visit in that involvement', [unseen('v1', '2023-12-01'), opened('hv-d', '2024-01-01'), closed('hv-d', '2024-03-05')], '2024-06-01', []],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
