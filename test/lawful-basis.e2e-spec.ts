import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import { eventually } from './support/eventually';
import { captureLogs } from './support/log-capture';

jest.setTimeout(90_000);

const admin: Principal = { agencyId: 'council-lb', role: 'administrator' };
const reviewer: Principal = { agencyId: 'council-lb', role: 'reviewer' };
const health: Principal = { agencyId: 'health-lb', role: 'practitioner' };
const csc: Principal = { agencyId: 'csc-lb', role: 'practitioner' };
const CHILD = 'subj-lb-child';

interface EntryJson {
  entry: { agency: string; entryId: string };
  type: string;
  eventType: string;
  details: Record<string, unknown>;
}

/** Lawful basis and consent on sharing, and the decision not to share as an entry of its own. */
describe('lawful basis, consent and decisions not to share (embedded store)', () => {
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let secret: string;

  const occurred = (date: string) => ({ subjects: [CHILD], occurred: { date } });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-lawful-e2e-'));
    app = await createApp({ config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }, { needsTokenKey: true }), logger: captureLogs().logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    for (const [agencyId, kind] of [['health-lb', 'health'], ['csc-lb', 'childrens_social_care']]) {
      expect((await post('/agencies', admin, { agencyId, name: `${agencyId} (synthetic)`, kind })).status).toBe(201);
    }
    expect((await post('/entries/person', csc, { entryId: 'C-1', ...occurred('2024-01-02'), kind: 'child' })).status).toBe(201);
    expect((await post('/entries/involvement-opened', csc, { entryId: 'C-2', ...occurred('2024-01-03'), lead: true })).status).toBe(201);
    expect((await post('/entries/involvement-opened', health, { entryId: 'H-1', ...occurred('2024-01-03') })).status).toBe(201);
    expect((await post('/entries/concern', health, { entryId: 'H-2', ...occurred('2024-02-01'), categories: ['mental_health'], severity: 'medium' })).status).toBe(201);
    const review = { reviewId: 'RR-LB-1', kind: 'rapid_review', title: 'Rapid review RR-LB-1', children: [CHILD], period: { from: '2024-01-01', to: '2024-12-31' } };
    expect((await post('/reviews', admin, review)).status).toBe(201);
    expect((await post('/reviews/RR-LB-1/reviewers', admin, { agencyId: 'council-lb' })).status).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function post(path: string, principal: Principal, body: unknown): Promise<Response> {
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await issueToken(principal, { secret, expiresIn: '1h' })}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
  async function get(path: string, principal: Principal): Promise<Response> {
    return fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await issueToken(principal, { secret, expiresIn: '1h' })}` } });
  }
  async function entries(path: string, principal: Principal): Promise<EntryJson[]> {
    const res = await get(path, principal);
    expect(res.status).toBe(200);
    return ((await res.json()) as { entries: EntryJson[] }).entries;
  }

  it('records a decision not to share, with its reason and consent, and a retry appends nothing', async () => {
    const body = { entryId: 'H-3', ...occurred('2024-02-02'), to: 'csc-lb', about: ['H-2'], reason: 'consent_refused', consent: 'refused' };
    const first = await post('/entries/information-not-shared', health, body);
    expect(first.status).toBe(201);
    const retry = await post('/entries/information-not-shared', health, body);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ alreadyApplied: true });
    const readBack = await get('/entries/health-lb/H-3', health);
    expect(await readBack.json()).toMatchObject({
      events: [{ type: 'InformationNotShared', schemaVersion: 1, data: { to: 'csc-lb', about: [{ agency: 'health-lb', entryId: 'H-2' }], reason: 'consent_refused', consent: 'refused' } }],
    });
  });

  it.each([
    ['without a reason', { to: 'csc-lb' }, 'reason'],
    ['with an empty reason', { to: 'csc-lb', reason: '   ' }, 'reason'],
    ['with an unknown consent state', { to: 'csc-lb', reason: 'not_necessary', consent: 'maybe' }, 'consent'],
  ])('refuses a decision not to share %s, naming the field', async (_label, fields, field) => {
    const res = await post('/entries/information-not-shared', health, { entryId: 'H-9', ...occurred('2024-02-03'), ...fields });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
  });

  it.each([
    ['names its own agency', { to: 'health-lb', reason: 'not_necessary' }, 'ENTRY.NOT_SHARED_WITH_SELF.INVALID', 'to'],
    ['records consent as overridden', { to: 'csc-lb', reason: 'not_necessary', consent: 'overridden' }, 'ENTRY.NOT_SHARED_CONSENT.INVALID', 'consent'],
  ])('refuses a decision not to share that %s', async (_label, fields, code, field) => {
    const res = await post('/entries/information-not-shared', health, { entryId: 'H-10', ...occurred('2024-02-03'), ...fields });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code, errors: [{ field }] });
  });

  it('takes a decision not to share in a batch, beside the sharing that followed it', async () => {
    const res = await post('/entries/batch', health, {
      entries: [
        { kind: 'information-not-shared', entryId: 'H-4', ...occurred('2024-02-05'), to: 'csc-lb', categories: ['mental_health'], reason: 'Not proportionate at this point' },
        { kind: 'information-shared', entryId: 'H-5', ...occurred('2024-02-20'), to: 'csc-lb', about: ['H-2'], lawfulBasis: 'safeguarding_condition', consent: 'overridden' },
      ],
    });
    expect(res.status).toBe(201);
  });

  it('shows the decision on the integrated timeline with its reason, and filters by its entry type', async () => {
    await eventually(async () => {
      const all = await entries(`/children/${CHILD}/timeline`, reviewer);
      expect(all.map((e) => e.entry.entryId)).toEqual(['C-1', 'C-2', 'H-1', 'H-2', 'H-3', 'H-4', 'H-5']);
    });
    const decisions = await entries(`/children/${CHILD}/timeline?type=information_not_shared`, reviewer);
    expect(decisions.map((e) => [e.entry.entryId, e.eventType, e.details.reason])).toEqual([
      ['H-3', 'InformationNotShared', 'consent_refused'],
      ['H-4', 'InformationNotShared', 'Not proportionate at this point'],
    ]);
    const shared = (await entries(`/children/${CHILD}/timeline?type=information_shared`, reviewer))[0];
    expect(shared.details).toMatchObject({ lawfulBasis: 'safeguarding_condition', consent: 'overridden' });
  });

  it('is what the deciding agency knew; the agency not told sees neither the decision nor the concern until the sharing', async () => {
    const healthView = await entries(`/children/${CHILD}/timeline`, health);
    expect(healthView.map((e) => e.entry.entryId)).toEqual(expect.arrayContaining(['H-3', 'H-4']));
    const before = await entries(`/children/${CHILD}/timeline?asOf=2024-02-10`, csc);
    expect(before.map((e) => e.entry.entryId)).not.toContain('H-2');
    expect(before.some((e) => e.eventType === 'InformationNotShared')).toBe(false);
    const after = await entries(`/children/${CHILD}/timeline?asOf=2024-02-21`, csc);
    expect(after.map((e) => e.entry.entryId)).toContain('H-2');
    expect(after.some((e) => e.eventType === 'InformationNotShared')).toBe(false);
  });

  it('leaves the concern held back flagged as shared late; a decision not to share is no declined request', async () => {
    const res = await get(`/children/${CHILD}/flags`, reviewer);
    expect(res.status).toBe(200);
    const { flags } = (await res.json()) as { flags: { rule: string; delayDays?: number; evidence: { entry: { entryId: string } }[] }[] };
    const late = flags.find((f) => f.rule === 'unshared-risk' && f.evidence.some((e) => e.entry.entryId === 'H-2'));
    expect(late?.delayDays).toBeGreaterThan(0);
    expect(flags.filter((f) => f.rule === 'request-declined')).toEqual([]);
  });

  it('prints the decision and its reason in the review chronology', async () => {
    const res = await get('/reviews/RR-LB-1/chronology?format=csv', reviewer);
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain('Decision not to share');
    expect(csv).toContain('Decided not to share with csc-lb; entries health-lb:H-2; reason: consent refused; consent refused');
    expect(csv).toContain('Not shared with csc-lb');
  });
});
