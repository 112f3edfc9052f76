// The `GET /healthz` route: whether the store, the queue and every worker process are up.
import { Hono } from 'hono';
import type { SqliteStore } from '../store/sqlite-store.js';

/** What the health check asks of the running daemon. */
export interface HealthProbes {
  /** Whether Redis answers (the queues are up). */
  queueUp(): Promise<boolean>;
  /** Whether each worker process runs (`storywatch start` with worker processes). */
  workers?(): Record<string, 'up' | 'down'>;
}

/**
 * `GET /healthz`: `{ ok, articles, queue, workers }`, 200 while the store, the queue and every worker
 * process are up, 503 while any is down (Redis restarting, a worker process being started again). It never
 * waits on Redis for more than a second.
 */
export function healthRoute(store: SqliteStore, probes: HealthProbes | undefined): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const articles = store.articleCount();
    if (!probes) return c.json({ ok: true, articles });
    const queue = (await probes.queueUp()) ? 'up' : 'down';
    const workers = probes.workers?.();
    const ok = queue === 'up' && Object.values(workers ?? {}).every((s) => s === 'up');
    return c.json({ ok, articles, queue, ...(workers ? { workers } : {}) }, ok ? 200 : 503);
  });
  return app;
}
