import type { Queue } from 'bullmq';
import type { PreparedArticle } from '../pipeline/types.js';
import { clusterJobId, QUEUES, type ClusterItem } from './queues.js';

/** The queues the chain of stages writes to. */
export interface StageQueues {
  ingest: Queue;
  cluster: Queue;
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
