// Measures what one BullMQ queue hop costs with no work at either end, and Redis's CPU time.
import { randomUUID } from 'node:crypto';
import { Queue, Worker, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { PreparedArticle } from '../pipeline/types.js';
import { clusterJobId, QUEUES } from '../queue/queues.js';
import { toWire } from '../queue/wire-vector.js';

/** CPU seconds (user + system) the Redis server has used so far. */
export async function redisCpuSeconds(connection: RedisOptions): Promise<number> {
  const client = new Redis(connection);
  const info = await client.info('cpu');
  client.disconnect();
  return Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0);
}

/**
 * What one queue hop costs with no work at either end: the stream's prepared articles added one job per
 * call (as an ingest worker hands a lone article on), with the pipeline's job options, and taken by a worker
 * of this process that does nothing. CPU milliseconds per job of this process (both ends) and of Redis.
 * A lone article makes two hops (IngestItem, ClusterItem); inputs that arrive together share them.
 */
export async function queueHopCost(connection: RedisOptions, prepared: PreparedArticle[], jobOptions: object) {
  const prefix = `swbench-hop:${randomUUID().slice(0, 8)}`;
  const queue = new Queue(QUEUES.cluster, { connection, prefix, defaultJobOptions: jobOptions });
  const worker = new Worker(QUEUES.cluster, async () => ({ status: 'done' }), { connection, prefix, concurrency: 2 });
  // Counted once each job is marked completed in Redis, so the last one's completion is in the figures.
  let completed = 0;
  const done = new Promise<void>((resolve) =>
    worker.on('completed', () => ++completed === prepared.length && resolve()),
  );
  await worker.waitUntilReady();
  const cpu0 = process.cpuUsage();
  const redis0 = await redisCpuSeconds(connection);
  for (const article of prepared)
    await queue.add(
      QUEUES.cluster,
      { articles: [{ ...article, vector: toWire(article.vector) }] },
      { jobId: clusterJobId([article]) },
    );
  await done;
  const cpu = process.cpuUsage(cpu0);
  const redisSeconds = (await redisCpuSeconds(connection)) - redis0;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return {
    jobs: prepared.length,
    clientMsPerJob: Number(((cpu.user + cpu.system) / 1000 / prepared.length).toFixed(3)),
    redisMsPerJob: Number(((redisSeconds * 1000) / prepared.length).toFixed(3)),
  };
}
