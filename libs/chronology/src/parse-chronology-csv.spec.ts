import { ENTRY_TYPES } from './chronology-columns';
import { ChronologyFormatError } from './chronology-format-error';
import type { ChronologyRow } from './chronology-row';
import { parseChronologyCsv } from './parse-chronology-csv';
import { aConcernCells, type Cells, collect, csvOf, FILE, fromText, NOW, parseError } from './testing/chronology-fixtures';

const base = { entry_id: 'SYN-7', agency: 'csc-test', date: '2024-02-10', subjects: 'child-syn-001' };
const facts = { line: 2, entryId: 'SYN-7', agency: 'csc-test', occurred: { date: '2024-02-10', precision: 'day' }, subjects: ['child-syn-001'] };

const validRows: [string, Cells, Partial<ChronologyRow>][] = [
  ['person', { entry_type: 'person', subject_kind: 'child' }, { subjectKind: 'child' }],
  [
    'relationship',
    { entry_type: 'relationship', related_subject: 'adult-syn-002', relationship: 'partner_of_parent' },
    { relatedSubject: 'adult-syn-002', relationship: 'partner_of_parent' },
  ],
  ['relationship_ended', { entry_type: 'relationship_ended', related_subject: 'adult-syn-002', relationship: 'household_member' }, { relatedSubject: 'adult-syn-002', relationship: 'household_member' }],
  ['involvement_opened', { entry_type: 'involvement_opened' }, {}],
  ['involvement_closed', { entry_type: 'involvement_closed', reason: 'Case stepped down to early help' }, { reason: 'Case stepped down to early help' }],
  [
    'contact',
    { entry_type: 'contact', contact_type: 'home_visit', child_seen: 'no', outcome: 'no_access', time: '09:30' },
    { contactType: 'home_visit', childSeen: false, outcome: 'no_access', occurred: { date: '2024-02-10', precision: 'day', time: '09:30' } },
  ],
  ['concern', { entry_type: 'concern', severity: 'medium', categories: '4B;mental_health;2' }, { severity: 'medium', categories: ['mental_health', 'drug_misuse'] }],
  ['referral from an agency', { entry_type: 'referral', counterpart_agency: 'school-test', categories: '16' }, { counterpartAgency: 'school-test', categories: ['neglect'] }],
  ['referral from a person', { entry_type: 'referral', source: 'member_of_public' }, { source: 'member_of_public', categories: [] }],
  [
    'referral_outcome',
    { entry_type: 'referral_outcome', outcome: 'section_47', refers_to: 'SYN-3' },
    { outcome: 'section_47', refersTo: { agency: 'csc-test', entryId: 'SYN-3' } },
  ],
  [
    'information_shared',
    { entry_type: 'information_shared', counterpart_agency: 'police-test', refers_to: 'SYN-3;health-test:H-9', lawful_basis: 'safeguarding_condition' },
    {
      counterpartAgency: 'police-test',
      refersTo: [
        { agency: 'csc-test', entryId: 'SYN-3' },
        { agency: 'health-test', entryId: 'H-9' },
      ],
      categories: [],
      lawfulBasis: 'safeguarding_condition',
    },
  ],
  [
    'information_shared without a lawful basis',
    { entry_type: 'information_shared', counterpart_agency: 'police-test', categories: 'sexual_offence_history' },
    { counterpartAgency: 'police-test', refersTo: [], categories: ['sexual_offence_history'], lawfulBasis: 'not_recorded' },
  ],
  ['information_request', { entry_type: 'information_request', counterpart_agency: 'police-test', categories: '18' }, { counterpartAgency: 'police-test', categories: ['physical_abuse'] }],
  [
    'information_response',
    { entry_type: 'information_response', counterpart_agency: 'police-test', refers_to: 'police-test:P-2', outcome: 'declined', reason: 'data_protection' },
    { counterpartAgency: 'police-test', refersTo: { agency: 'police-test', entryId: 'P-2' }, outcome: 'declined', reason: 'data_protection', categories: [] },
  ],
  ['risk_assessment', { entry_type: 'risk_assessment', risk_level: 'low', categories: 'neglect;3A' }, { riskLevel: 'low', categories: ['neglect', 'domestic_abuse'] }],
  [
    'meeting',
    { entry_type: 'meeting', meeting_kind: 'strategy_discussion', invited: 'police-test;health-test', attended: 'police-test' },
    { meetingKind: 'strategy_discussion', invited: ['police-test', 'health-test'], attended: ['police-test'] },
  ],
  ['plan_started', { entry_type: 'plan_started', outcome: 'child_protection' }, { plan: 'child_protection' }],
  ['plan_ended', { entry_type: 'plan_ended', outcome: 'child_in_need' }, { plan: 'child_in_need' }],
  ['serious_incident', { entry_type: 'serious_incident', outcome: 'serious_harm' }, { outcome: 'serious_harm' }],
  ['identity_link', { entry_type: 'identity_link', subjects: 'child-syn-001;csc-child-77' }, { subjects: ['child-syn-001', 'csc-child-77'] }],
  ['identity_unlink', { entry_type: 'identity_unlink', subjects: 'child-syn-001;csc-child-77', reason: 'Different dates of birth' }, { subjects: ['child-syn-001', 'csc-child-77'], reason: 'Different dates of birth' }],
  [
    'correction',
    { entry_type: 'correction', refers_to: 'SYN-3', reason: 'Severity mis-keyed', severity: 'high', child_seen: 'yes' },
    { refersTo: { agency: 'csc-test', entryId: 'SYN-3' }, reason: 'Severity mis-keyed', changes: { severity: 'high', childSeen: true } },
  ],
  ['retraction', { entry_type: 'retraction', refers_to: 'SYN-3', reason: 'Recorded on the wrong child' }, { refersTo: { agency: 'csc-test', entryId: 'SYN-3' }, reason: 'Recorded on the wrong child' }],
  [
    'common optional columns',
    {
      entry_type: 'involvement_opened',
      date: '2024-02',
      date_precision: 'approximate',
      recorded_date: '2024-01-20',
      source: 'family',
      variant_of: 'police-test:P-1',
      summary: '  Grandparent rang, "worried"; see note\nsecond line ',
    },
    {
      occurred: { date: '2024-02', precision: 'approximate' },
      recordedDate: '2024-01-20',
      source: 'family',
      variantOf: { agency: 'police-test', entryId: 'P-1' },
      summary: '  Grandparent rang, "worried"; see note\nsecond line ',
    },
  ],
];

describe(parseChronologyCsv.name, () => {
  it.each(validRows)('reads a valid %s row', async (_label, cells, expected) => {
    const rows = await collect(fromText(csvOf({ ...base, ...cells })));
    expect(rows).toEqual([{ ...facts, entryType: cells.entry_type, ...expected }]);
  });

  it('has a valid-row case for every entry type', () => {
    const covered = new Set(validRows.map(([, cells]) => cells.entry_type));
    expect(ENTRY_TYPES.filter((type) => !covered.has(type))).toEqual([]);
  });

  it('defaults the precision from the form of the date, and accepts a BOM, CRLF and a narrow header', async () => {
    const text = '\uFEFFentry_id,agency,date,entry_type,subjects,severity,categories\r\nA-1,csc-test,2023,concern,child-syn-001,low,1\r\nA-2,csc-test,2023-07,concern,child-syn-001,low,1\r\n';
    const rows = await collect(fromText(Buffer.from(text, 'utf8')));
    expect(rows.map((row) => [row.line, row.occurred])).toEqual([
      [2, { date: '2023', precision: 'year' }],
      [3, { date: '2023-07', precision: 'month' }],
    ]);
  });

  it('numbers each row by the line it starts on, across quoted line breaks, CRLF and blank lines', async () => {
    const header = 'entry_id,agency,date,entry_type,subjects,severity,categories,summary';
    const text = [header, 'A-1,csc-test,2024-01-01,concern,child-syn-001,low,1,"one\r\ntwo\r\nthree"', '', 'A-2,csc-test,2024-01-02,concern,child-syn-001,low,1,x', 'A-3,csc-test,2024-01-03,concern,child-syn-001,low,1,"a\nb"', 'A-4,csc-test,2024-01-04,concern,child-syn-001,low,1,y'].join('\r\n');
    const rows = await collect(fromText(text));
    expect(rows.map((row) => row.line)).toEqual([2, 6, 7, 9]);
  });

  it('reads a file fed byte by byte, splitting multi-byte characters', async () => {
    const bytes = Buffer.from(csvOf(aConcernCells({ summary: 'Café visit — ok' })), 'utf8');
    const rows = await collect(fromText(...Array.from(bytes, (byte) => Buffer.from([byte]))));
    expect(rows).toMatchObject([{ summary: 'Café visit — ok' }]);
  });

  it('is lazy: it reads nothing before the consumer asks, and stops reading when the consumer stops', async () => {
    let pulled = 0;
    const records = function* () {
      yield 'entry_id,agency,date,entry_type,subjects,severity,categories\n';
      for (let i = 0; i < 100_000; i++) {
        pulled++;
        yield `A-${i},csc-test,2024-01-01,concern,child-syn-001,low,1\n`;
      }
    };
    const { Readable } = await import('node:stream');
    const input = Readable.from(records(), { objectMode: false });
    const rows = parseChronologyCsv(input, { file: FILE, now: NOW });
    expect(pulled).toBe(0);
    for await (const row of rows) if (row.line === 3) break;
    await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBeLessThan(5_000);
    expect(input.destroyed).toBe(true);
  });
});

const header = 'entry_id,agency,date,entry_type,subjects,severity,categories';
const ok = 'A-1,csc-test,2024-01-01,concern,child-syn-001,low,1';
const concern = (cells: Cells) => csvOf(aConcernCells(), aConcernCells({ entry_id: 'SYN-2', ...cells }));

/** [case, input, line, column name (undefined: the whole file or row), code, fragment of the reason] */
const badInputs: [string, string | Buffer, number, string | undefined, string, string][] = [
  ['an empty file', '', 1, undefined, 'NO_ENTRIES', 'the file is empty'],
  ['a header and no entries', `${header}\r\n`, 2, undefined, 'NO_ENTRIES', 'no entries'],
  ['no header row', `${ok}\n${ok}\n`, 1, undefined, 'HEADER', 'must be the header row'],
  ['an unknown column', `${header},colour\n${ok},red\n`, 1, 'colour', 'HEADER', '"colour" is not a column'],
  ['a missing required column', 'entry_id,agency,date,entry_type,severity,categories\nA-1,csc-test,2024-01-01,concern,low,1\n', 1, 'subjects', 'HEADER', 'lacks the required column subjects'],
  ['a repeated column', `${header},severity\n${ok},low\n`, 1, 'severity', 'HEADER', 'appears twice'],
  ['an unknown entry_type', concern({ entry_type: 'visit' }), 3, 'entry_type', 'VALUE', '"visit" is not an entry type; use person, relationship'],
  ['a date in another form', concern({ date: '14/03/2024' }), 3, 'date', 'DATE', 'write YYYY-MM-DD'],
  ['an impossible date', concern({ date: '2023-02-30' }), 3, 'date', 'DATE', '"2023-02-30" is not a real date: February 2023 has 28 days'],
  ['month 13', concern({ date: '2023-13' }), 3, 'date', 'DATE', 'there is no month 13'],
  ['a date in the future', concern({ date: '2024-06-16' }), 3, 'date', 'DATE', 'dates may not lie in the future'],
  ['a time later today', concern({ time: '13:30', date: '2024-06-15' }), 3, 'date', 'DATE', '2024-06-15 13:30 lies in the future'],
  ['a time with a coarse date', concern({ time: '10:00', date: '2024-05' }), 3, 'time', 'DATE', 'a time needs a full date'],
  ['a bad time', concern({ time: '25:00' }), 3, 'time', 'DATE', '"25:00" is not a time'],
  ['a precision finer than the date', concern({ date: '2024-05', date_precision: 'day' }), 3, 'date_precision', 'DATE', 'is finer than the date 2024-05'],
  ['recorded before it occurred', concern({ date: '2024-03-01', recorded_date: '2024-02-28' }), 3, 'recorded_date', 'DATE', 'cannot be recorded before it happened'],
  ['recorded in the future', concern({ recorded_date: '2024-07-01' }), 3, 'recorded_date', 'DATE', 'lies in the future'],
  ['an unknown severity', concern({ severity: 'urgent' }), 3, 'severity', 'VALUE', '"urgent" is not a severity; use low, medium or high'],
  ['an unknown risk category', concern({ categories: 'mental_health;8' }), 3, 'categories', 'VALUE', '"8" is not a risk category'],
  ['an unknown date_precision', concern({ date_precision: 'roughly' }), 3, 'date_precision', 'VALUE', 'use day, month, year or approximate'],
  ['an unknown source', concern({ source: 'neighbour' }), 3, 'source', 'VALUE', 'use family, member_of_public, professional, anonymous, self or child'],
  ['an unknown subject_kind', concern({ entry_type: 'person', severity: '', categories: '', subject_kind: 'baby' }), 3, 'subject_kind', 'VALUE', 'use child or adult'],
  ['an unknown relationship', concern({ entry_type: 'relationship', severity: '', categories: '', related_subject: 'adult-syn-002', relationship: 'uncle' }), 3, 'relationship', 'VALUE', 'use parent, step_parent'],
  ['an unknown contact_type', concern({ entry_type: 'contact', severity: '', categories: '', contact_type: 'visit', child_seen: 'yes', outcome: 'completed' }), 3, 'contact_type', 'VALUE', 'use home_visit, appointment'],
  ['an unknown child_seen', concern({ entry_type: 'contact', severity: '', categories: '', contact_type: 'home_visit', child_seen: 'Y', outcome: 'completed' }), 3, 'child_seen', 'VALUE', '"Y" is not yes or no'],
  ['an unknown contact outcome', concern({ entry_type: 'contact', severity: '', categories: '', contact_type: 'home_visit', child_seen: 'no', outcome: 'dna' }), 3, 'outcome', 'VALUE', 'use completed, no_access, did_not_attend or was_not_brought'],
  ['an unknown referral outcome', concern({ entry_type: 'referral_outcome', severity: '', categories: '', outcome: 'nfa', refers_to: 'SYN-1' }), 3, 'outcome', 'VALUE', 'use no_further_action'],
  ['an unknown response', concern({ entry_type: 'information_response', severity: '', categories: '', counterpart_agency: 'csc-test', refers_to: 'csc-test:C-1', outcome: 'refused' }), 3, 'outcome', 'VALUE', 'use disclosed or declined'],
  ['an unknown incident outcome', concern({ entry_type: 'serious_incident', severity: '', categories: '', outcome: 'injury' }), 3, 'outcome', 'VALUE', 'use death or serious_harm'],
  ['an unknown plan', concern({ entry_type: 'plan_started', severity: '', categories: '', outcome: 'cp' }), 3, 'outcome', 'VALUE', 'use child_in_need, child_protection or looked_after'],
  ['an unknown risk_level', concern({ entry_type: 'risk_assessment', severity: '', risk_level: 'severe' }), 3, 'risk_level', 'VALUE', 'is not a risk level'],
  ['an unknown meeting_kind', concern({ entry_type: 'meeting', severity: '', categories: '', meeting_kind: 'huddle', attended: 'csc-test' }), 3, 'meeting_kind', 'VALUE', 'use strategy_discussion'],
  ['an unknown lawful_basis', concern({ entry_type: 'information_shared', severity: '', counterpart_agency: 'csc-test', lawful_basis: 'gdpr' }), 3, 'lawful_basis', 'VALUE', 'is not a lawful basis'],
  ['a missing required value', concern({ severity: '' }), 3, 'severity', 'MISSING_VALUE', 'a concern needs a severity (low, medium or high); this cell is empty'],
  ['a value the type does not use', concern({ contact_type: 'home_visit' }), 3, 'contact_type', 'UNUSED_COLUMN', 'a concern entry does not use contact_type'],
  ['a malformed reference', concern({ entry_type: 'retraction', severity: '', categories: '', refers_to: 'a:b:c', reason: 'x' }), 3, 'refers_to', 'VALUE', 'is not an entry reference'],
  ['one subject in an identity link', concern({ entry_type: 'identity_link', severity: '', categories: '' }), 3, 'subjects', 'VALUE', 'exactly two subject ids'],
  ['an empty list item', concern({ subjects: 'child-syn-001;;adult-syn-002' }), 3, 'subjects', 'VALUE', 'has an empty item'],
  ['an unclosed quote', `${header}\n${ok}\nA-2,csc-test,2024-01-02,concern,"child-syn-001,low,1\n${ok}\n`, 3, 'subjects', 'CSV_SYNTAX', 'never closed'],
  ['text after a closing quote', `${header}\n${ok}\n${ok}\nA-3,"csc-test"x,2024-01-02,concern,child-syn-001,low,1\n`, 4, 'agency', 'CSV_SYNTAX', 'followed by more text'],
  ['a quote inside an unquoted value', `${header}\n${ok}\nA-2,csc-test,2024-01-02,concern,child-syn-001,low,1 "B"\n`, 3, 'categories', 'CSV_SYNTAX', 'a " appears inside an unquoted value'],
  ['invalid UTF-8', Buffer.concat([Buffer.from(`${header},summary\n${ok},x\nA-2,csc-test,2024-01-02,concern,child-syn-001,low,1,caf`), Buffer.from([0xe9]), Buffer.from('\n')]), 3, 'summary', 'ENCODING', 'not UTF-8'],
  ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}\n${ok}\n`, 'utf16le')]), 1, undefined, 'ENCODING', 'UTF-16'],
  ['too few fields', `${header}\n${ok}\nA-2,csc-test,2024-01-02,concern,child-syn-001\n`, 3, 'severity', 'FIELD_COUNT', 'this row has 5 values but the header names 7 columns'],
  ['too many fields', `${header}\n${ok}\n${ok},extra\n`, 3, '(beyond the header)', 'FIELD_COUNT', 'this row has 8 values'],
  ['an over-long field', concern({ entry_id: 'X'.repeat(201) }), 3, 'entry_id', 'TOO_LONG', 'entry_id takes at most 200'],
  ['an over-long summary', concern({ summary: 'x'.repeat(10_001) }), 3, 'summary', 'TOO_LONG', 'summary takes at most 10000'],
  ['a runaway record', `${header},summary\n${ok},"${'x'.repeat(100_001)}\n`, 2, 'summary', 'TOO_LONG', 'runs past 100,000 characters'],
];

describe(`${parseChronologyCsv.name} on bad input`, () => {
  it.each(badInputs)('stops at %s', async (_label, input, line, column, code, fragment) => {
    const error = await parseError(fromText(input));
    expect(error).toBeInstanceOf(ChronologyFormatError);
    const formatError = error as ChronologyFormatError;
    expect({ line: formatError.line, column: formatError.column?.name, code: formatError.code }).toEqual({ line, column, code: `CHRONOLOGY.${code}.INVALID` });
    expect(formatError.reason).toContain(fragment);
    expect(formatError.file).toBe(FILE);
  });

  it('names file, line, 1-based column and header name in the message, with the value cut short', async () => {
    const error = (await parseError(fromText(concern({ severity: `urgent${'!'.repeat(60)}` })))) as ChronologyFormatError;
    expect(error.message).toMatch(/^synthetic-chronology\.csv line 3, column 14 \(severity\): "urgent!+" is not a severity; use low, medium or high$/);
    expect(error.column).toEqual({ index: 14, name: 'severity' });
    expect(error.value).toHaveLength(40);
  });

  it('never echoes free text, which may describe people', async () => {
    const error = (await parseError(fromText(concern({ summary: 'y'.repeat(10_001) })))) as ChronologyFormatError;
    expect(error.value).toBeUndefined();
    expect(error.message).not.toContain('yyyy');
  });

  it('reports the first bad row, even when a later one is also bad', async () => {
    const error = (await parseError(fromText(`${header}\n${ok}\nA-2,csc-test,2024-01-02,concern,child-syn-001,urgent,1\nA-3,"x"y\n`))) as ChronologyFormatError;
    expect([error.line, error.column?.name]).toEqual([3, 'severity']);
  });

  it('yields the rows before the bad one, so the caller can see how far it got', async () => {
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const row of parseChronologyCsv(fromText(`${header}\n${ok}\n${ok}\nA-3,"x"y\n`), { file: FILE, now: NOW })) seen.push(row.line);
      })(),
    ).rejects.toThrow('line 4, column 2 (agency)');
    expect(seen).toEqual([2, 3]);
  });

  it('lets errors of the input itself through unchanged', async () => {
    const { Readable } = await import('node:stream');
    const failing = new Readable({
      read() {
        this.destroy(new Error('upload aborted'));
      },
    });
    await expect(collect(failing)).rejects.toThrow('upload aborted');
  });
});
