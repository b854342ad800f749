import { parse } from 'csv-parse/sync';
import { aRow } from '../testing/chronology-rows';
import { aTimeline, concern, shared } from '../testing/timeline-builders';
import { CHRONOLOGY_EXPORT_HEADINGS, chronologyCsv } from './chronology-csv';
import { integratedChronologyRows } from './integrated-chronology';

const flag = { id: 'f1', rule: 'unshared-risk', severity: 'high', explanation: 'police-a recorded a concern; it did not share it.' } as const;

describe(chronologyCsv.name, () => {
  it('starts with the header row and ends every record with CRLF', () => {
    const csv = chronologyCsv([aRow()]);
    expect(csv).toBe(
      'Child,Date,Agency,Agency entry id,Entry type,What was known,Shared with,Flags,Review findings,Corrections,Household,Event id\r\n' +
        'child-1,2024-05-03,police-a,P-1,Concern,Concern: domestic abuse (high),,,,,,evt-1\r\n',
    );
    expect(CHRONOLOGY_EXPORT_HEADINGS).toHaveLength(12);
  });

  it('gives only the header for no rows', () => {
    expect(chronologyCsv([])).toBe(`${CHRONOLOGY_EXPORT_HEADINGS.join(',')}\r\n`);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const csv = chronologyCsv([aRow({ known: 'Concern: neglect, domestic abuse (low)', summary: 'Mum said "not again".\nLeft at 9' })]);
    expect(csv).toContain(',"Concern: neglect, domestic abuse (low)\nAgency\'s note: Mum said ""not again"".\nLeft at 9",');
  });

  it('puts each item of a list cell on its own line inside the quoted cell', () => {
    const csv = chronologyCsv([aRow({ flags: [flag, { ...flag, id: 'f2', rule: 'late-recording', severity: 'normal', explanation: 'Recorded late; 9 days.' }] })]);
    expect(csv).toContain(',"unshared-risk (high): police-a recorded a concern; it did not share it.\nlate-recording: Recorded late; 9 days.",');
  });

  it('reads back, cell for cell', () => {
    const row = aRow({
      summary: 'a "quoted", multi\r\nline\nsummary',
      sharedWith: ['csc-b, by a sharing on 2024-05-04 (police-a:S-1)', 'school-c, at a meeting both attended on 2024-05-09 (csc-b:M-1)'],
      corrections: ['Corrected on 2024-05-05: severity high → medium (reason: mis-keyed)'],
      household: 'About household adult adult-1 (partner of parent)',
      findings: [{ findingId: 'F-1', theme: 'information_sharing', text: 'Not passed on.' }],
    });
    const [header, record] = parse(chronologyCsv([row]), { record_delimiter: '\r\n' }) as string[][];
    expect(header).toEqual(CHRONOLOGY_EXPORT_HEADINGS);
    expect(record).toEqual([
      'child-1',
      '2024-05-03',
      'police-a',
      'P-1',
      'Concern',
      'Concern: domestic abuse (high)\nAgency\'s note: a "quoted", multi\r\nline\nsummary',
      'csc-b, by a sharing on 2024-05-04 (police-a:S-1)\nschool-c, at a meeting both attended on 2024-05-09 (csc-b:M-1)',
      '',
      'F-1 (information sharing): Not passed on.',
      'Corrected on 2024-05-05: severity high → medium (reason: mis-keyed)',
      'About household adult adult-1 (partner of parent)',
      'evt-1',
    ]);
  });

  it.each(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)'])('keeps a spreadsheet from running a cell starting %s', (text) => {
    const [, record] = parse(chronologyCsv([aRow({ known: text })])) as string[][];
    expect(record![5]).toBe(`'${text}`);
  });

  it('adds a byte order mark only when asked, for Excel', () => {
    expect(chronologyCsv([]).charCodeAt(0)).toBe('C'.charCodeAt(0));
    expect(chronologyCsv([], { excelBom: true }).charCodeAt(0)).toBe(0xfeff);
  });

  it('writes the rows built from a timeline', () => {
    const timeline = aTimeline([concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'csc-b', '2024-05-02', { id: 's1', entries: ['c1'] })]);
    const csv = chronologyCsv(integratedChronologyRows({ timelines: [timeline], flags: [] }));
    expect(csv.split('\r\n')).toEqual([
      CHRONOLOGY_EXPORT_HEADINGS.join(','),
      'child-1,2024-05-01,police-a,c1,Concern,Concern: domestic abuse (medium),"csc-b, by a sharing on 2024-05-02 (police-a:s1)",,,,,c1',
      'child-1,2024-05-02,police-a,s1,Information shared,Shared with csc-b; entries police-a:c1; lawful basis: safeguarding condition (DPA 2018 Sch. 1 para 18),To csc-b,,,,,s1',
      '',
    ]);
  });
});
