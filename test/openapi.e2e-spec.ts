import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/create-app';
import { BATCH_REQUEST_EXAMPLES, BATCH_RESPONSES } from '../apps/api/src/entries/batch-examples';
import { ENTRY_READ_BACK_EXAMPLE } from '../apps/api/src/entries/entry-examples';
import { IMPORT_EXAMPLES, IMPORT_RESPONSES } from '../apps/api/src/imports/import-examples';
import { captureLogs } from './support/log-capture';

jest.setTimeout(60_000);

interface Operation {
  readonly requestBody?: { readonly content?: Record<string, MediaType> };
  readonly responses?: Record<string, { readonly content?: Record<string, MediaType> }>;
}
interface MediaType {
  readonly schema?: unknown;
  readonly example?: unknown;
  readonly examples?: Record<string, { readonly value?: unknown }>;
}
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Whether a piece of the document (its `$ref`s followed into the components) holds an example. */
function holdsExample(node: unknown, doc: OpenApiDocument, seen = new Set<string>()): boolean {
  if (Array.isArray(node)) return node.some((item) => holdsExample(item, doc, seen));
  if (!node || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  if (record.example !== undefined || (record.examples && Object.keys(record.examples).length > 0)) return true;
  const ref = record.$ref;
  if (typeof ref === 'string' && !seen.has(ref)) {
    seen.add(ref);
    if (holdsExample(doc.components?.schemas?.[ref.split('/').pop() ?? ''], doc, seen)) return true;
  }
  return Object.values(record).some((value) => holdsExample(value, doc, seen));
}

const admin: Principal = { agencyId: 'council-north', role: 'administrator' };
const police: Principal = { agencyId: 'police-north', role: 'practitioner' };
const csc: Principal = { agencyId: 'csc-north', role: 'practitioner' };

/** A problem as documented, less what differs per request. */
const documented = (example: object) => {
  const { instance: _instance, correlationId: _correlationId, ...rest } = example as Record<string, unknown>;
  return rest;
};

describe('the OpenAPI document at /docs-json', () => {
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let secret: string;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-openapi-e2e-'));
    app = await createApp({ config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }, { needsTokenKey: true }), logger: captureLogs().logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    const res = await fetch(`${base}/docs-json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
  });

  async function send(method: string, path: string, principal: Principal, body: string, contentType = 'application/json'): Promise<Response> {
    const token = await issueToken(principal, { secret, expiresIn: '1h' });
    return fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
  }
  const post = (path: string, principal: Principal, body: unknown) => send('POST', path, principal, JSON.stringify(body));

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );

  it('gives every route at least one example', () => {
    expect(operations().length).toBeGreaterThan(10);
    expect(operations().filter(({ operation }) => !holdsExample(operation, doc)).map(({ route }) => route)).toEqual([]);
  });

  it('documents POST /entries/batch with a multi-entry request and its response', () => {
    const batch = doc.paths['/entries/batch'].post;
    const request = batch.requestBody?.content?.['application/json'];
    const example = Object.values(request?.examples ?? {})[0]?.value as { entries: { kind: string }[] };
    expect(example.entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['person', 'concern', 'referral']));
    const created = batch.responses?.['201']?.content?.['application/json'];
    expect(holdsExample(created, doc)).toBe(true);
    expect(holdsExample(batch.responses?.['400'], doc)).toBe(true);
  });

  it('documents POST /imports with the CSV of the fixture, as its agencies upload it, and the summary it answers', () => {
    const upload = doc.paths['/imports'].post;
    const bodies = Object.values(upload.requestBody?.content?.['text/csv']?.examples ?? {}).map((e) => e.value as string);
    const [header, ...rows] = readFileSync(join(__dirname, 'fixtures', 'chronology-small.csv'), 'utf8').trim().split('\n');
    expect(bodies.map((body) => body.split('\n')[0])).toEqual(bodies.map(() => header));
    expect(bodies.flatMap((body) => body.trim().split('\n').slice(1)).sort()).toEqual([...rows].sort());
    const summary = upload.responses?.['200']?.content?.['application/json'];
    expect(JSON.stringify(summary)).toContain('"byType"');
    expect(holdsExample(summary, doc)).toBe(true);
    expect(holdsExample(upload.responses?.['400'], doc)).toBe(true);
  });

  describe('the examples are what the API answers', () => {
    beforeAll(async () => {
      for (const [agencyId, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care']]) {
        expect((await post('/agencies', admin, { agencyId, name: `${agencyId} (synthetic)`, kind })).status).toBe(201);
      }
    });

    it('POST /imports: each documented upload in turn, then the first again', async () => {
      for (const example of IMPORT_EXAMPLES) {
        const res = await send('POST', `/imports?file=${example.file}`, { agencyId: example.agency, role: 'practitioner' }, example.csv, 'text/csv');
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual(example.summary);
      }
      const [first] = IMPORT_EXAMPLES;
      const again = await send('POST', `/imports?file=${first.file}`, csc, first.csv, 'text/csv');
      expect(await again.json()).toEqual(IMPORT_RESPONSES.imported.examples.again.value);

      const [policeFile] = IMPORT_EXAMPLES.filter((e) => e.agency === 'police-north');
      const bad = await send('POST', `/imports?file=${policeFile.file}`, police, policeFile.csv.replace(',high,', ',extreme,'), 'text/csv');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject(documented(IMPORT_RESPONSES.badRow.example));
    });

    it('GET /entries/{agency}/{entryId}: an answer corrected by its own id, read back', async () => {
      const correction = { entryId: 'C-005', subjects: ['subj-demo-child-01'], occurred: { date: '2023-10-12' }, recordedAt: '2023-10-12T00:00:00.000Z', refersTo: 'C-004', changes: { outcome: 'assessment' }, reason: 'outcome mis-keyed' };
      expect((await post('/entries/correction', csc, correction)).status).toBe(201);
      const token = await issueToken(csc, { secret, expiresIn: '1h' });
      const res = await fetch(`${base}/entries/csc-north/C-004`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(ENTRY_READ_BACK_EXAMPLE);
    });

    it('POST /entries/batch: created, then retried, then refused', async () => {
      expect((await post('/entries/person', csc, { entryId: 'C-0001', subjects: ['subj-child-0001'], occurred: { date: '2024-04-01' }, kind: 'child' })).status).toBe(201);
      const { value } = BATCH_REQUEST_EXAMPLES.callOut as { value: { entries: { kind: string; entry: Record<string, unknown> }[] } };

      const created = await post('/entries/batch', police, value);
      expect(created.status).toBe(201);
      expect(await created.json()).toEqual(BATCH_RESPONSES.created.example);
      const retried = await post('/entries/batch', police, value);
      expect(retried.status).toBe(200);
      expect(await retried.json()).toEqual(BATCH_RESPONSES.retried.example);

      const invalid = value.entries.map((item, i) => (i === 1 ? { ...item, entry: { ...item.entry, entryId: 'P-2052', severity: 'extreme' } } : item));
      const refused = await post('/entries/batch', police, { entries: invalid });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject(documented(BATCH_RESPONSES.invalid.example));

      const reused = value.entries.map((item, i) => (i === 2 ? { ...item, entry: { ...item.entry, to: 'police-north' } } : item));
      const conflict = await post('/entries/batch', police, { entries: reused });
      expect(conflict.status).toBe(409);
      expect(await conflict.json()).toMatchObject(documented(BATCH_RESPONSES.conflict.example));

      const flat = await post('/entries/batch', police, (BATCH_REQUEST_EXAMPLES.flat as { value: unknown }).value);
      expect(flat.status).toBe(201);
    });
  });
});
