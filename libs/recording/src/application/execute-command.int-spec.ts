import { DomainError, streams, type EntryCommand, type ReferralOutcomeRecorded } from '@casetrail/domain';
import { EmbeddedDatabase, PgliteEventStore, type EventStore } from '@casetrail/event-store';
import { uniqueName } from '@casetrail/event-store/testing';
import { bindings } from './bindings';
import { executeCommand } from './execute-command';

const NOW = '2024-06-01T12:00:00.000Z';
const CHILD = 'subj-child-0042';
const context = { metadata: { correlationId: 'corr-test', actor: { agencyId: 'police-north', role: 'practitioner' } } };
const facts = (agency: string, entryId: string, day: string) => ({
  entry: { agency, entryId },
  subjects: [CHILD],
  occurred: { at: `2024-05-${day}T09:00:00.000Z`, precision: 'day' as const },
  recordedAt: `2024-05-${day}T17:00:00.000Z`,
});
const referral = (changes: { to?: string; recordedAt?: string } = {}): EntryCommand => ({
  type: 'RecordEntry',
  now: NOW,
  event: {
    type: 'ReferralMade',
    schemaVersion: 1,
    data: { ...facts('police-north', 'P-1', '01'), from: 'police-north', to: 'csc-north', categories: ['domestic_abuse'], ...changes },
  },
});
const outcome = (entryId: string, value: ReferralOutcomeRecorded['data']['outcome']): EntryCommand => ({
  type: 'AnswerReferral',
  now: NOW,
  event: {
    type: 'ReferralOutcomeRecorded',
    schemaVersion: 1,
    data: { ...facts('csc-north', entryId, '02'), answers: { agency: 'police-north', entryId: 'P-1' }, outcome: value },
  },
});

let database: EmbeddedDatabase;
let store: EventStore;
beforeAll(async () => {
  database = await EmbeddedDatabase.open();
}, 60_000);
beforeEach(async () => {
  await database.useSchema(uniqueName('rec'));
  store = await PgliteEventStore.open(database);
});
afterAll(() => database.close());

describe(executeCommand.name, () => {
  const stream = streams.entry({ agency: 'police-north', entryId: 'P-1' });

  it('appends what the decider decides, with the envelope built from the entry', async () => {
    const result = await executeCommand(store, stream, bindings.entry, referral(), context);

    expect(result).toMatchObject({ streamId: stream, alreadyApplied: false, appended: [{ revision: 0n }] });
    const [stored] = await store.readStream(stream);
    expect(stored).toMatchObject({
      type: 'ReferralMade',
      schemaVersion: 1,
      occurredAt: new Date('2024-05-01T09:00:00.000Z'),
      recordedAt: new Date('2024-05-01T17:00:00.000Z'),
      metadata: context.metadata,
    });
  });

  it('a retried command appends nothing and answers with the original revision', async () => {
    const first = await executeCommand(store, stream, bindings.entry, referral(), context);
    const retry = await executeCommand(store, stream, bindings.entry, referral(), context);

    expect(retry.alreadyApplied).toBe(true);
    expect(retry.appended).toEqual(first.appended.map(({ eventId, revision }) => ({ eventId, revision })));
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('a rule the command breaks is a DomainError and nothing is written', async () => {
    await expect(executeCommand(store, stream, bindings.entry, outcome('C-1', 'assessment'), context)).rejects.toMatchObject({
      code: 'ENTRY.NOT_FOUND',
    });
    expect(await store.readStream(stream)).toEqual([]);
  });

  it('two different outcomes racing for one referral: exactly one is recorded, the other is told why', async () => {
    await executeCommand(store, stream, bindings.entry, referral(), context);
    const results = await Promise.allSettled([
      executeCommand(store, stream, bindings.entry, outcome('C-1', 'assessment'), context),
      executeCommand(store, stream, bindings.entry, outcome('C-2', 'no_further_action'), context),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(DomainError);
    expect(rejected.reason.code).toBe('ENTRY.ALREADY_ANSWERED');
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['ReferralMade', 'ReferralOutcomeRecorded']);
  });

  it('a retry whose recording time differs (an HTTP retry records "now" again) is still the same entry', async () => {
    const first = await executeCommand(store, stream, bindings.entry, referral(), context);
    const retry = await executeCommand(store, stream, bindings.entry, referral({ recordedAt: NOW }), context);

    expect(retry).toMatchObject({ alreadyApplied: true, appended: [{ eventId: first.appended[0].eventId, revision: 0n }] });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('two requests racing with one entry id and different content: one is recorded, the other told the id is reused', async () => {
    const results = await Promise.allSettled([
      executeCommand(store, stream, bindings.entry, referral(), context),
      executeCommand(store, stream, bindings.entry, referral({ to: 'health-north' }), context),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'ENTRY.ID_REUSED.CONFLICT' });
    expect(await store.readStream(stream)).toHaveLength(1);
  });
});
