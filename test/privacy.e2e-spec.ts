import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import { eventually } from './support/eventually';
import { captureLogs, type CapturedLogs } from './support/log-capture';

jest.setTimeout(60_000);

/** Stands for a child's details: whatever carries it must never reach a log line or an error body. */
const MARKER = `SYNTH-PII-MARKER-${randomUUID().slice(0, 8)}`;
const CHILD = `subj-${MARKER}-child`;
const UNKNOWN_CHILD = `subj-${MARKER}-unknown`;
const SUMMARY = `Home visit: ${MARKER} told the officer about her stepfather, 1 Example Road`;

const admin: Principal = { agencyId: 'council-west', role: 'administrator' };
const police: Principal = { agencyId: 'police-north', role: 'practitioner', practitionerRef: 'PN-0042' };

interface Answer {
  readonly status: number;
  readonly text: string;
}

describe('personal data in logs and error bodies', () => {
  let dataDir: string;
  let logs: CapturedLogs;
  let app: INestApplication;
  let base: string;
  let secret: string;
  /** Every refusal answered while the test ran. */
  const refusals: Array<Answer & { request: string }> = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-privacy-e2e-'));
    logs = captureLogs();
    app = await createApp({ config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }, { needsTokenKey: true }), logger: logs.logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();

    expect((await post('/agencies', admin, { agencyId: 'police-north', name: 'Northshire Police (synthetic)', kind: 'police' })).status).toBe(201);
    expect((await post('/entries/person', police, { entryId: 'P-PERSON', subjects: [CHILD], occurred: { date: '2015-03-02' }, kind: 'child', summary: SUMMARY })).status).toBe(201);
    expect((await post('/entries/contact', police, contact('P-VISIT'))).status).toBe(201);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function post(path: string, principal: Principal, body: unknown, raw?: string): Promise<Answer> {
    const token = await issueToken(principal, { secret, expiresIn: '1h' });
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
    const answer = { status: res.status, text: await res.text() };
    if (answer.status >= 400) refusals.push({ ...answer, request: `POST ${path}` });
    return answer;
  }

  const contact = (entryId: string, extra: object = {}) => ({
    entryId,
    subjects: [CHILD],
    occurred: { date: '2024-03-04', time: '21:15' },
    contactType: 'home_visit',
    childSeen: true,
    summary: SUMMARY,
    ...extra,
  });

  const problemOf = (answer: Answer) => JSON.parse(answer.text) as { code: string; detail: string; errors?: Array<{ field: string; message: string }> };

  it('does not quote an unknown subject id sent in the body', async () => {
    const answer = await post('/entries/contact', police, contact('P-UNKNOWN', { subjects: [UNKNOWN_CHILD] }));

    expect(answer.status).toBe(404);
    expect(problemOf(answer)).toMatchObject({ code: 'SUBJECT.NOT_FOUND', detail: 'No subject [withheld]', errors: [{ field: 'subjects' }] });
  });

  it('does not quote free text that landed in a validated field', async () => {
    const answer = await post('/entries/concern', police, { ...contact('P-CONCERN'), contactType: undefined, childSeen: undefined, severity: 'high', categories: [`${MARKER} disclosed abuse`] });

    expect(answer.status).toBe(400);
    expect(problemOf(answer)).toMatchObject({
      code: 'REQUEST.VALIDATION_FAILED',
      errors: [{ field: 'categories.0', message: '"[withheld]" is not a risk category id or census code' }],
    });
  });

  it('does not quote a summary that is too long, or any other field of a refused entry', async () => {
    const answer = await post('/entries/contact', police, contact('P-LONG', { summary: `${SUMMARY} `.repeat(200), contactType: `visit by ${MARKER}` }));

    expect(answer.status).toBe(400);
    expect(problemOf(answer).errors?.map((e) => e.field).sort()).toEqual(['contactType', 'summary']);
  });

  it('does not quote the entry of a conflicting retry', async () => {
    const answer = await post('/entries/contact', police, contact('P-VISIT', { summary: `${SUMMARY}, amended` }));

    expect(answer.status).toBe(409);
    expect(problemOf(answer)).toMatchObject({ code: 'ENTRY.ID_REUSED.CONFLICT', detail: 'Entry police-north:[withheld] was already recorded with other content' });
  });

  it('does not quote a refused batch item', async () => {
    const answer = await post('/entries/batch', police, { entries: [{ kind: 'contact', ...contact('P-B1') }, { kind: 'contact', ...contact('P-B2', { subjects: [UNKNOWN_CHILD] }) }] });

    expect(answer.status).toBe(404);
    expect(problemOf(answer).errors?.[0].field).toMatch(/^entries\.1\./);
  });

  it('does not quote a body that is not JSON, or too large', async () => {
    expect((await post('/entries/contact', police, undefined, `{"summary": "${SUMMARY}", `)).status).toBe(400);
    expect((await post('/entries/contact', police, undefined, JSON.stringify(contact('P-HUGE', { summary: SUMMARY.repeat(20_000) })))).status).toBe(413);
  });

  it('does not quote an agency registration that conflicts', async () => {
    const answer = await post('/agencies', admin, { agencyId: 'police-north', name: `Police of ${MARKER}`, kind: 'police' });

    expect(answer.status).toBe(409);
  });

  it('left the marker in no error body', () => {
    expect(refusals.length).toBeGreaterThanOrEqual(8);
    for (const { request, text } of refusals) expect({ request, text }).toEqual({ request, text: expect.not.stringContaining(MARKER) });
  });

  it('left the marker in no log line, though every request was logged', async () => {
    await eventually(async () => expect(logs.lines().filter((line) => line.req !== undefined).length).toBeGreaterThanOrEqual(refusals.length + 3));

    expect(logs.lines().filter((line) => JSON.stringify(line).includes(MARKER))).toEqual([]);
    expect(logs.text()).not.toContain('Example Road');
  });
});
