// The `storywatch start` daemon and `storywatch worker --role` for one role alone.
import path from 'node:path';
import { InboxWatcher } from '../adapters/inbox-watcher.js';
import { arrivalsOf } from '../queue/job-chain.js';
import { ROLES, startRuntime, type Role } from '../runtime/runtime.js';
import { closeOnSignals, holdDataDir, readConfig, UserError, type GlobalOptions } from './context.js';
import { DEFAULT_CONFIG_PATH, endpointEntries } from '../config/load-config.js';
import { refusedEndpoints } from '../adapters/http/endpoint-policy.js';
import { createLogger } from '../runtime/logger.js';
import { pipelineRegistry } from '../runtime/stage-metrics.js';
import { createServer } from 'node:http';
import { streamInputs } from '../adapters/inputs/read-inputs.js';
import { syncFeedSchedulers } from '../queue/feed-schedulers.js';
import { Redis } from 'ioredis';
import { createWebApp } from '../web/app.js';
import { FeedStateStore } from '../queue/feed-state.js';
import { replayDeliveries } from '../queue/alert-replay.js';
import { listen } from '../web/server.js';
import { RoleProcesses, type RoleMessage } from '../runtime/role-processes.js';
import type { Config } from '../config/schema.js';
import type { Lexicon } from '../pipeline/represent/lexicon.js';
import { prepareSearchTerms } from '../pipeline/search-terms.js';
import { loadConfiguredLexicon } from '../adapters/representation.js';

/** `storywatch start`: the daemon. All workers stay up; files dropped into the inbox are ingested. */
export async function startCommand(
  opts: GlobalOptions & { inbox?: string; port?: string; host?: string },
): Promise<void> {
  const config = readConfig(opts);
  const logger = createLogger({ role: 'all' });
  const log = (msg: string) => logger.info(msg);
  const lock = holdDataDir(config, 'start', log);
  // The CPU-bound roles in processes of their own (restarted if they die); fetch and alert stay here.
  const children = config.queue.workerProcesses
    ? new RoleProcesses({
        roles: ['ingest', 'cluster'],
        globalArgs: opts.config ? ['-c', opts.config] : [],
        log,
        stopTimeoutMs: (config.queue.shutdownSeconds + 5) * 1000,
      })
    : undefined;
  // What is running is stopped in the reverse order it was started, by a signal at any time (start-up too)
  // or by a failed start-up.
  const running: Array<() => unknown> = [];
  const stopAll = async () => {
    let finished = true;
    for (const stop of running.splice(0).reverse()) if ((await stop()) === false) finished = false;
    lock.release();
    return finished;
  };
  closeOnSignals({ close: stopAll }, () => process.exit(0), log);
  try {
    // Config URLs whose names resolve to non-public addresses: the sender will refuse them, so say so now;
    // not a reason to stop, as names may resolve otherwise by the time of the request.
    for (const refused of await refusedEndpoints(endpointEntries(config), config.http)) {
      logger.warn(`${opts.config ?? DEFAULT_CONFIG_PATH}: ${refused}; requests to it are refused until allowed`);
    }
    const runtime = await startRuntime(config, {
      roles: children ? ['fetch', 'alert'] : ROLES,
      log,
      logger,
      redis: 'own',
      servesRequests: true,
    });
    running.push(() => runtime.close());
    if (children) running.push(() => children.stop());
    const ready = await children?.start();
    const mode = ready?.find((r) => r.mode)?.mode ?? runtime.representation?.embedder.mode;
    const feeds = await syncFeedSchedulers(runtime.queues.fetch, config.feeds);
    const stateClient = new Redis(runtime.redis.options);
    stateClient.on('error', () => {}); // the runtime's own connections already say when Redis is away
    running.push(() => stateClient.disconnect());
    const feedState = new FeedStateStore(stateClient, runtime.prefix);
    const webApp = createWebApp(runtime.store!, {
      token: config.web.token,
      basicAuth: config.web.basicAuth,
      publicPages: config.web.publicPages,
      queues: Object.values(runtime.queues),
      replay: (ids) => replayDeliveries(runtime.queues, runtime.store!.alerts, ids, config.alerts),
      extraMetrics: children && (() => children.metrics()),
      health: { queueUp: runtime.queueUp, ...(children ? { workers: () => children.status() } : {}) },
      addressPolicy: config.http,
      feeds: async () => Promise.all(config.feeds.map(async (f) => ({ ...f, ...(await feedState.get(f.url)) }))),
      lexicon: searchLexicon(config, (msg) => logger.warn(msg)),
    });
    running.push(() => webApp.close());
    const web = await listen(
      webApp.app,
      opts.host ?? config.web.host,
      opts.port === undefined ? config.web.port : Number(opts.port),
    );
    running.push(() => web.close());
    const inbox = path.resolve(opts.inbox ?? config.ingest.inbox);
    const watcher = new InboxWatcher(inbox, {
      read: (file) => streamInputs([file], config.ingest.maxBytes),
      enqueue: async (items) => void (await arrivalsOf(runtime.queues)(items)),
      log,
    });
    running.push(() => watcher.stop());
    lock.update({ api: web.url, ...(mode ? { mode } : {}) });
    await watcher.start();
    log(
      `running (${mode} mode${children ? `; ingest and cluster worker processes ${Object.values(children.pids()).join(', ')}` : ''}); ` +
        `data ${path.resolve(config.dataDir)}; queue ${runtime.redis.describe}; watching ${inbox}; polling ${feeds} feed(s); API ${web.url}. Ctrl-C stops.`,
    );
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The lexicon and word list search translates queries with (a warning, and names alone, when missing). */
function searchLexicon(config: Config, warn: (msg: string) => void): Lexicon | null {
  const lexicon = loadConfiguredLexicon(config, warn);
  prepareSearchTerms(lexicon);
  return lexicon;
}

/** `storywatch worker --role R`: one role, joining the instance's Redis, for scaling out. */
export async function workerCommand(
  opts: GlobalOptions & { role: string; metricsPort?: string; host?: string },
): Promise<void> {
  if (!ROLES.includes(opts.role as Role)) {
    throw new UserError(`unknown role "${opts.role}": one of ${ROLES.join(', ')}`);
  }
  const config = readConfig(opts);
  const logger = createLogger({ role: opts.role });
  const log = (msg: string) => logger.info(msg);
  // A worker joins an instance: it never starts (or stops) the data dir's private Redis itself.
  const runtime = await startRuntime(config, { roles: [opts.role as Role], log, logger, redis: 'join' });
  const metrics =
    opts.metricsPort === undefined ? undefined : await serveMetrics(opts.host ?? '127.0.0.1', Number(opts.metricsPort));
  closeOnSignals(
    {
      ...runtime,
      close: async () => {
        await metrics?.close();
        await runtime.close();
      },
    },
    () => process.exit(0),
    log,
  );
  if (process.send) answerDaemon(opts.role, runtime.representation?.embedder.mode, log);
  log(
    `worker ${opts.role} running; queue ${runtime.redis.describe}${metrics ? `; metrics ${metrics.url}/metrics` : ''}. Ctrl-C stops.`,
  );
}

/** A worker process run by `storywatch start`: says it is ready, hands over its metrics, and leaves with the daemon. */
function answerDaemon(role: string, mode: string | undefined, log: (msg: string) => void): void {
  process.on('message', (msg: RoleMessage) => {
    if (msg.type !== 'metrics') return;
    pipelineRegistry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: 'metrics-reply', id: msg.id, metrics } satisfies RoleMessage),
      () => {},
    );
  });
  process.once('disconnect', () => {
    log('the daemon that started this worker is gone: shutting down');
    process.kill(process.pid, 'SIGTERM');
  });
  process.send!({ type: 'ready', role, mode } satisfies RoleMessage);
}

/** A worker's own /metrics (pipeline stage times and jobs of this process) for Prometheus to scrape. */
async function serveMetrics(host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    pipelineRegistry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': pipelineRegistry.contentType }).end(body),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const { port: bound } = server.address() as { port: number };
  return { url: `http://${host}:${bound}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
