import type { ChronologyRow } from '@casetrail/chronology';

export const IMPORT_AGENCIES = [
  { id: 'bench-police', kind: 'police', name: 'Bench Police' },
  { id: 'bench-csc', kind: 'childrens_social_care', name: 'Bench Social Care' },
  { id: 'bench-health', kind: 'health', name: 'Bench Health Visiting' },
  { id: 'bench-school', kind: 'education', name: 'Bench Primary School' },
] as const;

const [POLICE, CSC, HEALTH, SCHOOL] = IMPORT_AGENCIES.map((a) => a.id);

/** Day `n` after 2019-01-01 as `YYYY-MM-DD` (all dates safely in the past). */
function day(n: number): string {
  return new Date(Date.UTC(2019, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A chronology of `rows` rows as agencies would send it: per synthetic child, its registration, an
 * adult of the household, social care's involvement, then a rotating mix of contacts, concerns,
 * referrals with their outcomes and sharing, each naming earlier entries. Rows are yielded lazily
 * so a million-row file is written without holding it.
 */
export function* chronologyWorkload(rows: number, rowsPerChild = 50): Generator<ChronologyRow> {
  let line = 1;
  let produced = 0;
  for (let child = 0; produced < rows; child++) {
    const c = `bench-c${child}`;
    const adult = `bench-a${child}`;
    const base = (child * 7) % 1500;
    const facts = (agency: string, n: number, offset: number, subjects: string[] = [c]) => ({
      line: ++line,
      entryId: `${c}-${n}`,
      agency,
      occurred: { date: day(base + offset), precision: 'day' as const },
      subjects,
      summary: `Synthetic entry ${n} for bench child ${child}`,
    });
    const caseRows: ChronologyRow[] = [
      { ...facts(CSC, 0, 0), entryType: 'person', subjectKind: 'child' },
      { ...facts(CSC, 1, 0, [adult]), entryType: 'person', subjectKind: 'adult' },
      { ...facts(CSC, 2, 1), entryType: 'relationship', relatedSubject: adult, relationship: 'parent' },
      { ...facts(CSC, 3, 1), entryType: 'involvement_opened' },
    ];
    for (let n = 4; n < rowsPerChild; n++) {
      const offset = 2 + n;
      switch ((n - 4) % 6) {
        case 0:
          caseRows.push({ ...facts(HEALTH, n, offset), entryType: 'contact', contactType: 'home_visit', childSeen: true, outcome: 'completed' });
          break;
        case 1:
          caseRows.push({ ...facts(SCHOOL, n, offset), entryType: 'contact', contactType: 'school_concern', childSeen: true, outcome: 'completed' });
          break;
        case 2:
          caseRows.push({ ...facts(POLICE, n, offset, [c, adult]), entryType: 'concern', severity: 'medium', categories: ['domestic_abuse'] });
          break;
        case 3:
          caseRows.push({ ...facts(POLICE, n, offset), entryType: 'referral', counterpartAgency: CSC, categories: ['domestic_abuse'] });
          break;
        case 4:
          caseRows.push({ ...facts(CSC, n, offset), entryType: 'referral_outcome', outcome: 'assessment', refersTo: { agency: POLICE, entryId: `${c}-${n - 1}` } });
          break;
        default:
          caseRows.push({
            ...facts(POLICE, n, offset),
            entryType: 'information_shared',
            counterpartAgency: HEALTH,
            refersTo: [{ agency: POLICE, entryId: `${c}-${n - 3}` }],
            categories: ['domestic_abuse'],
            lawfulBasis: 'safeguarding_condition',
          });
      }
    }
    for (const row of caseRows) {
      if (produced >= rows) return;
      produced += 1;
      yield row;
    }
  }
}
