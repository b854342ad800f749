import { loadConfig, type CasetrailConfig } from '@casetrail/config';
import { ERASED, streams } from '@casetrail/domain';
import { dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlatform, type Platform } from './open-platform';
import { SubjectPrivacy } from './subject-privacy';

const targets: Array<[string, () => { config: CasetrailConfig; cleanUp(): Promise<void> }]> = [
  [
    'embedded',
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-privacy-'));
      return { config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }), cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  ],
];
const url = testDatabaseUrl();
if (url) {
  targets.push([
    'postgres',
    () => {
      const schema = uniqueName('privacy');
      return { config: loadConfig({ CASETRAIL_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema }), cleanUp: () => dropSchema(url, schema) };
    },
  ]);
}

const by = { agencyId: 'council-west', role: 'administrator' };

describe.each(targets)(`${SubjectPrivacy.name} on %s`, (_name, make) => {
  let target: ReturnType<typeof make>;
  let platform: Platform;
  let sut: SubjectPrivacy;
  beforeAll(async () => {
    target = make();
    platform = await openPlatform(target.config);
    sut = new SubjectPrivacy(platform.store, platform.readModels);
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
    await target?.cleanUp();
  });

  /** A registered person with free text, written through the platform's (encrypting) store. */
  async function aPerson(): Promise<{ subjectId: string; summary: string }> {
    const subjectId = `subj-${randomUUID()}`;
    const summary = `Synthetic person ${subjectId}`;
    await platform.store.append(
      streams.subject(subjectId),
      [{ eventId: randomUUID(), type: 'PersonRegistered', schemaVersion: 1, data: { entry: { agency: 'a', entryId: subjectId }, subjects: [subjectId], subjectId, kind: 'adult', occurred: { at: '2024-01-01T00:00:00.000Z', precision: 'day' }, recordedAt: '2024-01-01T00:00:00.000Z', summary } }],
      'no_stream',
    );
    return { subjectId, summary };
  }
  const keyOf = async (subjectId: string) =>
    ((await platform.readModels.query('select key is not null as present from es_subject_keys where subject_id = $1', [subjectId])) as Array<{ present: boolean }>)[0]?.present;
  const summaryOf = async (subjectId: string) => ((await platform.store.readStream(streams.subject(subjectId)))[0].data as { summary: string }).summary;

  it('erases: SubjectErased in the privacy stream and the key gone, together', async () => {
    const { subjectId, summary } = await aPerson();
    expect(await summaryOf(subjectId)).toBe(summary);
    const outcome = await sut.erase({ subjectId, reason: 'Request 1 (synthetic)', by });
    expect(outcome).toEqual({ subjectId, changed: true, heldNow: false, erasedNow: true, linkedSubjects: [] });
    expect((await platform.store.readStream(`privacy-${subjectId}`)).map((e) => e.type)).toEqual(['SubjectErased']);
    expect(await keyOf(subjectId)).toBe(false);
    expect(await summaryOf(subjectId)).toBe(ERASED);
    expect(await sut.erase({ subjectId, reason: 'Request 1 (synthetic)', by })).toMatchObject({ changed: false, erasedNow: true });
  });

  it('refuses under a legal hold and changes nothing; erases after the hold is lifted', async () => {
    const { subjectId, summary } = await aPerson();
    await sut.placeLegalHold({ subjectId, reason: 'Order 1 (synthetic)', by });
    await expect(sut.erase({ subjectId, reason: 'Request 2 (synthetic)', by })).rejects.toMatchObject({ code: 'SUBJECT.LEGAL_HOLD.CONFLICT' });
    expect(await keyOf(subjectId)).toBe(true);
    expect(await summaryOf(subjectId)).toBe(summary);
    await sut.liftLegalHold({ subjectId, reason: 'Order 1 ended (synthetic)', by });
    await sut.erase({ subjectId, reason: 'Request 2 (synthetic)', by });
    expect((await platform.store.readStream(`privacy-${subjectId}`)).map((e) => e.type)).toEqual(['LegalHoldPlaced', 'LegalHoldLifted', 'SubjectErased']);
  });

  it('refuses an unknown subject', async () => {
    await expect(sut.erase({ subjectId: 'subj-nobody', reason: 'x', by })).rejects.toMatchObject({ code: 'SUBJECT.NOT_FOUND' });
  });

  it('never ends both held and erased when a hold and an erasure race', async () => {
    for (let round = 0; round < 6; round++) {
      const { subjectId } = await aPerson();
      const [hold, erasure] = await Promise.allSettled([
        sut.placeLegalHold({ subjectId, reason: 'Order (synthetic)', by }),
        sut.erase({ subjectId, reason: 'Request (synthetic)', by }),
      ]);
      const types = (await platform.store.readStream(`privacy-${subjectId}`)).map((e) => e.type);
      // Exactly one wins; the other is refused on the state the winner left.
      expect([hold.status, erasure.status].sort()).toEqual(['fulfilled', 'rejected']);
      if (erasure.status === 'fulfilled') {
        expect(types).toEqual(['SubjectErased']);
        expect(await keyOf(subjectId)).toBe(false);
      } else {
        expect(types).toEqual(['LegalHoldPlaced']);
        expect(erasure.reason).toMatchObject({ code: 'SUBJECT.LEGAL_HOLD.CONFLICT' });
        expect(await keyOf(subjectId)).toBe(true);
      }
    }
  });
});
