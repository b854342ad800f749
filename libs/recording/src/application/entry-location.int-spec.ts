import { EmbeddedDatabase, PgliteEventStore, START, type PgliteEventStore as Store, type TransactionalEventStore } from '@casetrail/event-store';
import { uniqueName } from '@casetrail/event-store/testing';
import { eventIdFor } from './event-ids';
import { readEntry } from './entry-location';
import { RecordingService } from './recording.service';
import { registerAgency } from './register-agency';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const CHILD = 'subj-child-0201';
const writer = (agency: string) => ({ agency, metadata: { correlationId: `corr-${agency}`, actor: { agencyId: agency, role: 'practitioner' } } });
const police = writer('police-north');
const csc = writer('csc-north');
const on = (date: string, entryId: string, extra: object = {}) => ({ entryId, subjects: [CHILD], occurred: { date }, ...extra });

let database: EmbeddedDatabase;
let store: Store;
let sut: RecordingService;

beforeAll(async () => {
  database = await EmbeddedDatabase.open();
}, 60_000);
afterAll(() => database.close());

beforeEach(async () => {
  await database.useSchema(uniqueName('loc'));
  store = await PgliteEventStore.open(database);
  sut = new RecordingService(store, () => NOW);
  for (const [agencyId, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care']]) {
    await registerAgency(store, { agencyId, name: `${agencyId} (synthetic)`, kind }, {}, NOW);
  }
  await sut.record('person', on('2024-01-01', 'C-P', { kind: 'child' }), csc);
  await sut.record('referral', on('2024-05-01', 'P-3', { to: 'csc-north', categories: ['domestic_abuse'] }), police);
  await sut.record('referral', on('2024-05-01', 'P-5', { to: 'csc-north', categories: ['neglect'] }), police);
});

const logSize = async () => (await store.readAll({ after: START, limit: 10_000 })).length;
const types = async (streamId: string) => (await store.readStream(streamId)).map((e) => e.type);
const outcome = (entryId = 'C-4', refersTo = 'police-north:P-3') => on('2024-05-02', entryId, { refersTo, outcome: 'no_further_action' });

describe('the entry locator', () => {
  it('keeps an outcome with its referral and reserves the outcome’s own id with a pointer, in one write', async () => {
    const before = await logSize();

    const result = await sut.record('referral-outcome', outcome(), csc);

    expect(result).toMatchObject({ streamId: 'entry-police-north:P-3', alreadyApplied: false, appended: [{ revision: 1n }] });
    expect(await types('entry-police-north:P-3')).toEqual(['ReferralMade', 'ReferralOutcomeRecorded']);
    const [pointer] = await store.readStream('entry-csc-north:C-4');
    expect(pointer).toMatchObject({ type: 'EntryLocated', data: { entry: { agency: 'csc-north', entryId: 'C-4' }, within: { agency: 'police-north', entryId: 'P-3' } } });
    expect(await logSize()).toBe(before + 2);
  });

  it('a correction names the outcome by its own id and is decided where the outcome lives', async () => {
    await sut.record('referral-outcome', outcome(), csc);

    const corrected = await sut.record('correction', on('2024-05-03', 'C-6', { refersTo: 'C-4', changes: { outcome: 'assessment' }, reason: 'mis-keyed' }), csc);

    expect(corrected.streamId).toBe('entry-police-north:P-3');
    expect(await types('entry-police-north:P-3')).toEqual(['ReferralMade', 'ReferralOutcomeRecorded', 'EntryCorrected']);
    expect(await types('entry-csc-north:C-6')).toEqual(['EntryLocated']);
    const back = await readEntry(store, { agency: 'csc-north', entryId: 'C-4' });
    expect(back.keptWithin).toEqual({ agency: 'police-north', entryId: 'P-3' });
    expect(back.events.map((e) => e.type)).toEqual(['ReferralOutcomeRecorded', 'EntryCorrected']);
  });

  it('a retried outcome and a retried correction append nothing', async () => {
    await sut.record('referral-outcome', outcome(), csc);
    await sut.record('correction', on('2024-05-03', 'C-6', { refersTo: 'C-4', changes: { outcome: 'assessment' }, reason: 'mis-keyed' }), csc);
    const before = await logSize();

    const retried = await sut.record('referral-outcome', outcome(), csc);
    const again = await sut.record('correction', on('2024-05-03', 'C-6', { refersTo: 'C-4', changes: { outcome: 'assessment' }, reason: 'mis-keyed' }), csc);

    expect([retried.alreadyApplied, again.alreadyApplied]).toEqual([true, true]);
    expect(await logSize()).toBe(before);
  });

  it.each<[string, () => Promise<unknown>, string]>([
    ['a contact recorded under the outcome’s id', () => sut.record('contact', on('2024-05-04', 'C-4', { contactType: 'home_visit' }), csc), 'ENTRY.ID_REUSED.CONFLICT'],
    ['the outcome’s id answering another referral', () => sut.record('referral-outcome', outcome('C-4', 'police-north:P-5'), csc), 'ENTRY.ID_REUSED.CONFLICT'],
    ['another agency correcting the outcome', () => sut.record('correction', on('2024-05-03', 'P-9', { refersTo: 'csc-north:C-4', changes: { outcome: 'assessment' }, reason: 'x' }), police), 'ENTRY.NOT_OWN_ENTRY.FORBIDDEN'],
    ['an outcome of the outcome', () => sut.record('referral-outcome', outcome('C-7', 'C-4'), csc), 'ENTRY.WRONG_TYPE.INVALID'],
  ])('refuses %s and writes nothing', async (_label, write, code) => {
    await sut.record('referral-outcome', outcome(), csc);
    const before = await logSize();

    await expect(write()).rejects.toMatchObject({ code });

    expect(await logSize()).toBe(before);
  });

  it('refuses an outcome under an id already used for another entry, and leaves no pointer behind', async () => {
    await sut.record('contact', on('2024-05-01', 'C-4', { contactType: 'phone_call' }), csc);
    const before = await logSize();

    await expect(sut.record('referral-outcome', outcome(), csc)).rejects.toMatchObject({ code: 'ENTRY.ID_REUSED.CONFLICT' });

    expect(await logSize()).toBe(before);
    expect(await types('entry-police-north:P-3')).toEqual(['ReferralMade']);
  });

  it('nothing is amended after the outcome is retracted by its own id', async () => {
    await sut.record('referral-outcome', outcome(), csc);
    await sut.record('retraction', on('2024-05-03', 'C-8', { refersTo: 'C-4', reason: 'recorded against the wrong referral' }), csc);

    await expect(sut.record('correction', on('2024-05-04', 'C-9', { refersTo: 'C-4', changes: { outcome: 'assessment' }, reason: 'x' }), csc)).rejects.toMatchObject({
      code: 'ENTRY.ALREADY_RETRACTED',
    });
    expect(await store.readStream('entry-csc-north:C-9')).toEqual([]);
  });

  it('in a batch: an outcome and its correction in one transaction', async () => {
    await store.transaction(async (tx) => {
      const batch = RecordingService.within(tx, () => NOW);
      await batch.record('referral-outcome', outcome(), csc);
      await batch.record('correction', on('2024-05-03', 'C-6', { refersTo: 'C-4', changes: { outcome: 'early_help' }, reason: 'mis-keyed' }), csc);
    });

    expect(await types('entry-police-north:P-3')).toEqual(['ReferralMade', 'ReferralOutcomeRecorded', 'EntryCorrected']);
  });

  it('on a store without transactions: the pointer first, and only once the entry is known to be accepted', async () => {
    const plain: TransactionalEventStore = { append: (...a) => store.append(...a), readStream: (...a) => store.readStream(...a) };
    const service = new RecordingService(plain, () => NOW);
    await service.record('referral-outcome', outcome(), csc);
    const before = await logSize();

    await expect(service.record('referral-outcome', outcome('C-5'), csc)).rejects.toMatchObject({ code: 'ENTRY.ALREADY_ANSWERED' });
    await service.record('correction', on('2024-05-03', 'C-6', { refersTo: 'C-4', changes: { outcome: 'assessment' }, reason: 'mis-keyed' }), csc);

    expect(await store.readStream('entry-csc-north:C-5')).toEqual([]);
    expect(await logSize()).toBe(before + 2);
  });
});

describe('a sharing stored as version 1, before consent was recorded', () => {
  const sharing = on('2024-05-01', 'P-7', { to: 'csc-north', about: ['P-3'], categories: ['domestic_abuse'], lawfulBasis: 'safeguarding_condition', recordedAt: '2024-05-01T17:00:00.000Z' });

  /** What the version 1 build appended for that request: same event id, no consent. */
  async function appendAsVersion1(): Promise<void> {
    const streamId = 'entry-police-north:P-7';
    await store.append(
      streamId,
      [
        {
          eventId: eventIdFor(streamId, 'InformationShared', 'police-north:P-7'),
          type: 'InformationShared',
          schemaVersion: 1,
          data: JSON.parse(`{
            "entry": { "agency": "police-north", "entryId": "P-7" },
            "subjects": ["${CHILD}"],
            "occurred": { "at": "2024-05-01T00:00:00.000Z", "precision": "day" },
            "recordedAt": "2024-05-01T17:00:00.000Z",
            "to": "csc-north",
            "about": [{ "agency": "police-north", "entryId": "P-3" }],
            "categories": ["domestic_abuse"],
            "lawfulBasis": "safeguarding_condition"
          }`),
        },
      ],
      'no_stream',
    );
  }

  it('a new write is version 2, consent defaulting to not recorded', async () => {
    await sut.record('information-shared', { ...sharing, entryId: 'P-8', consent: undefined }, police);
    await sut.record('information-shared', { ...sharing, entryId: 'P-9', consent: 'overridden' }, police);

    const [defaulted] = await store.readStream('entry-police-north:P-8');
    const [overridden] = await store.readStream('entry-police-north:P-9');
    expect(defaulted).toMatchObject({ schemaVersion: 2, data: { consent: 'not_recorded' } });
    expect(overridden).toMatchObject({ schemaVersion: 2, data: { consent: 'overridden', lawfulBasis: 'safeguarding_condition' } });
  });

  it('a retry of the old write is recognised (the decider compares upcast content); the log keeps version 1', async () => {
    await appendAsVersion1();
    const before = await logSize();

    const retry = await sut.record('information-shared', sharing, police);

    expect(retry.alreadyApplied).toBe(true);
    expect(retry.events).toEqual([expect.objectContaining({ schemaVersion: 2, data: expect.objectContaining({ consent: 'not_recorded' }) })]);
    expect(await logSize()).toBe(before);
    expect((await store.readStream('entry-police-north:P-7'))[0].schemaVersion).toBe(1);
  });

  it('inside a batch transaction too, without aborting it', async () => {
    await appendAsVersion1();

    const results = await store.transaction(async (tx) => {
      const batch = RecordingService.within(tx, () => NOW);
      return [await batch.record('information-shared', sharing, police), await batch.record('contact', on('2024-05-02', 'P-10', { contactType: 'home_visit' }), police)];
    });

    expect(results.map((r) => r.alreadyApplied)).toEqual([true, false]);
  });

  it('the same id claiming consent was given is a conflict', async () => {
    await appendAsVersion1();

    await expect(sut.record('information-shared', { ...sharing, consent: 'given' }, police)).rejects.toMatchObject({ code: 'ENTRY.ID_REUSED.CONFLICT' });
  });
});
