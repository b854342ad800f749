import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import { captureLogs } from './support/log-capture';

jest.setTimeout(90_000);

const admin: Principal = { agencyId: 'council-north', role: 'administrator' };
const police: Principal = { agencyId: 'police-north', role: 'practitioner', practitionerRef: 'PN-7' };
const csc: Principal = { agencyId: 'csc-north', role: 'practitioner' };
const stranger: Principal = { agencyId: 'unregistered-agency', role: 'practitioner' };
const leader: Principal = { agencyId: 'police-north', role: 'leader' };
const CHILD = 'subj-child-e2e-1';

describe('recording entries over HTTP (embedded store)', () => {
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let secret: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-entries-e2e-'));
    app = await createApp({ config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }, { needsTokenKey: true }), logger: captureLogs().logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();

    for (const [agencyId, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care']]) {
      const res = await post('/agencies', admin, { agencyId, name: `${agencyId} (synthetic)`, kind });
      expect(res.status).toBe(201);
    }
    expect((await post('/entries/person', csc, { entryId: 'C-P1', subjects: [CHILD], occurred: { date: '2024-01-10' }, kind: 'child' })).status).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function post(path: string, principal: Principal, body: unknown, raw?: string): Promise<Response> {
    const token = await issueToken(principal, { secret, expiresIn: '1h' });
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
  }
  async function get(path: string, principal: Principal): Promise<Response> {
    const token = await issueToken(principal, { secret, expiresIn: '1h' });
    return fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  }
  const contact = (entryId: string, extra: object = {}) => ({
    entryId,
    subjects: [CHILD],
    occurred: { date: '2024-03-04', time: '21:15' },
    contactType: 'police_callout',
    childSeen: true,
    outcome: 'completed',
    ...extra,
  });

  it('records an entry, answers a retry with the original result, and reads it back', async () => {
    const first = await post('/entries/contact', police, contact('P-1'));
    expect(first.status).toBe(201);
    const created = (await first.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ streamId: 'entry-police-north:P-1', alreadyApplied: false, events: [{ revision: '0' }] });

    const retry = await post('/entries/contact', police, contact('P-1'));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ ...created, alreadyApplied: true });

    const read = await get('/entries/police-north/P-1', police);
    expect(read.status).toBe(200);
    const body = (await read.json()) as { events: Array<Record<string, unknown>> };
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({ type: 'ContactRecorded', data: { contactType: 'police_callout', occurred: { at: '2024-03-04T21:15:00.000Z', precision: 'day' } } });
  });

  it('a referral is answered by the agency it went to', async () => {
    expect((await post('/entries/referral', police, { entryId: 'P-R1', subjects: [CHILD], occurred: { date: '2024-03-05' }, to: 'csc-north', categories: ['3'] })).status).toBe(201);
    const answered = await post('/entries/referral-outcome', csc, { entryId: 'C-O1', subjects: [CHILD], occurred: { date: '2024-03-06' }, refersTo: 'police-north:P-R1', outcome: 'no_further_action' });
    expect(answered.status).toBe(201);
    const again = await post('/entries/referral-outcome', csc, { entryId: 'C-O2', subjects: [CHILD], occurred: { date: '2024-03-07' }, refersTo: 'police-north:P-R1', outcome: 'assessment' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('ENTRY.ALREADY_ANSWERED');
  });

  it.each<[string, string, Principal, unknown, number, string, string | undefined]>([
    ['an unknown kind of entry', '/entries/telegram', police, contact('P-10'), 404, 'HTTP.NOT_FOUND', undefined],
    ['a missing field', '/entries/contact', police, { ...contact('P-11'), contactType: undefined }, 400, 'REQUEST.VALIDATION_FAILED', 'contactType'],
    ['a wrongly typed field', '/entries/contact', police, contact('P-12', { childSeen: 'maybe' }), 400, 'REQUEST.VALIDATION_FAILED', 'childSeen'],
    ['a date that is not a date', '/entries/contact', police, contact('P-13', { occurred: { date: '04/03/2024' } }), 400, 'REQUEST.VALIDATION_FAILED', 'occurred.date'],
    ['a date in the future', '/entries/contact', police, contact('P-14', { occurred: { date: '2999-01-01' } }), 400, 'ENTRY.OCCURRED_IN_FUTURE.INVALID', 'occurred.at'],
    ['an unknown subject', '/entries/contact', police, contact('P-15', { subjects: ['subj-nobody'] }), 404, 'SUBJECT.NOT_FOUND', 'subjects'],
    ['an unknown referred entry', '/entries/referral-outcome', csc, { entryId: 'C-16', subjects: [CHILD], occurred: { date: '2024-03-06' }, refersTo: 'police-north:NOPE', outcome: 'assessment' }, 404, 'ENTRY.NOT_FOUND', 'refersTo'],
    ['an unregistered counterpart agency', '/entries/referral', police, { entryId: 'P-17', subjects: [CHILD], occurred: { date: '2024-03-06' }, to: 'nowhere' }, 404, 'AGENCY.NOT_FOUND', 'to'],
    ['a body written as another agency', '/entries/contact', police, contact('P-18', { agency: 'csc-north' }), 403, 'AGENCY.MISMATCH.FORBIDDEN', 'agency'],
    ['a token of an unregistered agency', '/entries/contact', stranger, contact('X-19'), 403, 'AGENCY.NOT_REGISTERED.FORBIDDEN', 'agency'],
    ['a leader, who does not record', '/entries/contact', leader, contact('P-20'), 403, 'AUTH.ROLE_NOT_ALLOWED', undefined],
  ])('refuses %s with problem+json and writes nothing', async (_label, path, principal, body, status, code, field) => {
    const res = await post(path, principal, body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe(code);
    if (field) expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    const entryId = (body as { entryId: string }).entryId;
    expect((await get(`/entries/${principal.agencyId}/${entryId}`, { ...principal, role: 'practitioner' })).status).toBe(404);
  });

  it('refuses a body over the size limit with 413 and writes nothing', async () => {
    const res = await post('/entries/contact', police, contact('P-31', { summary: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('REQUEST.BODY_TOO_LARGE');
    expect((await get('/entries/police-north/P-31', police)).status).toBe(404);
  });

  it('refuses malformed JSON', async () => {
    const res = await post('/entries/contact', police, undefined, '{"entryId": "P-30",');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('REQUEST.MALFORMED_JSON');
  });

  describe('POST /entries/batch', () => {
    it('records every entry or none', async () => {
      const refused = await post('/entries/batch', police, {
        entries: [{ kind: 'contact', ...contact('P-B1') }, { kind: 'concern', entryId: 'P-B2', subjects: [CHILD], occurred: { date: '2024-03-04' }, categories: ['neglect'], severity: 'high' }, { kind: 'contact', ...contact('P-B3', { contactType: 'fax' }) }],
      });
      expect(refused.status).toBe(400);
      const problem = (await refused.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((e) => e.field)).toContain('entries.2.contactType');
      expect((await get('/entries/police-north/P-B1', police)).status).toBe(404);

      const accepted = await post('/entries/batch', police, { entries: [{ kind: 'contact', ...contact('P-B1') }, { kind: 'contact', ...contact('P-B3') }] });
      expect(accepted.status).toBe(201);
      expect(((await accepted.json()) as { entries: unknown[] }).entries).toHaveLength(2);
      expect((await get('/entries/police-north/P-B3', police)).status).toBe(200);
    });
  });

  describe('POST /imports (a chronology CSV of the caller\'s agency)', () => {
    async function upload(principal: Principal, csv: string, contentType = 'text/csv'): Promise<Response> {
      const token = await issueToken(principal, { secret, expiresIn: '1h' });
      return fetch(`${base}/imports?file=police.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: csv });
    }
    const header = 'entry_id,agency,date,entry_type,subjects,contact_type,child_seen,outcome,severity,categories';

    it('imports the rows and summarises them; the same upload again appends nothing', async () => {
      const csv = `${header}\nP-U1,police-north,2024-02-01,contact,${CHILD},home_visit,no,no_access,,\nP-U2,police-north,2024-02-02,concern,${CHILD},,,,high,neglect\n`;
      const first = await upload(police, csv);
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ file: 'police.csv', rows: 2, appended: 2, alreadyPresent: 0, byType: { contact: 1, concern: 1 } });
      expect(await (await upload(police, csv)).json()).toMatchObject({ appended: 0, alreadyPresent: 2 });
    });

    it.each<[string, string, number, string, string | undefined]>([
      ['a row of another agency', `${header}\nC-U3,csc-north,2024-02-01,contact,${CHILD},home_visit,no,no_access,,\n`, 400, 'CHRONOLOGY.VALUE.INVALID', 'agency'],
      ['a bad value', `${header}\nP-U4,police-north,2024-02-01,concern,${CHILD},,,,extreme,neglect\n`, 400, 'CHRONOLOGY.VALUE.INVALID', 'severity'],
    ])('refuses %s, naming the line and column', async (_label, csv, status, code, field) => {
      const res = await upload(police, csv);
      expect(res.status).toBe(status);
      const problem = (await res.json()) as { code: string; detail: string; errors?: { field: string }[] };
      expect(problem.code).toBe(code);
      expect(problem.detail).toContain('police.csv line 2');
      expect(problem.errors?.map((e) => e.field)).toEqual([field]);
    });

    it('refuses a body that is not CSV', async () => {
      expect((await upload(police, '{}', 'application/json')).status).toBe(415);
    });
  });
});
