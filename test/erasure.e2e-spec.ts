import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import { dropSchema, testDatabaseUrl, uniqueName } from '@casetrail/event-store/testing';
import type { Platform } from '@casetrail/platform';
import type { INestApplication } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import { PLATFORM } from '../apps/api/src/tokens';
import { casetrail } from './support/child-process';
import { scanDatabase } from './support/database-scan';
import { eventually } from './support/eventually';
import { captureLogs, type CapturedLogs } from './support/log-capture';

// Generous: on a shared PostgreSQL cluster another session's long transaction holds the log's
// visibility horizon (and so the projector) back; nothing here depends on timing otherwise.
jest.setTimeout(300_000);
const PROJECTED = 90_000;

/**
 * Erasure without rewriting the log, over real storage (PGlite always, PostgreSQL when
 * DATABASE_URL is set): a synthetic adult with distinctive plaintext (a name in the registration's
 * free text, an NHS-number-like identifier, notes on entries) is erased; afterwards no table of the
 * database holds any of that plaintext, nor do the logs, the log keeps every event, views show
 * `[erased]`, and a rebuild brings nothing back. A legal hold makes erasure answer 409.
 */
interface Tier {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly schemas: (query: Platform['readModels']) => Promise<string[]>;
  cleanup(): Promise<void>;
}

const tiers: Array<() => Tier> = [
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-erasure-e2e-'));
    return {
      name: 'embedded (PGlite)',
      env: { CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir, RATE_LIMIT: 'off', PROJECTOR_IN_PROCESS: 'true' },
      // The embedded database is the platform's alone: every schema but the system's.
      schemas: async (db) =>
        ((await db.query(`select schema_name from information_schema.schemata where schema_name not in ('information_schema') and schema_name not like 'pg\\_%'`)) as Array<{ schema_name: string }>).map((r) => r.schema_name),
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  },
];
const url = testDatabaseUrl();
if (url) {
  tiers.push(() => {
    const schema = uniqueName('erasure');
    const dataDir = mkdtempSync(join(tmpdir(), 'casetrail-erasure-pg-e2e-'));
    return {
      name: 'PostgreSQL',
      env: { CASETRAIL_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA: schema, DATA_DIR: dataDir, RATE_LIMIT: 'off', PROJECTOR_IN_PROCESS: 'true' },
      schemas: async () => [schema],
      cleanup: async () => {
        await dropSchema(url, schema);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  });
}

const admin: Principal = { agencyId: 'council-west', role: 'administrator' };
const police: Principal = { agencyId: 'police-north', role: 'practitioner', practitionerRef: 'PN-0042' };

describe.each(tiers.map((make) => [make().name, make] as const))('erasure over %s', (_name, make) => {
  const tag = randomUUID().slice(0, 8);
  const CHILD = `subj-er-${tag}-child`;
  const ADULT = `subj-er-${tag}-adult`;
  const OTHER = `subj-er-${tag}-other`;
  // Distinctive synthetic plaintext: none of it may survive the adult's erasure anywhere.
  const NAME = `Zephyrine Quillfeather-${tag}`;
  const NHS = `943 ${randomInt(100, 999)} ${randomInt(1000, 9999)}`;
  const NOTES = `Adult ${tag} disclosed past drinking at Larkspur Close`;
  const CORRECTED = `Corrected note ${tag}: visit was at Heronsgate`;
  const ERASED_PLAINTEXTS = [NAME, NHS, NOTES, CORRECTED];
  // About the child alone: erasing the adult must leave it readable.
  const CHILD_NOTE = `Child ${tag} seen at school, settled`;

  let tier: Tier;
  let logs: CapturedLogs;
  let app: INestApplication | undefined;
  let base: string;
  let secret: string;

  async function open(): Promise<void> {
    logs = captureLogs();
    app = await createApp({ config: loadConfig(tier.env, { needsTokenKey: true }), logger: logs.logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }
  async function close(): Promise<void> {
    await app?.close();
    app = undefined;
  }
  const platform = () => app!.get<Platform>(PLATFORM);

  beforeAll(async () => {
    tier = make();
    // Both the server and the CLI read the token key from here.
    secret = `erasure-e2e-secret-${randomUUID()}-${randomUUID()}`;
    tier.env.JWT_SECRET = secret;
    if (tier.env.CASETRAIL_STORE === 'embedded') writeFileSync(join(tier.env.DATA_DIR, 'jwt-secret'), secret, { mode: 0o600 });
    await open();
    secret = tier.env.CASETRAIL_STORE === 'embedded' ? readFileSync(join(tier.env.DATA_DIR, 'jwt-secret'), 'utf8').trim() : secret;
  });
  afterAll(async () => {
    await close();
    await tier.cleanup();
  });

  async function call(method: string, path: string, principal: Principal, body?: unknown): Promise<{ status: number; text: string }> {
    const token = await issueToken(principal, { secret, expiresIn: '1h' });
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  }
  const post = (path: string, principal: Principal, body: unknown) => call('POST', path, principal, body);
  const timelineText = async () => {
    // The recording agency's practitioner: it sees what its own agency recorded, which is all of it here.
    const answer = await call('GET', `/children/${CHILD}/timeline`, police);
    expect(answer.status).toBe(200);
    return answer.text;
  };
  const eventRows = async () =>
    ((await platform().readModels.query('select event_id::text as id from es_events order by position')) as Array<{ id: string }>).map((r) => r.id);
  const timelineRows = async () => (await platform().readModels.query('select event_id, type, subjects, data from rm_timeline_events order by event_id')) as Array<{ data: unknown }>;
  const scan = async (needles: readonly string[]) => scanDatabase((sql, params) => platform().readModels.query(sql, params as unknown[]), await tier.schemas(platform().readModels), needles);

  it('records a synthetic family whose plaintext is visible before erasure, and stored only encrypted', async () => {
    expect((await post('/agencies', admin, { agencyId: 'police-north', name: 'Northshire Police (synthetic)', kind: 'police' })).status).toBe(201);
    const entry = (entryId: string, extra: object) => ({ entryId, occurred: { date: '2024-03-04' }, ...extra });
    expect((await post('/entries/person', police, entry('P-C', { subjects: [CHILD], kind: 'child', summary: 'Synthetic child' }))).status).toBe(201);
    expect((await post('/entries/person', police, entry('P-A', { subjects: [ADULT], kind: 'adult', summary: `Known as ${NAME}` }))).status).toBe(201);
    expect((await post('/entries/person', police, entry('P-O', { subjects: [OTHER], kind: 'adult', summary: 'Synthetic other adult' }))).status).toBe(201);
    expect((await post('/entries/local-identifier', police, entry('P-A-NHS', { subjects: [ADULT], scheme: 'nhs_number', value: NHS }))).status).toBe(201);
    expect((await post('/entries/relationship', police, entry('P-R', { subjects: [CHILD], related: ADULT, relation: 'household_member', occurred: { date: '2024-03-01' } }))).status).toBe(201);
    const contact = (entryId: string, subjects: string[], summary: string) =>
      post('/entries/contact', police, entry(entryId, { subjects, contactType: 'home_visit', childSeen: true, outcome: 'completed', summary }));
    expect((await contact('P-V1', [CHILD, ADULT], NOTES)).status).toBe(201);
    expect((await contact('P-V2', [CHILD], CHILD_NOTE)).status).toBe(201);
    expect((await post('/entries/correction', police, entry('P-V1-C', { subjects: [CHILD, ADULT], refersTo: 'P-V1', changes: { summary: CORRECTED }, reason: 'typo' }))).status).toBe(201);

    await eventually(async () => {
      const text = await timelineText();
      for (const plaintext of [NOTES, CORRECTED, CHILD_NOTE]) expect(text).toContain(plaintext);
    }, PROJECTED);
    // The scan finds plaintext where it is (the timeline read model holds the child's note): a positive control.
    expect((await scan([CHILD_NOTE])).findings.map((f) => f.table)).toContainEqual(expect.stringContaining('rm_timeline_events'));
    // At rest, the event table holds none of it: only ciphertext under the subjects' keys.
    const raw = JSON.stringify(await platform().readModels.query('select data from es_events'));
    for (const plaintext of [...ERASED_PLAINTEXTS, CHILD_NOTE]) expect(raw).not.toContain(plaintext);
  });

  it('refuses erasure under a legal hold with 409, and changes nothing', async () => {
    expect((await post(`/subjects/${ADULT}/legal-hold`, admin, { reason: 'Coroner order C-1 (synthetic)' })).status).toBe(200);
    const before = await eventRows();
    const refused = await post(`/subjects/${ADULT}/erasure`, admin, { reason: 'Request DSR-1 (synthetic)' });
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'SUBJECT.LEGAL_HOLD.CONFLICT' });
    expect(await eventRows()).toEqual(before);
    expect(await timelineText()).toContain(NOTES);
    const keys = (await platform().readModels.query(`select key is not null as present from es_subject_keys where subject_id = $1`, [ADULT])) as Array<{ present: boolean }>;
    expect(keys).toEqual([{ present: true }]);
  });

  it('refuses erasure to anyone but an administrator, and without a reason', async () => {
    expect((await post(`/subjects/${ADULT}/erasure`, police, { reason: 'x' })).status).toBe(403);
    expect((await call('DELETE', `/subjects/${ADULT}/legal-hold`, admin, {})).status).toBe(400);
    expect((await post(`/subjects/subj-er-${tag}-nobody/erasure`, admin, { reason: 'x' })).status).toBe(404);
  });

  it('erases once the hold is lifted: no plaintext anywhere, the log intact, the views showing [erased]', async () => {
    expect((await call('DELETE', `/subjects/${ADULT}/legal-hold`, admin, { reason: 'Inquest concluded (synthetic)' })).status).toBe(200);
    const before = await eventRows();
    const erased = await post(`/subjects/${ADULT}/erasure`, admin, { reason: 'Request DSR-1 (synthetic)' });
    expect(erased.status).toBe(200);
    expect(JSON.parse(erased.text)).toMatchObject({ subjectId: ADULT, changed: true, erasedNow: true });

    // The log keeps every event; the erasure added exactly one (SubjectErased, ids and reason only).
    const after = await eventRows();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);

    await eventually(async () => {
      const text = await timelineText();
      for (const plaintext of ERASED_PLAINTEXTS) expect(text).not.toContain(plaintext);
      expect(text).toContain('[erased]');
      expect(text).toContain(CHILD_NOTE);
    }, PROJECTED);
    // Read again straight from the log: the store yields the marker too.
    const { scanned } = await expectNoPlaintext();
    expect(scanned).toEqual(expect.arrayContaining([expect.stringMatching(/\.es_events$/), expect.stringMatching(/\.es_subject_keys$/), expect.stringMatching(/\.rm_timeline_events$/)]));
    // A second erasure is a harmless retry.
    expect(JSON.parse((await post(`/subjects/${ADULT}/erasure`, admin, { reason: 'Request DSR-1 (synthetic)' })).text)).toMatchObject({ changed: false });
    // Nothing to hold any more.
    expect((await post(`/subjects/${ADULT}/legal-hold`, admin, { reason: 'late order' })).status).toBe(409);
  });

  it('stores an entry recorded after the erasure that names the subject with its text already erased', async () => {
    const late = `Late note ${tag} about the erased adult`;
    expect((await post('/entries/contact', police, { entryId: 'P-V3', occurred: { date: '2024-03-05' }, subjects: [CHILD, ADULT], contactType: 'phone_call', childSeen: false, outcome: 'completed', summary: late })).status).toBe(201);
    await eventually(async () => expect(await timelineText()).toContain('P-V3'), PROJECTED);
    // A retry of an entry recorded before the erasure can no longer be compared with what is stored.
    const retried = await post('/entries/contact', police, { entryId: 'P-V1', occurred: { date: '2024-03-04' }, subjects: [CHILD, ADULT], contactType: 'home_visit', childSeen: true, outcome: 'completed', summary: NOTES });
    expect(retried.status).toBe(409);
    expect(JSON.parse(retried.text)).toMatchObject({ code: 'ENTRY.ID_REUSED.CONFLICT' });
    const { findings } = await scan([late]);
    expect(findings).toEqual([]);
  });

  it("erases a child's break-glass reasons from the audit trail, keeping the fact of each grant and read", async () => {
    const CHILD2 = `subj-er-${tag}-child2`;
    const REASON = `ED attendance of Wrenna Ottersby-${tag}, no lead agency reachable`;
    const health: Principal = { agencyId: 'health-north', role: 'practitioner', practitionerRef: 'HN-7' };
    expect((await post('/agencies', admin, { agencyId: 'health-north', name: 'Northshire Health (synthetic)', kind: 'health' })).status).toBe(201);
    expect((await post('/entries/person', police, { entryId: 'P-C2', subjects: [CHILD2], occurred: { date: '2020-01-01' }, kind: 'child', summary: 'Synthetic second child' })).status).toBe(201);
    await eventually(async () => expect((await post(`/children/${CHILD2}/break-glass`, health, { reason: REASON, minutes: 5 })).status).toBe(201), PROJECTED);
    await eventually(async () => expect((await scan([REASON])).findings.map((f) => f.table)).toContainEqual(expect.stringContaining('rm_audit_trail')), PROJECTED);

    expect((await post(`/subjects/${CHILD2}/erasure`, admin, { reason: 'Request DSR-3 (synthetic)' })).status).toBe(200);
    await eventually(async () => expect((await scan([REASON])).findings).toEqual([]), PROJECTED);
    const grants = (await platform().readModels.query(`select kind, agency_id, reason from rm_audit_trail where children @> array[$1]::text[]`, [CHILD2])) as Array<{ kind: string; agency_id: string; reason: string | null }>;
    expect(grants).toContainEqual({ kind: 'break-glass', agency_id: 'health-north', reason: '[erased]' });
    expect(logs.text()).not.toContain(REASON);
  });

  it('erases from the CLI too, refuses under a hold, and a rebuild resurrects nothing', async () => {
    await close();
    const env = tier.env;
    expect(await casetrail(['legal-hold', 'place', OTHER, '--reason', 'Order 2 (synthetic)'], env)).toMatchObject({ code: 0 });
    const refused = await casetrail(['erase', OTHER, '--reason', 'Request 2 (synthetic)'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SUBJECT.LEGAL_HOLD.CONFLICT');
    expect(await casetrail(['legal-hold', 'lift', OTHER, '--reason', 'Order 2 ended (synthetic)'], env)).toMatchObject({ code: 0 });
    expect(await casetrail(['erase', OTHER, '--reason', 'Request 2 (synthetic)'], env)).toMatchObject({ code: 0, stdout: `Erased subject ${OTHER}.\n` });

    // The projector redacts in place what it already held; a rebuild from the log must give the same rows.
    await open();
    await eventually(async () => expect(await timelineRows()).toContainEqual(expect.objectContaining({ data: expect.objectContaining({ subjectId: OTHER, summary: '[erased]' }) })), PROJECTED);
    const redacted = await timelineRows();
    await close();
    const rebuilt = await casetrail(['rebuild'], env);
    expect(rebuilt).toMatchObject({ code: 0 });
    await open();
    expect(await timelineRows()).toEqual(redacted);
    await eventually(async () => {
      const text = await timelineText();
      expect(text).toContain('[erased]');
      expect(text).toContain(CHILD_NOTE);
      for (const plaintext of ERASED_PLAINTEXTS) expect(text).not.toContain(plaintext);
    }, PROJECTED);
    await expectNoPlaintext();
  });

  async function expectNoPlaintext(): Promise<{ scanned: string[] }> {
    const { tables, findings } = await scan(ERASED_PLAINTEXTS);
    expect(findings).toEqual([]);
    for (const plaintext of ERASED_PLAINTEXTS) expect(logs.text()).not.toContain(plaintext);
    return { scanned: tables };
  }
});
