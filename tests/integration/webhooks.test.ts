// Tests alert webhooks with a real receiver: signatures, retries, permanent failures, digests.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { replayDeliveries } from '../../queue/alert-replay.js';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { waitFor } from '../helpers/wait.js';
import { startRuntime } from '../../runtime/runtime.js';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { cleanUpAfterEach } from '../helpers/runtime-cleanup.js';
import { testConfig } from '../helpers/test-config.js';

const SECRET = `whsec_${Buffer.from('storywatch-test-secret-0123456789').toString('base64')}`;
const MILL_PAGES = ['000_59c1e87fd81191b7.txt', '001_6d2f3309d51e9222.txt'].map((f) => path.join(SEEDS_DIR, f));

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook receiver on 127.0.0.1 that answers with the given statuses in turn (then 200). */
async function receiver(script: Array<number | 'slow'> = [], port = 0) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      const step = script.shift() ?? 200;
      if (step === 'slow') return void setTimeout(() => res.writeHead(200).end(), 1500);
      res.writeHead(step).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { received, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const scope = cleanUpAfterEach();

async function ingestMillPages(url: string, overrides: Record<string, unknown> = {}) {
  const { config } = testConfig({
    http: { allowPrivateAddresses: true },
    alerts: { attempts: 5, retryDelayMs: 100, timeoutMs: 500 },
    webhooks: [{ url, secret: SECRET, storylines: ['pakistan-steel-mills'] }],
    ...overrides,
  });
  const runtime = (scope.runtime = await startRuntime(config, {
    roles: ['ingest', 'cluster', 'alert'],
    log: () => {},
  }));
  const { items } = await readInputs(MILL_PAGES, config.ingest.maxBytes);
  return waitForItems(runtime, await enqueueItems(runtime, items), Date.now(), () => {});
}

/** Ingests the English mill report with these endpoints subscribed straight in the store (no add-time check). */
async function ingestOnePage(urls: string[], overrides: Record<string, unknown>) {
  const { config } = testConfig({ alerts: { attempts: 8, retryDelayMs: 100, timeoutMs: 500 }, ...overrides });
  const runtime = (scope.runtime = await startRuntime(config, {
    roles: ['ingest', 'cluster', 'alert'],
    log: () => {},
  }));
  for (const url of urls)
    runtime.store!.alerts.putWebhook(
      { url, secret: SECRET, storylines: ['pakistan-steel-mills'], minScore: 0, events: ['storyline.matched'] },
      'api',
    );
  const { items } = await readInputs(MILL_PAGES.slice(0, 1), config.ingest.maxBytes);
  return waitForItems(runtime, await enqueueItems(runtime, items), Date.now(), () => {});
}

const alertCounts = (outcomes: Awaited<ReturnType<typeof ingestMillPages>>) =>
  outcomes
    .flatMap((o) => o.articles)
    .reduce((n, a) => ({ sent: n.sent + (a.alerts?.sent ?? 0), failed: n.failed + (a.alerts?.failed ?? 0) }), {
      sent: 0,
      failed: 0,
    });

describe('alert webhooks (real receiver on 127.0.0.1)', () => {
  it('sends one signed storyline.matched event per matching article, and none again on re-ingest', async () => {
    const r = await receiver();
    scope.closers.push(r.close);
    const outcomes = await ingestMillPages(r.url);
    expect(alertCounts(outcomes)).toEqual({ sent: 2, failed: 0 });
    expect(r.received).toHaveLength(2);
    const wh = new Webhook(SECRET);
    const events = r.received.map(
      (m) =>
        wh.verify(m.body, m.headers as Record<string, string>) as {
          type: string;
          data: {
            storyline: { id: string; name: string };
            article: { id: string; lang: string; score: number; evidence: { keywords: string[] } };
            cluster: { id: string; languages: string[] };
          };
        },
    );
    expect(
      events.map((e) => [e.type, e.data.storyline.id, e.data.storyline.name, e.data.article.id, e.data.article.lang]),
    ).toEqual([
      ['storyline.matched', 'pakistan-steel-mills', 'Pakistan Steel Mills revival', '000_59c1e87fd81191b7-1', 'en'],
      ['storyline.matched', 'pakistan-steel-mills', 'Pakistan Steel Mills revival', '001_6d2f3309d51e9222-1', 'hi'],
    ]);
    expect(events[1]!.data.article.evidence.keywords.length).toBeGreaterThan(0);
    expect(events[1]!.data.cluster).toMatchObject({ id: events[0]!.data.cluster.id, languages: ['en', 'hi'] });
    // Re-ingest with the old jobs gone: the store refuses the copies, the outbox refuses a second event.
    for (const q of Object.values(scope.runtime!.queues)) await q.obliterate({ force: true });
    const { items } = await readInputs(MILL_PAGES, scope.runtime!.config.ingest.maxBytes);
    await waitForItems(scope.runtime!, await enqueueItems(scope.runtime!, items), Date.now(), () => {});
    expect(r.received).toHaveLength(2);
    expect(scope.runtime!.store!.alerts.listDeliveries()).toHaveLength(2);
  });

  it('retries a receiver that fails three times, then delivers once, with the same webhook-id each time', async () => {
    const r = await receiver([500, 500, 500]);
    scope.closers.push(r.close);
    // minScore 0.92 lets only the English report (score 0.94; the Hindi one scores 0.91) through: one event.
    const outcomes = await ingestMillPages(r.url, {
      webhooks: [{ url: r.url, secret: SECRET, storylines: ['pakistan-steel-mills'], minScore: 0.92 }],
    });
    expect(alertCounts(outcomes)).toEqual({ sent: 1, failed: 0 });
    expect(r.received).toHaveLength(4);
    expect(new Set(r.received.map((m) => m.headers['webhook-id'])).size).toBe(1);
  });

  it('stops at a 410: not retried, recorded as failed; a replay delivers the same event once', async () => {
    const r = await receiver([410, 410]);
    scope.closers.push(r.close);
    const outcomes = await ingestMillPages(r.url);
    expect(alertCounts(outcomes)).toEqual({ sent: 0, failed: 2 });
    expect(r.received).toHaveLength(2);
    const failed = await scope.runtime!.queues.alert.getFailed();
    expect(failed.map((j) => [j.attemptsMade, j.failedReason])).toEqual([
      [1, `${r.url}: HTTP 410, the receiver refuses the event; not retried`],
      [1, `${r.url}: HTTP 410, the receiver refuses the event; not retried`],
    ]);
    const alerts = scope.runtime!.store!.alerts;
    const records = alerts.listDeliveries({ status: 'failed' });
    expect(records.map((d) => [d.status, d.attempts, d.httpStatus, d.lastError])).toEqual([
      ['failed', 1, 410, `${r.url}: HTTP 410, the receiver refuses the event; not retried`],
      ['failed', 1, 410, `${r.url}: HTTP 410, the receiver refuses the event; not retried`],
    ]);
    // The receiver accepts now: a replay sends the same event (same webhook-id) and records it delivered.
    const first = records[1]!;
    const replayed = await replayDeliveries(
      scope.runtime!.queues,
      alerts,
      [first.id, 'msg_nonexistent'],
      scope.runtime!.config.alerts,
    );
    expect(replayed.map((o) => o.status)).toEqual(['queued', 'unknown']);
    await waitFor(() => alerts.delivery(first.id)!.status === 'delivered', 10_000);
    expect(r.received).toHaveLength(3);
    expect(r.received[2]!.headers['webhook-id']).toBe(first.eventId);
    expect(alerts.delivery(first.id)).toMatchObject({ status: 'delivered', attempts: 1, httpStatus: 200 });
    expect(alerts.listDeliveries({ status: 'failed' })).toHaveLength(1);
    // A delivered one is not replayed again.
    expect(
      (await replayDeliveries(scope.runtime!.queues, alerts, [first.id], scope.runtime!.config.alerts))[0]!.status,
    ).toBe('not-failed');
  });

  it('sends cluster.created for a new cluster within the storyline, not for articles joining it', async () => {
    const r = await receiver();
    scope.closers.push(r.close);
    const outcomes = await ingestMillPages(r.url, {
      webhooks: [
        {
          url: r.url,
          secret: SECRET,
          storylines: ['pakistan-steel-mills'],
          events: ['storyline.matched', 'cluster.created'],
        },
      ],
    });
    expect(alertCounts(outcomes)).toEqual({ sent: 3, failed: 0 });
    const wh = new Webhook(SECRET);
    const events = r.received.map(
      (m) =>
        wh.verify(m.body, m.headers as Record<string, string>) as {
          type: string;
          data: { cluster: { id: string; articleCount: number }; article: { id: string } };
        },
    );
    const created = events.filter((e) => e.type === 'cluster.created');
    expect(created).toHaveLength(1);
    expect(created[0]!.data.article.id).toBe('000_59c1e87fd81191b7-1');
    expect(created[0]!.data.cluster.articleCount).toBe(1);
    expect(events.filter((e) => e.type === 'storyline.matched').map((e) => e.data.cluster.id)).toEqual([
      created[0]!.data.cluster.id,
      created[0]!.data.cluster.id,
    ]);
  });

  it('holds events of a digest webhook and sends them as one signed storyline.digest', async () => {
    const r = await receiver();
    scope.closers.push(r.close);
    // 0.1 min = 6 s: both mill reports arrive well within one interval.
    const outcomes = await ingestMillPages(r.url, {
      webhooks: [{ url: r.url, secret: SECRET, storylines: ['pakistan-steel-mills'], digestMinutes: 0.1 }],
    });
    expect(alertCounts(outcomes)).toEqual({ sent: 0, failed: 0 });
    const alerts = scope.runtime!.store!.alerts;
    // Neither event is sent on its own: each is held, or already cut into the digest if its interval has passed.
    const heldOrDigested = expect.stringMatching(/^(held|digested)$/);
    expect(alerts.listDeliveries({ type: 'storyline.matched' }).map((d) => d.status)).toEqual([
      heldOrDigested,
      heldOrDigested,
    ]);
    await waitFor(() => r.received.length === 1, 20_000, 'the digest');
    const digest = new Webhook(SECRET).verify(
      r.received[0]!.body,
      r.received[0]!.headers as Record<string, string>,
    ) as { type: string; data: { count: number; events: Array<{ type: string; data: { article: { id: string } } }> } };
    expect(digest.type).toBe('storyline.digest');
    expect(digest.data.count).toBe(2);
    expect(digest.data.events.map((e) => [e.type, e.data.article.id])).toEqual([
      ['storyline.matched', '000_59c1e87fd81191b7-1'],
      ['storyline.matched', '001_6d2f3309d51e9222-1'],
    ]);
    const [cut] = alerts.listDeliveries({ type: 'storyline.digest' });
    await waitFor(() => alerts.delivery(cut!.id)!.status === 'delivered', 5000);
    expect(alerts.listDeliveries({ status: 'digested' }).map((d) => d.digestId)).toEqual([cut!.id, cut!.id]);
    // Nothing is held any more: later sweeps cut no second digest.
    expect(alerts.cutDigests(new Date(Date.now() + 3_600_000))).toEqual([]);
    // The daemon's own sweeps (each looks for due digests) go on: two more of them send nothing either.
    const sweeps = vi.spyOn(alerts, 'cutDigests');
    await waitFor(() => sweeps.mock.calls.length >= 2, 10_000, 'two more digest sweeps');
    const alertQueue = scope.runtime!.queues.alert;
    await waitFor(
      async () => Object.values(await alertQueue.getJobCounts('waiting', 'active', 'delayed')).every((n) => n === 0),
      5000,
      'the alert queue to be idle',
    );
    expect(alerts.listDeliveries({ type: 'storyline.digest' })).toHaveLength(1);
    expect(r.received).toHaveLength(1);
  });

  it('delivers once a receiver that was down comes up', async () => {
    const probe = await receiver();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const ingested = ingestMillPages(probe.url, { alerts: { attempts: 8, retryDelayMs: 150, timeoutMs: 500 } });
    // The receiver comes up once a delivery has failed against the closed port and waits for its retry.
    await waitFor(
      () => scope.runtime?.store?.alerts.listDeliveries({ status: 'retrying' }).length,
      30_000,
      'a refused delivery',
    );
    const r = await receiver([], port);
    scope.closers.push(r.close);
    const outcomes = await ingested;
    expect(alertCounts(outcomes)).toEqual({ sent: 2, failed: 0 });
    expect(r.received).toHaveLength(2);
  });

  it('times out a slow receiver and retries', async () => {
    const r = await receiver(['slow']);
    scope.closers.push(r.close);
    const outcomes = await ingestMillPages(r.url);
    expect(alertCounts(outcomes)).toEqual({ sent: 2, failed: 0 });
    // Three requests: the slow one (abandoned after 500 ms), its retry, and the other event.
    expect(r.received).toHaveLength(3);
  });

  it('fails a delivery the address policy refuses after one attempt, with the reason; ingest is not held up', async () => {
    const r = await receiver();
    scope.closers.push(r.close);
    const byName = r.url.replace('127.0.0.1', 'localhost');
    // Written straight into the store, as webhooks made before the policy was tightened are: only the sender checks them.
    const outcomes = await ingestOnePage([r.url, byName], { http: { allowPrivateAddresses: false } });
    expect(alertCounts(outcomes)).toEqual({ sent: 0, failed: 2 });
    expect(r.received).toHaveLength(0);
    const how = 'set http.allowPrivateAddresses: true or add it to http.allowList to allow it';
    const records = scope.runtime!.store!.alerts.listDeliveries();
    expect(records.map((d) => [d.endpoint, d.status, d.attempts, d.lastError]).sort()).toEqual([
      [
        r.url,
        'failed',
        1,
        `${r.url}: blocked by policy: 127.0.0.1 is a non-public address (loopback): ${how}; not retried`,
      ],
      [
        byName,
        'failed',
        1,
        `${byName}: blocked by policy: localhost resolves to 127.0.0.1, a non-public address (loopback): ` +
          'set http.allowPrivateAddresses: true or add localhost to http.allowList to allow it; not retried',
      ],
    ]);
    expect((await scope.runtime!.queues.alert.getFailed()).map((j) => j.attemptsMade)).toEqual([1, 1]);
  });

  it('fails a delivery whose receiver redirects (to another address) after one attempt: webhooks are not redirected', async () => {
    const elsewhere = 'http://127.0.0.2:9/hook';
    const server = createServer((_req, res) => res.writeHead(307, { location: elsewhere }).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    scope.closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const outcomes = await ingestOnePage([url], { http: { allowPrivateAddresses: false, allowList: ['127.0.0.1'] } });
    expect(alertCounts(outcomes)).toEqual({ sent: 0, failed: 1 });
    expect(scope.runtime!.store!.alerts.listDeliveries().map((d) => [d.status, d.attempts, d.lastError])).toEqual([
      [
        'failed',
        1,
        `${url}: HTTP 307 redirect to ${elsewhere} (redirects are not followed): subscribe the final URL; not retried`,
      ],
    ]);
  });
});
