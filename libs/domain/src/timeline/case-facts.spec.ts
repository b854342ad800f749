import { aTimeline, closed, concern, joined, left, opened } from '../testing/timeline-builders';
import { caseFacts, entriesOf, involvementPeriods } from './case-facts';
import { asOfInstant, daysBetween, dayNumber, lastDayOfPeriod } from './days';

describe('day arithmetic', () => {
  it.each([
    ['2024-05-01T23:59:00.000Z', '2024-05-02T00:01:00.000Z', 1],
    ['2024-05-01T00:00:00.000Z', '2024-05-01T23:59:59.999Z', 0],
    ['2024-02-28T12:00:00.000Z', '2024-03-01T08:00:00.000Z', 2],
    ['2024-05-03T09:00:00.000Z', '2024-05-01T09:00:00.000Z', -2],
  ])('counts calendar days from %s to %s as %d', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it.each([
    ['2024-05-03', '2024-05-03T23:59:59.999Z'],
    ['2024-05-03T12:00:00.000Z', '2024-05-03T12:00:00.000Z'],
  ])('reads asOf %s as the instant %s', (asOf, instant) => {
    expect(asOfInstant(asOf)).toBe(Date.parse(instant));
  });

  it.each([
    ['day', '2024-02-10T09:00:00.000Z', '2024-02-10'],
    ['month', '2024-02-01T00:00:00.000Z', '2024-02-29'],
    ['year', '2023-01-01T00:00:00.000Z', '2023-12-31'],
  ] as const)('a %s-precise date stands until %s', (precision, at, last) => {
    expect(lastDayOfPeriod({ at, precision })).toBe(dayNumber(`${last}T00:00:00.000Z`));
  });

  it('an approximate date has no last day', () => {
    expect(lastDayOfPeriod({ at: '2024-02-10T09:00:00.000Z', precision: 'approximate' })).toBeNull();
  });
});

describe(involvementPeriods.name, () => {
  it('pairs openings and closings per agency, open on the closing day, ignoring retracted ones', () => {
    const facts = caseFacts(
      aTimeline([
        opened('school-b', '2024-01-01', { id: 'o1' }),
        closed('school-b', '2024-02-01', { id: 'c1' }),
        opened('school-b', '2024-03-01', { id: 'o2' }),
        closed('school-b', '2024-03-10', { id: 'c2', retracted: true }),
        opened('hv-d', '2024-01-15', { id: 'o3' }),
      ]),
      '2024-06-01',
    );
    expect(facts.involvements.map((p) => [p.agency, p.opened.eventId, p.closed?.eventId])).toEqual([
      ['school-b', 'o1', 'c1'],
      ['hv-d', 'o3', undefined],
      ['school-b', 'o2', undefined],
    ]);
    expect(facts.agenciesInvolvedOn(dayNumber('2024-02-01T00:00:00.000Z'))).toEqual(['hv-d', 'school-b']);
    expect(facts.agenciesInvolvedOn(dayNumber('2024-02-02T00:00:00.000Z'))).toEqual(['hv-d']);
  });
});

describe('household at a date', () => {
  const facts = caseFacts(
    aTimeline([
      joined('csc-c', '2024-01-01', 'adult-1'),
      left('csc-c', '2024-03-01', 'adult-1', { recorded: '2024-05-01' }),
      concern('police-a', '2024-02-01', { id: 'in', about: 'adult-1' }),
      concern('police-a', '2024-04-01', { id: 'out', about: 'adult-1' }),
    ]),
    '2024-06-01',
  );

  it.each([
    ['2023-12-31', false],
    ['2024-01-01', true],
    ['2024-03-01', true],
    ['2024-03-02', false],
  ])('adult-1 lives with the child on %s: %p', (date, expected) => {
    expect(facts.inHouseholdOn('adult-1', dayNumber(`${date}T00:00:00.000Z`))).toBe(expected);
  });

  it("counts an adult's concern as the child's risk only while the adult lives there", () => {
    expect(entriesOf(facts.entries, 'ConcernRecorded').map((c) => [c.eventId, facts.isRelevantRisk(c)])).toEqual([
      ['in', true],
      ['out', false],
    ]);
  });

  it('ignores a leaving not yet recorded at asOf', () => {
    const earlier = caseFacts(facts.timeline, '2024-04-15');
    expect(earlier.inHouseholdOn('adult-1', dayNumber('2024-04-01T00:00:00.000Z'))).toBe(true);
  });
});
