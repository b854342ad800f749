import { loadConfig } from '@casetrail/config';
import { DEFAULT_DETECTION_SETTINGS, detectFlags, formatEntryRef, type Flag } from '@casetrail/domain';
import { TimelineReader } from '@casetrail/projections';
import { importChronology, registerAgency } from '@casetrail/recording';
import { casesCsv, generateCases, type SyntheticCase } from '@casetrail/synthetic';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openPlatform, type Platform } from './open-platform';

/**
 * The detection rules against ground truth: generated cases with one injected pattern per rule and
 * clean controls go in through the real import, the real projections and the real timeline reader;
 * every injected pattern must be flagged (citing its key entry) and no control may raise a flag.
 */
const AS_OF = '2026-01-01';
const generated = generateCases({ seed: 20261126, injected: 24, controls: 12 });

describe('detection over generated cases (embedded store)', () => {
  let dataDir: string;
  let platform: Platform;
  const flagsOf = new Map<string, Flag[]>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-generated-'));
    platform = await openPlatform(loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }));
    for (const agency of generated.agencies) {
      await registerAgency(platform.store, { agencyId: agency.id, name: agency.name, kind: agency.kind }, {});
    }
    const summary = await importChronology(platform.store, Readable.from([casesCsv(generated.cases)]), {
      file: 'generated.csv',
      metadata: { correlationId: 'generated-cases' },
    });
    expect(summary.appended).toBe(summary.rows);
    await platform.engine.catchUp();
    for (const c of generated.cases) flagsOf.set(c.caseId, await flags(c));
  }, 240_000);
  afterAll(async () => {
    await platform?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function flags(c: SyntheticCase): Promise<Flag[]> {
    const timeline = await new TimelineReader(platform.readModels.manager).childTimeline(c.child);
    if (!timeline) throw new Error(`No timeline for ${c.child}`);
    return detectFlags(timeline, DEFAULT_DETECTION_SETTINGS, AS_OF);
  }

  const injected = generated.cases.flatMap((c) => c.truth.map((pattern) => [`${c.caseId} ${pattern.rule}: ${pattern.note}`, c, pattern] as const));
  it.each(injected)('finds %s', (_name, c, pattern) => {
    const found = flagsOf.get(c.caseId)!.filter((f) => f.rule === pattern.rule);
    expect(found.map((f) => f.rule)).toContain(pattern.rule);
    const cited = new Set(found.flatMap((f) => f.evidence.map((e) => formatEntryRef(e.entry))));
    expect(cited).toContain(formatEntryRef(pattern.evidence[0]));
  });

  it('raises nothing a case was not injected with', () => {
    const unexpected = generated.cases.flatMap((c) =>
      flagsOf
        .get(c.caseId)!
        .filter((f) => !c.truth.some((t) => t.rule === f.rule))
        .map((f) => `${c.caseId}${c.control ? ' (control)' : ''}: ${f.rule} - ${f.explanation}`),
    );
    expect(unexpected).toEqual([]);
  });

  it('every control case is clean', () => {
    const controls = generated.cases.filter((c) => c.control);
    expect(controls.length).toBeGreaterThanOrEqual(12);
    expect(controls.filter((c) => flagsOf.get(c.caseId)!.length > 0).map((c) => c.caseId)).toEqual([]);
  });

  it('a rebuild of the projections from position 0 gives the same flags', async () => {
    await platform.engine.rebuild();
    for (const c of generated.cases) expect(await flags(c)).toEqual(flagsOf.get(c.caseId));
  }, 240_000);
});
