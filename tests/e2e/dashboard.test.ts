// Tests the dashboard in headless Chromium: live matches, time zones, forms, queue view, forged requests.
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startDaemon, stopDaemon } from '../helpers/processes.js';
import { ROOT, SEEDS_DIR } from '../helpers/seeds.js';
import { testConfig } from '../helpers/test-config.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EDITOR = { username: 'editor', password: 'correct-horse-battery' };
const basic = `Basic ${Buffer.from(`${EDITOR.username}:${EDITOR.password}`).toString('base64')}`;
const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');
const EN = '000_59c1e87fd81191b7-1';
const HI = '001_6d2f3309d51e9222-1';
const LATE = '004_3c7d80452f340e24';

let daemon: ChildProcess;
let browser: Browser;
let base = '';
let inbox = '';

beforeAll(async () => {
  inbox = mkdtempSync(path.join(tmpdir(), 'sw-inbox-'));
  const { file } = testConfig({ web: { port: 0, basicAuth: EDITOR }, ingest: { inbox } });
  // The seeds but one: page 004 arrives later, while the browser watches.
  const pages = ['000_59c1e87fd81191b7', '001_6d2f3309d51e9222', '002_2cf772f13c620336', '003_32a8e9c81425a525'].map(
    (f) => path.join(SEEDS_DIR, `${f}.txt`),
  );
  const ingest = await runCli(['-c', file, 'ingest', ...pages, '--no-progress']);
  expect(ingest.status, ingest.stderr).toBe(0);
  ({ daemon, base } = await startDaemon(file));
  browser = await chromium.launch({ executablePath: CHROMIUM });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopDaemon(daemon);
});

describe('dashboard in headless Chromium', () => {
  it('shows the English and Hindi reports in one cluster, and a new match arrives live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));

    await page.goto(base);
    await page.locator('table.storylines').getByRole('link', { name: 'Pakistan Steel Mills revival' }).click();
    await page.waitForURL(`${base}/storylines/pakistan-steel-mills`);
    const pair = page.locator('article.cluster', { has: page.locator(`[data-article="${EN}"]`) });
    await expect(pair.locator(`[data-article="${HI}"]`).count()).resolves.toBe(1);
    await expect(pair.locator('.lang').allTextContents()).resolves.toEqual(expect.arrayContaining(['en', 'hi']));
    await expect(pair.locator(`[data-article="${HI}"] .title`).textContent()).resolves.toContain('रूस ने पाकिस्तान के साथ');
    // The timeline chart is drawn (uPlot, from the page's own scripts under the CSP).
    await page.waitForSelector('#timeline[data-ready="true"] canvas');
    await page.waitForSelector('.live-status:not([hidden])');
    const before = Number(await page.locator('[data-count="articles"]').first().textContent());

    copyFileSync(path.join(SEEDS_DIR, `${LATE}.txt`), path.join(inbox, `${LATE}.txt`));
    const arrived = page.locator(`#storyline-clusters [data-article="${LATE}-1"]`);
    await arrived.waitFor({ timeout: 60_000 });
    await expect(arrived.getAttribute('class')).resolves.toContain('new');
    // The latest matches the page was rendered with, and the new one on top of them, once.
    const latest = page.locator('#live-matches li.article');
    await page.locator(`#live-matches [data-article="${LATE}-1"]`).waitFor();
    await expect(latest.first().getAttribute('data-article')).resolves.toBe(`${LATE}-1`);
    const ids = await latest.evaluateAll((items) => items.map((li) => li.getAttribute('data-article')));
    expect(ids.filter((id) => id === `${LATE}-1`)).toHaveLength(1);
    expect(ids.length).toBeGreaterThan(1);
    await expect(page.locator('[data-count="articles"]').first().textContent()).resolves.toBe(String(before + 1));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-storyline.png'), fullPage: true });
    // The page was not reloaded: the counter the server rendered was updated in place.
    expect(page.url()).toBe(`${base}/storylines/pakistan-steel-mills`);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('after a reload the latest matches come from the store; times say their zone, and follow the one chosen', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(base);
    // Rendered by the server (not marked new by a live update), and once.
    const late = page.locator(`#live-matches [data-article="${LATE}-1"]`);
    await expect(late.count()).resolves.toBe(1);
    await expect(late.getAttribute('class')).resolves.not.toContain('new');
    const time = page.locator('#live-matches time').first();
    const instant = await time.getAttribute('datetime');
    await expect(time.textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    await expect(page.locator('[data-zone-choice]').inputValue()).resolves.toBe('UTC');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-overview-utc.png') });
    await Promise.all([page.waitForURL(base + '/'), page.selectOption('[data-zone-choice]', 'Asia/Kolkata')]);
    await page.waitForSelector('body[data-zone="Asia/Kolkata"]');
    const shown = page.locator(`#live-matches time[datetime="${instant}"]`).first();
    const expected = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Kolkata',
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
    }).format(Date.parse(instant!));
    await expect(shown.textContent()).resolves.toMatch(new RegExp(` ${expected} GMT\\+5:30$`));
    await expect(page.locator('[data-zone-choice]').inputValue()).resolves.toBe('Asia/Kolkata');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-overview-kolkata.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('lets a signed-in editor create a storyline through the form', async () => {
    const context = await browser.newContext({ httpCredentials: EDITOR });
    const page = await context.newPage();
    await page.goto(`${base}/login?next=/storylines/new`);
    await page.waitForURL(`${base}/storylines/new`);
    await page.fill('input[name="id"]', 'karachi-port');
    await page.fill('input[name="name"]', 'Karachi port <expansion>');
    await page.fill('textarea[name="keywords"]', 'Karachi port\nकराची बंदरगाह');
    await page.click('form.edit button');
    await page.waitForURL(`${base}/storylines/karachi-port`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Karachi port <expansion>');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-new-storyline.png') });
    await context.close();
  }, 60_000);

  it('shows the queue view to a signed-in user, asking nothing of any other host', async () => {
    const context = await browser.newContext({ httpCredentials: EDITOR });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => !r.url().startsWith(base) && elsewhere.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${base}/login?next=/admin/queues`);
    await page.waitForURL(`${base}/admin/queues`);
    // bull-board's own scripts draw the queues under the page's policy.
    await page.getByText('cluster-item').first().waitFor();
    await expect(page.getByText('ingest-item').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-queues.png') });
    // Its own changes come from its own origin and pass the cross-site check: pause a queue from its menu.
    await page.goto(`${base}/admin/queues/queue/fetch-feed`);
    await page.locator('button[aria-haspopup="menu"]:has(.lucide-ellipsis-vertical)').click();
    await page.getByRole('menuitem', { name: /pause/i }).click();
    const paused = page.waitForResponse((r) => r.url().endsWith('/admin/queues/api/queues/fetch-feed/pause'));
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect((await paused).status()).toBe(200);
    const board = (await (
      await fetch(`${base}/admin/queues/api/queues`, { headers: { authorization: basic } })
    ).json()) as { queues: Array<{ name: string; isPaused: boolean }> };
    expect(board.queues.find((q) => q.name === 'fetch-feed')?.isPaused).toBe(true);
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it("refuses a webhook forged by another origin's page while the browser is signed in", async () => {
    // The attacker's page: another port is another origin. Its form posts text/plain that reads as JSON.
    const evil = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html>
      <form method="post" action="${base}/api/webhooks" enctype="text/plain">
        <input type="hidden" name='{"url":"https://evil.example/hook?' value='","minScore":0}'>
      </form>
      <script>document.forms[0].submit()</script>`),
    );
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
    // The credentials are given to the daemon's origin only, as a browser would after signing in there.
    const context = await browser.newContext({ httpCredentials: { ...EDITOR, origin: base } });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.waitForURL(`${base}/`);
      // The dashboard's own origin may change things with these credentials.
      const own = await page.evaluate(
        async () =>
          (
            await fetch('/api/webhooks', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ url: 'https://newsroom.example/own' }),
            })
          ).status,
      );
      expect(own).toBe(201);

      const answer = page.waitForResponse((r) => r.url() === `${base}/api/webhooks` && r.request().method() === 'POST');
      await page.goto(evilUrl);
      const refused = await answer;
      // The browser did replay the credentials: the server saw a signed-in request, from the wrong origin.
      expect(await refused.request().headerValue('authorization')).toBe(basic);
      expect(refused.status()).toBe(403);
      expect(await refused.text()).toMatch(/cross-site request refused/);
    } finally {
      await context.close();
      await new Promise<void>((r) => evil.close(() => r()));
    }
    const hooks = (await (await fetch(`${base}/api/webhooks`, { headers: { authorization: basic } })).json()) as Array<{
      url: string;
    }>;
    // Only the dashboard's own webhook exists; the forged one (https://evil.example/hook?=) was never created.
    expect(hooks.map((h) => h.url)).toEqual(['https://newsroom.example/own']);
  }, 60_000);
});
