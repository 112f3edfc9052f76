// Keeps one BullMQ Job Scheduler per configured feed, and none for feeds no longer configured.
import type { Queue } from 'bullmq';
import type { Config } from '../config/schema.js';
import { feedSchedulerId, QUEUES } from './queues.js';

/**
 * One BullMQ Job Scheduler per configured feed (id derived from the URL, so replicas upserting it share
 * one schedule), and none for feeds no longer configured. Returns the number of feeds scheduled.
 */
export async function syncFeedSchedulers(queue: Queue, feeds: Config['feeds']): Promise<number> {
  const wanted = new Set<string>();
  for (const feed of feeds) {
    const id = feedSchedulerId(feed.url);
    wanted.add(id);
    await queue.upsertJobScheduler(
      id,
      { every: feed.pollMinutes * 60_000 },
      { name: QUEUES.fetch, data: { url: feed.url, fullText: feed.fullText } },
    );
  }
  for (const scheduler of await queue.getJobSchedulers()) {
    if (scheduler.key.startsWith('feed-') && !wanted.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }
  return wanted.size;
}
