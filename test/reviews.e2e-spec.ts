import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { importChronology } from '@casetrail/recording';
import type { INestApplication } from '@nestjs/common';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { chromium, type Browser } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { createApp } from '../apps/api/src/create-app';
import { eventually } from './support/eventually';
import { captureLogs } from './support/log-capture';
import { ROOT } from './support/child-process';

jest.setTimeout(120_000);

const admin: Principal = { agencyId: 'council-north', role: 'administrator' };
const reviewer: Principal = { agencyId: 'council-north', role: 'reviewer', practitionerRef: 'REV-1' };
const outsider: Principal = { agencyId: 'council-south', role: 'reviewer' };
const leader: Principal = { agencyId: 'council-north', role: 'leader' };
const CHILD = 'subj-demo-child-01';
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

interface ReviewJson {
  reviewId: string;
  status: string;
  reviewers: { agencyId: string }[];
  findings: { findingId: string; evidence: { eventId?: string; entry: { agency: string; entryId: string } }[] }[];
}

describe('reviews: open, assign, find, export, conclude (embedded store)', () => {
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let secret: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-reviews-e2e-'));
    app = await createApp({ config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }, { needsTokenKey: true }), logger: captureLogs().logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    for (const [agencyId, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care']]) {
      expect((await send('POST', '/agencies', admin, { agencyId, name: `${agencyId} (synthetic)`, kind })).status).toBe(201);
    }
    const fixture = readFileSync(join(ROOT, 'test', 'fixtures', 'chronology-small.csv'));
    await importChronology(app.get<EventStore>(EVENT_STORE), Readable.from([fixture]), { file: 'fixture.csv', metadata: {} });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function send(method: string, path: string, principal: Principal, body?: unknown): Promise<Response> {
    const token = await issueToken(principal, { secret, expiresIn: '1h' });
    return fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  }
  const review = async (principal: Principal = reviewer) => (await (await send('GET', '/reviews/RR-1', principal)).json()) as ReviewJson;
  const opening = { reviewId: 'RR-1', kind: 'rapid_review', title: 'Rapid review RR-1', children: [CHILD], period: { from: '2023-01-01', to: '2024-06-30' } };

  it('opens a review once (a retry is answered 200), and refuses bad openings with the field at fault', async () => {
    expect((await send('POST', '/reviews', admin, opening)).status).toBe(201);
    expect((await send('POST', '/reviews', admin, opening)).status).toBe(200);
    const conflict = await send('POST', '/reviews', admin, { ...opening, title: 'Another title' });
    expect(conflict.status).toBe(409);

    const future = await send('POST', '/reviews', admin, { ...opening, reviewId: 'RR-2', period: { from: '2024-01-01', to: '2999-01-01' } });
    expect(future.status).toBe(400);
    const unknownChild = await send('POST', '/reviews', admin, { ...opening, reviewId: 'RR-3', children: ['subj-nobody'] });
    expect(unknownChild.status).toBe(404);
    expect(await unknownChild.json()).toMatchObject({ code: 'SUBJECT.NOT_FOUND', errors: [{ field: 'children.0' }] });
    const badKind = await send('POST', '/reviews', admin, { ...opening, reviewId: 'RR-4', kind: 'inquest' });
    expect(badKind.status).toBe(400);
    expect((await send('POST', '/reviews', reviewer, { ...opening, reviewId: 'RR-5' })).status).toBe(403);
  });

  it('assigns a reviewer, who then sees the review; others are refused', async () => {
    expect((await send('POST', '/reviews/RR-1/reviewers', admin, { agencyId: 'council-north', practitionerRef: 'REV-1' })).status).toBe(201);
    await eventually(async () => expect((await review()).reviewers).toEqual([expect.objectContaining({ agencyId: 'council-north' })]));
    expect(((await (await send('GET', '/reviews', reviewer)).json()) as unknown[]).length).toBe(1);
    expect((await send('GET', '/reviews/RR-1', outsider)).status).toBe(403);
    expect((await send('GET', '/reviews/RR-1', leader)).status).toBe(403);
  });

  it('records a finding on entries of the reviewed child, pinning their event ids; refuses unknown evidence', async () => {
    const finding = { findingId: 'F-1', theme: 'information_sharing', text: "The partner's conviction was not shared before the referral was closed.", evidence: ['police-north:P-002', 'csc-north:C-004'] };
    expect((await send('POST', '/reviews/RR-1/findings', reviewer, finding)).status).toBe(201);
    await eventually(async () => expect((await review()).findings).toHaveLength(1));
    const [recorded] = (await review()).findings;
    expect(recorded.evidence.map((e) => e.entry.entryId)).toEqual(['P-002', 'C-004']);
    expect(recorded.evidence.every((e) => typeof e.eventId === 'string')).toBe(true);

    const unknown = await send('POST', '/reviews/RR-1/findings', reviewer, { ...finding, findingId: 'F-2', evidence: ['police-north:P-999'] });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'ENTRY.NOT_FOUND', errors: [{ field: 'evidence.0' }] });
    const badTheme = await send('POST', '/reviews/RR-1/findings', reviewer, { ...finding, findingId: 'F-3', theme: 'luck' });
    expect(badTheme.status).toBe(400);
    expect((await send('POST', '/reviews/RR-1/findings', outsider, { ...finding, findingId: 'F-4' })).status).toBe(403);
  });

  it('exports the integrated chronology as CSV, filtered by agency and period', async () => {
    const res = await send('GET', '/reviews/RR-1/chronology?format=csv', reviewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const records = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(records.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(records[0])).toEqual(expect.arrayContaining(['Agency', 'Agency entry id', 'Flags', 'Review findings']));
    expect(records.find((r) => r['Agency entry id'] === 'P-002')?.['Review findings']).toContain('F-1');
    const police = parse(await (await send('GET', '/reviews/RR-1/chronology?format=csv&agency=police-north&from=2023-10-05&to=2023-10-05', reviewer)).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(police.length).toBe(2);
    expect(police.every((r) => r.Agency.includes('police-north'))).toBe(true);
  });

  describe('the printable HTML chronology in headless Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
    });
    afterAll(() => browser?.close());

    it('opens as a table of the entries with flags and the finding inline, and prints to PDF', async () => {
      const html = await (await send('GET', '/reviews/RR-1/chronology?format=html', reviewer)).text();
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.setContent(html, { waitUntil: 'load' });
      expect(await page.title()).toBe('Rapid review RR-1');
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBeGreaterThanOrEqual(6);
      const text = await page.locator('table').innerText();
      expect(text).toContain('P-002');
      expect(text).toContain('decision-without-shared-information');
      expect(text).toContain('F-1');
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'review-chronology.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', landscape: true });
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      await page.close();
    });
  });

  it('concludes the review once; a concluded review takes no more findings', async () => {
    expect((await send('POST', '/reviews/RR-1/conclude', admin, { summary: 'Learning referred to a local practice review.' })).status).toBe(201);
    await eventually(async () => expect((await review()).status).toBe('concluded'));
    const late = await send('POST', '/reviews/RR-1/findings', reviewer, { findingId: 'F-9', theme: 'daily_life', text: 'Late.', evidence: ['police-north:P-001'] });
    expect(late.status).toBe(409);
  });
});
