// Tests that copies of an article from other outlets are kept, reported and alerted once.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { createWebApp } from '../../web/app.js';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { storeReport } from '../../store/store-report.js';
import { cleanUpAfterEach } from '../helpers/runtime-cleanup.js';
import { SYNDICATED, writeSyndicated } from '../helpers/syndicated.js';
import { testConfig } from '../helpers/test-config.js';

const SECRET = `whsec_${Buffer.from('storywatch-test-secret-0123456789').toString('base64')}`;
const scope = cleanUpAfterEach();

/** A webhook receiver on 127.0.0.1 that records what it gets and answers 200. */
async function receiver() {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  scope.closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return { bodies, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

async function ingest(runtime: Runtime, files: string[]) {
  const { items } = await readInputs(files, runtime.config.ingest.maxBytes);
  return (await waitForItems(runtime, await enqueueItems(runtime, items), Date.now(), () => {})).flatMap(
    (o) => o.articles,
  );
}

describe('copies of an article from other outlets (real Redis, store, webhook receiver)', () => {
  it('keeps an exact copy from a second source and a near copy from a third, reports them and alerts once', async () => {
    const hook = await receiver();
    const { config } = testConfig({
      http: { allowPrivateAddresses: true },
      alerts: { attempts: 2, retryDelayMs: 100, timeoutMs: 2000 },
      webhooks: [{ url: hook.url, secret: SECRET, storylines: ['pakistan-steel-mills'] }],
    });
    const runtime = (scope.runtime = await startRuntime(config, {
      roles: ['ingest', 'cluster', 'alert'],
      log: () => {},
    }));
    const [wireFile, paperFile, thirdFile] = writeSyndicated(mkdtempSync(path.join(tmpdir(), 'sw-copies-')));
    // One at a time, so the wire report is the first to arrive.
    const outcomes = [];
    for (const file of [wireFile!, paperFile!, thirdFile!]) outcomes.push(...(await ingest(runtime, [file])));
    expect(outcomes).toMatchObject([
      { articleId: 'wire-psm', status: 'stored', alerts: { sent: 1, failed: 0 } },
      { articleId: 'paper-41', status: 'copy', duplicateOf: 'wire-psm' },
      { articleId: 'third-9', status: 'copy', duplicateOf: 'wire-psm' },
    ]);
    // The storyline matched the wire report once; its copies fired nothing of their own.
    expect(hook.bodies).toHaveLength(1);
    expect(JSON.parse(hook.bodies[0]!)).toMatchObject({
      type: 'storyline.matched',
      data: { article: { id: 'wire-psm' } },
    });
    expect(runtime.store!.alerts.listDeliveries()).toHaveLength(1);

    const report = storeReport(runtime.store!, 'offline');
    expect(report.articles.map((a) => a.id)).toEqual(['wire-psm', 'paper-41', 'third-9']);
    const clusterId = report.articles[0]!.clusterId;
    const [, exact, near] = report.articles;
    expect(exact).toEqual({
      id: 'paper-41',
      source: `${paperFile}:1`,
      url: 'https://paper.example/news/psm',
      title: SYNDICATED.exact.title,
      lang: 'en',
      publishedAt: SYNDICATED.exact.publishedAt,
      titleEn: SYNDICATED.exact.title,
      clusterId,
      storylines: [],
      duplicateOf: 'wire-psm',
    });
    expect(near).toMatchObject({
      id: 'third-9',
      source: `${thirdFile}:1`,
      url: SYNDICATED.near.url,
      title: SYNDICATED.near.title,
      lang: 'en',
      publishedAt: SYNDICATED.near.publishedAt,
      clusterId,
      duplicateOf: 'wire-psm',
    });
    expect(report.clusters).toEqual([
      expect.objectContaining({
        id: clusterId,
        articleIds: ['wire-psm'],
        articleCount: 3,
        sources: ['wire.example', 'paper.example', 'third.example'],
      }),
    ]);
    expect(report.storylines[0]).toMatchObject({ articleIds: ['wire-psm'], clusterIds: [clusterId] });
    const copies = runtime.store!.copies.list();
    expect(copies.map((c) => [c.id, c.duplicateOf, c.clusterId, c.similarity === 1])).toEqual([
      ['paper-41', 'wire-psm', clusterId, true],
      ['third-9', 'wire-psm', clusterId, false],
    ]);
    expect(copies[1]!.similarity).toBeGreaterThanOrEqual(config.clustering.nearDuplicate);

    // API and dashboard: counts with copies, the outlets, and the copies under the article they copy.
    const web = createWebApp(runtime.store!, { token: undefined });
    scope.closers.push(async () => web.close());
    const list = (await (await web.app.request('/api/clusters')).json()) as { items: Array<Record<string, unknown>> };
    expect(list.items).toEqual([
      expect.objectContaining({
        id: clusterId,
        articleCount: 3,
        copyCount: 2,
        sources: ['wire.example', 'paper.example', 'third.example'],
      }),
    ]);
    const one = (await (await web.app.request(`/api/clusters/${clusterId}`)).json()) as {
      articles: Array<{ id: string; copies: Array<{ id: string; source: string; publishedAt: string }> }>;
    };
    expect(one.articles.map((a) => [a.id, a.copies.map((c) => c.id)])).toEqual([['wire-psm', ['paper-41', 'third-9']]]);
    expect(one.articles[0]!.copies[0]).toMatchObject({
      source: `${paperFile}:1`,
      publishedAt: SYNDICATED.exact.publishedAt,
      duplicateOf: 'wire-psm',
    });
    const articles = (await (await web.app.request('/api/articles')).json()) as {
      items: Array<{ id: string; copyCount: number }>;
      total: number;
    };
    expect(articles).toMatchObject({ total: 1, items: [{ id: 'wire-psm', copyCount: 2 }] });
    const page = await (await web.app.request(`/clusters/${clusterId}`)).text();
    expect(page).toContain('3 articles (2 copies) · covered by 3 outlets');
    const wireItem = page.slice(page.indexOf('data-article="wire-psm"'));
    expect(wireItem).toMatch(
      /data-copy="paper-41"[\s\S]*paper\.example[\s\S]*2025-07-11 10:30[\s\S]*data-copy="third-9"[\s\S]*third\.example/,
    );
    const storyline = await (await web.app.request('/storylines/pakistan-steel-mills')).text();
    expect(storyline).toContain('covered by 3 outlets');
    const metrics = await (await web.app.request('/metrics')).text();
    expect(metrics).toMatch(/^storywatch_articles 1$/m);
    expect(metrics).toMatch(/^storywatch_article_copies 2$/m);
  });

  it('treats the same inputs again as unchanged, whether their jobs are still in Redis or not', async () => {
    const runtime = (scope.runtime = await startRuntime(testConfig().config, {
      roles: ['ingest', 'cluster'],
      log: () => {},
    }));
    const files = writeSyndicated(mkdtempSync(path.join(tmpdir(), 'sw-copies-')));
    for (const file of files) await ingest(runtime, [file]);
    expect((await ingest(runtime, files)).map((a) => a.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true });
    expect((await ingest(runtime, files)).map((a) => [a.articleId, a.status])).toEqual([
      ['wire-psm', 'unchanged'],
      ['paper-41', 'unchanged'],
      ['third-9', 'unchanged'],
    ]);
    expect(runtime.store!.articleCount()).toBe(1);
    expect(runtime.store!.copies.list().map((c) => c.id)).toEqual(['paper-41', 'third-9']);
  });
});
