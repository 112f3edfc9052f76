// Prometheus metrics of one process: Node's, the pipeline's, and gauges read from the store and queues.
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { SqliteStore } from '../store/sqlite-store.js';
import { within } from '../queue/time-limit.js';
import { pipelineRegistry } from '../runtime/stage-metrics.js';
import { DashboardQueries } from '../store/dashboard-queries.js';

/**
 * Prometheus metrics of one process: Node's own, the pipeline's (stage times, jobs; runtime/stage-metrics.ts),
 * and gauges read at scrape time from the store (articles, their copies,
 * clusters, matches per storyline, deliveries per status) and the queues (jobs per state).
 */
export function createMetrics(store: SqliteStore, queues: Queue[] = [], queueUp?: () => Promise<boolean>): Registry {
  const own = new Registry();
  collectDefaultMetrics({ register: own, prefix: 'storywatch_' });
  const registry = Registry.merge([own, pipelineRegistry]);
  const queries = new DashboardQueries(store.db);
  new Gauge({
    name: 'storywatch_articles',
    registers: [registry],
    help: 'Articles stored (copies not included: see storywatch_article_copies).',
    collect() {
      this.set(store.articleCount());
    },
  });
  new Gauge({
    name: 'storywatch_article_copies',
    registers: [registry],
    help: 'Copies of stored articles kept (the same story from another outlet, or under another id).',
    collect() {
      this.set(store.copies.count());
    },
  });
  new Gauge({
    name: 'storywatch_clusters',
    help: 'Clusters in the store.',
    registers: [registry],
    collect() {
      this.set(queries.counts().clusters);
    },
  });
  new Gauge({
    name: 'storywatch_storyline_matches',
    help: 'Articles matched per storyline.',
    labelNames: ['storyline'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [id, s] of store.facts.storylines()) this.set({ storyline: id }, s.articleCount);
    },
  });
  new Gauge({
    name: 'storywatch_alert_deliveries',
    help: 'Alert deliveries per status.',
    labelNames: ['status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const r of store.db.prepare('SELECT status, COUNT(*) AS n FROM deliveries GROUP BY status').all() as Array<{
        status: string;
        n: number;
      }>)
        this.set({ status: r.status }, r.n);
    },
  });
  if (queueUp) {
    new Gauge({
      name: 'storywatch_queue_up',
      help: 'Whether Redis, and so the queues, answers (1) or not (0).',
      registers: [registry],
      async collect() {
        this.set((await queueUp()) ? 1 : 0);
      },
    });
  }
  if (queues.length) {
    new Gauge({
      name: 'storywatch_queue_jobs',
      help: 'Jobs per queue and state (left out while Redis does not answer).',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        // Queue commands wait for Redis to come back: a scrape must not, so counts have a second to arrive.
        if (queueUp && !(await queueUp())) return;
        const all = Promise.all(
          queues.map((q) =>
            q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'),
          ),
        );
        const counts = await within(all, 1000).catch(() => undefined);
        counts?.forEach((c, i) => {
          for (const [state, n] of Object.entries(c)) this.set({ queue: queues[i]!.name, state }, n);
        });
      },
    });
  }
  return registry;
}
