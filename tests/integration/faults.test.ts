// Tests crash safety with real processes: killed workers and a Redis restart lose and double nothing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { startRuntime, type Role, type Runtime } from '../../runtime/runtime.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { ROOT, SEEDS_DIR } from '../helpers/seeds.js';
import { testConfig } from '../helpers/test-config.js';
import { freePort } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait.js';

const runtimes: Runtime[] = [];
const children: ChildProcess[] = [];

async function start(
  config: Parameters<typeof startRuntime>[0],
  roles: Role[],
  log: (msg: string) => void = () => {},
): Promise<Runtime> {
  const runtime = await startRuntime(config, { roles, log });
  runtimes.push(runtime);
  return runtime;
}

/** A `storywatch worker --role R` process with fault-injection settings. */
function worker(file: string, role: Role, env: Record<string, string>): ChildProcess {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/storywatch.js'), '--config', file, 'worker', '--role', role],
    { env: { ...process.env, ...env }, stdio: 'ignore' },
  );
  children.push(child);
  return child;
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

afterEach(async () => {
  // Runtimes first, while their Redis (which may be a child here) still runs.
  for (const runtime of runtimes.splice(0)) {
    for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true }).catch(() => {});
    await runtime.close();
  }
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) await kill9(child);
});

/** Every seed article is in the store exactly once, and every input settled as done. */
function expectSeedsOnce(runtime: Runtime, outcomes: Awaited<ReturnType<typeof waitForItems>>) {
  expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
  expect(outcomes.flatMap((o) => o.articles.map((a) => a.status))).toEqual(Array(9).fill('stored'));
  const ids = runtime.store!.listArticles().map((a) => a.id);
  expect(ids).toHaveLength(9);
  expect(new Set(ids).size).toBe(9);
}

describe('crash safety with real processes', () => {
  /**
   * The seeds go through an in-process ingest worker and a cluster worker process with a fault setting;
   * `crashPoint` waits for the moment to SIGKILL it, then a fresh cluster worker finishes the run.
   */
  async function killClusterWorker(
    env: Record<string, string>,
    crashPoint: (config: ReturnType<typeof testConfig>['config'], runtime: Runtime) => Promise<unknown>,
  ) {
    const { file, config } = testConfig();
    const runtime = await start(config, ['ingest']);
    const child = worker(file, 'cluster', env);
    const { items } = await readInputs([SEEDS_DIR], config.ingest.maxBytes);
    const since = Date.now();
    const jobs = await enqueueItems(runtime, items);
    await crashPoint(config, runtime);
    await kill9(child);
    // A new cluster worker takes the stalled job over once its lock expires.
    const primary = await start(config, ['cluster']);
    expectSeedsOnce(primary, await waitForItems(runtime, jobs, since, () => {}));
  }

  it('loses nothing when the cluster worker is killed mid-job, before its write', async () => {
    await killClusterWorker({ STORYWATCH_FAULT_DELAY_MS: '60000' }, (_config, runtime) =>
      waitFor(
        async () => (await runtime.queues.cluster.getActiveCount()) > 0,
        30_000,
        'the cluster worker to take a job',
      ),
    );
  }, 90_000);

  it('stores articles once when the cluster worker dies after committing them, and reports them stored', async () => {
    await killClusterWorker({ STORYWATCH_FAULT_AFTER_COMMIT_MS: '60000' }, async (config) => {
      const peek = new SqliteStore(path.join(config.dataDir, 'storywatch.sqlite'));
      // The first batch (one or more articles) is committed; the worker now sits before completing its jobs.
      await waitFor(() => peek.articleCount() > 0, 30_000, 'the first batch to be committed');
      peek.close();
    });
  }, 90_000);

  it('stores articles once when the cluster worker dies inside a ClusterItem, some of its articles committed', async () => {
    let committed = 0;
    await killClusterWorker(
      { STORYWATCH_FAULT_AFTER_COMMIT_MS: '60000', STORYWATCH_FAULT_BATCH_BUDGET_MS: '0' },
      async (config, runtime) => {
        const peek = new SqliteStore(path.join(config.dataDir, 'storywatch.sqlite'));
        // One article per batch: the first is committed, the others of its ClusterItem are not.
        await waitFor(() => peek.articleCount() > 0, 30_000, 'the first article to be committed');
        committed = peek.articleCount();
        peek.close();
        const [job] = await runtime.queues.cluster.getActive();
        expect((job!.data as { articles: unknown[] }).articles.length).toBeGreaterThan(committed);
      },
    );
    expect(committed).toBe(1);
  }, 90_000);

  it('finishes every input exactly once when Redis restarts mid-run', async () => {
    const port = await freePort();
    const redisDir = mkdtempSync(path.join(tmpdir(), 'sw-redis-'));
    const redisArgs = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      redisDir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ];
    let redis = spawn('redis-server', redisArgs, { stdio: 'ignore' });
    children.push(redis);
    const ping = () =>
      spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG';
    await waitFor(ping, 10_000, 'redis-server');
    const { config } = testConfig({ redisUrl: `redis://127.0.0.1:${port}` });
    process.env.STORYWATCH_FAULT_DELAY_MS = '400';
    const logged: string[] = [];
    const runtime = await start(config, ['ingest', 'cluster'], (msg) => logged.push(msg)).finally(
      () => delete process.env.STORYWATCH_FAULT_DELAY_MS,
    );
    const { items } = await readInputs([SEEDS_DIR], config.ingest.maxBytes);
    const since = Date.now();
    // One input per IngestItem (as inputs that arrive apart travel), so the run spans several jobs.
    const jobs = [];
    for (const item of items) jobs.push(...(await enqueueItems(runtime, [item])));
    await waitFor(() => runtime.store!.articleCount() > 0, 30_000, 'the first article');
    // A clean restart: SHUTDOWN writes the append-only file, the new server loads it.
    spawnSync('redis-cli', ['-p', String(port), 'shutdown']);
    await new Promise((r) => redis.once('exit', r));
    const storedDuringOutage = runtime.store!.articleCount();
    // Redis comes back once the workers have run into the outage (a connection error), not before.
    await waitFor(() => logged.some((m) => m.startsWith('worker ')), 30_000, 'a worker to see Redis gone');
    redis = spawn('redis-server', redisArgs, { stdio: 'ignore' });
    children.push(redis);
    await waitFor(ping, 10_000, 'redis-server again');
    const outcomes = await waitForItems(runtime, jobs, since, () => {});
    expect(storedDuringOutage).toBeLessThan(9);
    expectSeedsOnce(runtime, outcomes);
  }, 120_000);
});
