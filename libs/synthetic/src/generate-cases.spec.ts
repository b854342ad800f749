import type { ChronologyRow } from '@casetrail/chronology';
import { allRows, casesCsv, generateCases, MIN_ENTRIES_PER_CASE, RULE_IDS, SYNTHETIC_AGENCIES, type SyntheticCase } from '@casetrail/synthetic';
import { RESERVED_CATEGORIES } from './background/concern-templates';
import { parse } from './testing/fixtures';

const sut = generateCases({ seed: 20240615 });
const refKey = (ref: { agency: string; entryId: string }) => `${ref.agency}:${ref.entryId}`;

/** What each row refers to, as `agency:entry_id`. */
function referencesOf(row: ChronologyRow): string[] {
  const refs = row.variantOf ? [refKey(row.variantOf)] : [];
  switch (row.entryType) {
    case 'referral_outcome':
    case 'information_response':
    case 'correction':
    case 'retraction':
      return [...refs, refKey(row.refersTo)];
    case 'information_shared':
      return [...refs, ...row.refersTo.map(refKey)];
    default:
      return refs;
  }
}

describe(generateCases.name, () => {
  it('is deterministic: the same seed gives byte-identical output, another seed another', () => {
    expect(casesCsv(generateCases({ seed: 20240615 }).cases)).toBe(casesCsv(sut.cases));
    expect(casesCsv(generateCases({ seed: 20240616 }).cases)).not.toBe(casesCsv(sut.cases));
  });

  it('returns the agencies to register, with their kinds', () => {
    expect(sut.agencies).toBe(SYNTHETIC_AGENCIES);
    expect(new Set(sut.agencies.map((a) => a.kind))).toEqual(new Set(['police', 'childrens_social_care', 'health', 'education', 'probation', 'housing', 'substance_misuse']));
  });

  it('by default injects every rule once and adds clean controls', () => {
    const injected = sut.cases.filter((c) => !c.control);
    expect(injected.flatMap((c) => c.truth.map((t) => t.rule)).sort()).toEqual([...RULE_IDS].sort());
    expect(sut.cases.filter((c) => c.control)).toHaveLength(12);
    for (const c of sut.cases) expect(c.control).toBe(c.truth.length === 0);
  });

  it('labels each pattern with its child and evidence that exists in the case', () => {
    for (const c of sut.cases) {
      const ids = new Set(c.rows.map(refKey));
      for (const truth of c.truth) {
        expect(truth.child).toBe(c.child);
        expect(truth.evidence.length).toBeGreaterThan(0);
        expect(truth.note).not.toBe('');
        for (const evidence of truth.evidence) expect(ids).toContain(refKey(evidence));
      }
    }
  });

  it('writes rows that parse without error and round-trip unchanged through the chronology format', async () => {
    const rows = allRows(sut.cases);
    expect(await parse(casesCsv(sut.cases))).toEqual(rows);
    expect(rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
  });

  it('orders each case so it imports cleanly: everything a row names exists earlier, answers come from the addressee', () => {
    const agencies = new Set(SYNTHETIC_AGENCIES.map((a) => a.id));
    const entryIds = new Set<string>();
    const registered = new Set<string>();
    for (const c of sut.cases) {
      const earlier = new Map<string, ChronologyRow>();
      const open = new Set<string>();
      c.rows.forEach((row, i) => {
        expect(row.line).toBe(i + 2);
        expect(agencies).toContain(row.agency);
        if ('counterpartAgency' in row && row.counterpartAgency !== undefined) expect(agencies).toContain(row.counterpartAgency);
        if (row.entryType === 'meeting') for (const a of [...row.invited, ...row.attended]) expect(agencies).toContain(a);
        if (row.entryType === 'person') {
          expect(registered).not.toContain(row.subjects[0]);
          registered.add(row.subjects[0]);
        }
        for (const subject of row.subjects) expect(registered).toContain(subject);
        if (row.entryType === 'relationship' || row.entryType === 'relationship_ended') expect(registered).toContain(row.relatedSubject);
        for (const ref of referencesOf(row)) expect(earlier.has(ref)).toBe(true);
        if (row.entryType === 'referral_outcome') {
          const referral = earlier.get(refKey(row.refersTo));
          expect(referral?.entryType).toBe('referral');
          expect(row.agency).toBe(referral?.entryType === 'referral' ? (referral.counterpartAgency ?? referral.agency) : undefined);
        }
        if (row.entryType === 'information_response') {
          const request = earlier.get(refKey(row.refersTo));
          expect(request?.entryType === 'information_request' && request.counterpartAgency).toBe(row.agency);
        }
        if (row.entryType === 'correction' || row.entryType === 'retraction') expect(row.refersTo.agency).toBe(row.agency);
        if (row.entryType === 'involvement_opened' || row.entryType === 'involvement_closed') {
          // The entry rules refuse opening an open involvement, or closing one that is not open.
          const stream = `${row.agency}/${row.subjects[0]}`;
          expect(open.has(stream)).toBe(row.entryType === 'involvement_closed');
          if (row.entryType === 'involvement_opened') open.add(stream);
          else open.delete(stream);
        }
        expect(entryIds).not.toContain(refKey(row));
        entryIds.add(refKey(row));
        earlier.set(refKey(row), row);
      });
    }
  });

  it('keeps dates real and past: 2019 to 2025, in date order, recorded on or after they occurred', () => {
    for (const c of sut.cases) {
      let previous = '';
      for (const row of c.rows) {
        const { date } = row.occurred;
        expect(date >= '2019-01-01' && date <= '2025-12-31').toBe(true);
        expect(date >= previous).toBe(true);
        previous = date;
        const recorded = row.recordedDate ?? date;
        expect(recorded >= date && recorded <= '2025-12-31').toBe(true);
      }
    }
  });

  it('keeps the risk categories some patterns rely on out of every background', () => {
    const controls = sut.cases.filter((c) => c.control);
    const used = allRows(controls).flatMap((r) => ('categories' in r ? r.categories : []));
    expect(used.filter((category) => RESERVED_CATEGORIES.includes(category))).toEqual([]);
  });

  it('names only pseudonymous subjects', () => {
    const subjects = sut.cases.flatMap((c: SyntheticCase) => c.rows.flatMap((r) => [...r.subjects, ...('relatedSubject' in r ? [r.relatedSubject] : [])]));
    for (const subject of subjects) expect(subject).toMatch(/^subj-c\d{4,}-(child|mother|father|adult\d+|sibling\d+)$/);
  });

  it('prefixes case, subject and entry ids, so several generations can share one store', () => {
    const { cases } = generateCases({ seed: 20240615, injected: 1, controls: 0, caseIdPrefix: 'b2' });
    expect(cases[0].caseId).toBe('b20001');
    expect(cases[0].child).toBe('subj-b20001-child');
    expect(cases[0].rows.every((r) => r.entryId.includes('-b20001-'))).toBe(true);
  });

  it('holds exactly entriesPerCase rows per case when asked', () => {
    const { cases } = generateCases({ seed: 3, entriesPerCase: 150, controls: 4 });
    expect(cases.map((c) => c.rows.length)).toEqual(cases.map(() => 150));
  });

  it('keeps to a narrower date window', () => {
    const { cases } = generateCases({ seed: 4, injected: 12, controls: 2, startDate: '2023-01-01', endDate: '2024-12-31' });
    const dates = allRows(cases).flatMap((r) => [r.occurred.date, r.recordedDate ?? r.occurred.date]);
    expect(dates.every((d) => d >= '2023-01-01' && d <= '2024-12-31')).toBe(true);
  });

  it.each([
    [{ seed: 1.5 }, /seed/],
    [{ seed: 1, entriesPerCase: MIN_ENTRIES_PER_CASE - 1 }, /entriesPerCase/],
    [{ seed: 1, entriesPerCase: 1_000_000 }, /entriesPerCase/],
    [{ seed: 1, startDate: '2025-06-01', endDate: '2025-07-01' }, /endDate|window/],
    [{ seed: 1, startDate: '2019-02-30' }, /calendar/],
    [{ seed: 1, controls: -1 }, /controls/],
    [{ seed: 1, rules: [] }, /rules/],
    [{ seed: 1, caseIdPrefix: 'Case 1' }, /caseIdPrefix/],
  ])('refuses %p', (options, message) => {
    expect(() => generateCases(options)).toThrow(message);
  });
});
