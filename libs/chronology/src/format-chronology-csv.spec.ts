import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { ENTRY_TYPES } from './chronology-columns';
import type { ChronologyRow } from './chronology-row';
import { chronologyCsvStream, formatChronologyCsv } from './format-chronology-csv';
import { collect } from './testing/chronology-fixtures';

const facts = { agency: 'csc-test', occurred: { date: '2024-01-05', precision: 'day' as const }, subjects: ['child-syn-001'] };
let next = 0;
const id = () => `RT-${++next}`;

const rows: ChronologyRow[] = [
  { entryType: 'person', ...facts, line: 0, entryId: id(), subjectKind: 'child', summary: 'Registered, "as told"; with a comma, and\r\na line break' },
  { entryType: 'relationship', ...facts, line: 0, entryId: id(), relatedSubject: 'adult-syn-002', relationship: 'step_parent', recordedDate: '2024-01-09' },
  { entryType: 'relationship_ended', ...facts, line: 0, entryId: id(), relatedSubject: 'adult-syn-002', relationship: 'carer' },
  { entryType: 'involvement_opened', ...facts, line: 0, entryId: id(), occurred: { date: '2023-11', precision: 'approximate' }, source: 'professional' },
  { entryType: 'involvement_closed', ...facts, line: 0, entryId: id(), reason: '  kept as written  ' },
  { entryType: 'contact', ...facts, line: 0, entryId: id(), occurred: { date: '2024-01-05', precision: 'day', time: '07:05' }, contactType: 'phone_call', childSeen: true, outcome: 'completed' },
  { entryType: 'concern', ...facts, line: 0, entryId: id(), severity: 'high', categories: ['sexual_abuse', 'housing_instability'], variantOf: { agency: 'police-test', entryId: 'P-1' } },
  { entryType: 'referral', ...facts, line: 0, entryId: id(), source: 'anonymous', categories: [] },
  { entryType: 'referral', ...facts, line: 0, entryId: id(), counterpartAgency: 'school-test', categories: ['neglect'] },
  { entryType: 'referral_outcome', ...facts, line: 0, entryId: id(), outcome: 'early_help', refersTo: { agency: 'csc-test', entryId: 'RT-8' } },
  { entryType: 'information_shared', ...facts, line: 0, entryId: id(), counterpartAgency: 'police-test', refersTo: [{ agency: 'health-test', entryId: 'H/2024/1' }], categories: [], lawfulBasis: 'not_recorded' },
  { entryType: 'information_request', ...facts, line: 0, entryId: id(), counterpartAgency: 'police-test', categories: ['violent_offence_history'] },
  { entryType: 'information_response', ...facts, line: 0, entryId: id(), counterpartAgency: 'police-test', refersTo: { agency: 'police-test', entryId: 'P-4' }, outcome: 'disclosed', categories: [] },
  { entryType: 'risk_assessment', ...facts, line: 0, entryId: id(), riskLevel: 'medium', categories: ['alcohol_misuse'] },
  { entryType: 'meeting', ...facts, line: 0, entryId: id(), meetingKind: 'mash', invited: [], attended: ['police-test', 'csc-test'] },
  { entryType: 'plan_started', ...facts, line: 0, entryId: id(), plan: 'looked_after' },
  { entryType: 'plan_ended', ...facts, line: 0, entryId: id(), plan: 'looked_after' },
  { entryType: 'serious_incident', ...facts, line: 0, entryId: id(), outcome: 'death', occurred: { date: '2024', precision: 'year' } },
  { entryType: 'identity_link', ...facts, line: 0, entryId: id(), subjects: ['child-syn-001', 'health-child-9'] },
  { entryType: 'identity_unlink', ...facts, line: 0, entryId: id(), subjects: ['child-syn-001', 'health-child-9'], reason: 'consent_refused' },
  { entryType: 'correction', ...facts, line: 0, entryId: id(), refersTo: { agency: 'csc-test', entryId: 'RT-7' }, reason: 'Mis-keyed', changes: { categories: ['physical_abuse'], outcome: 'was_not_brought', childSeen: false } },
  { entryType: 'retraction', ...facts, line: 0, entryId: id(), refersTo: { agency: 'csc-test', entryId: 'RT-6' }, reason: 'Wrong child' },
];

const withoutLines = (parsed: ChronologyRow[]) => parsed.map(({ line: _line, ...row }) => row);

describe(formatChronologyCsv.name, () => {
  it('covers every entry type', () => {
    expect(ENTRY_TYPES.filter((type) => !rows.some((row) => row.entryType === type))).toEqual([]);
  });

  it('round-trips: parsing what it writes gives the rows back', async () => {
    const parsed = await collect(Readable.from([formatChronologyCsv(rows)]));
    expect(withoutLines(parsed)).toEqual(withoutLines(rows));
  });

  it('writes lines a parse numbers back: the first record is line 2, a quoted line break moves the next down', async () => {
    const parsed = await collect(Readable.from([formatChronologyCsv(rows.slice(0, 3))]));
    expect(parsed.map((row) => row.line)).toEqual([2, 4, 5]);
  });

  it('quotes a cell holding a bare line feed, so the file parses back to the same summary', async () => {
    const row = { ...rows[0], summary: 'first line\nsecond line' } as ChronologyRow;
    const text = formatChronologyCsv([row]);
    expect(text).toContain('"first line\nsecond line"');
    const [parsed] = await collect(Readable.from([text]));
    expect(parsed.summary).toBe('first line\nsecond line');
  });

  it('streams the same text for exports', async () => {
    expect(await text(chronologyCsvStream(Readable.from(rows)))).toBe(formatChronologyCsv(rows));
  });
});
