import { loadConfig } from '@casetrail/config';
import { TimelineReader } from '@casetrail/projections';
import { importChronology, registerAgency } from '@casetrail/recording';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openPlatform, type Platform } from './open-platform';

/**
 * The entry locator end to end: a referral outcome corrected, in the same file, by the outcome's
 * own entry id goes through the real import, the real projections and the real timeline reader,
 * and the reviewer's timeline shows the outcome as corrected.
 */
const CHRONOLOGY = `entry_id,agency,date,entry_type,subjects,subject_kind,counterpart_agency,categories,outcome,refers_to,reason
C-1,csc-north,2023-09-01,person,subj-loc-child,child,,,,,
P-3,police-north,2023-10-06,referral,subj-loc-child,,csc-north,domestic_abuse,,,
C-4,csc-north,2023-10-09,referral_outcome,subj-loc-child,,,,no_further_action,police-north:P-3,
C-6,csc-north,2023-10-11,correction,subj-loc-child,,,,assessment,C-4,outcome mis-keyed
`;

describe('an answer corrected by its own entry id, on the timeline (embedded store)', () => {
  let dataDir: string;
  let platform: Platform;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-locator-'));
    platform = await openPlatform(loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }));
    for (const [agencyId, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care']]) {
      await registerAgency(platform.store, { agencyId, name: `${agencyId} (synthetic)`, kind }, {});
    }
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = () => importChronology(platform.store, Readable.from([CHRONOLOGY]), { file: 'locator.csv', metadata: { correlationId: 'locator' } });

  it('imports the file, shows the outcome corrected, and a re-import appends nothing', async () => {
    expect(await run()).toMatchObject({ rows: 4, appended: 4 });
    await platform.engine.catchUp();

    const timeline = await new TimelineReader(platform.readModels.manager).childTimeline('subj-loc-child');
    const outcome = timeline?.entries.find((e) => e.event.type === 'ReferralOutcomeRecorded');
    expect(outcome?.event.data).toMatchObject({ entry: { agency: 'csc-north', entryId: 'C-4' }, outcome: 'assessment' });
    expect(outcome?.history).toEqual([
      expect.objectContaining({ kind: 'corrected', entry: { agency: 'csc-north', entryId: 'C-6' }, changes: { outcome: { from: 'no_further_action', to: 'assessment' } } }),
    ]);

    const head = await platform.store.headPosition();
    expect(await run()).toMatchObject({ appended: 0, alreadyPresent: 4 });
    expect(await platform.store.headPosition()).toEqual(head);
  });
});
