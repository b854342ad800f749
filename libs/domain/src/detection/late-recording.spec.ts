import { concern, contact, ev, expectFlags, personRegistered, runRule, type Scenario } from '../testing/timeline-builders';
import { lateRecording } from './late-recording';

const sut = lateRecording;

describe(sut.name, () => {
  it.each<Scenario>([
    [
      'a concern recorded 10 days after it happened',
      [concern('police-a', '2024-05-01', { id: 'c1', recorded: '2024-05-11' })],
      '2024-06-01',
      [
        {
          id: 'late-recording:child-1:c1',
          theme: 'leadership_culture',
          agencies: ['police-a'],
          evidence: ev('c1:entry'),
          at: '2024-05-08T23:59:59.999Z',
          dueBy: '2024-05-08T23:59:59.999Z',
          delayDays: 3,
          missing: undefined,
          explanation: 'police-a recorded a concern of 2024-05-01 on 2024-05-11, 10 days after it (allowed 7 days).',
        },
      ],
    ],
    [
      'a month-precise contact recorded 8 days after the month ended',
      [contact('school-b', '2024-04-01', { id: 'c1', precision: 'month', recorded: '2024-05-08' })],
      '2024-06-01',
      [{ delayDays: 1, explanation: 'school-b recorded a contact of 2024-04 on 2024-05-08, 8 days after it (allowed 7 days).' }],
    ],
    ['a year-precise entry recorded late in the next year', [concern('police-a', '2023-01-01', { id: 'c1', precision: 'year', recorded: '2024-02-01' })], '2024-06-01', [{ delayDays: 25 }]],
    ['a stricter setting', [concern('police-a', '2024-05-01', { id: 'c1', recorded: '2024-05-04' })], '2024-06-01', [{ delayDays: 1 }], { lateRecordingDays: 2 }],
  ])('fires: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });

  it.each<Scenario>([
    ['recorded on the 7th day', [concern('police-a', '2024-05-01', { recorded: '2024-05-08T23:00:00.000Z' })], '2024-06-01', []],
    ['a month-precise entry recorded within 7 days of the month end', [contact('school-b', '2024-04-01', { precision: 'month', recorded: '2024-05-07' })], '2024-06-01', []],
    ['an approximate date', [concern('police-a', '2023-01-01', { precision: 'approximate', recorded: '2024-05-01' })], '2024-06-01', []],
    ['a retracted entry', [concern('police-a', '2024-01-01', { recorded: '2024-05-01', retracted: true })], '2024-06-01', []],
    ['a person registered long after birth', [personRegistered('csc-c', '2015-01-01', { recorded: '2024-05-01' })], '2024-06-01', []],
    ['an entry not yet recorded at asOf', [concern('police-a', '2024-05-01', { recorded: '2024-05-20' })], '2024-05-15', []],
  ])('does not fire: %s', (...[, specs, asOf, expected, settings]: Scenario) => {
    expectFlags(runRule(sut, specs, asOf, settings), expected);
  });
});
