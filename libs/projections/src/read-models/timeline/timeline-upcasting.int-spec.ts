import { EmbeddedDatabase, PgliteEventStore, START, type EventStore, type NewEvent } from '@casetrail/event-store';
import { uniqueName } from '@casetrail/event-store/testing';
import type { DataSource } from 'typeorm';
import { openReadModels } from '../../infrastructure/read-model-data-source';
import { READ_MODELS } from '../index';
import { TimelineProjection } from './timeline.projection';
import { TimelineReader } from './timeline.reader';

/**
 * Old events in the log are read at their latest shape: the projection keeps the row as stored
 * (data and schema version), the reader upcasts. Events are appended here literally, as earlier
 * builds wrote them, not through today's write path.
 */
const CHILD = 'subj-child-0301';
const event = (eventId: string, type: string, schemaVersion: number, data: string): NewEvent => ({ eventId, type, schemaVersion, data: JSON.parse(data) });

const PERSON = event(
  '00000000-0000-5000-8000-000000000001',
  'PersonRegistered',
  1,
  `{ "entry": { "agency": "csc-north", "entryId": "C-1" }, "subjects": ["${CHILD}"], "occurred": { "at": "2019-01-01T00:00:00.000Z", "precision": "day" },
     "recordedAt": "2019-01-01T00:00:00.000Z", "subjectId": "${CHILD}", "kind": "child" }`,
);
/** InformationShared version 1, exactly as stored before consent was recorded. */
const SHARED_V1 = event(
  '00000000-0000-5000-8000-000000000002',
  'InformationShared',
  1,
  `{ "entry": { "agency": "police-north", "entryId": "P-2019-7" }, "subjects": ["${CHILD}"], "occurred": { "at": "2019-03-04T00:00:00.000Z", "precision": "day" },
     "recordedAt": "2019-03-05T00:00:00.000Z", "to": "csc-north", "about": [], "categories": ["sexual_offence_history"], "lawfulBasis": "safeguarding_condition" }`,
);

let database: EmbeddedDatabase;
let store: EventStore;
let readModels: DataSource;

beforeAll(async () => {
  database = await EmbeddedDatabase.open();
}, 60_000);
afterAll(() => database.close());
beforeEach(async () => {
  await database.useSchema(uniqueName('tlup'));
  store = await PgliteEventStore.open(database);
  readModels = await openReadModels({ embedded: database }, READ_MODELS);
}, 60_000);
afterEach(() => readModels.destroy());

async function project(): Promise<void> {
  const events = await store.readAll({ after: START, limit: 1000 });
  const sut = new TimelineProjection();
  await readModels.transaction((tx) => sut.apply(events.filter((e) => sut.handles.has(e.type)), tx));
}

describe('the timeline over events stored in an older schema version', () => {
  it('keeps a version 1 sharing as stored and reads it as version 2 with consent not recorded', async () => {
    await store.append('subject-' + CHILD, [PERSON], 'no_stream');
    await store.append('entry-police-north:P-2019-7', [SHARED_V1], 'no_stream');

    await project();

    const [row]: { schema_version: number; data: Record<string, unknown> }[] = await readModels.query(
      `select schema_version, data from rm_timeline_events where type = 'InformationShared'`,
    );
    expect(row.schema_version).toBe(1);
    expect(row.data).not.toHaveProperty('consent');
    const timeline = await new TimelineReader(readModels.manager).childTimeline(CHILD);
    const shared = timeline?.entries.find((e) => e.event.type === 'InformationShared');
    expect(shared?.event).toEqual({ type: 'InformationShared', schemaVersion: 2, data: { ...SHARED_V1.data as object, consent: 'not_recorded' } });
  });

  it('shows the correction of an answer made by the answer’s own id, kept in the answered referral’s stream', async () => {
    const facts = (agency: string, entryId: string, day: string) =>
      `"entry": { "agency": "${agency}", "entryId": "${entryId}" }, "subjects": ["${CHILD}"], "occurred": { "at": "2024-05-${day}T00:00:00.000Z", "precision": "day" }, "recordedAt": "2024-05-${day}T00:00:00.000Z"`;
    await store.append('subject-' + CHILD, [PERSON], 'no_stream');
    await store.append(
      'entry-police-north:P-3',
      [
        event('00000000-0000-5000-8000-000000000010', 'ReferralMade', 1, `{ ${facts('police-north', 'P-3', '01')}, "from": "police-north", "to": "csc-north", "categories": [] }`),
        event('00000000-0000-5000-8000-000000000011', 'ReferralOutcomeRecorded', 1, `{ ${facts('csc-north', 'C-4', '02')}, "answers": { "agency": "police-north", "entryId": "P-3" }, "outcome": "no_further_action" }`),
        event('00000000-0000-5000-8000-000000000012', 'EntryCorrected', 1, `{ ${facts('csc-north', 'C-6', '03')}, "amends": { "agency": "csc-north", "entryId": "C-4" }, "changes": { "outcome": "assessment" }, "reason": "mis-keyed" }`),
      ],
      'no_stream',
    );
    await store.append('entry-csc-north:C-4', [event('00000000-0000-5000-8000-000000000013', 'EntryLocated', 1, `{ "entry": { "agency": "csc-north", "entryId": "C-4" }, "within": { "agency": "police-north", "entryId": "P-3" } }`)], 'no_stream');

    await project();

    const timeline = await new TimelineReader(readModels.manager).childTimeline(CHILD);
    const answer = timeline?.entries.find((e) => e.event.type === 'ReferralOutcomeRecorded');
    expect(answer?.event.data).toMatchObject({ outcome: 'assessment' });
    expect(answer?.history).toEqual([expect.objectContaining({ kind: 'corrected', entry: { agency: 'csc-north', entryId: 'C-6' }, changes: { outcome: { from: 'no_further_action', to: 'assessment' } } })]);
    expect(timeline?.entries.map((e) => e.event.type)).toEqual(['PersonRegistered', 'ReferralMade', 'ReferralOutcomeRecorded']);
  });
});
