import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../apps/api/src/create-app';
import { eventually } from './support/eventually';
import { captureLogs } from './support/log-capture';

jest.setTimeout(120_000);

const admin: Principal = { agencyId: 'council-au', role: 'administrator' };
const reviewer: Principal = { agencyId: 'council-au', role: 'reviewer', practitionerRef: 'RV-1' };
const leader: Principal = { agencyId: 'council-au', role: 'leader' };
const csc: Principal = { agencyId: 'csc-au', role: 'practitioner', practitionerRef: 'CS-1' };
const health: Principal = { agencyId: 'health-au', role: 'practitioner', practitionerRef: 'HE-7' };
const healthColleague: Principal = { agencyId: 'health-au', role: 'practitioner', practitionerRef: 'HE-8' };
const police: Principal = { agencyId: 'police-au', role: 'practitioner' };
const CHILD = 'subj-au-child';

interface AuditEntryJson {
  kind: string;
  reader: { agencyId: string; role: string; practitionerRef?: string };
  children: string[];
  resource?: string;
  purpose?: string;
  reviewId?: string;
  entry?: string;
  breakGlassGrant?: string;
  reason?: string;
  expiresAt?: string;
  channel?: string;
  correlationId?: string;
}
interface AuditPageJson {
  entries: AuditEntryJson[];
  nextOffset?: number;
}
interface TimelineJson {
  perspective: { kind: string };
  entries: { entry: { agency: string; entryId: string } }[];
}

/**
 * The audit of reads, the lead agency's access log and break-glass, over real storage (the
 * embedded PGlite store and read models, as `npm start` runs them).
 */
describe('audit of reads, access log and break-glass (embedded store)', () => {
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let secret: string;
  let correlation = 0;

  const facts = (date: string) => ({ subjects: [CHILD], occurred: { date } });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-audit-e2e-'));
    app = await createApp({
      config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir, BREAK_GLASS_MINUTES: '30', RATE_LIMIT: 'off' }, { needsTokenKey: true }),
      logger: captureLogs().logger,
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    for (const [agencyId, kind] of [['csc-au', 'childrens_social_care'], ['health-au', 'health'], ['police-au', 'police']]) {
      expect((await post('/agencies', admin, { agencyId, name: `${agencyId} (synthetic)`, kind })).status).toBe(201);
    }
    expect((await post('/entries/person', csc, { entryId: 'C-1', ...facts('2023-06-01'), kind: 'child' })).status).toBe(201);
    expect((await post('/entries/involvement-opened', csc, { entryId: 'C-2', ...facts('2023-06-02'), lead: true })).status).toBe(201);
    expect((await post('/entries/involvement-opened', health, { entryId: 'H-1', ...facts('2023-06-03') })).status).toBe(201);
    expect((await post('/entries/concern', police, { entryId: 'P-1', ...facts('2023-09-01'), categories: ['domestic_abuse'], severity: 'high' })).status).toBe(201);
    expect((await post('/entries/concern', police, { entryId: 'P-2', ...facts('2024-03-01'), categories: ['domestic_abuse'], severity: 'high' })).status).toBe(201);
    expect((await post('/entries/contact', health, { entryId: 'H-2', ...facts('2024-03-05'), contactType: 'home_visit', childSeen: false, outcome: 'no_access' })).status).toBe(201);
    // The review covers 2024 only: the 2023 entries are outside the reviewer's scope.
    const review = { reviewId: 'RR-AU-1', kind: 'rapid_review', title: 'Rapid review RR-AU-1', children: [CHILD], period: { from: '2024-01-01', to: '2024-12-31' } };
    expect((await post('/reviews', admin, review)).status).toBe(201);
    expect((await post('/reviews/RR-AU-1/reviewers', admin, { agencyId: 'council-au', practitionerRef: 'RV-1' })).status).toBe(201);
    await eventually(async () => expect((await get(`/children/${CHILD}/timeline`, reviewer)).status).toBe(200));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function headers(principal: Principal, extra: Record<string, string> = {}): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await issueToken(principal, { secret, expiresIn: '1h' })}`, ...extra };
  }
  async function post(path: string, principal: Principal, body: unknown): Promise<Response> {
    return fetch(`${base}${path}`, { method: 'POST', headers: await headers(principal, { 'content-type': 'application/json' }), body: JSON.stringify(body) });
  }
  async function get(path: string, principal: Principal, extra: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}${path}`, { headers: await headers(principal, extra) });
  }
  /** A read with a correlation id of its own, to find it in the audit trail. */
  async function tracedGet(path: string, principal: Principal, extra: Record<string, string> = {}): Promise<{ res: Response; correlationId: string }> {
    const correlationId = `corr-audit-${++correlation}`;
    return { res: await get(path, principal, { 'x-correlation-id': correlationId, ...extra }), correlationId };
  }
  /** The audit trail's entry for a correlation id, once the projection has it. */
  async function audited(correlationId: string): Promise<AuditEntryJson> {
    return eventually(async () => {
      const res = await get(`/audit?child=${CHILD}&limit=500`, admin);
      expect(res.status).toBe(200);
      const found = ((await res.json()) as AuditPageJson).entries.find((e) => e.correlationId === correlationId);
      expect(found).toBeDefined();
      return found!;
    });
  }
  const ids = (body: TimelineJson) => body.entries.map((e) => e.entry.entryId);

  describe('the audit of reads', () => {
    it("records a reviewer's read of the timeline: who, role, agency, what, which child, purpose, correlation id", async () => {
      const { res, correlationId } = await tracedGet(`/children/${CHILD}/timeline`, reviewer);
      expect(res.status).toBe(200);
      expect(await audited(correlationId)).toMatchObject({
        kind: 'read',
        reader: { agencyId: 'council-au', role: 'reviewer', practitionerRef: 'RV-1' },
        children: [CHILD],
        resource: 'timeline',
        purpose: 'review:RR-AU-1',
        reviewId: 'RR-AU-1',
        channel: 'api',
      });
    });

    it("keeps a reviewer within the review's period: the timeline and the flags", async () => {
      const body = (await (await get(`/children/${CHILD}/timeline`, reviewer)).json()) as TimelineJson;
      expect(ids(body)).toEqual(['P-2', 'H-2']);
      const asked = (await (await get(`/children/${CHILD}/timeline?from=2023-01-01&to=2024-03-02`, reviewer)).json()) as TimelineJson;
      expect(ids(asked)).toEqual(['P-2']);
      // Today's flags: the entries were recorded today, so on an earlier date the system knew none of them.
      const flags = (await (await get(`/children/${CHILD}/flags`, reviewer)).json()) as { flags: { at: string }[] };
      expect(flags.flags.length).toBeGreaterThan(0);
      for (const flag of flags.flags) expect(flag.at >= '2024-01-01' && flag.at <= '2024-12-31T23:59:59.999Z').toBe(true);
      const other = await get(`/children/${CHILD}/timeline?review=RR-NOT-MINE`, reviewer);
      expect(other.status).toBe(403);
      expect(await other.json()).toMatchObject({ code: 'ACCESS.NOT_IN_REVIEW.FORBIDDEN', errors: [{ field: 'review' }] });
    });

    it("records a practitioner's knowledge view with the purpose it gave, or direct-work", async () => {
      const given = await tracedGet(`/children/${CHILD}/timeline?purpose=child-protection-enquiry`, health);
      expect(given.res.status).toBe(200);
      expect(await audited(given.correlationId)).toMatchObject({ resource: 'knowledge-view', purpose: 'child-protection-enquiry', reader: { agencyId: 'health-au', role: 'practitioner', practitionerRef: 'HE-7' } });
      const header = await tracedGet(`/children/${CHILD}/timeline`, health, { 'x-purpose': 'core-group-preparation' });
      expect(await audited(header.correlationId)).toMatchObject({ purpose: 'core-group-preparation' });
      const none = await tracedGet(`/children/${CHILD}/timeline`, health);
      expect(await audited(none.correlationId)).toMatchObject({ purpose: 'direct-work' });
    });

    it('refuses a purpose that is not an id, naming the field', async () => {
      const res = await get(`/children/${CHILD}/timeline?purpose=${encodeURIComponent('Worried about Jo Bloggs')}`, health);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'REQUEST.PURPOSE.INVALID', errors: [{ field: 'purpose' }] });
    });

    it('records flags, a review with its findings, the review chronology export and a single entry read back', async () => {
      const flags = await tracedGet(`/children/${CHILD}/flags`, reviewer);
      expect(flags.res.status).toBe(200);
      expect(await audited(flags.correlationId)).toMatchObject({ resource: 'flags', purpose: 'review:RR-AU-1' });
      const exported = await tracedGet('/reviews/RR-AU-1/chronology?format=csv', reviewer);
      expect(exported.res.status).toBe(200);
      expect(await audited(exported.correlationId)).toMatchObject({ resource: 'chronology-export', reviewId: 'RR-AU-1', children: [CHILD] });
      const review = await tracedGet('/reviews/RR-AU-1', reviewer);
      expect(review.res.status).toBe(200);
      expect(await audited(review.correlationId)).toMatchObject({ resource: 'review', reviewId: 'RR-AU-1', children: [CHILD], purpose: 'review:RR-AU-1' });
      const entry = await tracedGet('/entries/health-au/H-2', health);
      expect(entry.res.status).toBe(200);
      expect(await audited(entry.correlationId)).toMatchObject({ resource: 'entry', entry: 'health-au:H-2', purpose: 'direct-work' });
    });

    it('does not record a refused read', async () => {
      const { res, correlationId } = await tracedGet(`/children/${CHILD}/flags`, health);
      expect(res.status).toBe(403);
      // A later audited read shows the projection has passed the point where the refused one would be.
      const later = await tracedGet(`/children/${CHILD}/timeline`, health);
      await audited(later.correlationId);
      const trail = (await (await get(`/audit?child=${CHILD}&limit=500`, admin)).json()) as AuditPageJson;
      expect(trail.entries.some((e) => e.correlationId === correlationId)).toBe(false);
    });

    it('answers administrators only, with filters and paging', async () => {
      for (const who of [reviewer, leader, csc]) expect((await get('/audit', who)).status).toBe(403);
      const byAgency = (await (await get('/audit?agency=health-au&kind=read&limit=2', admin)).json()) as AuditPageJson;
      expect(byAgency.entries).toHaveLength(2);
      expect(byAgency.nextOffset).toBe(2);
      expect(byAgency.entries.every((e) => e.reader.agencyId === 'health-au' && e.kind === 'read')).toBe(true);
      const future = (await (await get('/audit?from=2999-01-01', admin)).json()) as AuditPageJson;
      expect(future.entries).toEqual([]);
      const bad = await get('/audit?from=yesterday', admin);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ errors: [{ field: 'from' }] });
    });
  });

  describe("the lead agency's access log", () => {
    it('tells the lead agency who has looked at the child', async () => {
      const { correlationId } = await tracedGet(`/children/${CHILD}/timeline`, reviewer);
      await audited(correlationId);
      const res = await get(`/children/${CHILD}/access-log`, csc);
      expect(res.status).toBe(200);
      const log = (await res.json()) as AuditPageJson & { child: string };
      expect(log.child).toBe(CHILD);
      expect(log.entries.find((e) => e.correlationId === correlationId)).toMatchObject({ reader: { agencyId: 'council-au', role: 'reviewer' }, resource: 'timeline' });
      expect(log.entries.map((e) => e.reader.agencyId)).toContain('health-au');
    });

    it('is refused to every other agency and role', async () => {
      const res = await get(`/children/${CHILD}/access-log`, health);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'ACCESS.NOT_LEAD_AGENCY.FORBIDDEN' });
      for (const who of [reviewer, leader, admin]) expect((await get(`/children/${CHILD}/access-log`, who)).status).toBe(403);
    });
  });

  describe('break-glass', () => {
    it('refuses a request without a reason of substance, or for longer than allowed', async () => {
      const none = await post(`/children/${CHILD}/break-glass`, health, {});
      expect(none.status).toBe(400);
      expect(await none.json()).toMatchObject({ code: 'ACCESS.BREAK_GLASS_REASON.INVALID', errors: [{ field: 'reason' }] });
      const long = await post(`/children/${CHILD}/break-glass`, health, { reason: 'Out-of-hours ED attendance with injuries', minutes: 31 });
      expect(long.status).toBe(400);
      expect(await long.json()).toMatchObject({ errors: [{ field: 'minutes' }] });
      expect((await post(`/children/${CHILD}/break-glass`, leader, { reason: 'Out-of-hours ED attendance with injuries' })).status).toBe(403);
      expect((await post('/children/subj-nobody/break-glass', health, { reason: 'Out-of-hours ED attendance with injuries' })).status).toBe(404);
    });

    it('lets the grantee alone read the integrated timeline and flags while it lasts, each read recorded under the grant', async () => {
      expect((await get(`/children/${CHILD}/flags`, health)).status).toBe(403);
      const res = await post(`/children/${CHILD}/break-glass`, health, { reason: 'Out-of-hours ED attendance with injuries', minutes: 20 });
      expect(res.status).toBe(201);
      const grant = (await res.json()) as { grantId: string; grantedAt: string; expiresAt: string };
      expect(Date.parse(grant.expiresAt) - Date.parse(grant.grantedAt)).toBe(20 * 60_000);

      const timeline = await tracedGet(`/children/${CHILD}/timeline`, health);
      expect(timeline.res.status).toBe(200);
      const body = (await timeline.res.json()) as TimelineJson;
      expect(body.perspective.kind).toBe('integrated');
      expect(ids(body)).toEqual(expect.arrayContaining(['P-1', 'P-2', 'H-2']));
      expect(await audited(timeline.correlationId)).toMatchObject({ resource: 'timeline', purpose: 'break-glass', breakGlassGrant: grant.grantId });
      const flags = await tracedGet(`/children/${CHILD}/flags`, health);
      expect(flags.res.status).toBe(200);
      // The whole record: flags from before the review period too, which its reviewer does not see.
      const all = (await flags.res.json()) as { flags: { at: string }[] };
      expect(all.flags.some((f) => f.at < '2024-01-01')).toBe(true);
      expect(await audited(flags.correlationId)).toMatchObject({ resource: 'flags', purpose: 'break-glass', breakGlassGrant: grant.grantId });

      // Another practitioner of the same agency is not the grantee.
      expect((await get(`/children/${CHILD}/flags`, healthColleague)).status).toBe(403);
    });

    it('lists the grant, with its reason, in the lead agency access log and in the audit trail', async () => {
      await eventually(async () => {
        const log = (await (await get(`/children/${CHILD}/access-log`, csc)).json()) as AuditPageJson;
        expect(log.entries.find((e) => e.kind === 'break-glass')).toMatchObject({
          reader: { agencyId: 'health-au', role: 'practitioner', practitionerRef: 'HE-7' },
          reason: 'Out-of-hours ED attendance with injuries',
          purpose: 'break-glass',
        });
      });
      const trail = (await (await get('/audit?kind=break-glass', admin)).json()) as AuditPageJson;
      expect(trail.entries).toEqual([expect.objectContaining({ kind: 'break-glass', children: [CHILD], expiresAt: expect.any(String) })]);
    });

    it('gives an administrator no personal read without breaking the glass', async () => {
      const refused = await get(`/children/${CHILD}/timeline`, admin);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'ACCESS.BREAK_GLASS_REQUIRED.FORBIDDEN' });
      expect((await post(`/children/${CHILD}/break-glass`, admin, { reason: 'Subject access request needs the full record' })).status).toBe(201);
      const { res, correlationId } = await tracedGet(`/children/${CHILD}/timeline`, admin);
      expect(res.status).toBe(200);
      expect(await audited(correlationId)).toMatchObject({ reader: { role: 'administrator' }, purpose: 'break-glass' });
    });
  });

  describe('failing closed', () => {
    it('refuses the read (503) when the audit trail cannot be written, and serves it again once it can', async () => {
      const db = app.get(DataSource);
      await db.query(`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit storage refused'; end $$`);
      await db.query(`create trigger refuse_audit before insert on es_events for each row when (new.stream_id like 'audit-%') execute function refuse_audit()`);
      try {
        for (const [path, who] of [
          [`/children/${CHILD}/timeline`, reviewer],
          [`/children/${CHILD}/flags`, reviewer],
          ['/reviews/RR-AU-1/chronology?format=csv', reviewer],
          ['/entries/health-au/H-2', health],
        ] as const) {
          const res = await get(path, who);
          expect(res.status).toBe(503);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          const problem = (await res.json()) as Record<string, unknown>;
          expect(problem).toMatchObject({ code: 'AUDIT.UNAVAILABLE', status: 503 });
          expect(JSON.stringify(problem)).not.toContain('P-2');
        }
      } finally {
        await db.query('drop trigger refuse_audit on es_events');
        await db.query('drop function refuse_audit()');
      }
      expect((await get(`/children/${CHILD}/timeline`, reviewer)).status).toBe(200);
    });
  });
});
