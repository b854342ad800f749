import { loadConfig, type CasetrailConfig } from '@casetrail/config';
import { DEFAULT_DETECTION_SETTINGS, detectFlags, HOUSEHOLD_RELATIONS, type Flag, type Relation } from '@casetrail/domain';
import { dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import { FlagRefresher, TimelineReader } from '@casetrail/projections';
import { importChronology, registerAgency } from '@casetrail/recording';
import { casesCsv, generateCases, SYNTHETIC_AGENCIES } from '@casetrail/synthetic';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openPlatform, type Platform } from './open-platform';
import { reportProjections } from './projection-report';

/**
 * The flags read model against its definition: after the projections and the refresher have run,
 * every child's stored flags are exactly what detectFlags computes from its timeline today, and
 * they follow new events about the child, about adults in its household and amendments.
 */
const generated = generateCases({ seed: 20261127, injected: 12, controls: 4 });
const today = () => new Date().toISOString().slice(0, 10);

interface Target {
  readonly config: CasetrailConfig;
  cleanUp(): Promise<void>;
}

const targets: [string, () => Target][] = [
  [
    'embedded',
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-flags-'));
      return { config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }), cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  ],
];
const url = testDatabaseUrl();
if (url) {
  targets.push([
    'postgres',
    () => {
      const schema = uniqueName('flags');
      return { config: loadConfig({ CASETRAIL_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema }), cleanUp: () => dropSchema(url, schema) };
    },
  ]);
}

/** A household adult of a generated case and the day it joined, with nobody else's rows naming it. */
function householdAdult(): { child: string; adult: string; from: string } {
  for (const c of generated.cases) {
    for (const row of c.rows) {
      if (row.entryType !== 'relationship' || row.subjects[0] !== c.child || !HOUSEHOLD_RELATIONS.includes(row.relationship as Relation)) continue;
      const ended = c.rows.some((r) => r.entryType === 'relationship_ended' && r.relatedSubject === row.relatedSubject);
      if (!ended) return { child: c.child, adult: row.relatedSubject, from: row.occurred.date };
    }
  }
  throw new Error('No generated case has a household adult who stays');
}

const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const HEADER = 'entry_id,agency,date,recorded_date,entry_type,subjects,categories,severity,refers_to,reason';

describe.each(targets)('the flags read model (%s)', (_name, makeTarget) => {
  let target: Target;
  let platform: Platform;
  let appended = 0;

  async function load(csv: string, file: string): Promise<void> {
    const summary = await importChronology(platform.store, Readable.from([csv]), { file, metadata: { correlationId: file } });
    appended += summary.appended;
    // On PostgreSQL an event becomes readable once older transactions in the cluster finish.
    for (let waited = 0; ; waited += 50) {
      await platform.engine.catchUp();
      const [{ n }]: { n: number }[] = await platform.readModels.query('select count(*)::int as n from rm_timeline_events');
      if (n >= appended) return;
      if (waited > 60_000) throw new Error(`The timeline holds ${n} of ${appended} events`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function storedFlags(child: string): Promise<Flag[]> {
    const rows: Record<string, unknown>[] = await platform.readModels.query(
      `select flag_id, rule, theme, child, agencies, evidence, at, due_by, delay_days, missing, severity, explanation
         from rm_flags where child = $1`,
      [child],
    );
    const flags = rows.map(
      (r): Flag =>
        ({
          id: r.flag_id,
          rule: r.rule,
          theme: r.theme,
          child: r.child,
          agencies: r.agencies,
          evidence: r.evidence,
          at: new Date(r.at as string).toISOString(),
          ...(r.due_by !== null && { dueBy: new Date(r.due_by as string).toISOString() }),
          ...(r.delay_days !== null && { delayDays: r.delay_days }),
          ...(r.missing !== null && { missing: r.missing }),
          severity: r.severity,
          explanation: r.explanation,
        }) as Flag,
    );
    return flags.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async function computedFlags(child: string, asOf = today()): Promise<Flag[]> {
    const timeline = await new TimelineReader(platform.readModels.manager).childTimeline(child);
    return detectFlags(timeline!, DEFAULT_DETECTION_SETTINGS, asOf).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async function children(): Promise<string[]> {
    const rows: { subject_id: string }[] = await platform.readModels.query("select subject_id from rm_subjects where kind = 'child' order by 1");
    return rows.map((r) => r.subject_id);
  }

  beforeAll(async () => {
    target = makeTarget();
    platform = await openPlatform(target.config);
    for (const agency of SYNTHETIC_AGENCIES) await registerAgency(platform.store, { agencyId: agency.id, name: agency.name, kind: agency.kind }, {});
    await load(casesCsv(generated.cases), 'generated.csv');
    await platform.flags.refreshAll();
  }, 240_000);
  afterAll(async () => {
    await platform?.close();
    await target?.cleanUp();
  });

  it("stores every child's flags exactly as detectFlags computes them from its timeline today", async () => {
    const all = await children();
    expect(all.length).toBeGreaterThan(generated.cases.length);
    for (const child of all) expect(await storedFlags(child)).toEqual(await computedFlags(child));
    expect(await platform.flags.status()).toEqual({ dirty: 0, oldestMarkedAt: null });
    const flagged: { n: number }[] = await platform.readModels.query('select count(distinct rule)::int as n from rm_flags');
    expect(flagged[0].n).toBe(12);
  });

  it('marks a child when an entry names only an adult of its household, and refreshes it to the recomputed flags', async () => {
    const { child, adult, from } = householdAdult();
    // Recorded thirty days late: a late-recording flag on the child's timeline, citing the adult's entry.
    await load(`${HEADER}\nPOL-ZZ-1,syn-police,${from},${plusDays(from, 30)},concern,${adult},alcohol_misuse,low,,\n`, 'adult.csv');

    const dirty: { subject_id: string }[] = await platform.readModels.query('select subject_id from rm_flag_dirty');
    expect(dirty.map((d) => d.subject_id)).toContain(child);
    expect(dirty.map((d) => d.subject_id)).not.toContain(adult);

    await platform.flags.refreshAll();
    const flags = await storedFlags(child);
    expect(flags).toEqual(await computedFlags(child));
    expect(flags.filter((f) => f.rule === 'late-recording' && f.evidence.some((e) => e.entry.entryId === 'POL-ZZ-1'))).toHaveLength(1);
  });

  it('marks the children of an amended entry even when the amendment names somebody else', async () => {
    const { child, from } = householdAdult();
    const stranger = generated.cases[generated.cases.length - 1].child;
    await load(`${HEADER}\nPOL-ZZ-2,syn-police,${from},${plusDays(from, 20)},concern,${child},neglect,low,,\n`, 'child.csv');
    await platform.flags.refreshAll();
    const cites = (flags: Flag[]) => flags.some((f) => f.evidence.some((e) => e.entry.entryId === 'POL-ZZ-2'));
    expect(cites(await storedFlags(child))).toBe(true);

    await load(`${HEADER}\nPOL-ZZ-3,syn-police,${today()},,retraction,${stranger},,,POL-ZZ-2,recorded against the wrong child\n`, 'retraction.csv');
    await platform.flags.refreshAll();
    expect(cites(await storedFlags(child))).toBe(false);
    expect(await storedFlags(child)).toEqual(await computedFlags(child));
  });

  it('keeps a child dirty when it is marked again while its flags are being recomputed', async () => {
    const child = generated.cases[0].child;
    const calls: string[] = [];
    const sut = new FlagRefresher(platform.readModels, {
      beforeWrite: async (subject) => {
        calls.push(subject);
        // A new event about the child committed between reading its timeline and writing its flags.
        if (calls.length === 1) await platform.readModels.query("update rm_flag_dirty set version = nextval('rm_flag_dirty_version') where subject_id = $1", [subject]);
      },
    });
    await platform.readModels.query(
      "insert into rm_flag_dirty (subject_id, version, marked_commit, marked_prepare, marked_at) values ($1, nextval('rm_flag_dirty_version'), -1, -1, now())",
      [child],
    );

    expect(await sut.refreshAll()).toBe(2);
    expect(calls).toEqual([child, child]);
    expect(await sut.status()).toMatchObject({ dirty: 0 });
  });

  it('keeps going past a child whose refresh fails, leaving that child marked for a later try', async () => {
    const [bad, good] = [generated.cases[3].child, generated.cases[4].child];
    const errors: string[] = [];
    const sut = new FlagRefresher(platform.readModels, {
      beforeWrite: async (subject) => {
        if (subject === bad) throw new Error('unreadable timeline');
      },
      onError: (subject) => errors.push(subject),
    });
    for (const child of [bad, good]) {
      await platform.readModels.query(
        "insert into rm_flag_dirty (subject_id, version, marked_commit, marked_prepare, marked_at) values ($1, nextval('rm_flag_dirty_version'), -1, -1, now())",
        [child],
      );
    }

    try {
      expect(await sut.refreshAll()).toBe(1);
      // Tried again once the others were done, then left for a later call.
      expect(new Set(errors)).toEqual(new Set([bad]));
      expect(await platform.readModels.query('select subject_id from rm_flag_dirty')).toEqual([{ subject_id: bad }]);
    } finally {
      await platform.readModels.query('delete from rm_flag_dirty');
    }
  });

  it('waits for the timeline: a child marked at a position the timeline has not applied is left for later', async () => {
    const child = generated.cases[1].child;
    await platform.readModels.query(
      "insert into rm_flag_dirty (subject_id, version, marked_commit, marked_prepare, marked_at) values ($1, nextval('rm_flag_dirty_version'), 9223372036854775806, 9223372036854775806, now())",
      [child],
    );
    expect(await platform.flags.refreshAll()).toBe(0);

    const [flags] = (await reportProjections(platform)).filter((r) => r.name === 'flags');
    expect(flags.pendingRefresh).toMatchObject({ children: 1 });
    await platform.readModels.query('delete from rm_flag_dirty where subject_id = $1', [child]);
  });

  it('gives the same flags after every projection is rebuilt from position 0', async () => {
    const before = await platform.readModels.query('select * from rm_flags order by flag_id');
    const facts = await platform.readModels.query('select * from rm_share_intervals order by child, concern_event_id, to_agency');
    await platform.engine.rebuild();
    expect(await platform.readModels.query('select count(*)::int as n from rm_flags')).toEqual([{ n: 0 }]);
    await platform.flags.refreshAll();
    expect(await platform.readModels.query('select * from rm_flags order by flag_id')).toEqual(before);
    expect(await platform.readModels.query('select * from rm_share_intervals order by child, concern_event_id, to_agency')).toEqual(facts);
  }, 240_000);

  it('re-evaluates every child once the date changes, since an action can become late without any new event', async () => {
    const tomorrow = plusDays(today(), 1);
    const sut = new FlagRefresher(platform.readModels, { now: () => new Date(`${tomorrow}T08:00:00Z`) });
    const all: { n: number }[] = await platform.readModels.query('select count(*)::int as n from rm_flag_children');
    expect(await sut.refreshAll()).toBe(all[0].n);
    expect(await platform.readModels.query('select distinct to_char(evaluated_on, \'YYYY-MM-DD\') as d from rm_flag_children')).toEqual([{ d: tomorrow }]);
    const child = generated.cases[2].child;
    expect(await storedFlags(child)).toEqual(await computedFlags(child, tomorrow));
  }, 120_000);
});
