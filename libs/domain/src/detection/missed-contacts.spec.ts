import { contact, ev, expectFlags, runRule, type Scenario } from '../testing/timeline-builders';
import { missedContacts } from './missed-contacts';

const sut = missedContacts;
const missed = (id: string, date: string, agency = 'hv-d', outcome: 'no_access' | 'did_not_attend' | 'was_not_brought' = 'no_access') =>
  contact(agency, date, { id, seen: false, outcome });

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'three missed contacts within 90 days, across agencies',
      [missed('m1', '2024-01-01'), missed('m2', '2024-02-01', 'gp-e', 'did_not_attend'), missed('m3', '2024-03-30', 'school-b', 'was_not_brought')],
      '2024-06-01',
      [
        {
          id: 'missed-contacts:child-1:m1+m2+m3',
          theme: 'reluctant_engagement',
          agencies: ['gp-e', 'hv-d', 'school-b'],
          evidence: ev('m1:contact', 'm2:contact', 'm3:contact'),
          at: '2024-03-30T09:00:00.000Z',
          explanation:
            '3 contacts with the child by gp-e, hv-d, school-b were missed (no access, not attended or not brought) between 2024-01-01 and 2024-03-30, 3 of them within 90 days.',
        },
      ],
    ],
    [
      'the cluster goes on while each next one completes three within 90 days',
      [missed('m1', '2024-01-01'), missed('m2', '2024-02-01'), missed('m3', '2024-03-01'), missed('m4', '2024-04-25'), missed('m5', '2024-09-01')],
      '2024-10-01',
      [{ id: 'missed-contacts:child-1:m1+m2+m3', evidence: ev('m1:contact', 'm2:contact', 'm3:contact', 'm4:contact') }],
    ],
    [
      'a new cluster needs three fresh ones',
      [missed('m1', '2024-01-01'), missed('m2', '2024-01-10'), missed('m3', '2024-01-20'), missed('m4', '2024-08-01'), missed('m5', '2024-08-10'), missed('m6', '2024-08-20')],
      '2024-10-01',
      [{ id: 'missed-contacts:child-1:m1+m2+m3' }, { id: 'missed-contacts:child-1:m4+m5+m6' }],
    ],
    ['a count setting of two', [missed('m1', '2024-01-01'), missed('m2', '2024-02-01')], '2024-06-01', [{ id: 'missed-contacts:child-1:m1+m2' }], { missedContactsCount: 2 }],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['three spread over more than 90 days', [missed('m1', '2024-01-01'), missed('m2', '2024-02-01'), missed('m3', '2024-04-01')], '2024-06-01', []],
    ['a shorter window setting', [missed('m1', '2024-01-01'), missed('m2', '2024-02-01'), missed('m3', '2024-03-01')], '2024-06-01', [], { missedContactsWindowDays: 30 }],
    ['completed contacts do not count', [missed('m1', '2024-01-01'), contact('hv-d', '2024-01-10'), missed('m3', '2024-01-20')], '2024-06-01', []],
    ['a retracted missed contact', [missed('m1', '2024-01-01'), contact('hv-d', '2024-01-10', { outcome: 'no_access', retracted: true }), missed('m3', '2024-01-20')], '2024-06-01', []],
    ['a contact corrected to completed', [missed('m1', '2024-01-01'), contact('hv-d', '2024-01-10', { outcome: 'completed', correctedFrom: { outcome: 'no_access' } }), missed('m3', '2024-01-20')], '2024-06-01', []],
    ["two agencies' accounts of one missed visit count once", [missed('m1', '2024-01-01'), contact('school-b', '2024-01-01', { outcome: 'no_access', variantOf: 'm1' }), missed('m3', '2024-01-20')], '2024-06-01', []],
    ['missed appointments of a household adult', [missed('m1', '2024-01-01'), contact('gp-e', '2024-01-10', { outcome: 'did_not_attend', about: 'adult-1' }), missed('m3', '2024-01-20')], '2024-06-01', []],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
