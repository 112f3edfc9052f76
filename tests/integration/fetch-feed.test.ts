// Tests that a feed poll honours ETag/Last-Modified and Retry-After, fetches full text and backs off.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../pipeline/extract/canonical-url.js';
import { FeedStateStore } from '../../queue/feed-state.js';
import { syncFeedSchedulers } from '../../queue/feed-schedulers.js';
import { retryAfterMs } from '../../workers/fetch-feed.worker.js';
import { QUEUES, type FetchResult } from '../../queue/queues.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { ROOT } from '../helpers/seeds.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test wire</title>
<item><title>Pakistan, Russia sign protocol to restore Pakistan Steel Mills</title>
  <link>
    https://news.example/psm-protocol
  </link><guid> psm-1 </guid>
  <description>Pakistan and Russia signed a protocol in Moscow to restore and modernise Pakistan Steel Mills in Karachi.</description>
  <pubDate>Fri, 11 Jul 2025 10:00:00 +0500</pubDate></item>
<item><title>रूस और पाकिस्तान ने पाकिस्तान स्टील मिल पर प्रोटोकॉल पर दस्तखत किए</title>
  <link>https://news.example/psm-hindi</link>
  <description>मॉस्को में पाकिस्तान और रूस ने कराची स्थित पाकिस्तान स्टील मिल को फिर से शुरू करने के लिए प्रोटोकॉल पर दस्तखत किए।</description>
  <pubDate>Fri, 11 Jul 2025 12:00:00 +0530</pubDate></item>
</channel></rss>`;

let server: Server;
let base: string;
const requests: Array<{ path: string; at: number; ifNoneMatch?: string }> = [];
let mode: Record<string, 'ok' | '429' | '500'> = {};

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const path = req.url!;
    requests.push({ path, at: Date.now(), ifNoneMatch: req.headers['if-none-match'] as string | undefined });
    const m = mode[path] ?? 'ok';
    if (m === '429') {
      mode[path] = 'ok';
      res.writeHead(429, { 'retry-after': '1' });
      return res.end();
    }
    if (path === '/summaries.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(`<rss version="2.0"><channel><title>Summaries</title>
        <item><title>Protocol signed</title><link>${base}/story.html</link><description>Short summary.</description></item>
        <item><title>Gone</title><link>${base}/missing.html</link><description>Only this.</description></item>
        <item><title>Front page</title><link>${base}/home.html</link><description>A summary that links to a home page.</description></item></channel></rss>`);
    }
    if (path === '/news/relative.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(`<rss version="2.0"><channel><title>Relative</title>
        <item><title>Protocol signed</title><link>../story.html</link><description>Short summary.</description></item>
        <item><title>Scripted</title><link>javascript:alert(1)</link><description>A link that is no address.</description></item>
        </channel></rss>`);
    }
    if (path === '/home.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(readFileSync(join(ROOT, 'tests/fixtures/pages/en-home.html')));
    }
    if (path === '/story.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const p =
        '<p>Pakistan and Russia signed a protocol in Moscow to restore and modernise Pakistan Steel Mills in Karachi, officials of both governments said on Friday after the ceremony at the embassy.</p>';
      return res.end(
        `<html><head><title>Protocol signed</title></head><body><nav><a href="/">Home</a></nav><article>${p.repeat(5)}</article></body></html>`,
      );
    }
    if (path === '/moved.xml') {
      res.writeHead(301, { location: `http://127.0.0.2:${(server.address() as AddressInfo).port}/feed.xml` });
      return res.end();
    }
    if (path === '/missing.html') {
      res.writeHead(404);
      return res.end();
    }
    if (m === '500') {
      res.writeHead(500);
      return res.end('boom');
    }
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' });
    res.end(RSS);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let runtime: Runtime | undefined;
let events: QueueEvents | undefined;
afterEach(async () => {
  await events?.close();
  for (const q of runtime ? [runtime.queues.fetch, runtime.queues.ingest, runtime.queues.cluster] : [])
    await q.obliterate({ force: true });
  await runtime?.close();
  runtime = undefined;
  requests.length = 0;
  mode = {};
});

async function setup(hostIntervalMs = 0) {
  const { config } = testConfig({ http: { allowPrivateAddresses: true, hostIntervalMs } });
  runtime = await startRuntime(config, { roles: ['fetch', 'ingest', 'cluster'], log: () => {} });
  events = new QueueEvents(QUEUES.fetch, { connection: runtime.redis.options, prefix: runtime.prefix });
  await events.waitUntilReady();
  const poll = async (path: string) => {
    const job = await runtime!.queues.fetch.add(QUEUES.fetch, { url: `${base}${path}` });
    return (await job.waitUntilFinished(events!)) as FetchResult;
  };
  return { runtime, poll };
}

describe('FetchFeed (real HTTP server on 127.0.0.1, real Redis)', () => {
  it('ingests a feed, then asks with If-None-Match and treats 304 as not modified', async () => {
    const { runtime, poll } = await setup();
    const first = await poll('/feed.xml');
    expect(first).toMatchObject({ status: 'done', items: 2 });
    await waitFor(() => runtime.store!.articleCount() === 2, 20_000, 'two stored articles');
    const articles = runtime.store!.listArticles();
    expect(articles.map((a) => [a.lang, a.url, a.source])).toEqual([
      ['en', 'https://news.example/psm-protocol', `${base}/feed.xml`],
      ['hi', 'https://news.example/psm-hindi', `${base}/feed.xml`],
    ]);
    expect(articles[0]!.publishedAt).toBe('2025-07-11T05:00:00.000Z');
    expect(new Set(articles.map((a) => a.clusterId)).size).toBe(1);
    expect(await poll('/feed.xml')).toEqual({ status: 'skipped', reason: 'not modified' });
    expect(requests.map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"']);
  });

  it('fetches the page of summary-only entries when the feed asks for full text, and keeps the summary when it cannot or the page is not an article', async () => {
    const { runtime } = await setup();
    const job = await runtime.queues.fetch.add(QUEUES.fetch, { url: `${base}/summaries.xml`, fullText: true });
    expect(await job.waitUntilFinished(events!)).toMatchObject({ status: 'done', items: 3 });
    await waitFor(() => runtime.store!.articleCount() === 3, 20_000, 'three stored articles');
    const byTitle = new Map(runtime.store!.listArticles().map((a) => [a.title, a]));
    expect(byTitle.get('Protocol signed')!.text.split('\n\n')).toHaveLength(5);
    expect(byTitle.get('Protocol signed')!.text).not.toContain('Home');
    expect(byTitle.get('Gone')!.text).toBe('Only this.');
    expect(byTitle.get('Front page')!.text).toBe('A summary that links to a home page.');
    expect(requests.map((r) => r.path)).toContain('/home.html');
  });

  it('resolves relative entry links against the feed address and fetches their pages; a non-http link is dropped', async () => {
    const { runtime } = await setup();
    const job = await runtime.queues.fetch.add(QUEUES.fetch, { url: `${base}/news/relative.xml`, fullText: true });
    expect(await job.waitUntilFinished(events!)).toMatchObject({ status: 'done', items: 2 });
    await waitFor(() => runtime.store!.articleCount() === 2, 20_000, 'two stored articles');
    const byTitle = new Map(runtime.store!.listArticles().map((a) => [a.title, a]));
    // Stored in canonical form (see pipeline/extract/canonical-url.ts); the page itself was fetched at its address.
    expect(byTitle.get('Protocol signed')!.url).toBe(canonicalUrl(`${base}/story.html`));
    expect(requests.map((r) => r.path)).toContain('/story.html');
    expect(byTitle.get('Protocol signed')!.text.split('\n\n')).toHaveLength(5);
    expect(byTitle.get('Scripted')!.url).toBeNull();
  });

  it('waits out 429 + Retry-After without spending its only attempt', async () => {
    const { poll } = await setup();
    mode['/busy.xml'] = '429';
    const result = await poll('/busy.xml');
    expect(result).toMatchObject({ status: 'done', items: 2 });
    const [a, b] = requests.filter((r) => r.path === '/busy.xml');
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(900);
  });

  it('counts errors, keeps the last one and backs off; the next poll is the retry', async () => {
    const { runtime, poll } = await setup();
    mode['/broken.xml'] = '500';
    await expect(poll('/broken.xml')).rejects.toThrow(/HTTP 500/);
    const client = new Redis(runtime.redis.options);
    const state = await new FeedStateStore(client, runtime.prefix).get(`${base}/broken.xml`);
    client.disconnect();
    expect(state).toMatchObject({ errorCount: 1, lastError: `${base}/broken.xml: HTTP 500` });
    expect(state.nextPollAt! - Date.now()).toBeGreaterThan(60_000);
    expect(await poll('/broken.xml')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^backing off after 1 error/),
    });
    expect(requests.filter((r) => r.path === '/broken.xml')).toHaveLength(1);
  });

  it('keeps a minimum interval between requests to one host, shared by all jobs', async () => {
    const { poll } = await setup(1200);
    await Promise.all([poll('/a.xml'), poll('/b.xml')]);
    const [a, b] = requests;
    expect(Math.abs(b!.at - a!.at)).toBeGreaterThanOrEqual(1100);
  });

  it('refuses a feed the address policy refuses, also after a redirect; the last error says it is blocked by policy', async () => {
    const { config } = testConfig({ http: { allowList: ['127.0.0.1'] } });
    runtime = await startRuntime(
      { ...config, http: { ...config.http, allowList: [] } },
      { roles: ['fetch'], log: () => {} },
    );
    events = new QueueEvents(QUEUES.fetch, { connection: runtime.redis.options, prefix: runtime.prefix });
    await events.waitUntilReady();
    const client = new Redis(runtime.redis.options);
    const state = new FeedStateStore(client, runtime.prefix);
    const how = 'set http.allowPrivateAddresses: true or add it to http.allowList to allow it';
    const job = await runtime.queues.fetch.add(QUEUES.fetch, { url: `${base}/feed.xml` });
    await expect(job.waitUntilFinished(events)).rejects.toThrow(/non-public address/);
    expect(requests).toHaveLength(0);
    expect(await state.get(`${base}/feed.xml`)).toMatchObject({
      errorCount: 1,
      lastError: `${base}/feed.xml: blocked by policy: 127.0.0.1 is a non-public address (loopback): ${how}`,
    });
    await events.close();
    await runtime.close();

    // 127.0.0.1 allowed: its redirect to 127.0.0.2 is still refused, and not requested.
    runtime = await startRuntime(config, { roles: ['fetch'], log: () => {} });
    events = new QueueEvents(QUEUES.fetch, { connection: runtime.redis.options, prefix: runtime.prefix });
    await events.waitUntilReady();
    const moved = await runtime.queues.fetch.add(QUEUES.fetch, { url: `${base}/moved.xml` });
    await expect(moved.waitUntilFinished(events)).rejects.toThrow(/blocked by policy/);
    const port = new URL(base).port;
    expect((await state.get(`${base}/moved.xml`)).lastError).toBe(
      `http://127.0.0.2:${port}/feed.xml: blocked by policy: 127.0.0.2 is a non-public address (loopback): ${how}`,
    );
    expect(requests.map((r) => r.path)).toEqual(['/moved.xml']);
    expect(await moved.getState()).toBe('failed');
    expect((await runtime.queues.fetch.getJob(moved.id!))!.attemptsMade).toBe(1);
    client.disconnect();
  });
});

describe('feed schedulers', () => {
  it('keeps one Job Scheduler per configured feed, also when synced twice, and drops removed feeds', async () => {
    const { config } = testConfig();
    runtime = await startRuntime(config, { roles: [], log: () => {} });
    const feeds = [
      { url: 'https://a.example/rss', pollMinutes: 5, fullText: false },
      { url: 'https://b.example/atom', pollMinutes: 30, fullText: true },
    ];
    await syncFeedSchedulers(runtime.queues.fetch, feeds);
    await syncFeedSchedulers(runtime.queues.fetch, feeds);
    const schedulers = await runtime.queues.fetch.getJobSchedulers();
    expect(schedulers.map((s) => Number(s.every)).sort((x, y) => x - y)).toEqual([300_000, 1_800_000]);
    await syncFeedSchedulers(runtime.queues.fetch, feeds.slice(1));
    expect((await runtime.queues.fetch.getJobSchedulers()).map((s) => Number(s.every))).toEqual([1_800_000]);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, with a floor of one second and a cap', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('0', now)).toBe(1000);
    expect(retryAfterMs('999999', now)).toBe(6 * 3600_000);
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
