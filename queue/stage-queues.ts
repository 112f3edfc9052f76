// Opens the four stage queues of one instance, and on demand the event streams of those whose jobs a process waits for.
import { Queue, QueueEvents, type RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { CONCURRENCY, JOB_OPTIONS, QUEUES, type QueueName } from './queues.js';

/** The queues of the chain of stages. */
export interface StageQueues {
  fetch: Queue;
  ingest: Queue;
  cluster: Queue;
  alert: Queue;
}

/** Event streams of the stages whose jobs a process waits for. */
export interface StageEvents {
  ingest: QueueEvents;
  cluster: QueueEvents;
  alert: QueueEvents;
}

/** Opens the queues under `prefix`, each with its job options; ClusterItem gets its global concurrency. */
export async function openStageQueues(connection: RedisOptions, prefix: string): Promise<StageQueues> {
  const open = (name: QueueName) => new Queue(name, { connection, prefix, defaultJobOptions: JOB_OPTIONS[name] });
  const queues: StageQueues = {
    fetch: open(QUEUES.fetch),
    ingest: open(QUEUES.ingest),
    cluster: open(QUEUES.cluster),
    alert: open(QUEUES.alert),
  };
  // Job.waitUntilFinished adds a 'closing' listener to the queue per waiting job; ingest waits on thousands.
  for (const q of Object.values(queues)) q.setMaxListeners(0);
  await queues.cluster.setGlobalConcurrency(CONCURRENCY[QUEUES.cluster]);
  return queues;
}

/**
 * Opens the event streams of IngestItem, ClusterItem and DeliverAlert and waits until they are ready. Each is
 * read from its newest event as of now, however late its first read: a job that finishes after this call is
 * never missed by a waiter that looked before.
 */
export async function openStageEvents(
  connection: RedisOptions,
  prefix: string,
  queues: StageQueues,
  onError: (stream: string) => (err: Error) => void,
): Promise<StageEvents> {
  const client = new Redis(connection);
  client.on('error', onError('queue events'));
  const newest = async (q: Queue) => (await client.xrevrange(q.toKey('events'), '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
  const [ingestFrom, clusterFrom, alertFrom] = await Promise.all([
    newest(queues.ingest),
    newest(queues.cluster),
    newest(queues.alert),
  ]).finally(() => client.disconnect());
  const from = (name: QueueName, lastEventId: string) => new QueueEvents(name, { connection, prefix, lastEventId });
  const opened: StageEvents = {
    ingest: from(QUEUES.ingest, ingestFrom),
    cluster: from(QUEUES.cluster, clusterFrom),
    alert: from(QUEUES.alert, alertFrom),
  };
  for (const [name, e] of Object.entries(opened)) e.on('error', onError(`queue events ${name}`));
  await Promise.all(Object.values(opened).map((e) => e.waitUntilReady()));
  return opened;
}
