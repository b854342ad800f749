import { caseRows, casesCsvStream, generateCaseStream, RULE_IDS } from '@casetrail/synthetic';
import { flagsOf, parse } from './testing/fixtures';

describe(generateCaseStream.name, () => {
  it('builds cases only as they are asked for: two billion rows on offer, the first case at once', () => {
    const sut = generateCaseStream({ seed: 9, cases: 1_000_000, entriesPerCase: 2_000 });
    const first = sut.next();
    const second = sut.next();
    expect(first.done || second.done).toBe(false);
    expect([first.value, second.value].map((c) => c && c.caseId)).toEqual(['c0001', 'c0002']);
  });

  it('yields the requested volume: a count over 50,000 rows, one case at a time', () => {
    let rows = 0;
    let cases = 0;
    for (const c of generateCaseStream({ seed: 10, cases: 100, entriesPerCase: 500 })) {
      cases += 1;
      rows += c.rows.length;
    }
    expect(cases).toBe(100);
    expect(rows).toBe(50_000);
  }, 30_000);

  it('checks its options when called, not when first read', () => {
    expect(() => generateCaseStream({ seed: 1, cases: -1 })).toThrow(/cases/);
    expect(() => generateCaseStream({ seed: 1, cases: 1, endDate: '2999-12-31' })).toThrow(/future/);
  });

  it('gives one child 2,000 entries spread over years, clean and importable', async () => {
    const [c] = [...generateCaseStream({ seed: 11, cases: 1, entriesPerCase: 2_000 })];
    expect(c.rows).toHaveLength(2_000);
    expect(c.rows.every((r) => r.subjects.includes(c.child) || r.entryType === 'person' || r.entryType === 'concern')).toBe(true);
    const years = Number(c.rows[c.rows.length - 1].occurred.date.slice(0, 4)) - Number(c.rows[0].occurred.date.slice(0, 4));
    expect(years).toBeGreaterThanOrEqual(3);
    expect(flagsOf(c)).toEqual([]);
    expect(await parse(casesCsvStream([c]))).toEqual(c.rows);
  }, 30_000);

  it('spreads injected cases evenly through the stream, every rule in turn', () => {
    const cases = [...generateCaseStream({ seed: 12, cases: 48, injected: 12, entriesPerCase: 100 })];
    const carrying = cases.flatMap((c, i) => (c.control ? [] : [i]));
    expect(carrying).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44]);
    expect(cases.flatMap((c) => c.truth.map((t) => t.rule))).toEqual([...RULE_IDS]);
  });

  it('numbers lines through a stream of cases, and the CSV stream parses back', async () => {
    const cases = [...generateCaseStream({ seed: 13, cases: 10, entriesPerCase: 100 })];
    const rows = [...caseRows(cases)];
    expect(rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
    expect(await parse(casesCsvStream(cases))).toEqual(rows);
  });

  it('regenerates any case from its seed and number alone', () => {
    const stream = [...generateCaseStream({ seed: 14, cases: 5, entriesPerCase: 120 })];
    const again = [...generateCaseStream({ seed: 14, cases: 5, entriesPerCase: 120 })];
    expect(again).toEqual(stream);
    expect(stream[4].caseId).toBe('c0005');
  });
});
