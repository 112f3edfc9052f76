// npm run bench:pipeline [-- --json] [-- --articles N] [-- --workers 1,2] [-- --neural-articles N]
// [-- --offline-only] [-- --steady RATE]: the whole pipeline through real queues and processes. A stream of N articles
// (default 2,000) built from ../shared/eval/air-en-hi (repeated as needed; repeats carry a round number,
// so they are new articles that near-duplicate detection links to the first copy) goes through Redis,
// 1 and then 2 `storywatch worker --role ingest` processes and this process's cluster writer (SQLite).
// Printed: end-to-end articles/s (from the first enqueue to the moment the last ClusterItem finished; the best
// of three runs, each reported), p50/p95 latency from enqueue to clustered, time per stage, CPU seconds
// of each process and of Redis, peak RSS; the daemon as `storywatch start` runs it (worker processes, or
// every role in one process) with its event loop's delay; the raw cost of the representation step alone
// on the same articles (best of three fresh processes warmed as an ingest worker is, and best of three passes
// repeated in one process); the same work with no queues between the steps
// (representation in 1 or 2 processes and clustering at once: what no pipeline here can beat) and one queue
// hop with no work (what moving an article through BullMQ costs). All of it in the offline mode, then the
// end-to-end runs and the raw cost again (default 400 articles) with a neural representation of a real model's cost: a model of the shape of
// paraphrase-multilingual-MiniLM-L12-v2 with random weights, built here (bench/fixtures/make-minilm-shaped-model.py). With --json the last line
// is { articlesPerSec, rawPerSec, ratio, p50LatencyMs, p95LatencyMs, peakRssMb, mode, workers } of the
// offline mode for the faster worker count (`workers` says which; `runs` has each, with every run's
// `passesPerSec`; `ratioOneWorker` the ratio with one, `ratioOneWorkerMedian` that of its middle run; `repeatedPerSec` and `ratioOneWorkerRepeated` the same against the repeated passes),
// ratio = articlesPerSec / rawPerSec, with the same figures of the neural runs under
// `neural`. Offline, after the runs: a steady-rate run, articles arriving one by one at half the capacity
// measured with one ingest worker for 60 s (STORYWATCH_BENCH_STEADY_SECONDS), its p95 latency from arrival
// to clustered as `steadyP95LatencyMs` (`steady` has the rest: percentiles, the ClusterItems that carried the
// articles, CPU ms per article of each process); `--steady RATE` runs it alone, at RATE articles/s. Last, in a process of its own, cluster-assignment
// cost at 10^3, 10^4 and 10^5 active clusters in both modes with the candidate index's recall against a full
// scan (bench/assignment-cost.ts): `assignMsAt1e5` and `assignRecallAt1e5` give { offline, neural } at 10^5.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { stringify } from 'yaml';
import { readInputs } from '../adapters/inputs/read-inputs.js';
import { loadConfig } from '../config/load-config.js';
import { airStream, benchSetup } from './air-stream.js';
import { buildMinilmShaped, MINILM_SHAPED_ID } from './minilm-shaped.js';
import { noQueueCeiling, representationAlone } from './no-queue-ceiling.js';
import { queueHopCost, redisCpuSeconds } from './queue-hop-cost.js';
import { describeAssignment, type AssignmentCost } from './assignment-cost.js';
import { extractArticles } from '../pipeline/extract/extract-articles.js';
import { prepareArticles } from '../pipeline/prepare-article.js';
import type { PreparedArticle } from '../pipeline/types.js';
import { enqueueItems } from '../queue/ingest-run.js';
import { arrivalsOf, type InputJob } from '../queue/job-chain.js';
import { JOB_OPTIONS, QUEUES, type ClusterJob, type ClusterJobResult } from '../queue/queues.js';
import { connectRedis } from '../queue/redis-connection.js';
import { loadLanguageDetector } from '../adapters/language-identifier.js';
import { loadRepresentation } from '../adapters/representation.js';
import { startRuntime, type Runtime } from '../runtime/runtime.js';
import { pipelineRegistry } from '../runtime/stage-metrics.js';
import { RoleProcesses } from '../runtime/role-processes.js';

const { air: AIR, bin: BIN, n: N, say, root: ROOT } = benchSetup(2000);
const argNeural = process.argv.indexOf('--neural-articles');
const NEURAL_N = argNeural > 0 ? Number(process.argv[argNeural + 1]) : 400;
const argW = process.argv.indexOf('--workers');
const WORKER_COUNTS = argW > 0 ? process.argv[argW + 1]!.split(',').map(Number) : [1, 2];

// The stream, as a JSONL article list.
const { articles, records, file: streamFile, dir: work } = airStream(AIR, N);

/** A stream and the representation it is measured with: the offline mode, or the MiniLM-shaped model. */
interface Variant {
  name: string;
  records: typeof records;
  file: string;
  /** Config added for this variant (the representation), for a number of ingest workers (0: the raw run). */
  config(workers: number): Record<string, unknown>;
}

function configFile(name: string, extra: Record<string, unknown> = {}): string {
  const dataDir = path.join(work, name);
  const file = path.join(work, `${name}.yaml`);
  const shipped = loadConfig(undefined, {});
  writeFileSync(
    file,
    stringify({
      dataDir,
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      queuePrefix: `swbench:${randomUUID().slice(0, 8)}`,
      storylines: shipped.storylines,
      ...extra,
    }),
  );
  return file;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

/** Sum and count per stage from Prometheus text (a worker's /metrics or this process's registry). */
function stageTotals(text: string, into: Map<string, { sum: number; count: number }>) {
  for (const m of text.matchAll(/^storywatch_stage_seconds_(sum|count)\{stage="(\w+)"\} ([\d.e+-]+)$/gm)) {
    const t = into.get(m[2]!) ?? { sum: 0, count: 0 };
    t[m[1] as 'sum' | 'count'] += Number(m[3]);
    into.set(m[2]!, t);
  }
}

/** CPU seconds (user + system) a process has used so far. */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** VmHWM (peak resident set) of a process, in MB. */
const peakMb = (pid: number) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/**
 * Starts one worker process of `role` (ingest unless said). Its log goes to a file, as a daemon's would
 * (journald, a container's log), not through a pipe this process, the measured cluster writer, would have to drain.
 */
async function startWorker(
  file: string,
  n: number,
  role: 'ingest' | 'cluster' = 'ingest',
): Promise<{ child: ChildProcess; metrics: string }> {
  const logFile = path.join(work, `${path.basename(file, '.yaml')}-${role}-${n}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [BIN, '-c', file, 'worker', '--role', role, '--metrics-port', '0'], {
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const text = readFileSync(logFile, 'utf8');
    const url = /metrics (http:\/\/[\d.]+:\d+)\/metrics/.exec(text);
    if (url) return { child, metrics: `${url[1]}/metrics` };
    if (exited) throw new Error(`ingest worker exited: ${text}`);
  }
}

async function run(workers: number, variant: Variant, pass = 0) {
  // A fresh store for each run: a store holding the stream already would keep every article as a copy.
  const file = configFile(`run-${variant.name}-${workers}-${pass}`, variant.config(workers));
  const config = loadConfig(file, {});
  const runtime = await startRuntime(config, { roles: ['cluster'], log: () => {} });
  const children = await Promise.all(Array.from({ length: workers }, (_, i) => startWorker(file, i + 1)));
  const { items } = await readInputs([variant.file], config.ingest.maxBytes);
  const before = await pipelineRegistry.metrics();
  const cpu0 = {
    primary: process.cpuUsage(),
    workers: children.map((c) => processCpu(c.child.pid!)),
    redis: await redisCpuSeconds(runtime.redis.options),
  };
  // This process's peak during the run (its lifetime peak would include the runs before).
  let primaryPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (primaryPeak = Math.max(primaryPeak, process.memoryUsage().rss)), 50);
  const t0 = Date.now();
  const inputs = await enqueueItems(runtime, items);
  const { statuses, lastClusteredAt } = await drain(runtime, new Set(inputs.map((i) => i.job.id)).size);
  const seconds = (lastClusteredAt - t0) / 1000;
  clearInterval(sampler);
  const primaryCpu = process.cpuUsage(cpu0.primary);
  const cpuSeconds = {
    primary: Number(((primaryCpu.user + primaryCpu.system) / 1e6).toFixed(2)),
    workers: children.map((c, i) => Number((processCpu(c.child.pid!) - cpu0.workers[i]!).toFixed(2))),
    redis: Number(((await redisCpuSeconds(runtime.redis.options)) - cpu0.redis).toFixed(2)),
  };
  const latencies = await latenciesOf(runtime, inputs);
  const stages = new Map<string, { sum: number; count: number }>();
  for (const c of children) stageTotals(await (await fetch(c.metrics)).text(), stages);
  const after = new Map<string, { sum: number; count: number }>();
  stageTotals(await pipelineRegistry.metrics(), after);
  const earlier = new Map<string, { sum: number; count: number }>();
  stageTotals(before, earlier);
  // This process's share (the cluster writer) is what its registry gained during the run.
  for (const [stage, t] of after) {
    const workersShare = stages.get(stage) ?? { sum: 0, count: 0 };
    stages.set(stage, {
      sum: workersShare.sum + t.sum - (earlier.get(stage)?.sum ?? 0),
      count: workersShare.count + t.count - (earlier.get(stage)?.count ?? 0),
    });
  }
  const rss = { primaryMb: primaryPeak / 2 ** 20, workersMb: children.map((c) => peakMb(c.child.pid!)) };
  for (const c of children) {
    const exited = new Promise((r) => c.child.once('exit', r));
    c.child.kill('SIGTERM');
    await exited;
  }
  for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true });
  const mode = runtime.representation!.embedder.mode;
  await runtime.close();
  return {
    workers,
    articles: statuses.length,
    stored: statuses.filter((s) => s === 'stored').length,
    linkedCopies: statuses.filter((s) => s === 'duplicate').length,
    failed: statuses.filter((s) => s === 'failed').length,
    seconds: Number(seconds.toFixed(2)),
    articlesPerSec: Math.round(statuses.length / seconds),
    p50LatencyMs: percentile(latencies, 0.5),
    p95LatencyMs: percentile(latencies, 0.95),
    stageMsPerItem: Object.fromEntries(
      [...stages].map(([s, t]) => [s, Number(((t.sum / Math.max(1, t.count)) * 1000).toFixed(2))]),
    ),
    peakRssMb: Math.round(rss.primaryMb + rss.workersMb.reduce((a, b) => a + b, 0)),
    rss: { primaryMb: Math.round(rss.primaryMb), workersMb: rss.workersMb.map(Math.round) },
    cpuSeconds,
    mode,
  };
}

/** Each article's time (ms) from its input's enqueue to the ClusterItem that carried it finishing, sorted. */
async function latenciesOf(runtime: Runtime, inputs: InputJob[], arrivedAt?: Map<string, number>): Promise<number[]> {
  const enqueuedAt = arrivedAt ?? new Map(inputs.map((i) => [i.item.source, i.job.timestamp]));
  const clustered = await runtime.queues.cluster.getJobs(['completed'], 0, -1);
  return clustered
    .flatMap((j) => (j.data as ClusterJob).articles.map((a) => j.finishedOn! - enqueuedAt.get(a.source)!))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
}

/** One line on a steady-rate run's figures. */
const describeSteady = (s: Awaited<ReturnType<typeof steady>>) =>
  `latency arrival→clustered p50 ${s.p50LatencyMs} ms, p95 ${s.p95LatencyMs} ms, p99 ${s.p99LatencyMs} ms, max ${s.maxLatencyMs} ms ` +
  `(${s.articles} articles, ${s.failed} failed, arrivals kept ${s.arrivalRatePerSec}/s; ${s.clusterItems} ClusterItems; ` +
  `CPU ms per article: ${Object.entries(s.cpuMsPerArticle)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')})`;

/** Seconds a steady-rate run lasts. @defaultValue 60 */
const STEADY_SECONDS = Number(process.env.STORYWATCH_BENCH_STEADY_SECONDS ?? 60);

/**
 * A daemon's load: articles arriving one by one, evenly spaced at `rate` per second for `seconds`, each
 * handed over alone the moment it arrives, as a feed poll with one new entry hands it over (the daemon's
 * arrivals, `arrivalsOf`: those close behind others share an IngestItem), through one ingest worker
 * process and a cluster writer process, as `storywatch start` runs them (so the writer's batches never
 * hold up the arrivals). Latency from each article's arrival to its ClusterItem finishing.
 */
async function steady(variant: Variant, rate: number, seconds: number) {
  const stream = airStream(AIR, Math.max(1, Math.round(rate * seconds)));
  const file = configFile(`steady-${variant.name}`, variant.config(1));
  const config = loadConfig(file, {});
  // As `storywatch start` runs them: the writer and the ingest worker in processes of their own, the
  // arrivals (here, this process's timer) in the daemon's.
  const runtime = await startRuntime(config, { roles: [], log: () => {} });
  const children = [await startWorker(file, 1), await startWorker(file, 1, 'cluster')];
  const { items } = await readInputs([stream.file], config.ingest.maxBytes);
  const inputs: InputJob[] = [];
  const cpu0 = {
    primary: process.cpuUsage(),
    workers: children.map((c) => processCpu(c.child.pid!)),
    redis: await redisCpuSeconds(runtime.redis.options),
  };
  const arrive = arrivalsOf(runtime.queues);
  const arrivedAt = new Map<string, number>();
  const handed: Promise<InputJob[]>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < items.length; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    arrivedAt.set(items[i]!.source, Date.now());
    handed.push(arrive([items[i]!]));
  }
  for (const jobs of await Promise.all(handed)) inputs.push(...jobs);
  const sent = (performance.now() - t0) / 1000;
  // The arrivals' CPU: enqueueing (not the reading back of every result below).
  const arrivalsCpu = process.cpuUsage(cpu0.primary);
  const { statuses } = await drain(runtime, new Set(inputs.map((i) => i.job.id)).size);
  const latencies = await latenciesOf(runtime, inputs, arrivedAt);
  // How many ClusterItems carried the articles (fewer than articles when hand-ons went together).
  const clusterItems = (await runtime.queues.cluster.getJobCounts('completed')).completed ?? 0;
  // CPU ms per article of each process: the arrivals (this process), the ingest worker, the writer, Redis.
  const perArticle = (seconds: number) => Number(((seconds * 1000) / Math.max(1, statuses.length)).toFixed(2));
  const cpuMsPerArticle = {
    arrivals: perArticle((arrivalsCpu.user + arrivalsCpu.system) / 1e6),
    ingest: perArticle(processCpu(children[0]!.child.pid!) - cpu0.workers[0]!),
    writer: perArticle(processCpu(children[1]!.child.pid!) - cpu0.workers[1]!),
    redis: perArticle((await redisCpuSeconds(runtime.redis.options)) - cpu0.redis),
  };
  for (const { child } of children) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true });
  await runtime.close();
  return {
    ratePerSec: rate,
    articles: statuses.length,
    failed: statuses.filter((s) => s === 'failed').length,
    arrivalRatePerSec: Math.round(items.length / sent),
    p50LatencyMs: percentile(latencies, 0.5),
    p95LatencyMs: percentile(latencies, 0.95),
    p99LatencyMs: percentile(latencies, 0.99),
    maxLatencyMs: latencies.at(-1) ?? 0,
    clusterItems,
    cpuMsPerArticle,
  };
}

/**
 * Resolves once `ingestJobs` IngestItems have settled and no ClusterItem is left to do, polling the queues'
 * counts (as a daemon's inputs flow: nobody waits on single jobs), with one status per article.
 */
async function drain(runtime: Runtime, ingestJobs: number): Promise<{ statuses: string[]; lastClusteredAt: number }> {
  const pending = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    const ingest = await runtime.queues.ingest.getJobCounts('completed', 'failed');
    if ((ingest.completed ?? 0) + (ingest.failed ?? 0) < ingestJobs) continue;
    const cluster = await runtime.queues.cluster.getJobCounts(...pending);
    if (pending.some((state) => cluster[state])) continue;
    const done = await runtime.queues.cluster.getJobs(['completed'], 0, -1);
    const failedJobs = [
      ...(await runtime.queues.cluster.getJobs(['failed'], 0, -1)),
      ...(await runtime.queues.ingest.getJobs(['failed'], 0, -1)),
    ];
    const failed = failedJobs.length;
    const articles = done.flatMap((j) => (j.returnvalue as Extract<ClusterJobResult, { status: 'done' }>).articles);
    const status = (a: (typeof articles)[number]) =>
      a.status === 'failed' ? 'failed' : a.status === 'done' && !a.duplicateOf ? 'stored' : 'duplicate';
    // When the last job finished (its worker's clock, this machine's): not when this poll noticed, nor after
    // reading every result back.
    const lastClusteredAt = Math.max(...[...done, ...failedJobs].map((j) => j.finishedOn ?? 0));
    return { statuses: [...articles.map(status), ...Array<string>(failed).fill('failed')], lastClusteredAt };
  }
}

/**
 * The daemon as `storywatch start` runs it: this process holds the fetch and alert roles (and would serve
 * the dashboard) while ingest and cluster run as its worker processes (queue.workerProcesses, the
 * default), or every role in this one process (workerProcesses: false). Measured: throughput and this
 * process's event-loop delay while the stream goes through (what the dashboard and API would feel).
 */
async function daemon(workerProcesses: boolean) {
  const file = configFile(`daemon-${workerProcesses}`);
  const config = loadConfig(file, {});
  const output = openSync(path.join(work, `daemon-${workerProcesses}.log`), 'w');
  const children = workerProcesses
    ? new RoleProcesses({ roles: ['ingest', 'cluster'], globalArgs: ['-c', file], log: () => {}, output })
    : undefined;
  const runtime = await startRuntime(config, {
    roles: children ? ['fetch', 'alert'] : ['fetch', 'ingest', 'cluster', 'alert'],
    log: () => {},
    servesRequests: true,
  });
  await children?.start();
  const { items } = await readInputs([streamFile], config.ingest.maxBytes);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = Date.now();
  const inputs = await enqueueItems(runtime, items);
  const drained = await drain(runtime, new Set(inputs.map((i) => i.job.id)).size);
  const n = drained.statuses.length;
  const seconds = (drained.lastClusteredAt - t0) / 1000;
  delay.disable();
  await children?.stop();
  closeSync(output);
  for (const q of Object.values(runtime.queues)) await q.obliterate({ force: true });
  await runtime.close();
  return {
    workerProcesses,
    articlesPerSec: Math.round(n / seconds),
    eventLoopP99Ms: Number((delay.percentile(99) / 1e6).toFixed(1)),
    eventLoopMaxMs: Number((delay.max / 1e6).toFixed(1)),
  };
}

const RAW_PASSES = 3;
/** End-to-end runs per number of ingest workers; the best counts, as for the representation alone (RAW_PASSES). */
const E2E_PASSES = 3;

/**
 * The representation step alone (language ID, English title, embedding), one process, same articles: the
 * best of three fresh processes, each warmed as an ingest worker is and then preparing the stream once (as
 * the ingest worker of an end-to-end run does), and the best of three passes over the stream repeated in one
 * process (`repeatedPerSec`: by the second pass its caches hold these very articles' words, which no stream
 * of new articles gives). Best of three: the machine's speed varies between runs, and the best makes the
 * ratio the strictest. Also returns the prepared articles.
 */
async function raw(variant: Variant) {
  const file = configFile(`raw-${variant.name}`, variant.config(0));
  let fresh = Infinity;
  for (let pass = 0; pass < RAW_PASSES; pass++)
    fresh = Math.min(fresh, (await representationAlone(file, variant.file)) / 1000);
  const config = loadConfig(file, {});
  const representation = await loadRepresentation(config, () => {});
  const language = await loadLanguageDetector(config);
  const { records } = variant;
  const drafts = await Promise.all(records.map(async (r) => (await extractArticles('record', JSON.stringify(r)))[0]!));
  let best = Infinity;
  let prepared: PreparedArticle[] = [];
  for (let pass = 0; pass < RAW_PASSES; pass++) {
    const t0 = process.hrtime.bigint();
    prepared = [];
    for (let i = 0; i < drafts.length; i++) {
      prepared.push(
        ...(await prepareArticles([{ draft: drafts[i]!, origin: { id: records[i]!.id, source: 'bench' } }], {
          ...representation,
          language,
        })),
      );
    }
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  await representation.close();
  return {
    rawPerSec: Math.round(drafts.length / fresh),
    repeatedPerSec: Math.round(drafts.length / best),
    prepared,
  };
}

/** End-to-end runs with 1 and 2 ingest workers and the representation alone, for one variant. */
async function measureVariant(variant: Variant) {
  say(
    `[${variant.name}] stream: ${variant.records.length} articles from ${AIR} (${articles.length}, repeated as needed)`,
  );
  const runs: Array<Awaited<ReturnType<typeof run>> & { passesPerSec: number[]; passesStored: number[] }> = [];
  for (const workers of WORKER_COUNTS) {
    // Best of E2E_PASSES runs, as the representation alone is the best of its passes: like with like.
    const passes: Array<Awaited<ReturnType<typeof run>>> = [];
    for (let pass = 0; pass < E2E_PASSES; pass++) passes.push(await run(workers, variant, pass));
    const perSec = passes.map((p) => p.articlesPerSec);
    // Every run has a store of its own; with two ingest workers (or two jobs at once) the order articles reach the
    // writer varies, so a run may place a few differently: each run's count of stored articles is kept.
    const r = {
      ...passes.reduce((a, b) => (b.articlesPerSec > a.articlesPerSec ? b : a)),
      passesPerSec: perSec,
      passesStored: passes.map((p) => p.stored),
    };
    runs.push(r);
    say(
      `[${variant.name}] ${workers} ingest worker(s), ${E2E_PASSES} runs: ${perSec.join(', ')} articles/s; the best:`,
    );
    say(
      `[${variant.name}] ${workers} ingest worker(s): ${r.articlesPerSec} articles/s (${r.articles} in ${r.seconds} s: ${r.stored} stored, ${r.linkedCopies} linked as copies, ${r.failed} failed); ` +
        `latency enqueue→clustered p50 ${r.p50LatencyMs} ms, p95 ${r.p95LatencyMs} ms; peak RSS ${r.peakRssMb} MB (primary ${r.rss.primaryMb}, workers ${r.rss.workersMb.join(' + ')})`,
    );
    say(
      `  per item: ${Object.entries(r.stageMsPerItem)
        .map(([s, ms]) => `${s} ${ms} ms`)
        .join(', ')}`,
    );
    say(
      `  CPU seconds: primary (cluster writer) ${r.cpuSeconds.primary}, ingest worker(s) ${r.cpuSeconds.workers.join(' + ')}, Redis ${r.cpuSeconds.redis}`,
    );
  }
  // Half the capacity just measured with one ingest worker, arriving steadily (offline mode only: it is the daemon's
  // latency target). The capacity is the middle of the three runs, what the pipeline typically sustains (as one run
  // gave it before runs were made three times), not the best of them.
  const oneWorker = runs.find((r) => r.workers === 1) ?? runs[0]!;
  const capacity = median(oneWorker.passesPerSec);
  const steadyRun =
    variant.name === 'offline' ? await steady(variant, Math.round(capacity / 2), STEADY_SECONDS) : undefined;
  if (steadyRun)
    say(
      `[${variant.name}] steady arrivals, one by one at ${steadyRun.ratePerSec} articles/s (half of ${capacity}/s) for ${STEADY_SECONDS} s, 1 ingest worker: ` +
        describeSteady(steadyRun),
    );
  const { rawPerSec, repeatedPerSec, prepared } = await raw(variant);
  say(
    `[${variant.name}] representation alone, one fresh process warmed as an ingest worker (best of ${RAW_PASSES}): ${rawPerSec} articles/s; ` +
      `the stream again and again in one process (best of ${RAW_PASSES} passes): ${repeatedPerSec} articles/s`,
  );
  const best = runs.reduce((a, b) => (b.articlesPerSec > a.articlesPerSec ? b : a));
  const ratios = (per: number) =>
    runs.map((r) => `${r.workers} worker(s) ${(r.articlesPerSec / per).toFixed(2)}`).join(', ');
  say(
    `[${variant.name}] ratio (end to end / representation alone): ${ratios(rawPerSec)}; against the repeated passes ${ratios(repeatedPerSec)}`,
  );
  // The same work with nothing between the steps: what no pipeline on this machine can beat.
  const noQueue = [];
  for (const workers of WORKER_COUNTS) {
    const c = await noQueueCeiling({
      configFile: configFile(`noqueue-${variant.name}-${workers}`, variant.config(workers)),
      streamFile: variant.file,
      prepared,
      processes: workers,
    });
    const ratio = Number((c.perSec / rawPerSec).toFixed(2));
    const reached = runs.find((r) => r.workers === workers)!.articlesPerSec / c.perSec;
    noQueue.push({ ...c, ratio, endToEndShare: Number(reached.toFixed(2)) });
    say(
      `[${variant.name}] no queues (representation in ${workers} process(es) and clustering at once, nothing between them): ${c.perSec} articles/s ` +
        `(representation ${c.representationMs.join(' + ')} ms, clustering ${c.writerMs} ms), ratio ${ratio.toFixed(2)}; end to end reached ${Math.round(reached * 100)} % of it`,
    );
  }
  const hopConfig = loadConfig(configFile(`hop-${variant.name}`), {});
  const redis = await connectRedis(hopConfig.redisUrl, hopConfig.dataDir);
  const queueHop = await queueHopCost(redis.options, prepared, JOB_OPTIONS[QUEUES.cluster]);
  await redis.stop();
  say(
    `[${variant.name}] one queue hop with no work (add, take, complete; this stream's ClusterItem payloads): ${queueHop.clientMsPerJob} ms CPU in the client, ` +
      `${queueHop.redisMsPerJob} ms in Redis per job; an article makes two hops`,
  );
  const summary = {
    articlesPerSec: best.articlesPerSec,
    rawPerSec,
    ratio: Number((best.articlesPerSec / rawPerSec).toFixed(2)),
    p50LatencyMs: best.p50LatencyMs,
    p95LatencyMs: best.p95LatencyMs,
    peakRssMb: best.peakRssMb,
    mode: best.mode,
    workers: best.workers,
    ratioOneWorker: Number((oneWorker.articlesPerSec / rawPerSec).toFixed(2)),
    // The middle of the one-worker runs against the same baseline: what a single run typically gives.
    ratioOneWorkerMedian: Number((capacity / rawPerSec).toFixed(2)),
    repeatedPerSec,
    ratioOneWorkerRepeated: Number((oneWorker.articlesPerSec / repeatedPerSec).toFixed(2)),
    ...(steadyRun ? { steadyP95LatencyMs: steadyRun.p95LatencyMs, steady: steadyRun } : {}),
    runs,
    noQueue,
    queueHop,
  };
  return { summary, prepared };
}

const offlineVariant: Variant = {
  name: 'offline',
  records,
  file: streamFile,
  config: () => ({ representation: { mode: 'offline' } }),
};
// --steady RATE: the steady-rate run alone, at RATE articles/s, its figures as one JSON line.
const argSteady = process.argv.indexOf('--steady');
if (argSteady > 0) {
  const rate = Number(process.argv[argSteady + 1]);
  if (!(rate > 0)) throw new Error(`--steady: expected a rate in articles/s, got ${process.argv[argSteady + 1]}`);
  const s = await steady(offlineVariant, rate, STEADY_SECONDS);
  say(
    `[offline] steady arrivals, one by one at ${s.ratePerSec} articles/s for ${STEADY_SECONDS} s, 1 ingest worker: ` +
      describeSteady(s),
  );
  process.stdout.write(`${JSON.stringify(s)}\n`);
  process.exit(0);
}
const offline = await measureVariant(offlineVariant);
const daemons = [await daemon(true), await daemon(false)];
for (const d of daemons) {
  say(
    `storywatch start, ${d.workerProcesses ? 'ingest and cluster in worker processes (default)' : 'every role in one process'}: ${d.articlesPerSec} articles/s; ` +
      `event-loop delay of the daemon's process p99 ${d.eventLoopP99Ms} ms, max ${d.eventLoopMaxMs} ms`,
  );
}

// The same pipeline with a representation of a real model's cost: the MiniLM-shaped model (random weights,
// so its clusters mean nothing; translation of titles is left to the offline gloss, so a real setup's
// representation costs more still). Skipped with --offline-only or without python3-onnx.
let neural: Record<string, unknown> | undefined;
if (!process.argv.includes('--offline-only')) {
  const built = buildMinilmShaped(
    ROOT,
    work,
    records.map((r) => `${r.title} ${r.text}`),
  );
  if ('skipped' in built) {
    say(`[neural] skipped: ${built.skipped}`);
    neural = { skipped: built.skipped };
  } else {
    const stream = airStream(AIR, NEURAL_N);
    // Each ingest worker's inference gets its share of the cores (representation.neural.threads); the raw run all of them.
    const config = (workers: number) => ({
      representation: {
        mode: 'neural',
        neural: {
          modelDir: built.modelRoot,
          embeddingModel: MINILM_SHAPED_ID,
          translationModels: {},
          threads: workers ? Math.max(1, Math.floor(availableParallelism() / workers)) : 0,
        },
      },
    });
    neural = {
      ...(await measureVariant({ name: 'neural', records: stream.records, file: stream.file, config })).summary,
      model: `${MINILM_SHAPED_ID} (MiniLM-L12 shape and cost, random weights)`,
    };
  }
}
// Last, in a process of its own (bench/assignment.bench.ts, on the same N articles): the 10^5-cluster index
// takes the most memory of anything here, and this process's heap after every run above made its collections
// (and so the figure) vary from run to run.
const assignment = assignmentInOwnProcess();
for (const a of assignment) say(describeAssignment(a));
const at1e5 = (mode: string) => assignment.find((a) => a.mode === mode && a.activeClusters === 100_000)!;
const assignMsAt1e5 = { offline: at1e5('offline').msPerAssignment, neural: at1e5('neural').msPerAssignment };
const assignRecallAt1e5 = { offline: at1e5('offline').recall, neural: at1e5('neural').recall };
process.stdout.write(
  `${JSON.stringify({ ...offline.summary, daemon: daemons, assignMsAt1e5, assignRecallAt1e5, assignment, neural })}\n`,
);
process.exit(0);

/** Cluster-assignment cost at 10^3, 10^4 and 10^5 active clusters in both modes, measured by bench/assignment.bench.ts in a child process. */
function assignmentInOwnProcess(): AssignmentCost[] {
  const script = path.join(ROOT, 'bench/assignment.bench.ts');
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--json', '--articles', String(N)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`bench/assignment.bench.ts exited with ${run.status ?? run.signal}`);
  const last = run.stdout.trim().split('\n').at(-1)!;
  return (JSON.parse(last) as { assignment: AssignmentCost[] }).assignment;
}
