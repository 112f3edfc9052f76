// Tests in Chromium that dashboard pages fit common screen sizes, redraw on resize, and filter.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readAirArticles, type AirArticle } from '../../evaluation/air-en-hi.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load-config.js';
import { freePort, runCli, startDaemon, stopDaemon } from '../helpers/processes.js';
import { ROOT } from '../helpers/seeds.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EDITOR = { username: 'editor', password: 'correct-horse-battery' };
const basic = `Basic ${Buffer.from(`${EDITOR.username}:${EDITOR.password}`).toString('base64')}`;
const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');
const SAMPLE = path.join(ROOT, 'tests/fixtures/air-en-hi-sample/articles.jsonl');
const SIZES = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];

type Sample = AirArticle;

const STORYLINES = [
  {
    id: 'iran-us-tensions',
    name: 'Iran and the United States after Soleimani',
    description:
      'The killing of Qassem Soleimani in a US strike in Baghdad and what followed between Iran, Iraq and the US.',
    keywords: ['Soleimani', 'Qassem Soleimani', 'सुलेमानी', 'ईरान अमरीका तनाव'],
    threshold: 0.5,
  },
  {
    id: 'citizenship-amendment-act',
    name: 'Citizenship Amendment Act campaign',
    description: 'The campaign for the Citizenship Amendment Act and the protests against it.',
    keywords: ['Citizenship Amendment Act', 'CAA', 'नागरिकता संशोधन कानून', 'सीएए'],
    threshold: 0.5,
  },
];

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>World desk</title><link>https://desk.example/</link>
<item><title>Iran vows response after US strike kills Soleimani near Baghdad airport</title>
<link>https://desk.example/world/2020/01/03/iran-vows-response-after-us-strike-kills-soleimani-near-baghdad-airport-convoy</link>
<pubDate>Fri, 03 Jan 2020 10:00:00 GMT</pubDate>
<description>Iran's supreme leader vowed severe revenge after a US drone strike near Baghdad airport killed Qassem
Soleimani, commander of the Quds Force. Oil prices rose sharply and the Pentagon said the strike was defensive.</description></item>
</channel></rss>`;

let feedServer: Server;
let daemon: ChildProcess;
let browser: Browser;
let base = '';
let bigCluster = '';
let webhookId = '';

interface Report {
  clusters: Array<{ id: string; articleIds: string[]; languages: string[] }>;
}

/**
 * The biggest cluster in English and Hindi, and copies of one report in each language as other outlets ran them
 * (same text, their own addresses), so that story is covered by several outlets as on a real wire.
 */
function syndicatedCopies(sample: Sample[], report: Report, file: string): string {
  const big = report.clusters
    .filter((c) => c.languages.length > 1)
    .sort((a, b) => b.articleIds.length - a.articleIds.length)[0]!;
  const member = (lang: string) => sample.find((a) => a.lang === lang && big.articleIds.includes(a.id))!;
  const [en, hi] = [member('en'), member('hi')];
  const copies = [
    {
      ...en,
      id: 'daily-1',
      url: `https://www.daily-herald.example/world/middle-east/2020/01/03/${en.id}-as-reported-by-the-wire`,
    },
    { ...hi, id: 'khabar-1', url: `https://khabar.example/antarrashtriya/2020/01/03/${hi.id}` },
  ];
  writeFileSync(file, copies.map((c) => JSON.stringify(c)).join('\n') + '\n');
  return big.id;
}

async function api<T>(p: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${base}${p}`, {
    ...init,
    headers: { authorization: basic, 'content-type': 'application/json', ...init.headers },
  });
  if (!res.ok) throw new Error(`${p}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  feedServer = createServer((req, res) => {
    if (req.url === '/feeds/world.xml')
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    if (req.url === '/index.html')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Welcome');
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
  const feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
  const closed = `http://127.0.0.1:${await freePort()}`;
  const shipped = loadConfig(undefined, {}).storylines;
  const { file, dataDir } = testConfig({
    web: { port: 0, basicAuth: EDITOR },
    // Nothing here kills a worker mid-job: the usual lock, so a busy machine does not lose jobs to expiry.
    queue: { lockSeconds: 30 },
    http: { allowPrivateAddresses: true },
    storylines: [...shipped, ...STORYLINES],
    // A config webhook nobody answers: its failed deliveries, with their errors, are listed on /webhooks
    // (one attempt each, so the ingest does not wait on retries).
    alerts: { attempts: 1 },
    webhooks: [
      {
        url: `${closed}/alerts/incoming/storywatch-matches-for-the-newsroom`,
        secret: `whsec_${randomBytes(32).toString('base64')}`,
      },
    ],
    feeds: [
      { url: `${feedBase}/feeds/world.xml`, name: 'World desk' },
      {
        url: `${feedBase}/rss/category/international-affairs-and-diplomacy/south-asia/latest-news-and-analysis.xml?format=rss2&utm_source=storywatch`,
        name: 'Regional desk (moved)',
      },
      { url: `${closed}/syndication/feeds/all-stories-in-all-languages-updated-every-fifteen-minutes.atom` },
      { url: `${feedBase}/index.html`, name: 'A home page, not a feed' },
    ],
  });
  // The sample as records with their publication time (AIR states it as a date and an India clock time).
  const sample: Sample[] = readAirArticles(path.dirname(SAMPLE));
  const records = path.join(dataDir, 'air-sample.jsonl');
  writeFileSync(records, sample.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const report = path.join(dataDir, 'report.json');
  const first = await runCli(['-c', file, 'ingest', records, '--no-progress', '--report', report]);
  expect(first.status, first.stderr).toBe(0);
  const copies = path.join(dataDir, 'copies.jsonl');
  bigCluster = syndicatedCopies(sample, JSON.parse(readFileSync(report, 'utf8')) as Report, copies);
  const second = await runCli(['-c', file, 'ingest', copies, '--no-progress']);
  expect(second.status, second.stderr).toBe(0);
  ({ daemon, base } = await startDaemon(file));
  // Every feed polled once, so the feeds page shows statuses and errors.
  await waitFor(
    async () => (await api<Array<{ lastFetchAt?: number }>>('/api/feeds')).every((f) => f.lastFetchAt),
    60_000,
  );
  const hook = await api<{ id: string }>('/api/webhooks', {
    method: 'POST',
    body: JSON.stringify({
      url: `${closed}/hooks/storywatch/international-desk/receive-alerts?team=south-asia&format=json`,
      storylines: ['iran-us-tensions'],
    }),
  });
  webhookId = hook.id;
  const big = await api<{ cluster: { languages: string[]; sources: string[]; articleCount: number } }>(
    `/api/clusters/${bigCluster}`,
  );
  expect(big.cluster.languages.sort()).toEqual(['en', 'hi']);
  expect(big.cluster.sources.length).toBeGreaterThanOrEqual(3);
  expect(big.cluster.articleCount).toBeGreaterThanOrEqual(5);
  browser = await chromium.launch({ executablePath: CHROMIUM });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stopDaemon(daemon);
  await new Promise((r) => feedServer?.close(r));
});

/** Every page a reader or an editor opens, with the status it answers. */
const PAGES: Array<{ name: string; path: () => string; status?: number; ready?: string }> = [
  { name: 'overview', path: () => '/' },
  { name: 'clusters', path: () => '/clusters' },
  { name: 'cluster', path: () => `/clusters/${bigCluster}` },
  { name: 'storyline', path: () => '/storylines/iran-us-tensions', ready: '#timeline[data-ready="true"] canvas' },
  {
    name: 'storyline-hindi',
    path: () => '/storylines/citizenship-amendment-act?lang=hi',
    ready: '#timeline[data-ready="true"]',
  },
  { name: 'search', path: () => '/search?q=Iran' },
  { name: 'feeds', path: () => '/feeds' },
  { name: 'webhooks', path: () => '/webhooks' },
  { name: 'webhook-edit', path: () => `/webhooks/${webhookId}/edit` },
  { name: 'storyline-new', path: () => '/storylines/new' },
  { name: 'storyline-edit', path: () => '/storylines/iran-us-tensions/edit' },
  { name: 'cluster-not-found', path: () => '/clusters/c999999', status: 404 },
  { name: 'storyline-not-found', path: () => '/storylines/no-such-storyline', status: 404 },
];

/** A browser context signed in as the editor (so forms and the editor's links show, as wide as the header gets). */
async function signedIn(size: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: size, httpCredentials: { ...EDITOR, origin: base } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.waitForURL(`${base}/`);
  await page.close();
  return context;
}

/**
 * What sticks out of the viewport: the page's scroll width, and visible elements past the right edge outside any
 * box that scrolls (run in the page, hence plain script).
 */
const OVERFLOW = `(() => {
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const inScrollBox = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p)) return true;
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.right > innerWidth + 0.5 && !inScrollBox(el)) {
      const classes = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/ +/).join('.') : '';
      wide.push(el.tagName.toLowerCase() + classes + ' right=' + Math.round(r.right));
    }
  }
  return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth, wide: wide.slice(0, 8) };
})()`;

const overflow = (page: Page) => page.evaluate<{ scrollWidth: number; innerWidth: number; wide: string[] }>(OVERFLOW);

describe.each(SIZES)('dashboard at $width×$height in Chromium', (size) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await signedIn(size);
  }, 30_000);
  afterAll(async () => context?.close());

  it.each(PAGES)(
    '$name fits the screen, without console errors',
    async ({ name, path: pagePath, status, ready }) => {
      const page = await context.newPage();
      const problems: string[] = [];
      const url = `${base}${pagePath()}`;
      // The one error a not-found page is expected to log: its own 404.
      page.on(
        'console',
        (m) => m.type() === 'error' && !(status && m.location().url === url) && problems.push(m.text()),
      );
      page.on('pageerror', (e) => problems.push(String(e)));
      const response = await page.goto(url);
      expect(response?.status()).toBe(status ?? 200);
      if (ready) await page.waitForSelector(ready);
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${name}-${size.width}x${size.height}.png`),
        fullPage: true,
      });
      const fit = await overflow(page);
      expect(fit.wide).toEqual([]);
      expect(fit.scrollWidth).toBeLessThanOrEqual(fit.innerWidth);
      expect(problems).toEqual([]);
      await page.close();
    },
    30_000,
  );

  it('shows the first top story within the first screen of the overview', async () => {
    const page = await context.newPage();
    await page.goto(base);
    const story = page.locator('#top-stories .story').first();
    await story.waitFor({ state: 'visible', timeout: 5_000 });
    const box = (await story.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(size.height);
    await page.close();
  }, 30_000);
});

describe('resizing in Chromium', () => {
  it('redraws the timeline to the width of its box when the window narrows', async () => {
    const page = await browser.newPage({ viewport: SIZES[0] });
    await page.goto(`${base}/storylines/iran-us-tensions`);
    const canvas = page.locator('#timeline[data-ready="true"] canvas');
    expect((await canvas.boundingBox())!.width).toBeGreaterThan(1000);
    await page.setViewportSize(SIZES[1]!);
    await expect.poll(async () => (await canvas.boundingBox())!.width).toBeLessThanOrEqual(SIZES[1]!.width);
    const fit = await overflow(page);
    expect(fit.wide).toEqual([]);
    await page.close();
  }, 30_000);
});

describe('filters in Chromium', () => {
  it('offers the languages present in the store as a choice, and keeps the chosen one', async () => {
    const context = await signedIn(SIZES[1]!);
    const page = await context.newPage();
    await page.goto(`${base}/storylines/iran-us-tensions`);
    const select = page.locator('form.filters select[name="lang"]');
    await expect(select.locator('option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).resolves.toEqual(
      ['', 'en', 'hi'],
    );
    await select.selectOption('hi');
    await page.locator('form.filters button').click();
    await page.waitForURL(/lang=hi/);
    await expect(select.inputValue()).resolves.toBe('hi');
    // Only the clusters with a Hindi match remain, each showing its reports in every language.
    const clusters = await page
      .locator('#storyline-clusters article.cluster')
      .evaluateAll((cs) => cs.map((c) => [...c.querySelectorAll('.article .lang')].map((l) => l.textContent)));
    expect(clusters.length).toBeGreaterThan(0);
    for (const langs of clusters) expect(langs).toContain('hi');
    await context.close();
  }, 30_000);
});
