// The `storywatch alerts` commands: list deliveries, list failed ones, and replay them.
import Table from 'cli-table3';
import { Job } from 'bullmq';
import path from 'node:path';
import { describeEvent } from '../pipeline/alerts/alert-events.js';
import type { DeliveryStatus } from '../store/alert-store.js';
import { replayDeliveries } from '../queue/alert-replay.js';
import { startRuntime } from '../runtime/runtime.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { holdOrJoinDataDir, log, readConfig, UserError, type GlobalOptions } from './context.js';

const STATUSES: DeliveryStatus[] = ['pending', 'retrying', 'held', 'digested', 'delivered', 'failed'];

/** `storywatch alerts list [--status S]` and `alerts failed`: delivery records, newest first; needs no Redis. */
export async function alertsListCommand(
  opts: GlobalOptions & { status?: string; limit?: string; json?: boolean },
): Promise<void> {
  if (opts.status && !STATUSES.includes(opts.status as DeliveryStatus))
    throw new UserError(`--status ${opts.status}: one of ${STATUSES.join(', ')}`);
  const limit = opts.limit === undefined ? 100 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit <= 0) throw new UserError(`--limit ${opts.limit}: a positive whole number`);
  const config = readConfig(opts);
  const store = new SqliteStore(path.join(config.dataDir, 'storywatch.sqlite'));
  try {
    const rows = store.alerts.listDeliveries({
      ...(opts.status ? { status: opts.status as DeliveryStatus } : {}),
      limit,
    });
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify(
          rows.map(({ body: _body, ...r }) => ({ ...r, ...describeEvent({ type: r.type, body: _body }) })),
          null,
          2,
        )}\n`,
      );
      return;
    }
    if (!rows.length) {
      process.stdout.write(opts.status ? `no ${opts.status} deliveries\n` : 'no deliveries yet\n');
      return;
    }
    const table = new Table({
      head: ['delivery', 'created', 'endpoint', 'event', 'storyline', 'about', 'status', 'tries', 'last error'],
      style: { compact: true, head: [], border: [] },
    });
    for (const r of rows) {
      const about = describeEvent(r);
      table.push([
        r.id,
        r.createdAt.slice(0, 19),
        r.endpoint,
        r.type,
        about.storyline,
        about.subject.slice(0, 50),
        r.status,
        r.attempts,
        (r.lastError ?? '').replace(`${r.endpoint}: `, '').slice(0, 80),
      ]);
    }
    process.stdout.write(`${table.toString()}\n`);
    if (opts.status === 'failed') process.stdout.write(`replay with: storywatch alerts retry <delivery>… (or --all)\n`);
  } finally {
    store.close();
  }
}

/**
 * `storywatch alerts retry <id…> | --all`: replays failed deliveries (same webhook-id and body, fresh
 * attempts) and waits until each is delivered or has failed again.
 */
export async function alertsRetryCommand(ids: string[], opts: GlobalOptions & { all?: boolean }): Promise<void> {
  if (!ids.length && !opts.all)
    throw new UserError('name the deliveries to replay (see storywatch alerts failed) or pass --all');
  const config = readConfig(opts);
  const held = holdOrJoinDataDir(config, 'alerts retry');
  const runtime = await startRuntime(config, { roles: ['alert'], log, redis: 'lock' in held ? 'own' : 'join' }).catch(
    (err: Error) => {
      if ('lock' in held) held.lock.release();
      throw err;
    },
  );
  try {
    const alerts = runtime.store!.alerts;
    const wanted = opts.all ? alerts.listDeliveries({ status: 'failed', limit: 100_000 }).map((d) => d.id) : ids;
    if (!wanted.length) {
      log('no failed deliveries');
      return;
    }
    const outcomes = await replayDeliveries(runtime.queues, alerts, wanted, config.alerts);
    for (const o of outcomes) {
      if (o.status === 'unknown') log(`${o.id}: no such delivery`);
      if (o.status === 'not-failed') log(`${o.id}: ${alerts.delivery(o.id)!.status}, nothing to replay`);
    }
    const queued = outcomes.filter((o) => o.status === 'queued');
    let delivered = 0;
    await Promise.all(
      queued.map(async (o) => {
        const job = await Job.fromId(runtime.queues.alert, o.jobId!);
        const ok = await job!.waitUntilFinished((await runtime.events()).alert).then(
          () => true,
          () => false,
        );
        if (ok) delivered++;
        else log(`${o.id}: failed again: ${alerts.delivery(o.id)?.lastError ?? 'unknown error'}`);
      }),
    );
    log(`replayed ${queued.length}: ${delivered} delivered, ${queued.length - delivered} failed again`);
    if (delivered < queued.length || queued.length < wanted.length) process.exitCode = 1;
  } finally {
    await runtime.close();
    if ('lock' in held) held.lock.release();
  }
}
