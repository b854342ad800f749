import { issueToken, type Principal } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { importChronology } from '@casetrail/recording';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createApp } from '../apps/api/src/create-app';
import { eventually } from './support/eventually';
import { captureLogs } from './support/log-capture';

jest.setTimeout(90_000);

const admin: Principal = { agencyId: 'council-north', role: 'administrator' };
const reviewer: Principal = { agencyId: 'council-north', role: 'reviewer' };
const otherReviewer: Principal = { agencyId: 'council-south', role: 'reviewer' };
const csc: Principal = { agencyId: 'csc-north', role: 'practitioner' };
const leader: Principal = { agencyId: 'council-north', role: 'leader' };
const CHILD = 'subj-tl-child';

interface Ref {
  agency: string;
  entryId: string;
}
interface EntryJson {
  entry: Ref;
  type: string;
  corrected: boolean;
  details: Record<string, unknown>;
  history: { kind: string; entry: Ref; changes?: unknown }[];
  known?: { via: string; through?: { entry: Ref } };
}
interface TimelineJson {
  entries: EntryJson[];
  household: unknown[];
  perspective: unknown;
}
interface FlagsJson {
  flags: { rule: string; theme: string; evidence: { entry: Ref }[] }[];
}

/** A small case where police knew of a partner's offence history and told social care two weeks late. */
const CHRONOLOGY = `entry_id,agency,date,recorded_date,entry_type,subjects,subject_kind,related_subject,relationship,counterpart_agency,categories,severity,contact_type,child_seen,outcome,refers_to,reason,summary
C-1,csc-north,2023-09-01,,person,subj-tl-child,child,,,,,,,,,,,Synthetic child
C-2,csc-north,2023-09-01,,person,subj-tl-adult,adult,,,,,,,,,,,Synthetic adult
C-3,csc-north,2023-09-05,,involvement_opened,subj-tl-child,,,,,,,,,,,,Assessment opened
C-4,csc-north,2023-10-02,,relationship,subj-tl-child,,subj-tl-adult,partner_of_parent,,,,,,,,,New partner moved in
P-1,police-north,2023-10-05,,concern,subj-tl-child;subj-tl-adult,,,,,sexual_offence_history,high,,,,,,Partner has a previous conviction
P-2,police-north,2023-10-06,,referral,subj-tl-child,,,,csc-north,domestic_abuse,,,,,,,Referral after call-out
C-5,csc-north,2023-10-06,,referral_outcome,subj-tl-child,,,,,,,,,no_further_action,police-north:P-2,,NFA
P-3,police-north,2023-10-20,,information_shared,subj-tl-child,,,,csc-north,,,,,,P-1,,Conviction shared
P-4,police-north,2023-10-21,,correction,subj-tl-child;subj-tl-adult,,,,,,medium,,,,P-1,severity mis-keyed,
H-1,health-north,2023-10-25,2023-11-20,contact,subj-tl-child,,,,,,,home_visit,yes,completed,,,Health visit
`;

describe('timelines, knowledge views and flags over HTTP (embedded store)', () => {
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let secret: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'casetrail-timelines-e2e-'));
    app = await createApp({ config: loadConfig({ CASETRAIL_STORE: 'embedded', DATA_DIR: dataDir }, { needsTokenKey: true }), logger: captureLogs().logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    for (const [agencyId, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care'], ['health-north', 'health']]) {
      expect((await post('/agencies', admin, { agencyId, name: `${agencyId} (synthetic)`, kind })).status).toBe(201);
    }
    const store = app.get<EventStore>(EVENT_STORE);
    await importChronology(store, Readable.from([CHRONOLOGY]), { file: 'timeline.csv', metadata: { correlationId: 'tl' } });
    // A reviewer reads a child through a review of it that it is assigned to.
    const review = { reviewId: 'RR-TL-1', kind: 'rapid_review', title: 'Rapid review RR-TL-1', children: [CHILD], period: { from: '2023-01-01', to: '2024-01-31' } };
    expect((await post('/reviews', admin, review)).status).toBe(201);
    expect((await post('/reviews/RR-TL-1/reviewers', admin, { agencyId: 'council-north' })).status).toBe(201);
    await eventually(async () => {
      const body = await timeline(`/children/${CHILD}/timeline`);
      expect(body.entries?.length).toBe(8);
    });
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

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
  async function get(path: string, principal: Principal): Promise<Response> {
    return fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await token(principal)}` } });
  }
  async function timeline(path: string, principal: Principal = reviewer): Promise<TimelineJson> {
    return (await (await get(path, principal)).json()) as TimelineJson;
  }
  function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      httpGet(`${base}${path}`, { headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject);
    });
  }
  const refs = (body: TimelineJson) => body.entries.map((e) => `${e.entry.agency}:${e.entry.entryId}`);

  it('gives a reviewer the integrated chronology in order, with corrections applied and their history', async () => {
    const res = await get(`/children/${CHILD}/timeline`, reviewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as TimelineJson;
    // The adult's registration predates the household, so it is not on the child's timeline.
    expect(refs(body)).toEqual([
      'csc-north:C-1',
      'csc-north:C-3',
      'csc-north:C-4',
      'police-north:P-1',
      'police-north:P-2',
      'csc-north:C-5',
      'police-north:P-3',
      'health-north:H-1',
    ]);
    const concern = body.entries.find((e) => e.entry.entryId === 'P-1')!;
    expect(concern).toMatchObject({ type: 'concern', corrected: true, details: { severity: 'medium' } });
    expect(concern.history[0]).toMatchObject({ kind: 'corrected', entry: { agency: 'police-north', entryId: 'P-4' }, changes: { severity: { from: 'high', to: 'medium' } } });
    expect(body.household).toEqual([expect.objectContaining({ adult: 'subj-tl-adult', relation: 'partner_of_parent' })]);
  });

  it('tags a timeline with its version: asking again with If-None-Match answers 304 until the timeline changes', async () => {
    const first = await get(`/children/${CHILD}/timeline`, reviewer);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    // Plain HTTP, as a browser's cache revalidates (fetch() would add `Cache-Control: no-cache`, which asks for a full answer).
    const again = await rawGet(`/children/${CHILD}/timeline`, { authorization: `Bearer ${await token(reviewer)}`, 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    // Another question about the same child is another answer.
    const filtered = await get(`/children/${CHILD}/timeline?agency=police-north`, reviewer);
    expect(filtered.headers.get('etag')).not.toBe(etag);
  });

  it('filters by agency, type and period, and refuses an unknown type naming the field', async () => {
    expect(refs(await timeline(`/children/${CHILD}/timeline?agency=police-north`))).toEqual(['police-north:P-1', 'police-north:P-2', 'police-north:P-3']);
    expect(refs(await timeline(`/children/${CHILD}/timeline?type=concern,referral`))).toEqual(['police-north:P-1', 'police-north:P-2']);
    expect(refs(await timeline(`/children/${CHILD}/timeline?from=2023-10-06&to=2023-10-20`))).toEqual([
      'police-north:P-2',
      'csc-north:C-5',
      'police-north:P-3',
    ]);
    const bad = await get(`/children/${CHILD}/timeline?type=gossip`, reviewer);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(await bad.json()).toMatchObject({ code: 'TIMELINE.FILTER.INVALID', errors: [{ field: 'type' }] });
  });

  it('answers "what did social care know" on a date: the referral, not yet the conviction', async () => {
    const before = await timeline(`/children/${CHILD}/timeline?asKnownBy=csc-north&asOf=2023-10-09`);
    expect(refs(before)).toContain('police-north:P-2');
    expect(refs(before)).not.toContain('police-north:P-1');
    expect(before.entries.find((e) => e.entry.entryId === 'P-2')!.known).toMatchObject({ via: 'referred' });

    const after = await timeline(`/children/${CHILD}/timeline?asKnownBy=csc-north&asOf=2023-10-21`);
    expect(after.entries.find((e) => e.entry.entryId === 'P-1')!.known).toMatchObject({
      via: 'shared',
      through: { entry: { agency: 'police-north', entryId: 'P-3' } },
    });
  });

  it('flags what the reviewer should see, citing the agencies’ own entry ids', async () => {
    const res = await get(`/children/${CHILD}/flags?asOf=2024-01-31`, reviewer);
    expect(res.status).toBe(200);
    const { flags } = (await res.json()) as FlagsJson;
    const byRule = (rule: string) => flags.filter((f) => f.rule === rule);
    expect(byRule('decision-without-shared-information')[0].evidence.map((e) => e.entry.entryId)).toEqual(
      expect.arrayContaining(['C-5', 'P-1']),
    );
    expect(byRule('late-recording')[0]).toMatchObject({ theme: 'leadership_culture', evidence: [expect.objectContaining({ entry: { agency: 'health-north', entryId: 'H-1' } })] });
  });

  it('shows a practitioner only what its own agency knew, and refuses another agency’s view', async () => {
    const own = await timeline(`/children/${CHILD}/timeline`, csc);
    expect(own.perspective).toMatchObject({ kind: 'known-by', agency: 'csc-north' });
    expect(refs(own)).not.toContain('health-north:H-1');
    const other = await get(`/children/${CHILD}/timeline?asKnownBy=police-north`, csc);
    expect(other.status).toBe(403);
    expect((await get(`/children/${CHILD}/flags`, csc)).status).toBe(403);
  });

  it('refuses a reviewer who is not assigned to a review of the child', async () => {
    const res = await get(`/children/${CHILD}/timeline`, otherReviewer);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'ACCESS.NOT_IN_REVIEW.FORBIDDEN' });
    expect((await get(`/children/${CHILD}/flags`, otherReviewer)).status).toBe(403);
  });

  it('refuses a leader any child-level read, and answers 404 for an unknown child', async () => {
    expect((await get(`/children/${CHILD}/timeline`, leader)).status).toBe(403);
    expect((await get(`/children/${CHILD}/flags`, leader)).status).toBe(403);
    const missing = await get('/children/subj-nobody/timeline', reviewer);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'CHILD.NOT_FOUND' });
  });
});
