// Which job follows which, under what id: the job chain against the real Redis and a real SQLite outbox.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from '../../pipeline/alerts/alert-events.js';
import type { PreparedArticle } from '../../pipeline/types.js';
import { enqueueArticles, enqueueDeliveries, enqueueInputs, enqueueOutbox, groupsOf } from '../../queue/job-chain.js';
import { clusterJobId, QUEUES, readClusterJob } from '../../queue/queues.js';
import { openStageQueues, type StageQueues } from '../../queue/stage-queues.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { TEST_REDIS_URL, testConfig } from '../helpers/test-config.js';

const url = new URL(TEST_REDIS_URL);
const connection = { host: url.hostname, port: Number(url.port || 6379) };
const retry = { attempts: 3, retryDelayMs: 250 };
const opened: Array<{ queues: StageQueues; store: SqliteStore }> = [];

async function setUp() {
  const { config, dataDir } = testConfig();
  const queues = await openStageQueues(connection, config.queuePrefix!);
  const store = new SqliteStore(path.join(dataDir, 'storywatch.sqlite'));
  opened.push({ queues, store });
  return { queues, store };
}

afterEach(async () => {
  for (const { queues, store } of opened.splice(0)) {
    for (const q of Object.values(queues)) {
      await q.obliterate({ force: true }).catch(() => {});
      await q.close();
    }
    store.close();
  }
});

const article = (id: string, source: string): PreparedArticle => ({
  id,
  source,
  url: null,
  title: 'Steel mill',
  titleEn: 'Steel mill',
  text: 'The steel mill restarts.',
  publishedAt: null,
  lang: 'en',
  langConfidence: 1,
  contentHash: '0123456789abcdef',
  vector: { kind: 'sparse', terms: { steel: 1 } },
  mode: 'offline',
});

const delivery = (id: string): Delivery => ({
  id,
  eventId: `evt-${id}`,
  endpoint: 'http://127.0.0.1:9/hook',
  type: 'storyline.matched',
  body: `{"id":"${id}"}`,
});

describe('job chain', () => {
  it('carries inputs handed over together in one IngestItem; the same inputs again are the same job', async () => {
    const { queues } = await setUp();
    const item = { kind: 'page' as const, source: 'inbox/a.txt', idBase: 'a', content: 'Steel mill news' };
    const [first] = await enqueueInputs(queues, [item]);
    const [again] = await enqueueInputs(queues, [item]);
    const [changed] = await enqueueInputs(queues, [{ ...item, content: 'Steel mill news, updated' }]);
    expect(again!.job.id).toBe(first!.job.id);
    expect(changed!.job.id).not.toBe(first!.job.id);
    expect(first!.job.name).toBe(QUEUES.ingest);
    expect(first!.job.data).toEqual({ items: [item] });
    // 70 records at once: 16 to a job (the most one carries), the rest in a fifth, each input with its place.
    const records = Array.from({ length: 70 }, (_, i) => ({
      kind: 'record' as const,
      source: `list.jsonl:${i + 1}`,
      idBase: `r${i}`,
      content: `{"title":"Record ${i}","text":"Steel mill news ${i}"}`,
    }));
    const sent = await enqueueInputs(queues, records);
    expect(sent.map((s) => s.item)).toEqual(records);
    expect(new Set(sent.map((s) => s.job.id)).size).toBe(5);
    expect(sent.map((s) => s.index)).toEqual(records.map((_, i) => (i < 64 ? i % 16 : i - 64)));
    expect((sent[65]!.job.data as { items: unknown[] }).items).toEqual(records.slice(64));
    expect(await queues.ingest.getJobCountByTypes('waiting')).toBe(7);
  });

  it('groups entries by count and size, a larger one alone', () => {
    const size = (n: number) => n;
    expect(groupsOf([1, 1, 1, 1, 1], size, 2, 100)).toEqual([[1, 1], [1, 1], [1]]);
    expect(groupsOf([3, 3, 9, 2, 2], size, 10, 6)).toEqual([[3, 3], [9], [2, 2]]);
    expect(groupsOf([], size, 2, 10)).toEqual([]);
  });

  it("carries an input's prepared articles in one ClusterItem, vectors as base64, under the id their sources, ids and contents give", async () => {
    const { queues } = await setUp();
    const articles = [article('a-1', 'inbox/a.txt'), article('a-1', 'inbox/b.txt')];
    const sent = await enqueueArticles(queues, articles);
    const jobId = clusterJobId(articles);
    expect(sent).toEqual([
      { id: 'a-1', clusterJobId: jobId, at: 0 },
      { id: 'a-1', clusterJobId: jobId, at: 1 },
    ]);
    expect(jobId).not.toBe(clusterJobId(articles.slice(0, 1)));
    const job = await queues.cluster.getJob(jobId);
    const carried = (job!.data as { articles: Array<{ vector: unknown }> }).articles;
    expect(carried[0]!.vector).toEqual({
      kind: 'sparse',
      terms: ['steel'],
      e4: Buffer.from(Int32Array.of(10_000).buffer).toString('base64'),
    });
    expect(readClusterJob(job!.data)).toEqual(articles.map((value) => ({ value })));
  });

  it("makes one DeliverAlert per delivery, with the delivery's id and the configured attempts and back-off", async () => {
    const { queues } = await setUp();
    const [jobId] = await enqueueDeliveries(queues, [delivery('d1')], retry);
    const job = await queues.alert.getJob(jobId!);
    expect(jobId).toBe('alert-d1');
    expect(job!.data).toEqual({
      id: 'd1',
      eventId: 'evt-d1',
      endpoint: 'http://127.0.0.1:9/hook',
      type: 'storyline.matched',
      body: '{"id":"d1"}',
      deferrals: 0,
    });
    expect(job!.opts).toMatchObject({ attempts: 3, backoff: { type: 'jittered', delay: 250 } });
  });

  it('marks the outbox enqueued only once its jobs are added; handed on again, a delivery is still one job', async () => {
    const { queues, store } = await setUp();
    store.addDeliveries([delivery('d1'), delivery('d2')]);
    const down = await openStageQueues(connection, `${queues.alert.opts.prefix}-down`);
    for (const q of Object.values(down)) {
      await q.obliterate({ force: true });
      await q.close();
    }
    await expect(
      enqueueOutbox(store.pendingDeliveries(), (d) => enqueueDeliveries(down, d, retry), store),
    ).rejects.toThrow(/closed/i);
    expect(store.pendingDeliveries().map((d) => d.id)).toEqual(['d1', 'd2']);

    const jobIds = await enqueueOutbox(store.pendingDeliveries(), (d) => enqueueDeliveries(queues, d, retry), store);
    expect(jobIds).toEqual(['alert-d1', 'alert-d2']);
    expect(store.pendingDeliveries()).toEqual([]);
    expect(await enqueueOutbox(store.pendingDeliveries(), (d) => enqueueDeliveries(queues, d, retry), store)).toEqual(
      [],
    );
    // A writer that died between adding the jobs and marking them: the sweep adds them again, under the same ids.
    await enqueueDeliveries(queues, [delivery('d1'), delivery('d2')], retry);
    expect(await queues.alert.getJobCountByTypes('waiting', 'delayed')).toBe(2);
  });
});
