// npm run bench:memory [-- --json] [-- --articles N] [-- --feed]: memory and backpressure of `storywatch
// ingest` on a JSON Lines stream of N distinct articles (default 20,000: the AIR and OG2021 articles of
// ../shared/eval, or STORYWATCH_EVAL, then articles of shuffled real sentences; from the seed pages
// when there is no evaluation data), as a user runs it; with --feed, on one Atom feed of N short entries
// instead (default 50,000, about 4 MB). Sampled every 250 ms: the resident memory of the ingest process,
// the jobs waiting or active in the queues, and Redis's memory. Printed: the time, RSS at each quarter of
// the run, at its end and its peak, the most jobs queued at once (bounded by ingest.maxInFlight), Redis
// memory before, at its peak and after.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { loadConfig } from '../config/load-config.js';
import { QUEUES } from '../queue/queues.js';
import { benchSetup } from './air-stream.js';
import { distinctStream, loadTextPool, shortFeed } from './distinct-stream.js';

const feed = process.argv.includes('--feed');
const { bin: BIN, n: N, say, root: ROOT } = benchSetup(feed ? 50_000 : 20_000);

const pool = loadTextPool(
  path.resolve(ROOT, process.env.STORYWATCH_EVAL ?? '../shared/eval'),
  path.join(ROOT, 'seeds'),
  say,
);
const { file: streamFile, dir } = feed ? shortFeed(pool, N) : distinctStream(pool, N);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `swbench-mem:${randomUUID().slice(0, 8)}`;
const configFile = path.join(dir, 'config.yaml');
writeFileSync(
  configFile,
  stringify({
    dataDir: path.join(dir, 'data'),
    redisUrl,
    queuePrefix: prefix,
    storylines: loadConfig(undefined, {}).storylines,
  }),
);
const config = loadConfig(configFile, {});

const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const queues = [QUEUES.ingest, QUEUES.cluster].map((name) => new Queue(name, { connection: redis, prefix }));
const redisMb = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0) / 2 ** 20;
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const mb = (readFileSync(streamFile).length / 2 ** 20).toFixed(1);
say(
  `${feed ? `feed: ${N} entries (${mb} MB of Atom)` : `stream: ${N} distinct articles (${mb} MB of JSON Lines) from ${pool.origin} and shuffled sentences`}; ingest.maxInFlight ${config.ingest.maxInFlight}`,
);
const redisBefore = await redisMb();
const t0 = Date.now();
const child = spawn(process.execPath, [BIN, '-c', configFile, 'ingest', streamFile, '--no-progress'], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (c: Buffer) => (output += c.toString()));
child.stderr.on('data', (c: Buffer) => (output += c.toString()));
const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
const samples: Array<{ s: number; rssMb: number; queued: number; redisMb: number }> = [];
let running = true;
void exited.then(() => (running = false));
while (running) {
  try {
    const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
    const queued = counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
    const rss = rssMb(child.pid!);
    // A process that has just ended (not yet reaped) has no VmRSS: it is not a sample of the run.
    if (rss > 0) samples.push({ s: (Date.now() - t0) / 1000, rssMb: rss, queued, redisMb: await redisMb() });
  } catch {
    // The process ended between two samples.
  }
  await new Promise((r) => setTimeout(r, 250));
}
const code = await exited;
const seconds = (Date.now() - t0) / 1000;
const redisAfter = await redisMb();
if (code !== 0) {
  process.stderr.write(output);
  throw new Error(`storywatch ingest exited with code ${code}`);
}
const summary = /articles: (\d+) \(([^)]*)\)/.exec(output);
const stored = Number(summary?.[1] ?? 0);
// Each quarter of the run's time: its median RSS (start-up and the closing report are spikes, not levels).
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const quarters = [0, 1, 2, 3].map((q) =>
  Math.round(median(samples.filter((x) => Math.min(3, Math.floor((4 * x.s) / seconds)) === q).map((x) => x.rssMb))),
);
const result = {
  input: feed ? 'atom' : 'jsonl',
  articles: N,
  storedArticles: stored,
  outcomes: summary?.[2] ?? '',
  seconds: Number(seconds.toFixed(1)),
  articlesPerSec: Math.round(N / seconds),
  rssMbByQuarter: quarters,
  lastToFirstQuarter: Number((quarters[3]! / quarters[0]!).toFixed(2)),
  rssMbAtEnd: Math.round(samples.at(-1)?.rssMb ?? 0),
  peakRssMb: Math.round(Math.max(...samples.map((x) => x.rssMb))),
  peakQueued: Math.max(...samples.map((x) => x.queued)),
  maxInFlight: config.ingest.maxInFlight,
  redisMb: {
    before: Math.round(redisBefore),
    peak: Math.round(Math.max(...samples.map((x) => x.redisMb))),
    after: Math.round(redisAfter),
  },
};
say(
  `storywatch ingest: ${N} articles in ${result.seconds} s (${result.articlesPerSec}/s); ${stored} in the store (${result.outcomes})`,
);
say(
  `  RSS of the ingest process, median of each quarter of the run: ${quarters.join(' / ')} MB (last / first ${result.lastToFirstQuarter}); at the end ${result.rssMbAtEnd} MB; peak ${result.peakRssMb} MB`,
);
say(`  jobs waiting or active at most: ${result.peakQueued} (window ${result.maxInFlight} inputs)`);
say(
  `  Redis memory: ${result.redisMb.before} MB before, ${result.redisMb.peak} MB at peak, ${result.redisMb.after} MB after (finished jobs are kept, up to queue retention)`,
);
for (const q of queues) await q.obliterate({ force: true });
await Promise.all(queues.map((q) => q.close()));
redis.disconnect();
process.stdout.write(`${JSON.stringify({ memory: result })}\n`);
