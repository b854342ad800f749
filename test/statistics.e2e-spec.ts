import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import {
  caseFacts,
  dayNumber,
  DEFAULT_DETECTION_SETTINGS,
  detectFlags,
  entriesOf,
  whenReached,
  type ChildTimeline,
  type Flag,
} from '@casetrail/domain';
import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { reportProjections, type Platform } from '@casetrail/platform';
import { StatisticsReader, TimelineReader } from '@casetrail/projections';
import { importChronology, ReviewService } from '@casetrail/recording';
import { casesCsv, generateCases, SYNTHETIC_AGENCIES } from '@casetrail/synthetic';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { createApp } from '../apps/api/src/create-app';
import { PLATFORM } from '../apps/api/src/tokens';
import { eventually } from './support/eventually';
import { captureLogs } from './support/log-capture';

jest.setTimeout(180_000);

/**
 * Leadership statistics over HTTP, on generated synthetic cases imported through the real
 * importer, projected and refreshed by the app itself. Every figure is checked against what the
 * test computes on its own from the children's timelines (per-child detectFlags, whenReached) or
 * from the rows it imported; and no answer may carry anything that identifies a person or entry.
 */
const admin: Principal = { agencyId: 'syn-csc', role: 'administrator' };
const leader: Principal = { agencyId: 'syn-csc', role: 'leader' };
const reviewer: Principal = { agencyId: 'syn-csc', role: 'reviewer' };
const practitioner: Principal = { agencyId: 'syn-police', role: 'practitioner' };
const SECTIONS = ['flags', 'time-to-share', 'incidents', 'repeat-referrals', 'reviews'] as const;

const generated = generateCases({ seed: 20261128, injected: 12, controls: 4 });
const [c0, c1, c2, c3] = generated.cases.map((c) => c.child);
/** Incidents: two accounts of one (a variant), and one retracted. */
const INCIDENTS = `entry_id,agency,date,entry_type,subjects,outcome,refers_to,reason,variant_of,summary
CSC-SI-1,syn-csc,2024-03-05,serious_incident,${c0},serious_harm,,,,Synthetic note about an injury at home
POL-SI-1,syn-police,2024-03-05,serious_incident,${c0},serious_harm,,,syn-csc:CSC-SI-1,Synthetic police account of the same injury
CSC-SI-2,syn-csc,2024-11-20,serious_incident,${c1},death,,,,Synthetic note of a death
CSC-SI-3,syn-csc,2025-02-01,serious_incident,${c2},serious_harm,,,,Synthetic note of serious harm
CSC-SI-4,syn-csc,2025-04-01,serious_incident,${c3},death,,,,Synthetic note recorded in error
CSC-SI-5,syn-csc,2025-04-02,retraction,${c3},,CSC-SI-4,Recorded against the wrong child by mistake,,
`;
const EXPECTED_INCIDENTS = [
  { year: 2024, kind: 'death', count: 1 },
  { year: 2024, kind: 'serious_harm', count: 1 },
  { year: 2025, kind: 'serious_harm', count: 1 },
];
const REVIEWS = [
  { reviewId: 'RR-STATS-1', kind: 'rapid_review', title: 'Rapid review about a synthetic family in Synthshire', children: [c0], conclude: 'Synthetic conclusion: learning referred on' },
  { reviewId: 'RR-STATS-2', kind: 'rapid_review', title: 'Second rapid review of a synthetic child', children: [c1] },
  { reviewId: 'LPR-STATS-1', kind: 'local_practice_review', title: 'Local review of a synthetic household', children: [c2, c3] },
];

type Count = { count: number | null; suppressed?: true };
interface FlagsJson {
  total: Count;
  childrenFlagged: Count;
  byRule: (Count & { rule: string; theme: string })[];
  byTheme: (Count & { theme: string })[];
  byAgency: (Count & { agency: string })[];
  byMonth: (Count & { month: string })[];
  freshness: { pendingChildren: number };
}
interface ShareJson {
  concerns: Count;
  reached: Count;
  notReached: Count;
  medianDays: number | null;
  p90Days: number | null;
}

describe('leadership statistics over HTTP (embedded store, generated cases)', () => {
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let secret: string;
  let timelines: ChildTimeline[];
  const answers: { path: string; body: unknown }[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-stats-e2e-'));
    const config = loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir, STATS_SUPPRESS_BELOW: '0' }, { needsTokenKey: true });
    app = await createApp({ config, logger: captureLogs().logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();

    for (const agency of SYNTHETIC_AGENCIES) {
      expect((await post('/agencies', admin, { agencyId: agency.id, name: agency.name, kind: agency.kind })).status).toBe(201);
    }
    const store = app.get<EventStore>(EVENT_STORE);
    for (const [file, csv] of [['generated.csv', casesCsv(generated.cases)], ['incidents.csv', INCIDENTS]]) {
      const summary = await importChronology(store, Readable.from([csv]), { file, metadata: { correlationId: 'stats-e2e' } });
      expect(summary.appended).toBe(summary.rows);
    }
    const reviews = new ReviewService(store);
    const context = { actor: { agencyId: 'syn-csc', role: 'administrator' }, metadata: { correlationId: 'stats-e2e' }, now: new Date() };
    for (const { conclude, ...review } of REVIEWS) {
      await reviews.open({ ...review, period: { from: '2023-01-01', to: '2025-06-30' } }, context);
      if (conclude) await reviews.conclude(review.reviewId, { summary: conclude }, context);
    }

    // The app projects and refreshes flags by itself: wait until nothing is behind or waiting.
    const platform = app.get<Platform>(PLATFORM);
    expect(platform.engine.runsCompanion('flags-refresher')).toBe(true);
    await eventually(async () => {
      const reports = await reportProjections(platform);
      expect(reports.filter((r) => r.behindSince !== null).map((r) => r.name)).toEqual([]);
      expect(reports.find((r) => r.name === 'flags')?.pendingRefresh?.children).toBe(0);
    }, 120_000, 250);

    // The wait outlasts the server's keep-alive, so the client's idle socket may be reset once.
    await eventually(async () => expect((await get('/stats/reviews')).status).toBe(200));

    const reader = new TimelineReader(app.get(DataSource).manager);
    const childIds = allRows().filter((r) => r.entryType === 'person' && 'subjectKind' in r && r.subjectKind === 'child').flatMap((r) => r.subjects);
    timelines = [];
    const seen = new Set<string>();
    for (const id of childIds) {
      const timeline = (await reader.childTimeline(id))!;
      if (!seen.has(timeline.child)) timelines.push(timeline);
      seen.add(timeline.child);
    }
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const allRows = () => generated.cases.flatMap((c) => c.rows);
  const today = () => new Date().toISOString().slice(0, 10);

  async function token(principal: Principal): Promise<string> {
    return issueToken(principal, { secret, expiresIn: '1h' });
  }
  async function post(path: string, principal: Principal, body: unknown): Promise<Response> {
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(principal)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  async function get(path: string, principal: Principal = leader): Promise<Response> {
    return fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await token(principal)}` } });
  }
  async function stats<T>(path: string, principal: Principal = leader): Promise<T> {
    const res = await get(path, principal);
    expect(res.status).toBe(200);
    const body = (await res.json()) as T;
    answers.push({ path, body });
    return body;
  }

  function expectedFlags(filter: { from?: string; to?: string; agency?: string } = {}): Flag[] {
    return timelines
      .flatMap((t) => detectFlags(t, DEFAULT_DETECTION_SETTINGS, today()))
      .filter((f) => (!filter.from || f.at.slice(0, 10) >= filter.from) && (!filter.to || f.at.slice(0, 10) <= filter.to))
      .filter((f) => !filter.agency || f.agencies.includes(filter.agency));
  }

  const tally = (keys: string[]) => {
    const out = new Map<string, number>();
    for (const key of keys) out.set(key, (out.get(key) ?? 0) + 1);
    return out;
  };
  const counted = <T extends Count>(items: T[], key: (item: T) => string) =>
    new Map(items.filter((i) => i.count !== 0).map((i) => [key(i), i.count]));

  it.each([
    ['everything', {}],
    ['a period', { from: '2022-01-01', to: '2023-12-31' }],
    ['an agency', { agency: 'syn-police' }],
  ])('counts flags by rule, theme, agency and month as per-child detectFlags does (%s)', async (_name, filter) => {
    const query = new URLSearchParams(filter).toString();
    const body = await stats<FlagsJson>(`/stats/flags${query ? `?${query}` : ''}`);
    const flags = expectedFlags(filter);

    expect(body.total).toEqual({ count: flags.length });
    expect(body.childrenFlagged).toEqual({ count: new Set(flags.map((f) => f.child)).size });
    expect(counted(body.byRule, (r) => r.rule)).toEqual(tally(flags.map((f) => f.rule)));
    expect(counted(body.byTheme, (r) => r.theme)).toEqual(tally(flags.map((f) => f.theme)));
    expect(counted(body.byAgency, (r) => r.agency)).toEqual(tally(flags.flatMap((f) => f.agencies)));
    expect(counted(body.byMonth, (r) => r.month)).toEqual(tally(flags.map((f) => f.at.slice(0, 7))));
    expect(body.byRule).toHaveLength(12);
    expect(body.freshness.pendingChildren).toBe(0);
  });

  it('finds at least one flag of every rule for each case injected with it (ground truth)', async () => {
    const body = await stats<FlagsJson>('/stats/flags');
    const injected = tally(generated.cases.flatMap((c) => c.truth.map((t) => t.rule)));
    for (const [rule, cases] of injected) expect(body.byRule.find((r) => r.rule === rule)!.count).toBeGreaterThanOrEqual(cases);
  });

  it('measures time to share per ordered pair of agencies as whenReached does, agreeing with the unshared-risk flags', async () => {
    const body = await stats<{ overall: ShareJson; pairs: (ShareJson & { from: string; to: string })[] }>('/stats/time-to-share');
    const expected = new Map<string, { days: number[]; notReached: number }>();
    const pairOf = (from: string, to: string) => {
      const key = `${from}>${to}`;
      if (!expected.has(key)) expected.set(key, { days: [], notReached: 0 });
      return expected.get(key)!;
    };
    for (const timeline of timelines) {
      const facts = caseFacts(timeline, today());
      for (const concern of entriesOf(facts.entries, 'ConcernRecorded')) {
        if (concern.event.data.severity === 'low' || !facts.isRelevantRisk(concern)) continue;
        const holder = concern.event.data.entry.agency;
        const day = dayNumber(concern.event.data.occurred.at);
        for (const other of facts.agenciesInvolvedOn(day).filter((a) => a !== holder)) {
          const reach = whenReached(facts.entries, concern, other);
          if (reach) pairOf(holder, other).days.push(dayNumber(reach.at) - day);
          else pairOf(holder, other).notReached += 1;
        }
      }
    }
    const nearestRank = (days: number[], q: number) => (days.length === 0 ? null : [...days].sort((a, b) => a - b)[Math.ceil(q * days.length) - 1]);

    expect(body.pairs.map((p) => `${p.from}>${p.to}`).sort()).toEqual([...expected.keys()].sort());
    for (const pair of body.pairs) {
      const { days, notReached } = expected.get(`${pair.from}>${pair.to}`)!;
      expect(pair).toEqual({
        from: pair.from,
        to: pair.to,
        concerns: { count: days.length + notReached },
        reached: { count: days.length },
        notReached: { count: notReached },
        medianDays: nearestRank(days, 0.5),
        p90Days: nearestRank(days, 0.9),
      });
    }
    const allDays = [...expected.values()].flatMap((e) => e.days);
    expect(body.overall).toMatchObject({ reached: { count: allDays.length }, medianDays: nearestRank(allDays, 0.5), p90Days: nearestRank(allDays, 0.9) });

    // Every concern that never reached an agency working with the child is an unshared-risk flag still missing its sharing.
    const missing = expectedFlags().filter((f) => f.rule === 'unshared-risk' && f.missing !== undefined);
    expect(body.overall.notReached).toEqual({ count: missing.length });
    expect(missing.length).toBeGreaterThan(0);
  });

  it('counts serious incident notifications by year and kind, once per incident and never a retracted one', async () => {
    const body = await stats<{ total: Count; byYear: unknown[] }>('/stats/incidents');
    expect(body).toMatchObject({ total: { count: 3 }, byYear: EXPECTED_INCIDENTS });
    expect(await stats('/stats/incidents?from=2025-01-01')).toMatchObject({ total: { count: 1 }, byYear: [EXPECTED_INCIDENTS[2]] });
    expect(await stats('/stats/incidents?agency=syn-csc')).toMatchObject({ total: { count: 3 } });
  });

  it('gives the repeat-referral rate per year as the children’s timelines give it', async () => {
    const body = await stats<{ windowDays: number; byYear: { year: number; childrenReferred: Count; childrenReReferred: Count; rate: number | null }[] }>(
      '/stats/repeat-referrals',
    );
    const referred = new Map<number, Set<string>>();
    const repeated = new Map<number, Set<string>>();
    const add = (map: Map<number, Set<string>>, year: number, child: string) => map.set(year, (map.get(year) ?? new Set()).add(child));
    for (const timeline of timelines) {
      const seenGroups = new Set<string>();
      const referrals = entriesOf(caseFacts(timeline, today()).entries, 'ReferralMade')
        .filter((e) => e.householdAdult === undefined)
        .filter((e) => e.variantGroup === undefined || (!seenGroups.has(e.variantGroup) && seenGroups.add(e.variantGroup) !== undefined));
      referrals.forEach((referral, index) => {
        const day = dayNumber(referral.event.data.occurred.at);
        const year = Number(referral.event.data.occurred.at.slice(0, 4));
        add(referred, year, timeline.child);
        if (referrals.slice(0, index).some((e) => day - dayNumber(e.event.data.occurred.at) <= 365)) add(repeated, year, timeline.child);
      });
    }
    expect(body.windowDays).toBe(365);
    expect(body.byYear).toEqual(
      [...referred.keys()].sort().map((year) => {
        const whole = referred.get(year)!.size;
        const part = repeated.get(year)?.size ?? 0;
        return { year, childrenReferred: { count: whole }, childrenReReferred: { count: part }, rate: Math.round((part / whole) * 1000) / 1000 };
      }),
    );
  });

  it('counts reviews by kind and status, listing kinds with none', async () => {
    expect(await stats('/stats/reviews')).toMatchObject({
      byKind: [
        { kind: 'rapid_review', open: { count: 1 }, concluded: { count: 1 } },
        { kind: 'local_practice_review', open: { count: 1 }, concluded: { count: 0 } },
        { kind: 'national_review', open: { count: 0 }, concluded: { count: 0 } },
      ],
    });
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const before = await stats<{ byKind: { open: Count; concluded: Count }[] }>(`/stats/reviews?to=${yesterday}`);
    expect(before.byKind.every((k) => k.open.count === 0 && k.concluded.count === 0)).toBe(true);
  });

  it('withholds small counts when suppression is on, publishing zero and larger counts as they are', async () => {
    const reader = new StatisticsReader(app.get(DataSource).manager, { suppressBelow: 5, repeatReferralWindowDays: 365 });
    const body = await reader.flags({});
    const counts = [body.total, body.childrenFlagged, ...body.byRule, ...body.byTheme, ...body.byAgency, ...body.byMonth];
    expect(counts.some((c) => c.suppressed)).toBe(true);
    for (const c of counts) {
      if (c.suppressed) expect(c.count).toBeNull();
      else expect(c.count === 0 || (c.count !== null && c.count >= 5)).toBe(true);
    }
    const shares = await reader.timeToShare({});
    for (const pair of shares.pairs) if (pair.reached.count === null) expect([pair.medianDays, pair.p90Days]).toEqual([null, null]);
  });

  it.each(SECTIONS)('answers /stats/%s to leaders and administrators only', async (section) => {
    expect((await get(`/stats/${section}`, leader)).status).toBe(200);
    expect((await get(`/stats/${section}`, admin)).status).toBe(200);
    for (const principal of [reviewer, practitioner]) {
      const res = await get(`/stats/${section}`, principal);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await fetch(`${base}/stats/${section}`)).status).toBe(401);
  });

  it.each([
    ['/stats/flags?from=2024-13-01', 'from'],
    ['/stats/time-to-share?to=yesterday', 'to'],
    ['/stats/incidents?from=2025-01-01&to=2024-01-01', 'from'],
    ['/stats/repeat-referrals?agency=syn-nowhere', 'agency'],
    ['/stats/reviews?agency=a&agency=b', 'agency'],
  ])('refuses %s as a problem naming the field %s', async (path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'STATISTICS.FILTER.INVALID', errors: [{ field }] });
  });

  it('documents every route in OpenAPI with its parameters, an example answer and the problem it refuses with', async () => {
    const doc = (await (await fetch(`${base}/docs-json`)).json()) as {
      paths: Record<string, { get?: { parameters: { name: string }[]; responses: Record<string, { content?: Record<string, { examples?: object }> }> } }>;
    };
    for (const section of SECTIONS) {
      const operation = doc.paths[`/stats/${section}`]?.get;
      expect(operation?.parameters.map((p) => p.name).sort()).toEqual(['agency', 'from', 'to']);
      expect(operation?.responses['200'].content?.['application/json'].examples).toBeDefined();
      expect(operation?.responses['400'].content?.['application/json'].examples).toBeDefined();
      expect(Object.keys(operation?.responses ?? {})).toContain('403');
    }
  });

  it('never answers with a subject id, an entry id, free text or any other string from the imported rows', async () => {
    for (const section of SECTIONS) {
      for (const query of ['', '?agency=syn-csc', '?from=2020-01-01&to=2024-12-31']) await stats(`/stats/${section}${query}`);
    }
    const incidentRows = INCIDENTS.trim().split('\n').slice(1).map((line) => line.split(','));
    const personal = new Set<string>([
      ...allRows().flatMap((r) => [
        ...r.subjects,
        r.entryId,
        `${r.agency}:${r.entryId}`,
        ...(r.summary ? [r.summary] : []),
        ...('relatedSubject' in r ? [r.relatedSubject] : []),
        ...('reason' in r && typeof r.reason === 'string' ? [r.reason] : []),
      ]),
      ...incidentRows.flatMap(([entryId, agency, , , subjects, , , reason, , summary]) => [entryId, `${agency}:${entryId}`, subjects, reason, summary]),
      ...REVIEWS.flatMap((r) => [r.reviewId, r.title, ...r.children, ...(r.conclude ? [r.conclude] : [])]),
      ...timelines.flatMap((t) => [...t.aliases, ...t.entries.map((e) => e.eventId)]),
    ]);
    personal.delete('');
    expect(answers.length).toBeGreaterThan(SECTIONS.length * 3);
    const leaks = answers.flatMap(({ path, body }) => {
      const json = JSON.stringify(body);
      return [...personal].filter((s) => json.includes(s)).map((s) => `${path}: ${s}`);
    });
    expect(leaks).toEqual([]);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    expect(answers.filter(({ body }) => uuid.test(JSON.stringify(body))).map((a) => a.path)).toEqual([]);
  });
});
