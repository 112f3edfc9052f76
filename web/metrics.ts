import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { SqliteStore } from '../workers/sqlite-store.js';
import { pipelineRegistry } from '../workers/stage-metrics.js';
import { DashboardQueries } from './dashboard-queries.js';

/**
 * Prometheus metrics of one process: Node's own, the pipeline's (stage times, jobs; workers/stage-metrics.ts),
 * and gauges read at scrape time from the store (articles,
 * clusters, matches per storyline, deliveries per status) and the queues (jobs per state).
 */
export function createMetrics(store: SqliteStore, queues: Queue[] = []): Registry {
  const own = new Registry();
  collectDefaultMetrics({ register: own, prefix: 'storywatch_' });
  const registry = Registry.merge([own, pipelineRegistry]);
  const queries = new DashboardQueries(store.db);
  new Gauge({
    name: 'storywatch_articles', help: 'Articles in the store.', registers: [registry],
    collect() { this.set(store.articleCount()); },
  });
  new Gauge({
    name: 'storywatch_clusters', help: 'Clusters in the store.', registers: [registry],
    collect() { this.set(queries.counts().clusters); },
  });
  new Gauge({
    name: 'storywatch_storyline_matches', help: 'Articles matched per storyline.', labelNames: ['storyline'], registers: [registry],
    collect() {
      this.reset();
      for (const [id, s] of store.storylineStats()) this.set({ storyline: id }, s.articleCount);
    },
  });
  new Gauge({
    name: 'storywatch_alert_deliveries', help: 'Alert deliveries per status.', labelNames: ['status'], registers: [registry],
    collect() {
      this.reset();
      for (const r of store.db.prepare('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status').all() as Array<{ status: string; n: number }>) this.set({ status: r.status }, r.n);
    },
  });
  if (queues.length) {
    new Gauge({
      name: 'storywatch_queue_jobs', help: 'Jobs per queue and state.', labelNames: ['queue', 'state'], registers: [registry],
      async collect() {
        this.reset();
        for (const q of queues) {
          const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
        }
      },
    });
  }
  return registry;
}
