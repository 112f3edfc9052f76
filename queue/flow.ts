import type { Queue } from 'bullmq';
import type { Delivery } from '../pipeline/alerts/alert-events.js';
import type { PreparedArticle } from '../pipeline/types.js';
import { alertJobId, clusterJobId, ingestJobId, QUEUES, type ClusterItem, type IngestItem } from './queues.js';

/** The queues the chain of stages writes to. */
export interface StageQueues {
  fetch: Queue;
  ingest: Queue;
  cluster: Queue;
  alert: Queue;
}

/** After ClusterItem comes one DeliverAlert per (event, endpoint); the job id is the delivery's. */
export async function afterCluster(queue: Queue, deliveries: Delivery[], options: { attempts: number; retryDelayMs: number }): Promise<string[]> {
  const jobs = deliveries.map((d) => ({
    name: QUEUES.alert,
    data: { id: d.id, eventId: d.eventId, endpoint: d.endpoint, type: d.type, body: d.body, deferrals: 0 },
    opts: { jobId: alertJobId(d.id), attempts: options.attempts, backoff: { type: 'jittered', delay: options.retryDelayMs } },
  }));
  await queue.addBulk(jobs);
  return jobs.map((j) => j.opts.jobId);
}

/** Inputs (CLI, inbox) and, after FetchFeed, a feed's entries become IngestItem jobs; same source and content → same job. */
export async function enqueueIngest(queue: Queue, items: IngestItem[]) {
  return queue.addBulk(items.map((data) => ({ name: QUEUES.ingest, data, opts: { jobId: ingestJobId(data) } })));
}

/** After IngestItem comes one ClusterItem per prepared article. Returns the ClusterItem job ids. */
export async function afterIngest(queues: StageQueues, articles: PreparedArticle[]): Promise<string[]> {
  const jobs = articles.map((article) => {
    const data: ClusterItem = { ...article };
    return { name: QUEUES.cluster, data, opts: { jobId: clusterJobId(article) } };
  });
  // One article (a record, a feed entry) is one script call; addBulk would wrap it in MULTI/EXEC.
  if (jobs.length === 1) await queues.cluster.add(jobs[0]!.name, jobs[0]!.data, jobs[0]!.opts);
  else await queues.cluster.addBulk(jobs);
  return jobs.map((j) => j.opts.jobId);
}
