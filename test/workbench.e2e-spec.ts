import { loadConfig } from '@casetrail/config';
import type { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../apps/api/src/create-app';
import { ROOT } from './support/child-process';
import { eventually } from './support/eventually';
import { captureLogs } from './support/log-capture';

/**
 * The review workbench in real headless Chromium over the demo data: the scenario of issue 6.
 * One server (started on an empty embedded store, as `npm start` on a fresh checkout), one demo
 * load through the sign-in page and one browser for the whole file; the steps run in order and
 * build on one another (load, sign in, read, find, record, export), as a newcomer's session would.
 */
jest.setTimeout(120_000);

const SHOTS = join(ROOT, 'test-results', 'workbench');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core's WCAG 2.1 A and AA rules (contrast among them) over the page as it stands. */
async function accessibilityViolations(target: Page): Promise<string[]> {
  // page.evaluate runs through the DevTools protocol, which the page's script policy does not govern.
  await target.evaluate(AXE);
  const violations = await target.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)`,
  );
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
const CHILD = 'subj-demo0001-child';
const MISSED_SHARING = 'syn-police:POL-demo0001-00095';

describe('the review workbench in headless Chromium (demo data)', () => {
  let dir: string;
  let app: INestApplication;
  let base: string;
  let browser: Browser;
  let reviewer: BrowserContext;
  let page: Page;

  const shot = (name: string, target: Page = page) => target.screenshot({ path: join(SHOTS, `${name}.png`) });
  const text = (selector: string, target: Page = page) => target.locator(selector).first().innerText();
  const number = async (selector: string) => Number(await text(selector));

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // CI builds before testing (npm run build); a bare `npm test -- test/workbench...` builds the page itself.
    if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'casetrail-workbench-'));
    const env = { CASETRAIL_STORE: 'embedded', DATA_DIR: join(dir, 'data') };
    const config = loadConfig({ ...env, RATE_LIMIT: 'off' }, { needsTokenKey: true });
    expect(config.demoSignIn).toBe(true);
    app = await createApp({ config, logger: captureLogs().logger });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    reviewer = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await reviewer.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(target: Page, principal: string): Promise<void> {
    await target.goto(`${base}/`);
    await target.locator(`[data-principal="${principal}"]`).check();
    await target.getByRole('button', { name: 'Sign in as demo principal' }).click();
    await target.locator('[data-testid="signed-in-as"]').waitFor();
  }

  it('serves the page at / under a strict Content-Security-Policy, beside the API', async () => {
    const answer = await fetch(`${base}/`);
    expect(answer.status).toBe(200);
    const policy = answer.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(await answer.text()).toContain('<div id="root">');
    // The demo sign-in issues tokens only for the principals it offers.
    const refused = await fetch(`${base}/sign-in/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agency: 'syn-police', role: 'administrator' }) });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as { code: string }).code).toBe('DEMO_SIGN_IN.PRINCIPAL.NOT_FOUND');
    const unknown = await fetch(`${base}/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('loads the demo set from the sign-in page, signs a reviewer in and shows the child with one lane per agency and its flags', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}/`);
    // A fresh store: the sign-in page offers the demo set, and then its principals.
    await page.locator('[data-testid="load-demo"]').click();
    await page.locator('[data-principal="syn-partnership:reviewer"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-principal="syn-police:practitioner"]').waitFor();
    await shot('01-sign-in');
    expect(await accessibilityViolations(page)).toEqual([]);
    await signIn(page, 'syn-partnership:reviewer');
    expect(await text('[data-testid="signed-in-as"]')).toContain('Reviewer');

    // The start page lists the assigned review's children with what fired on each.
    const row = page.locator('tr', { has: page.locator(`a[data-child="${CHILD}"]`) });
    await row.getByText('Risk not shared').waitFor();
    await shot('02-reviews');
    await page.locator(`a[data-child="${CHILD}"]`).click();

    await page.locator('.vis-item.entry').first().waitFor();
    const lanes = await page.locator('.vis-labelset .vis-label').allInnerTexts();
    expect(lanes.map((l) => l.trim())).toEqual(expect.arrayContaining(['Synthshire Constabulary', "Synthshire Children's Social Care", 'Synthshire Health Visiting Service']));
    await page.locator('[data-testid="flags-panel"] .flag-button[data-rule="unshared-risk"]').first().waitFor();
    expect(await page.locator('[data-testid="entries-table"] tbody tr').count()).toBeGreaterThan(50);
    await shot('03-child-timeline');
    expect(errors).toEqual([]);
  });

  it('fades what an agency did not know as the knowledge date is dragged back, and draws what reached it', async () => {
    await page.locator('[data-testid="knowledge-agency"]').selectOption('syn-csc');
    await page.locator('[data-testid="known-count"]').waitFor();
    const fadedLate = await number('[data-testid="faded-count"]');
    const receivedLate = await page.locator('.vis-item.received').count();
    expect(receivedLate).toBeGreaterThan(0);
    await shot('04-knowledge-late');

    // Drag the knowledge bar on the timeline well to the left (earlier).
    const bar = page.locator('.vis-custom-time.knowledge-date');
    const box = (await bar.boundingBox())!;
    const timelineBox = (await page.locator('[data-testid="timeline"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(timelineBox.x + timelineBox.width * 0.45, box.y + 40, { steps: 12 });
    await page.mouse.up();
    // Polled from here: the page's policy forbids the eval that waitForFunction's polling needs.
    const fadedEarly = await eventually(async () => {
      const faded = await number('[data-testid="faded-count"]');
      if (faded <= fadedLate) throw new Error(`still ${faded} faded`);
      return faded;
    });
    expect(fadedEarly).toBeGreaterThan(fadedLate);
    expect(await page.locator('[data-testid="entries-table"] tbody tr.faded').count()).toBe(fadedEarly);
    expect(await page.locator('.vis-item.entry.faded').count()).toBeGreaterThan(0);
    expect(await page.locator('.vis-item.received').count()).toBeLessThan(receivedLate);
    await shot('05-knowledge-early');
  });

  it('highlights the evidence of a selected flag and explains it in plain English', async () => {
    await page.locator('[data-testid="knowledge-agency"]').selectOption('');
    const flag = page.locator('.flag-button[data-rule="unshared-risk"]').first();
    await flag.click();
    const explanation = await text('[data-testid="flag-explanation"]');
    expect(explanation).toContain('Risk not shared');
    expect(explanation).toMatch(/Synthshire Constabulary recorded a high-severity concern .* did not share it/);
    expect(explanation).toContain('The rule');

    const highlighted = await page.locator('[data-testid="entries-table"] tbody tr.evidence').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-entry')));
    expect(highlighted).toContain(MISSED_SHARING);
    expect(highlighted).toHaveLength(2);
    expect(await page.locator('.vis-item.entry.evidence').count()).toBeGreaterThanOrEqual(1);
    await shot('06-flag-evidence');
    expect(await accessibilityViolations(page)).toEqual([]);
    // The same screen on a 1920-wide display: the lanes widen, the evidence stays highlighted.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.locator('.vis-item.entry.evidence').first().waitFor();
    await shot('06b-flag-evidence-1920');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("records a finding on the flag's evidence and shows it in the review", async () => {
    await page.getByRole('button', { name: "Use the selected flag's evidence" }).click();
    expect(await number('[data-testid="selected-count"]')).toBe(2);
    expect(await page.locator('#finding-theme').inputValue()).toBe('information_sharing');
    await page.locator('#finding-text').fill('Police held a high-severity domestic abuse concern and did not share it with the agencies working with the child.');
    await page.getByRole('button', { name: 'Record finding' }).click();
    await page.getByText(/Finding F-\d+ recorded/).waitFor();
    await page.getByRole('link', { name: 'See it in the review' }).click();

    const findings = page.locator('[data-testid="findings"]');
    await findings.getByText('Police held a high-severity domestic abuse concern').waitFor({ timeout: 20_000 });
    expect(await findings.innerText()).toContain('POL-demo0001-00095');
    await shot('07-review-finding');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('exports the integrated chronology as CSV and as printable HTML', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('DEMO-RR-1-chronology.csv');
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toContain('POL-demo0001-00095');
    expect(csvText).toContain('Police held a high-severity domestic abuse concern');

    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download printable HTML' }).click()]);
    const printable = await reviewer.newPage();
    expect(html.suggestedFilename()).toBe('DEMO-RR-1-chronology.html');
    await printable.setContent(readFileSync((await html.path())!, 'utf8'), { waitUntil: 'load' });
    expect(await printable.locator('tbody tr').count()).toBeGreaterThan(100);
    await shot('08-printable-chronology', printable);
    await printable.close();
  });

  it('lets an administrator, not the reviewer, conclude the review with a summary', async () => {
    expect(await page.locator('#conclude-summary').count()).toBe(0);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const admin = await context.newPage();
    await signIn(admin, 'operator:administrator');
    await admin.getByRole('link', { name: 'Demo rapid review (synthetic cases)' }).click();
    await admin.locator('#conclude-summary').fill('Information sharing learning referred to a local practice review.');
    admin.once('dialog', (dialog) => void dialog.accept());
    await admin.getByRole('button', { name: 'Conclude', exact: true }).click();
    await admin.locator('.status-concluded').first().waitFor({ timeout: 20_000 });
    expect(await admin.getByText('Information sharing learning referred to a local practice review.').count()).toBe(1);
    expect(await admin.locator('#conclude-summary').count()).toBe(0);
    await context.close();
  });

  it('refuses a leader the child timeline without asking for it, and shows the dashboard with data', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const leader = await context.newPage();
    const childRequests: string[] = [];
    leader.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/children/')) childRequests.push(request.url());
    });
    await signIn(leader, 'syn-partnership:leader');
    await leader.locator('[data-testid="flag-totals"]').waitFor();
    expect(await text('[data-testid="flag-totals"]', leader)).toMatch(/13\s+flags/);
    await eventually(async () => expect(await leader.locator('.chart-card canvas').count()).toBeGreaterThanOrEqual(5));
    // A leader's agency count is aggregate: the one unsuppressed figure of the demo set is drawn.
    expect(await leader.locator('[data-testid="chart-flags-by-agency"] table').textContent()).toMatch(/Synthshire Children's Social Care\s*12/);
    await shot('09-dashboard-1920', leader);
    expect(await accessibilityViolations(leader)).toEqual([]);

    await leader.goto(`${base}/#/children/${CHILD}`);
    const refusal = leader.locator('[data-testid="refusal"]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('aggregate statistics only');
    await shot('10-leader-refused', leader);
    expect(childRequests).toEqual([]);
    // And the API would have refused it too.
    const token = await leader.evaluate<string>(`JSON.parse(sessionStorage.getItem('casetrail.session') || '{}').token`);
    expect((await fetch(`${base}/children/${CHILD}/timeline`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    await context.close();
  });
});
