import { issueToken, type Principal, type Role } from '@casetrail/access';
import { loadConfig, type CasetrailConfig } from '@casetrail/config';
import { dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import { eventually } from './support/eventually';
import { captureLogs, type CapturedLogs } from './support/log-capture';

jest.setTimeout(180_000);

/**
 * Who may see what: every route the app registers × every role (and no token) × in and out of
 * scope, against real storage. README.md's "Who may see what" is this table in words. A route the
 * app registers without a row here fails the first test, so a new endpoint cannot ship unclassified.
 */

type Who = Role | 'anonymous';
type Scope = 'in' | 'out';
const WHO: readonly Who[] = ['practitioner', 'reviewer', 'leader', 'administrator', 'anonymous'];

const CHILD = 'subj-mx-child';
const OTHER = 'subj-mx-other';
/** Only the break-glass cells touch this child, so their grants change nothing else in the matrix. */
const BG_CHILD = 'subj-mx-bg';
const REVIEW = { from: '2024-01-01', to: '2024-12-31' };

const health: Principal = { agencyId: 'health-mx', role: 'practitioner', practitionerRef: 'HE-1' };
const csc: Principal = { agencyId: 'csc-mx', role: 'practitioner', practitionerRef: 'CS-1' };
const police: Principal = { agencyId: 'police-mx', role: 'practitioner' };
const reviewer: Principal = { agencyId: 'council-mx', role: 'reviewer', practitionerRef: 'RV-1' };
const leader: Principal = { agencyId: 'council-mx', role: 'leader' };
const admin: Principal = { agencyId: 'council-mx', role: 'administrator' };
const AS: Record<Who, Principal | null> = { practitioner: health, reviewer, leader, administrator: admin, anonymous: null };

interface Call {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly body?: unknown;
  readonly csv?: string;
  /** Another principal of the same role (a practitioner of the lead agency, say). */
  readonly as?: Principal;
}
interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}
/** Expected statuses: [in scope, out of scope]; `null` where the route has no scope to be out of. */
type Cells = Record<Who, readonly [number | readonly number[], number | readonly number[] | null]>;

interface Row {
  /** `METHOD /path/:param` as the router registers it. */
  readonly route: string;
  readonly cells: Cells;
  call(who: Who, scope: Scope, n: number): Call;
  /** For allowed reads: that what came back is within the caller's scope. */
  check?(who: Who, scope: Scope, answer: Answer): void;
}

const everyone = (status: number): Cells => ({ practitioner: [status, null], reviewer: [status, null], leader: [status, null], administrator: [status, null], anonymous: [status, null] });
const only = (allowed: Partial<Record<Role, readonly [number | readonly number[], number | readonly number[] | null]>>, scoped = false): Cells => {
  const refused = [403, scoped ? 403 : null] as const;
  return {
    practitioner: allowed.practitioner ?? refused,
    reviewer: allowed.reviewer ?? refused,
    leader: allowed.leader ?? refused,
    administrator: allowed.administrator ?? refused,
    anonymous: [401, scoped ? 401 : null],
  };
};

const entryIds = (answer: Answer) => ((answer.body as { entries: { entry: { entryId: string } }[] }).entries ?? []).map((e) => e.entry.entryId);
const inPeriod = (day: string) => day >= REVIEW.from && day <= REVIEW.to;

function rows(statsSections: readonly string[], embedded: boolean): Row[] {
  return [
    // Public: probes, documentation and the embedded demo sign-in.
    { route: 'GET /health', cells: everyone(200), call: () => ({ method: 'GET', path: '/health' }) },
    { route: 'GET /metrics', cells: everyone(200), call: () => ({ method: 'GET', path: '/metrics' }) },
    { route: 'GET /docs', cells: everyone(200), call: () => ({ method: 'GET', path: '/docs-json' }) },
    { route: 'GET /sign-in/demo/principals', cells: everyone(200), call: () => ({ method: 'GET', path: '/sign-in/demo/principals' }) },
    { route: 'POST /sign-in/demo/token', cells: everyone(404), call: () => ({ method: 'POST', path: '/sign-in/demo/token', body: { agency: 'nobody-mx', role: 'reviewer' } }) },
    // Loads the synthetic demo set: embedded mode only (a server store answers 404). Idempotent, so
    // only the first cell writes; the demo's own agencies and children leave the rest unchanged.
    { route: 'POST /sign-in/demo/load', cells: everyone(embedded ? 200 : 404), call: () => ({ method: 'POST', path: '/sign-in/demo/load', body: {} }) },

    // Anyone signed in: who am I.
    { route: 'GET /me', cells: { ...everyone(200), anonymous: [401, null] }, call: () => ({ method: 'GET', path: '/me' }) },
    { route: 'GET /admin/ping', cells: only({ administrator: [200, null] }), call: () => ({ method: 'GET', path: '/admin/ping' }) },

    // Administration.
    {
      route: 'POST /agencies',
      cells: only({ administrator: [[200, 201], null] }),
      call: () => ({ method: 'POST', path: '/agencies', body: { agencyId: 'extra-mx', name: 'Extra agency (synthetic)', kind: 'voluntary' } }),
    },

    // Recording: a practitioner writes as its own agency, never as another.
    {
      route: 'POST /entries/:kind',
      cells: only({ practitioner: [201, 403] }, true),
      call: (_who, scope, n) => ({
        method: 'POST',
        path: '/entries/contact',
        body: { entryId: `HX-${n}`, subjects: [CHILD], occurred: { date: '2024-05-01' }, contactType: 'phone_call', ...(scope === 'out' && { agency: 'police-mx' }) },
      }),
    },
    {
      route: 'POST /entries/batch',
      cells: only({ practitioner: [201, 403] }, true),
      call: (_who, scope, n) => ({
        method: 'POST',
        path: '/entries/batch',
        body: { entries: [{ kind: 'contact', entryId: `HB-${n}`, subjects: [CHILD], occurred: { date: '2024-05-02' }, contactType: 'phone_call', ...(scope === 'out' && { agency: 'police-mx' }) }] },
      }),
    },
    {
      route: 'GET /entries/:agency/:entryId',
      cells: only({ practitioner: [200, 404] }, true),
      call: (_who, scope) => ({ method: 'GET', path: scope === 'in' ? '/entries/health-mx/H-2' : '/entries/police-mx/P-1' }),
      check: (_who, _scope, answer) => expect(answer.body).toMatchObject({ entry: { agency: 'health-mx', entryId: 'H-2' } }),
    },
    {
      route: 'POST /imports',
      // Rows of another agency are refused as a bad file (400 naming the line and the agency column).
      cells: only({ practitioner: [200, 400] }, true),
      call: (_who, scope, n) => ({
        method: 'POST',
        path: '/imports',
        csv: `entry_id,agency,date,entry_type,subjects,contact_type,child_seen,outcome\n${scope === 'in' ? `HI-${n},health-mx` : `PI-${n},police-mx`},2024-05-03,contact,${CHILD},phone_call,yes,completed\n`,
      }),
    },

    // A child's record.
    {
      route: 'GET /children/:child/timeline',
      cells: only({ practitioner: [200, 403], reviewer: [200, 403] }, true),
      call: (who, scope) => ({
        method: 'GET',
        // Out of scope: for a practitioner another agency's knowledge, for a reviewer a child of no review of its own.
        path: who === 'practitioner' && scope === 'out' ? `/children/${CHILD}/timeline?asKnownBy=police-mx` : `/children/${scope === 'in' ? CHILD : OTHER}/timeline`,
      }),
      check: (who, _scope, answer) => {
        const ids = entryIds(answer);
        if (who === 'practitioner') {
          // What health knew: its own entries, not police's unshared concern.
          expect(ids).toContain('H-2');
          expect(ids).not.toContain('P-1');
        } else {
          expect(ids).toContain('P-1');
          expect(ids).not.toContain('C-1'); // registered in 2023, before the review period
          for (const e of (answer.body as { entries: { occurred: { at: string } }[] }).entries) expect(inPeriod(e.occurred.at.slice(0, 10))).toBe(true);
        }
      },
    },
    {
      route: 'GET /children/:child/flags',
      cells: only({ reviewer: [200, 403] }, true),
      call: (_who, scope) => ({ method: 'GET', path: `/children/${scope === 'in' ? CHILD : OTHER}/flags` }),
      check: (_who, _scope, answer) => {
        const { flags } = answer.body as { flags: { at: string }[] };
        expect(flags.length).toBeGreaterThan(0);
        for (const flag of flags) expect(inPeriod(flag.at.slice(0, 10))).toBe(true);
      },
    },
    {
      route: 'POST /children/:child/break-glass',
      // Out of scope here means a child nobody knows.
      cells: only({ practitioner: [201, 404], reviewer: [201, 404], administrator: [201, 404] }, true),
      call: (_who, scope) => ({ method: 'POST', path: `/children/${scope === 'in' ? BG_CHILD : 'subj-mx-nobody'}/break-glass`, body: { reason: 'Emergency out of hours, no lead agency reachable', minutes: 5 } }),
    },
    {
      route: 'GET /children/:child/access-log',
      cells: only({ practitioner: [200, 403] }, true),
      // In scope: a practitioner of the child's lead agency; out: of another agency.
      call: (who, scope) => ({ method: 'GET', path: `/children/${CHILD}/access-log`, ...(who === 'practitioner' && scope === 'in' && { as: csc }) }),
      check: (_who, _scope, answer) => expect(answer.body).toMatchObject({ child: CHILD }),
    },
    { route: 'GET /audit', cells: only({ administrator: [200, null] }), call: () => ({ method: 'GET', path: '/audit' }) },

    // Reviews: administrators manage them, assigned reviewers work in them.
    {
      route: 'POST /reviews',
      cells: only({ administrator: [[200, 201], null] }),
      call: () => ({ method: 'POST', path: '/reviews', body: { reviewId: 'RR-MX-9', kind: 'rapid_review', title: 'Rapid review RR-MX-9', children: [OTHER], period: REVIEW } }),
    },
    {
      route: 'GET /reviews',
      cells: only({ reviewer: [200, null], administrator: [200, null] }),
      call: () => ({ method: 'GET', path: '/reviews' }),
      check: (who, _scope, answer) => {
        const ids = (answer.body as { reviewId: string }[]).map((r) => r.reviewId);
        expect(ids).toContain('RR-MX-1');
        if (who === 'reviewer') expect(ids).not.toContain('RR-MX-2');
        else expect(ids).toContain('RR-MX-2');
      },
    },
    {
      route: 'GET /reviews/:reviewId',
      cells: only({ reviewer: [200, 403], administrator: [200, 200] }, true),
      call: (_who, scope) => ({ method: 'GET', path: `/reviews/${scope === 'in' ? 'RR-MX-1' : 'RR-MX-2'}` }),
    },
    {
      route: 'POST /reviews/:reviewId/reviewers',
      cells: only({ administrator: [[200, 201], null] }),
      call: () => ({ method: 'POST', path: '/reviews/RR-MX-2/reviewers', body: { agencyId: 'council-other', practitionerRef: 'RV-9' } }),
    },
    {
      route: 'POST /reviews/:reviewId/reviewers/unassign',
      cells: only({ administrator: [[200, 201], null] }),
      call: () => ({ method: 'POST', path: '/reviews/RR-MX-2/reviewers/unassign', body: { agencyId: 'council-other', practitionerRef: 'RV-9' } }),
    },
    {
      route: 'POST /reviews/:reviewId/findings',
      cells: only({ reviewer: [201, 403] }, true),
      call: (_who, scope, n) => ({
        method: 'POST',
        path: `/reviews/${scope === 'in' ? 'RR-MX-1' : 'RR-MX-2'}/findings`,
        body: { findingId: `F-${n}`, theme: 'information_sharing', text: 'Police did not share the concern with health.', evidence: ['police-mx:P-1'] },
      }),
    },
    {
      route: 'POST /reviews/:reviewId/conclude',
      // A reviewer records findings and nothing else: it concludes neither its own review (in) nor another (out).
      cells: only({ administrator: [201, null] }, true),
      call: (who, scope) => ({ method: 'POST', path: `/reviews/${scope === 'out' ? 'RR-MX-2' : who === 'reviewer' ? 'RR-MX-4' : 'RR-MX-3'}/conclude`, body: { summary: 'Concluded.' } }),
    },
    {
      route: 'GET /reviews/:reviewId/chronology',
      cells: only({ reviewer: [200, 403] }, true),
      call: (_who, scope) => ({ method: 'GET', path: `/reviews/${scope === 'in' ? 'RR-MX-1' : 'RR-MX-2'}/chronology?format=json` }),
      check: (_who, _scope, answer) => {
        const { period, rows: lines } = answer.body as { period: { from: string; to: string }; rows: unknown[] };
        expect(period).toEqual(REVIEW);
        expect(lines.length).toBeGreaterThan(0);
        expect(answer.text).not.toContain('"C-1"');
      },
    },

    // Leadership statistics: aggregates only.
    ...statsSections.map(
      (section): Row => ({
        route: `GET /stats/${section}`,
        cells: only({ leader: [200, null], administrator: [200, null] }),
        call: () => ({ method: 'GET', path: `/stats/${section}` }),
        check: (_who, _scope, answer) => {
          for (const id of [CHILD, OTHER, 'P-1', 'H-2']) expect(answer.text).not.toContain(id);
        },
      }),
    ),

    // Erasure and legal hold (administrators).
    {
      route: 'POST /subjects/:subjectId/legal-hold',
      cells: only({ administrator: [200, null] }),
      call: () => ({ method: 'POST', path: '/subjects/subj-mx-held/legal-hold', body: { reason: 'Preserved for the inquest (synthetic)' } }),
    },
    {
      route: 'DELETE /subjects/:subjectId/legal-hold',
      cells: only({ administrator: [200, null] }),
      call: () => ({ method: 'DELETE', path: '/subjects/subj-mx-held/legal-hold', body: { reason: 'Inquest concluded (synthetic)' } }),
    },
    {
      route: 'POST /subjects/:subjectId/erasure',
      cells: only({ administrator: [200, null] }),
      call: () => ({ method: 'POST', path: '/subjects/subj-mx-erased/erasure', body: { reason: 'Right to erasure upheld (synthetic)' } }),
    },
  ];
}

interface Target {
  readonly config: CasetrailConfig;
  cleanUp(): Promise<void>;
}
const targets: Array<[string, () => Target]> = [
  [
    'embedded PGlite',
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-matrix-e2e-'));
      return {
        config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir, RATE_LIMIT: 'off' }, { needsTokenKey: true }),
        cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  ],
];
const databaseUrl = testDatabaseUrl();
if (databaseUrl) {
  targets.push([
    'PostgreSQL',
    () => {
      const schema = uniqueName('matrix_e2e');
      const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-matrix-pg-'));
      return {
        config: loadConfig(
          {
            CASETRAIL_STORE: 'postgres', DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, DATA_DIR: dataDir, PROJECTOR_IN_PROCESS: 'true',
            JWT_SECRET: 'matrix-e2e-secret-of-at-least-32-characters', RATE_LIMIT: 'off', DEMO_SIGN_IN: 'true',
          },
          { needsTokenKey: true },
        ),
        cleanUp: async () => {
          rmSync(dataDir, { recursive: true, force: true });
          await dropSchema(databaseUrl, schema);
        },
      };
    },
  ]);
}

describe.each(targets)('who may see what, on %s', (_name, makeTarget) => {
  let target: Target;
  let logs: CapturedLogs;
  let app: INestApplication;
  let base: string;
  let secret: string;
  let table: Row[];
  let n = 0;

  beforeAll(async () => {
    target = makeTarget();
    logs = captureLogs();
    app = await createApp({ config: target.config, logger: logs.logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const key = target.config.tokenKey!;
    secret = key.source === 'environment' ? key.secret : readFileSync(key.file, 'utf8').trim();

    const ok = async (call: Call, as: Principal) => {
      const answer = await send(call, as);
      if (![200, 201].includes(answer.status)) throw new Error(`${call.method} ${call.path}: ${answer.status} ${answer.text}`);
    };
    const facts = (entryId: string, date: string, subjects = [CHILD]) => ({ entryId, subjects, occurred: { date } });
    for (const [agencyId, kind] of [['csc-mx', 'childrens_social_care'], ['health-mx', 'health'], ['police-mx', 'police']]) {
      await ok({ method: 'POST', path: '/agencies', body: { agencyId, name: `${agencyId} (synthetic)`, kind } }, admin);
    }
    const entries: [string, Principal, Record<string, unknown>][] = [
      ['person', csc, { ...facts('C-1', '2023-06-01'), kind: 'child' }],
      ['involvement-opened', csc, { ...facts('C-2', '2023-06-02'), lead: true }],
      ['involvement-opened', health, facts('H-1', '2024-02-01')],
      ['concern', police, { ...facts('P-1', '2024-03-01'), categories: ['domestic_abuse'], severity: 'high' }],
      ['contact', health, { ...facts('H-2', '2024-03-05'), contactType: 'home_visit', childSeen: false, outcome: 'no_access' }],
      ['person', csc, { ...facts('C-9', '2024-01-01', [OTHER]), kind: 'child' }],
      ['concern', police, { ...facts('P-9', '2024-03-01', [OTHER]), categories: ['neglect'], severity: 'medium' }],
      ['person', csc, { ...facts('C-8', '2024-01-01', [BG_CHILD]), kind: 'child' }],
      ['person', csc, { ...facts('C-7', '2024-01-01', ['subj-mx-held']), kind: 'adult' }],
      ['person', csc, { ...facts('C-6', '2024-01-01', ['subj-mx-erased']), kind: 'adult' }],
    ];
    for (const [kind, who, body] of entries) await ok({ method: 'POST', path: `/entries/${kind}`, body }, who);
    const reviews: [string, string[], Principal[]][] = [
      ['RR-MX-1', [CHILD], [reviewer]],
      ['RR-MX-2', [OTHER], []],
      ['RR-MX-3', [OTHER], []],
      ['RR-MX-4', [CHILD], [reviewer]],
    ];
    for (const [reviewId, children, assigned] of reviews) {
      await ok({ method: 'POST', path: '/reviews', body: { reviewId, kind: 'rapid_review', title: `Rapid review ${reviewId}`, children, period: REVIEW } }, admin);
      for (const r of assigned) await ok({ method: 'POST', path: `/reviews/${reviewId}/reviewers`, body: { agencyId: r.agencyId, practitionerRef: r.practitionerRef } }, admin);
    }
    // Reads below depend on the projections having caught up with the set-up.
    await eventually(async () => {
      expect((await send({ method: 'GET', path: `/children/${CHILD}/timeline` }, reviewer)).status).toBe(200);
      expect((await send({ method: 'GET', path: `/children/${BG_CHILD}/timeline` }, health)).status).toBe(200);
      expect(((await send({ method: 'GET', path: '/reviews' }, reviewer)).body as unknown[]).length).toBe(2);
    }, 30_000);

    const sections = registeredRoutes(app)
      .filter((r) => r.startsWith('GET /stats/'))
      .map((r) => r.slice('GET /stats/'.length));
    table = rows(sections, target.config.store.kind === 'embedded');
  });

  afterAll(async () => {
    await app?.close();
    await target?.cleanUp();
  });

  async function send(call: Call, as: Principal | null): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (as) headers.authorization = `Bearer ${await issueToken(as, { secret, expiresIn: '1h' })}`;
    if (call.csv !== undefined) headers['content-type'] = 'text/csv';
    else if (call.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${call.path}`, {
      method: call.method,
      headers,
      ...(call.csv !== undefined ? { body: call.csv } : call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (metrics, CSV): the text is the body.
    }
    return { status: res.status, body, text };
  }

  it('has a row for every route the app registers, and no row for a route it does not', () => {
    const registered = registeredRoutes(app);
    const rowOf = (route: string) => table.find((row) => row.route === route || (row.route === 'GET /docs' && /^GET \/docs/.test(route)));
    expect(registered.filter((route) => !rowOf(route))).toEqual([]);
    expect(table.map((row) => row.route).filter((route) => !registered.some((r) => r === route))).toEqual([]);
  });

  it('answers every cell as the matrix says, and allowed reads stay within scope', async () => {
    const failures: string[] = [];
    for (const row of table) {
      for (const who of WHO) {
        const [inScope, outOfScope] = row.cells[who];
        for (const [scope, expected] of [['in', inScope], ['out', outOfScope]] as const) {
          if (expected === null) continue;
          const call = row.call(who, scope, ++n);
          const answer = await send(call, call.as ?? AS[who]);
          const allowed = typeof expected === 'number' ? [expected] : expected;
          const cell = `${row.route} as ${who} (${scope} of scope): ${call.method} ${call.path}`;
          if (!allowed.includes(answer.status)) {
            failures.push(`${cell} answered ${answer.status}, expected ${allowed.join(' or ')}: ${answer.text.slice(0, 200)}`);
            continue;
          }
          if (answer.status >= 400 && answer.status !== 404 && row.route !== 'POST /sign-in/demo/token') {
            expect(answer.body).toMatchObject({ status: answer.status, code: expect.any(String) });
          }
          if (answer.status < 300 && row.check) {
            try {
              row.check(who, scope, answer);
            } catch (error) {
              failures.push(`${cell}: ${(error as Error).message.split('\n').slice(0, 6).join(' ')}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('audited every personal read the matrix made, and left no personal data in the logs', async () => {
    const text = logs.text();
    for (const secretText of ['Police did not share the concern with health', 'Emergency out of hours']) expect(text).not.toContain(secretText);
    await eventually(async () => {
      const trail = (await send({ method: 'GET', path: '/audit?limit=500' }, admin)).body as { entries: { resource?: string; reader: { role: string } }[] };
      const resources = new Set(trail.entries.map((e) => `${e.reader.role}:${e.resource}`));
      for (const read of ['practitioner:knowledge-view', 'reviewer:timeline', 'reviewer:flags', 'reviewer:chronology-export', 'practitioner:entry']) {
        expect(resources).toContain(read);
      }
    });
  });
});

/** `METHOD /path` of every route Express knows, as Nest and Swagger registered them. */
function registeredRoutes(app: INestApplication): string[] {
  const express = (app as NestExpressApplication).getHttpAdapter().getInstance() as { router?: { stack: Layer[] }; _router?: { stack: Layer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes = new Set<string>();
  for (const layer of stack) {
    if (!layer.route) continue;
    // Nest binds middleware applied to every route (nestjs-pino's request logger) as a layer for
    // every HTTP method Node knows, `M-SEARCH` included; that is not an endpoint. A controller
    // route declared for all methods (@All) lists only the standard ones and is kept.
    if (layer.route.methods['m-search']) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${String(layer.route.path)}`);
    }
  }
  return [...routes].sort();
}

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
}
