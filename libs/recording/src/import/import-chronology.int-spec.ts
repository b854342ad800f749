import { EmbeddedDatabase, PgliteEventStore, START, type EventStore } from '@casetrail/event-store';
import { uniqueName } from '@casetrail/event-store/testing';
import { Readable } from 'node:stream';
import { registerAgency } from '../application/register-agency';
import { ChronologyFormatError } from '@casetrail/chronology';
import { importChronology } from './import-chronology';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const HEADER =
  'entry_id,agency,date,time,date_precision,recorded_date,entry_type,subjects,subject_kind,related_subject,relationship,counterpart_agency,categories,severity,contact_type,child_seen,outcome,risk_level,meeting_kind,invited,attended,refers_to,lawful_basis,reason,source,variant_of,summary';

/** A row by column name; everything else empty. */
function row(values: Record<string, string>): string {
  return HEADER.split(',')
    .map((column) => {
      const value = values[column] ?? '';
      return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    })
    .join(',');
}

const CHRONOLOGY = [
  HEADER,
  row({ entry_id: 'C-1', agency: 'csc-north', date: '2023-09-01', entry_type: 'person', subjects: 'subj-imp-child', subject_kind: 'child' }),
  row({ entry_id: 'C-2', agency: 'csc-north', date: '2023-09', entry_type: 'person', subjects: 'subj-imp-adult', subject_kind: 'adult' }),
  row({ entry_id: 'C-3', agency: 'csc-north', date: '2023-10-02', entry_type: 'relationship', subjects: 'subj-imp-child', related_subject: 'subj-imp-adult', relationship: 'partner_of_parent', source: 'family' }),
  row({ entry_id: 'P-1', agency: 'police-north', date: '2023-10-05', time: '22:40', entry_type: 'contact', subjects: 'subj-imp-child', contact_type: 'police_callout', child_seen: 'yes', outcome: 'completed', summary: 'Call-out, "raised voices" reported by a neighbour' }),
  row({ entry_id: 'P-2', agency: 'police-north', date: '2023-10-05', entry_type: 'concern', subjects: 'subj-imp-child;subj-imp-adult', categories: '3B;sexual_offence_history', severity: 'high' }),
  row({ entry_id: 'P-3', agency: 'police-north', date: '2023-10-06', entry_type: 'referral', subjects: 'subj-imp-child', counterpart_agency: 'csc-north', categories: 'domestic_abuse' }),
  row({ entry_id: 'C-4', agency: 'csc-north', date: '2023-10-09', entry_type: 'referral_outcome', subjects: 'subj-imp-child', refers_to: 'police-north:P-3', outcome: 'no_further_action' }),
  row({ entry_id: 'C-5', agency: 'csc-north', date: '2023-10-10', entry_type: 'information_request', subjects: 'subj-imp-adult', counterpart_agency: 'police-north', categories: 'sexual_offence_history' }),
  row({ entry_id: 'P-4', agency: 'police-north', date: '2023-10-12', entry_type: 'information_response', subjects: 'subj-imp-adult', counterpart_agency: 'csc-north', refers_to: 'csc-north:C-5', outcome: 'declined', reason: 'data_protection' }),
  row({ entry_id: 'C-6', agency: 'csc-north', date: '2023-10-20', entry_type: 'meeting', subjects: 'subj-imp-child', meeting_kind: 'strategy_discussion', invited: 'csc-north;police-north', attended: 'csc-north' }),
  row({ entry_id: 'P-5', agency: 'police-north', date: '2023-10-21', entry_type: 'correction', subjects: 'subj-imp-child', refers_to: 'P-2', severity: 'medium', reason: 'severity mis-keyed' }),
].join('\n');

let database: EmbeddedDatabase;
let store: EventStore;
beforeAll(async () => {
  database = await EmbeddedDatabase.open();
}, 60_000);
afterAll(() => database.close());
beforeEach(async () => {
  await database.useSchema(uniqueName('imp'));
  store = await PgliteEventStore.open(database);
  for (const [agencyId, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care']]) {
    await registerAgency(store, { agencyId, name: `${agencyId} (synthetic)`, kind }, {}, NOW);
  }
});

const run = (text: string | Buffer, file = 'chronology.csv') =>
  importChronology(store, Readable.from([typeof text === 'string' ? Buffer.from(text) : text]), { file, metadata: { correlationId: 'imp' }, clock: () => NOW });
const logSize = async () => (await store.readAll({ after: START, limit: 100_000 })).length;

describe(importChronology.name, () => {
  it('imports every row through the entry rules and summarises by type; a re-import appends nothing', async () => {
    const before = await logSize();
    const first = await run(CHRONOLOGY);
    expect(first).toMatchObject({ rows: 11, appended: 11, alreadyPresent: 0 });
    expect(first.byType).toEqual({ person: 2, relationship: 1, contact: 1, concern: 1, referral: 1, referral_outcome: 1, information_request: 1, information_response: 1, meeting: 1, correction: 1 });
    // 11 entries, and a pointer for each of the three kept in another entry's stream (C-4, P-4, P-5).
    expect(await logSize()).toBe(before + 14);
    expect((await store.readStream('entry-csc-north:C-4')).map((e) => e.type)).toEqual(['EntryLocated']);

    const [contact] = await store.readStream('entry-police-north:P-1');
    expect(contact.data).toMatchObject({ occurred: { at: '2023-10-05T22:40:00.000Z', precision: 'day' }, summary: 'Call-out, "raised voices" reported by a neighbour' });
    expect((await store.readStream('entry-police-north:P-3')).map((e) => e.type)).toEqual(['ReferralMade', 'ReferralOutcomeRecorded']);
    expect((await store.readStream('entry-police-north:P-2')).map((e) => e.type)).toEqual(['ConcernRecorded', 'EntryCorrected']);
    const [adult] = await store.readStream('subject-subj-imp-adult');
    expect(adult.data).toMatchObject({ occurred: { precision: 'month' } });

    const again = await run(CHRONOLOGY);
    expect(again).toMatchObject({ rows: 11, appended: 0, alreadyPresent: 11 });
    expect(await logSize()).toBe(before + 14);
  });

  describe('an outcome corrected by its own entry id (the entry locator)', () => {
    const correction = (entryId: string, outcome: string) =>
      row({ entry_id: entryId, agency: 'csc-north', date: '2023-10-11', entry_type: 'correction', subjects: 'subj-imp-child', refers_to: 'C-4', outcome, reason: 'outcome mis-keyed' });
    const host = 'entry-police-north:P-3';
    const hostTypes = async () => (await store.readStream(host)).map((e) => e.type);

    it('in the same file: the correction follows the pointer written rows before; a re-import appends nothing', async () => {
      const file = [CHRONOLOGY, correction('C-7', 'assessment')].join('\n');

      expect(await run(file)).toMatchObject({ rows: 12, appended: 12 });
      expect(await hostTypes()).toEqual(['ReferralMade', 'ReferralOutcomeRecorded', 'EntryCorrected']);
      expect((await store.readStream(host))[2].data).toMatchObject({ amends: { agency: 'csc-north', entryId: 'C-4' }, changes: { outcome: 'assessment' } });

      const size = await logSize();
      expect(await run(file)).toMatchObject({ rows: 12, appended: 0, alreadyPresent: 12 });
      expect(await logSize()).toBe(size);
    });

    it('in a later chunk of the same file: the pointer is read back from the chunk appended before', async () => {
      const filler = Array.from({ length: 2_100 }, (_, i) =>
        row({ entry_id: `C-F${i}`, agency: 'csc-north', date: '2023-01-01', entry_type: 'person', subjects: `subj-fill-${i}`, subject_kind: 'adult' }),
      );
      const file = [CHRONOLOGY, ...filler, correction('C-7', 'early_help')].join('\n');

      expect(await run(file)).toMatchObject({ rows: 2_112, appended: 2_112 });
      expect(await hostTypes()).toEqual(['ReferralMade', 'ReferralOutcomeRecorded', 'EntryCorrected']);
      expect(await run(file)).toMatchObject({ appended: 0, alreadyPresent: 2_112 });
    }, 60_000);

    it('in a later file', async () => {
      await run(CHRONOLOGY);

      expect(await run([HEADER, correction('C-7', 'section_47')].join('\n'), 'corrections.csv')).toMatchObject({ appended: 1 });
      expect(await hostTypes()).toEqual(['ReferralMade', 'ReferralOutcomeRecorded', 'EntryCorrected']);
    });

    it('refuses, at its line, a row reusing the outcome’s id for another entry', async () => {
      const reuse = row({ entry_id: 'C-4', agency: 'csc-north', date: '2023-10-12', entry_type: 'contact', subjects: 'subj-imp-child', contact_type: 'phone_call', child_seen: 'no', outcome: 'completed' });
      const before = await logSize();

      const error = await run([CHRONOLOGY, reuse].join('\n')).catch((e: unknown) => e);

      expect(error).toMatchObject({ line: 13, column: { name: 'entry_id' } });
      expect((error as Error).message).toContain('ENTRY.ID_REUSED.CONFLICT');
      expect(await logSize()).toBe(before);
    });

    it('a sharing imported from the format (which has no consent column) is version 2 with consent not recorded', async () => {
      const sharing = row({ entry_id: 'P-6', agency: 'police-north', date: '2023-10-20', entry_type: 'information_shared', subjects: 'subj-imp-child', counterpart_agency: 'csc-north', refers_to: 'P-2' });
      await run([CHRONOLOGY, sharing].join('\n'));

      const [shared] = await store.readStream('entry-police-north:P-6');
      expect(shared).toMatchObject({ schemaVersion: 2, data: { consent: 'not_recorded', lawfulBasis: 'not_recorded' } });
    });
  });

  const lines = CHRONOLOGY.split('\n');
  it.each<[string, string | Buffer, number, string | undefined, string]>([
    ['an unknown severity', [...lines.slice(0, 5), lines[5].replace(',high,', ',urgent,')].join('\n'), 6, 'severity', '"urgent"'],
    ['an unknown entry type', [...lines.slice(0, 3), lines[3].replace('relationship,subj', 'friendship,subj')].join('\n'), 4, 'entry_type', '"friendship" is not an entry type'],
    ['an impossible date', [...lines.slice(0, 4), lines[4].replace('2023-10-05', '2023-02-30')].join('\n'), 5, 'date', 'is not a real date'],
    ['a date in the future', [...lines.slice(0, 4), lines[4].replace('2023-10-05', '2031-01-01')].join('\n'), 5, 'date', 'dates may not lie in the future'],
    ['an unknown referenced entry', [...lines.slice(0, 7), lines[7].replace('police-north:P-3', 'police-north:P-999')].join('\n'), 8, 'refers_to', 'No entry police-north:P-999'],
    ['an unknown subject', [...lines.slice(0, 4), lines[4].replace('subj-imp-child', 'subj-nobody')].join('\n'), 5, 'subjects', 'No subject subj-nobody'],
    ['an unregistered agency', [...lines.slice(0, 4), lines[4].replace('police-north', 'police-nowhere')].join('\n'), 5, 'agency', 'not registered'],
    ['a missing required header column', CHRONOLOGY.replace('entry_type,', 'kind_of_entry,'), 1, 'kind_of_entry', 'kind_of_entry'],
    ['a header lacking entry_type', CHRONOLOGY.split('\n').map((l) => l.split(',').filter((_, i) => i !== 6).join(',')).join('\n'), 1, 'entry_type', 'entry_type'],
    ['a broken quote', [...lines.slice(0, 4), lines[4].replace('"Call-out,', 'Call-out "raised,')].join('\n'), 5, 'summary', 'quote'],
    ['a row with too many fields', [...lines.slice(0, 3), `${lines[3]},extra`].join('\n'), 4, '(beyond the header)', 'the header names 27 columns'],
    ['an empty file', '', 1, undefined, 'the file is empty'],
    ['a file that is not UTF-8', Buffer.concat([Buffer.from(lines.slice(0, 4).join('\n') + '\n'), Buffer.from('P-9,police-north,2023-10-05,,,,contact,subj-imp-child,,,,,,,home_visit,no,completed,,,,,,,,,,Caf\xe9\n', 'latin1')]), 5, 'summary', 'UTF-8'],
  ])('stops at %s, naming line and column, and imports nothing', async (_label, text, line, column, reason) => {
    const before = await logSize();
    const error = await run(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChronologyFormatError);
    expect(error).toMatchObject({ file: 'chronology.csv', line });
    expect((error as ChronologyFormatError).column?.name).toBe(column);
    expect((error as Error).message).toContain(reason);
    expect(await logSize()).toBe(before);
  });

  it('a bad row at the very end of a long file leaves the store exactly as it was', async () => {
    const before = await logSize();
    const people = Array.from({ length: 3000 }, (_, i) =>
      row({ entry_id: `C-G${i}`, agency: 'csc-north', date: '2023-01-01', entry_type: 'person', subjects: `subj-gen-${i}`, subject_kind: 'child' }),
    );
    const bad = row({ entry_id: 'C-BAD', agency: 'csc-north', date: '2023-01-01', entry_type: 'concern', subjects: 'subj-gen-1', categories: 'neglect', severity: 'catastrophic' });
    const error = await run([HEADER, ...people, bad].join('\n')).catch((e: unknown) => e);
    expect(error).toMatchObject({ line: 3002, column: { name: 'severity' } });
    expect(await logSize()).toBe(before);
  }, 60_000);
});
