// Tests the daemon in operation: one per data dir, Redis dying under it, Ctrl-C during ingest.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../pipeline/build-report.js';
import { ROOT, seedPages, SEEDS_DIR } from '../helpers/seeds.js';
import { BIN, freePort, isRunning } from '../helpers/processes.js';
import { waitFor } from '../helpers/wait.js';

const processes: ChildProcess[] = [];
const dataDirs: string[] = [];

/** A fresh data dir, whose private redis-server (if one is left running) is stopped after the test. */
function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-ops-'));
  dataDirs.push(dir);
  return dir;
}

afterEach(async () => {
  for (const p of processes.splice(0)) {
    if (p.exitCode !== null || p.signalCode !== null) continue;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }
  // A daemon killed above (a failed test) leaves its redis-server running, as kill -9 does.
  for (const dir of dataDirs.splice(0)) {
    const socket = path.join(dir, 'redis', 'redis.sock');
    if (existsSync(socket)) spawnSync('redis-cli', ['-s', socket, 'shutdown', 'nosave'], { stdio: 'ignore' });
  }
});

/** A user's environment without REDIS_URL (storywatch runs its own redis-server), or with one. */
function userEnv(dataDir: string, redisUrl?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, STORYWATCH_DATA: dataDir };
  delete env.REDIS_URL;
  if (redisUrl) env.REDIS_URL = redisUrl;
  return env;
}

/** A storywatch process with its output collected; `detached` gives it a process group, as a terminal does. */
function storywatch(args: string[], env: NodeJS.ProcessEnv, detached = false) {
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: ROOT, detached });
  processes.push(child);
  const out = {
    stdout: '',
    stderr: '',
    child,
    exit: new Promise<number | null>((r) => child.once('exit', (code) => r(code))),
  };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  return out;
}

async function startDaemon(dataDir: string, redisUrl?: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const daemon = storywatch(['start', '--inbox', path.join(dataDir, 'inbox'), '--port', '0'], {
    ...userEnv(dataDir, redisUrl),
    ...extraEnv,
  });
  await waitFor(
    () => daemon.stderr.includes('running (') || daemon.child.exitCode !== null,
    90_000,
    'the daemon to start',
  );
  const api = /running \(.*; API (http:\/\/[\d.]+:\d+)/.exec(daemon.stderr)?.[1];
  if (!api) throw new Error(`the daemon did not start: ${daemon.stderr}`);
  return Object.assign(daemon, { api }); // the same object: its output keeps growing
}

async function health(api: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${api}/healthz`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The pid of the private redis-server of a data dir. */
async function privateRedisPid(dataDir: string): Promise<number> {
  const client = new Redis({ path: path.join(dataDir, 'redis', 'redis.sock') });
  try {
    return Number(/process_id:(\d+)/.exec(await client.info('server'))![1]);
  } finally {
    client.disconnect();
  }
}

describe('operations: one daemon per data dir', () => {
  it('refuses a second daemon naming the first, lets ingest join the first, and is taken over after a kill -9', async () => {
    const dataDir = newDataDir();
    const first = await startDaemon(dataDir);
    const firstPid = first.child.pid!;

    const second = storywatch(['start', '--port', '0'], userEnv(dataDir));
    expect(await second.exit).toBe(1);
    expect(second.stderr).toContain(`is in use by storywatch start (pid ${firstPid} on `);
    expect(second.stderr).toContain(`API ${first.api}`);
    expect(second.stderr).toMatch(/one daemon runs per data dir: stop it first \(kill -TERM \d+\)/);
    expect((await health(first.api)).body).toMatchObject({
      ok: true,
      queue: 'up',
      workers: { ingest: 'up', cluster: 'up' },
    });

    // A one-shot ingest on the same data dir hands its inputs to the daemon's workers.
    const ingest = storywatch(['ingest', SEEDS_DIR, '--no-progress'], userEnv(dataDir));
    expect(await ingest.exit, ingest.stderr).toBe(0);
    expect(ingest.stderr).toContain(`storywatch start (pid ${firstPid} on`);
    expect(ingest.stderr).toContain('runs on this data dir: its workers process these inputs');
    expect(ingest.stdout).toMatch(/articles: 9 \(9 stored\)/);
    await waitFor(
      () => /"queue":"cluster-item".*"outcome":"done"/.test(first.stderr),
      10_000,
      'the daemon to log the work',
    );

    // A daemon killed with -9 leaves its lock and its redis-server behind; the next one takes both over.
    const orphanRedis = await privateRedisPid(dataDir);
    const [ingestPid, clusterPid] = /worker processes (\d+), (\d+)/.exec(first.stderr)!.slice(1).map(Number);
    first.child.kill('SIGKILL');
    await first.exit;
    await waitFor(
      () => !isRunning(ingestPid!) && !isRunning(clusterPid!),
      20_000,
      'the worker processes to leave with their daemon',
    );
    expect(isRunning(orphanRedis)).toBe(true);
    const third = await startDaemon(dataDir);
    expect(third.stderr).toContain(`storywatch start (pid ${firstPid} on`);
    expect(third.stderr).toContain('ended without giving the data dir up; taking it over');
    expect(third.stderr).toContain(
      'a private redis-server left running by an earlier storywatch process is shut down and started again under this one',
    );
    expect(isRunning(orphanRedis)).toBe(false);
    expect((await health(third.api)).body).toMatchObject({ ok: true, articles: 9 });

    third.child.kill('SIGTERM');
    expect(await third.exit).toBe(0);
    expect(existsSync(path.join(dataDir, 'storywatch.lock'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'redis', 'redis.sock'))).toBe(false);
  }, 240_000);
});

describe('operations: Redis dies under the daemon', () => {
  it('restarts its private Redis from the append-only file and loses nothing', async () => {
    const dataDir = newDataDir();
    // Each job pauses, so the seeds are still in the queues when Redis is killed.
    const daemon = await startDaemon(dataDir, undefined, { STORYWATCH_FAULT_DELAY_MS: '300' });
    for (const f of Object.keys(seedPages())) copyFileSync(path.join(SEEDS_DIR, f), path.join(dataDir, 'inbox', f));
    await waitFor(
      () => daemon.stderr.includes('004_3c7d80452f340e24.txt: 1 input(s) enqueued'),
      30_000,
      'the inbox to take the seeds',
    );
    await new Promise((r) => setTimeout(r, 1200)); // appendfsync everysec: the jobs are on disk
    const killed = await privateRedisPid(dataDir);
    process.kill(killed, 'SIGKILL');
    // While it is down, health says so (503) and metrics answer at once; it may be back before the first look.
    const [during, metrics] = await Promise.all([
      health(daemon.api),
      fetch(`${daemon.api}/metrics`, { signal: AbortSignal.timeout(5000) }),
    ]);
    expect(metrics.status).toBe(200);
    if (during.status === 503) expect(during.body).toMatchObject({ ok: false, queue: 'down' });
    await waitFor(() => daemon.stderr.includes('private redis-server is back'), 30_000, 'the restart');
    expect(daemon.stderr).toContain(
      `private redis-server (pid ${killed}) exited (SIGKILL); starting it again from its append-only file`,
    );
    const after = await waitFor(
      async () => {
        const h = await health(daemon.api);
        return h.status === 200 && h.body.articles === 9 ? h : null;
      },
      60_000,
      'all nine seed articles',
    );
    expect(after.body).toMatchObject({ ok: true, queue: 'up' });
    expect(daemon.stderr).not.toContain('Unhandled error event');

    daemon.child.kill('SIGTERM');
    expect(await daemon.exit).toBe(0);
    const report = JSON.parse(storywatchSync(['export'], userEnv(dataDir))) as Report;
    expect(report.articles).toHaveLength(9);
    expect(new Set(report.articles.map((a) => a.id)).size).toBe(9);
  }, 180_000);

  it('answers health and metrics at once and shuts down within its bound while a shared Redis is gone', async () => {
    const port = await freePort();
    const redisDir = mkdtempSync(path.join(tmpdir(), 'sw-ops-redis-'));
    const redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    processes.push(redis);
    const dataDir = newDataDir();
    const daemon = await startDaemon(dataDir, `redis://127.0.0.1:${port}`);
    expect((await health(daemon.api)).status).toBe(200);
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));

    const down = await health(daemon.api);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, queue: 'down', workers: { ingest: 'up', cluster: 'up' } });
    const metrics = await fetch(`${daemon.api}/metrics`, { signal: AbortSignal.timeout(5000) });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/^storywatch_queue_up 0$/m);
    expect(text).toMatch(/^storywatch_articles 0$/m);

    daemon.child.kill('SIGTERM');
    expect(await daemon.exit).toBe(0);
    expect(daemon.stderr).toContain('shutdown: Redis does not answer, so no job can finish; leaving without waiting');
    expect(daemon.stderr).toContain('stopped; some active jobs were cut off');
    expect(daemon.stderr).not.toContain('Unhandled error event');
    expect(existsSync(path.join(dataDir, 'storywatch.lock'))).toBe(false);
  }, 120_000);
});

describe('operations: Ctrl-C during ingest', () => {
  it('stops cleanly, leaves no redis-server behind and says how to go on; the same command then finishes', async () => {
    const dataDir = newDataDir();
    const sentences = Object.values(seedPages())
      .join('\n')
      .split(/(?<=\.)\s+/)
      .filter((s) => s.length > 40);
    const lines = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({
        id: `a${i}`,
        title: `Report ${i}: ${sentences[i % sentences.length]!.slice(0, 80)}`,
        text: Array.from({ length: 6 }, (_, k) => sentences[(i * 7 + k * 13) % sentences.length]).join(' '),
      }),
    );
    mkdirSync(path.join(dataDir, 'in'));
    const input = path.join(dataDir, 'in', 'stream.jsonl');
    writeFileSync(input, `${lines.join('\n')}\n`);
    // Every job waits 250 ms, so the 13 IngestItems of 16 inputs and their ClusterItems take seconds; Ctrl-C
    // comes as soon as the first articles are stored, so some are done and most are not.
    const env = { ...userEnv(dataDir), STORYWATCH_FAULT_DELAY_MS: '250' };
    const first = storywatch(['ingest', input, '--no-progress'], env, true);
    await waitFor(() => storedArticles(dataDir) > 0, 60_000, 'the first articles to be stored');
    const redisPid = await privateRedisPid(dataDir);
    // What a terminal's Ctrl-C does: SIGINT to every process of the foreground group.
    process.kill(-first.child.pid!, 'SIGINT');
    expect(await first.exit).toBe(130);
    expect(first.stderr).toContain('SIGINT: finishing active jobs and shutting down');
    expect(first.stderr).toMatch(
      /interrupted: \d+ of the \d+ input\(s\) read so far had finished; run the same command again to go on/,
    );
    expect(first.stderr).not.toMatch(/EPIPE|Connection is closed|\n\s+at /);
    expect(isRunning(redisPid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'storywatch.lock'))).toBe(false);
    const done = Number(/interrupted: (\d+) of/.exec(first.stderr)![1]);
    expect(done).toBeLessThan(200);

    // The same command again: what the first run finished is unchanged, the rest is done now, nothing fails.
    const again = storywatch(['ingest', input, '--no-progress'], userEnv(dataDir));
    expect(await again.exit, again.stderr).toBe(0);
    const statuses = Object.fromEntries(
      [...(/^articles: \d+ \((.*?)\)/m.exec(again.stdout)?.[1] ?? '').matchAll(/(\d+) (\w+)/g)].map((m) => [
        m[2],
        Number(m[1]),
      ]),
    );
    expect(Object.values(statuses).reduce((sum: number, n) => sum + Number(n), 0)).toBe(200);
    expect(statuses.unchanged).toBeGreaterThan(0);
    expect(statuses.failed).toBeUndefined();
  }, 180_000);
});

function storywatchSync(args: string[], env: NodeJS.ProcessEnv): string {
  const res = spawnSync(process.execPath, [BIN, ...args], { env, cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (res.status !== 0) throw new Error(`storywatch ${args.join(' ')}: ${res.stderr}`);
  return res.stdout;
}

/** Articles the store of `dataDir` holds so far (0 while it does not exist yet), read as another process would. */
function storedArticles(dataDir: string): number {
  const file = path.join(dataDir, 'storywatch.sqlite');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // the schema is not there yet
  }
}
