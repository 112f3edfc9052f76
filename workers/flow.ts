import type { Queue } from 'bullmq';
import type { PreparedArticle } from '../pipeline/types.js';
import { clusterJobId, ingestJobId, QUEUES, type ClusterItem, type IngestItem } from './queues.js';

/** The queues the chain of stages writes to. */
export interface StageQueues {
  fetch: Queue;
  ingest: Queue;
  cluster: Queue;
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
  await queues.cluster.addBulk(jobs);
  return jobs.map((j) => j.opts.jobId);
}
