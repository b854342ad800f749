import { assembleTimeline, type TimelineRecord } from './assemble';

const CHILD = 'subj-child-a';
const ALIAS = 'subj-child-a-health';
const ADULT = 'subj-adult-b';
let position = 0;

function record(type: string, agency: string, entryId: string, date: string, data: Record<string, unknown> = {}, recorded = date): TimelineRecord {
  position += 1;
  return {
    eventId: `ev-${agency}-${entryId}`,
    position: String(position),
    event: {
      type,
      schemaVersion: 1,
      data: {
        entry: { agency, entryId },
        subjects: [CHILD],
        occurred: { at: `${date}T00:00:00.000Z`, precision: 'day' },
        recordedAt: `${recorded}T12:00:00.000Z`,
        ...data,
      },
    },
  };
}

const sources = (records: TimelineRecord[], canonical = new Map<string, string>()) => ({
  childAliases: [CHILD],
  canonical,
  records,
  agencies: { police: 'police' as const, csc: 'childrens_social_care' as const, health: 'health' as const },
});

const refs = (timeline: ReturnType<typeof assembleTimeline>) => timeline.entries.map((e) => `${e.event.data.entry.agency}:${e.event.data.entry.entryId}`);

describe(assembleTimeline.name, () => {
  it('orders by occurrence, then recording, then log position', () => {
    const timeline = assembleTimeline(
      sources([
        record('ContactRecorded', 'health', 'H-2', '2024-03-02'),
        record('ConcernRecorded', 'police', 'P-1', '2024-03-01', {}, '2024-03-05'),
        record('ContactRecorded', 'health', 'H-1', '2024-03-01', {}, '2024-03-01'),
        record('ContactRecorded', 'csc', 'C-1', '2024-03-01', {}, '2024-03-01'),
      ]),
    );
    expect(refs(timeline)).toEqual(['health:H-1', 'csc:C-1', 'police:P-1', 'health:H-2']);
  });

  it('shows the corrected values with what they replaced, and keeps a retracted entry only in the history', () => {
    const timeline = assembleTimeline(
      sources([
        record('ConcernRecorded', 'police', 'P-1', '2024-03-01', { severity: 'high', categories: ['neglect'] }),
        record('EntryCorrected', 'police', 'P-2', '2024-03-03', { amends: { agency: 'police', entryId: 'P-1' }, changes: { severity: 'medium' }, reason: 'mis-keyed' }),
        record('ContactRecorded', 'health', 'H-1', '2024-03-02'),
        record('EntryRetracted', 'health', 'H-9', '2024-03-04', { amends: { agency: 'health', entryId: 'H-1' }, reason: 'wrong child' }),
      ]),
    );
    const [concern, contact] = timeline.entries;
    expect(concern.event.data).toMatchObject({ severity: 'medium', categories: ['neglect'] });
    expect(concern.history).toEqual([
      expect.objectContaining({ kind: 'corrected', entry: { agency: 'police', entryId: 'P-2' }, reason: 'mis-keyed', changes: { severity: { from: 'high', to: 'medium' } } }),
    ]);
    expect(contact).toMatchObject({ retracted: true, history: [expect.objectContaining({ kind: 'retracted', reason: 'wrong child' })] });
  });

  it('follows identity links: entries under a linked id are the child’s, named by its canonical id', () => {
    const linked = record('ContactRecorded', 'health', 'H-1', '2024-03-02', { subjects: [ALIAS] });
    const timeline = assembleTimeline({ ...sources([linked], new Map([[ALIAS, CHILD]])), childAliases: [CHILD, ALIAS] });
    expect(timeline.aliases).toEqual([CHILD, ALIAS].sort());
    expect(timeline.entries[0].event.data.subjects).toEqual([CHILD]);
  });

  it('includes an adult’s entries only while the adult is in the household, marked as such', () => {
    const about = (entryId: string, date: string) => record('ConcernRecorded', 'police', entryId, date, { subjects: [ADULT], severity: 'high', categories: ['violent_offence_history'] });
    const timeline = assembleTimeline(
      sources([
        about('P-before', '2023-12-01'),
        record('RelationshipRecorded', 'csc', 'C-1', '2024-01-01', { subject: CHILD, related: ADULT, relation: 'partner_of_parent' }),
        about('P-during', '2024-02-01'),
        record('RelationshipEnded', 'csc', 'C-2', '2024-03-01', { subject: CHILD, related: ADULT, relation: 'partner_of_parent' }),
        about('P-after', '2024-04-01'),
        record('RelationshipRecorded', 'csc', 'C-3', '2024-01-01', { subject: CHILD, related: 'subj-gran', relation: 'grandparent' }),
      ]),
    );
    expect(timeline.household).toEqual([
      { adult: ADULT, relation: 'partner_of_parent', from: '2024-01-01T00:00:00.000Z', to: '2024-03-01T00:00:00.000Z', evidence: [{ agency: 'csc', entryId: 'C-1' }, { agency: 'csc', entryId: 'C-2' }] },
    ]);
    expect(refs(timeline)).toEqual(['csc:C-1', 'csc:C-3', 'police:P-during', 'csc:C-2']);
    expect(timeline.entries.find((e) => e.event.data.entry.entryId === 'P-during')?.householdAdult).toBe(ADULT);
  });

  it('groups accounts of one happening under the earliest recorded one', () => {
    const timeline = assembleTimeline(
      sources([
        record('ContactRecorded', 'police', 'P-1', '2024-03-01', {}, '2024-03-01'),
        record('ContactRecorded', 'health', 'H-1', '2024-03-01', { variantOf: { agency: 'police', entryId: 'P-1' } }, '2024-03-02'),
        record('ContactRecorded', 'health', 'H-2', '2024-03-05'),
      ]),
    );
    expect(timeline.entries.map((e) => e.variantGroup)).toEqual(['police:P-1', 'police:P-1', undefined]);
  });
});
