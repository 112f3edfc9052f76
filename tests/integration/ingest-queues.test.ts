// Tests ingestion of the seeds through real queues: stored once, killed workers, bad inputs named.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { Job } from 'bullmq';
import { arrivalsOf, enqueueArticles } from '../../queue/job-chain.js';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { ROLES, startRuntime, type Role, type Runtime } from '../../runtime/runtime.js';
import { ROOT, SEEDS_DIR } from '../helpers/seeds.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait.js';

const runtimes: Runtime[] = [];
const children: ChildProcess[] = [];
const quiet = () => {};

async function start(config: Parameters<typeof startRuntime>[0], roles: Role[] = ROLES): Promise<Runtime> {
  const runtime = await startRuntime(config, { roles, log: quiet });
  runtimes.push(runtime);
  return runtime;
}

async function ingestSeeds(runtime: Runtime) {
  const { items } = await readInputs([SEEDS_DIR], runtime.config.ingest.maxBytes);
  const since = Date.now();
  return waitForItems(runtime, await enqueueItems(runtime, items), since, () => {});
}

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const runtime of runtimes.splice(0)) {
    await runtime.queues.ingest.obliterate({ force: true });
    await runtime.queues.cluster.obliterate({ force: true });
    await runtime.close();
    // Every worker must be closed, or jobs of the next test could land in this one's store.
    for (const w of runtime.workers) expect(w.isRunning()).toBe(false);
  }
});

describe('ingest through the queues (real Redis)', () => {
  it('stores the nine seed articles with their languages, clusters and storyline matches', async () => {
    const runtime = await start(testConfig().config);
    const outcomes = await ingestSeeds(runtime);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const articles = runtime.store!.listArticles();
    expect(articles).toHaveLength(9);
    expect(articles.filter((a) => a.lang === 'hi').map((a) => a.id)).toEqual(['001_6d2f3309d51e9222-1']);
    expect(articles.filter((a) => a.lang === 'en')).toHaveLength(8);
    const byId = new Map(articles.map((a) => [a.id, a]));
    expect(byId.get('001_6d2f3309d51e9222-1')!.clusterId).toBe(byId.get('000_59c1e87fd81191b7-1')!.clusterId);
    const psm = articles.filter((a) => a.storylines.some((s) => s.id === 'pakistan-steel-mills')).map((a) => a.id);
    expect(psm).toEqual([
      '000_59c1e87fd81191b7-1',
      '001_6d2f3309d51e9222-1',
      '002_2cf772f13c620336-1',
      '004_3c7d80452f340e24-1',
    ]);
  });

  it('treats re-ingesting the same pages as a no-op, whether the old jobs are still in Redis or not', async () => {
    const { config } = testConfig();
    const runtime = await start(config);
    await ingestSeeds(runtime);
    const again = await ingestSeeds(runtime);
    expect(again.map((o) => o.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(runtime.store!.articleCount()).toBe(9);
    // With the finished jobs gone from Redis the pages are processed again, and the store knows them: unchanged.
    await runtime.queues.ingest.obliterate({ force: true });
    await runtime.queues.cluster.obliterate({ force: true });
    const third = await ingestSeeds(runtime);
    expect(third.flatMap((o) => o.articles.map((a) => a.status))).toEqual(Array(9).fill('unchanged'));
    expect(runtime.store!.copies.list()).toEqual([]);
    expect(runtime.store!.articleCount()).toBe(9);
    expect(new Set(runtime.store!.listClusters().map((c) => c.id)).size).toBe(8);
  });

  it('loses nothing when an ingest worker is killed mid-job', async () => {
    const { file, config } = testConfig();
    // Only the cluster role here; the ingest role runs in a child process that is killed with SIGKILL.
    const runtime = await start(config, ['cluster']);
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/storywatch.js'), '--config', file, 'worker', '--role', 'ingest'],
      {
        env: { ...process.env, STORYWATCH_FAULT_DELAY_MS: '60000' },
        stdio: 'ignore',
      },
    );
    children.push(child);
    const { items } = await readInputs([SEEDS_DIR], config.ingest.maxBytes);
    const since = Date.now();
    const jobs = await enqueueItems(runtime, items);
    await waitFor(async () => (await runtime.queues.ingest.getActiveCount()) > 0, 30_000, 'the child to take a job');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(runtime.store!.articleCount()).toBe(0);
    // A fresh ingest worker picks the stalled jobs up once their locks expire.
    await start(config, ['ingest']);
    const outcomes = await waitForItems(runtime, jobs, since, () => {});
    expect(outcomes.map((o) => o.error ?? o.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(runtime.store!.articleCount()).toBe(9);
    const ids = runtime.store!.listArticles().map((a) => a.id);
    expect(new Set(ids).size).toBe(9);
  });

  it('fails a bad input alone, naming it, while the others go through', async () => {
    const runtime = await start(testConfig().config);
    const { items } = await readInputs([SEEDS_DIR], runtime.config.ingest.maxBytes);
    items.splice(1, 0, {
      kind: 'page',
      source: 'menu-only.txt',
      idBase: 'menu-only',
      content: 'Home\nNews\nSport\nContact',
    });
    const front = readFileSync(path.join(ROOT, 'tests/fixtures/pages/ur-home.html'), 'utf8');
    items.splice(3, 0, { kind: 'html', source: 'front.html', idBase: 'front', content: front });
    items.push({ kind: 'record', source: 'list.jsonl:3', idBase: 'x', content: '{"text":"no title"}' });
    const since = Date.now();
    const outcomes = await waitForItems(runtime, await enqueueItems(runtime, items), since, () => {});
    const failed = outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => o.source)).toEqual(['menu-only.txt', 'front.html', 'list.jsonl:3']);
    expect(failed[0]!.error).toMatch(/^menu-only.txt: no article found/);
    expect(failed[1]!.error).toMatch(
      /^front.html: not an article: the site's home page \(12 headlines with dates, no article body; og:url is the site root/,
    );
    expect(failed[2]!.error).toMatch(/^list.jsonl:3: title/);
    expect(runtime.store!.articleCount()).toBe(9);
    // The inputs travelled in one IngestItem, which did not fail (nor was retried) for its bad ones.
    expect(await runtime.queues.ingest.getFailedCount()).toBe(0);
    const [job] = await runtime.queues.ingest.getCompleted();
    expect([job!.attemptsMade, (job!.data as { items: unknown[] }).items.length]).toEqual([1, 8]);
    // Alone in its job, a bad input fails the job, for good: it is not retried.
    const alone = await waitForItems(runtime, await enqueueItems(runtime, items.slice(1, 2)), Date.now(), () => {});
    expect(alone).toMatchObject([
      { source: 'menu-only.txt', status: 'failed', error: expect.stringMatching(/^menu-only.txt: no article found/) },
    ]);
    expect((await runtime.queues.ingest.getFailed()).map((j) => j.attemptsMade)).toEqual([1]);
  });

  it('fails an article the writer refuses alone, inside its ClusterItem, and stores the others of it', async () => {
    const runtime = await start(testConfig().config, ['cluster']);
    const { embedder } = runtime.representation!;
    const prepared = async (id: string, title: string) => {
      const [vector] = await embedder.embed([{ title, text: `${title}.`, lang: 'en' }]);
      return {
        id,
        source: `${id}.jsonl`,
        url: null,
        title,
        titleEn: title,
        text: `${title}.`,
        publishedAt: '2025-07-11T10:00:00Z',
        lang: 'en',
        langConfidence: 1,
        contentHash: `hash-${id}-000000`,
        vector: vector!,
        mode: 'offline' as const,
      };
    };
    const articles = [
      await prepared('a', 'Karachi steel mill restart planned'),
      // Made in the other mode: the store holds offline vectors once the first is written.
      {
        ...(await prepared('b', 'Cricket final in Delhi')),
        mode: 'neural' as const,
        vector: { kind: 'dense' as const, values: [0.6, 0.8] },
      },
      await prepared('c', 'Monsoon rain floods Kerala'),
    ];
    const sent = await enqueueArticles(runtime.queues, articles);
    expect(new Set(sent.map((s) => s.clusterJobId)).size).toBe(1);
    const job = (await Job.fromId(runtime.queues.cluster, sent[0]!.clusterJobId))!;
    const result = await job.waitUntilFinished((await runtime.events()).cluster);
    expect(result).toMatchObject({
      status: 'done',
      articles: [
        { status: 'done', articleId: 'a' },
        { status: 'failed', articleId: 'b', error: expect.stringMatching(/^b\.jsonl: article made in neural mode/) },
        { status: 'done', articleId: 'c' },
      ],
    });
    expect(runtime.store!.listArticles().map((a) => a.id)).toEqual(['a', 'c']);
  });

  it('carries seeds arriving close together in one IngestItem, a bad one failing alone, and a lone one at once', async () => {
    const runtime = await start(testConfig().config, ['ingest', 'cluster']);
    const { items } = await readInputs([SEEDS_DIR], runtime.config.ingest.maxBytes);
    items.splice(2, 0, { kind: 'page', source: 'menu-only.txt', idBase: 'menu-only', content: 'Home\nNews\nSport' });
    const arrive = arrivalsOf(runtime.queues);
    const since = Date.now();
    // A daemon's producers hand inputs over one by one: the first after a quiet spell, the others close behind it.
    const first = await arrive(items.slice(0, 1));
    const rest = await Promise.all(items.slice(1).map((item) => arrive([item])));
    const outcomes = await waitForItems(runtime, [...first, ...rest.flat()], since, () => {});
    expect(new Set(first.map((i) => i.job.id)).size).toBe(1);
    expect(new Set(rest.flat().map((i) => i.job.id)).size).toBe(1);
    expect(rest.flat().map((i) => i.index)).toEqual([...Array(items.length - 1).keys()]);
    const failed = outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => o.source)).toEqual(['menu-only.txt']);
    expect(failed[0]!.error).toMatch(/^menu-only.txt: no article found/);
    expect(runtime.store!.articleCount()).toBe(9);
    expect(await runtime.queues.ingest.getCompletedCount()).toBe(2);
    expect(await runtime.queues.ingest.getFailedCount()).toBe(0);
  });
});
