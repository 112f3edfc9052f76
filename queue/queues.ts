/**
 * Every queue, its job, payload schema, options, concurrency and job-id builder, in one place. Which job
 * follows which is said in job-chain.ts.
 *
 * Payloads are `unknown` until parsed here. Job ids only stop concurrent duplicates; the store decides
 * what has been seen (see DESIGN.md, failure model).
 */
import { UnrecoverableError } from 'bullmq';
import { createHash } from 'node:crypto';
import type { DefaultJobOptions } from 'bullmq';
import { z } from 'zod';

export const QUEUES = {
  fetch: 'fetch-feed',
  ingest: 'ingest-item',
  cluster: 'cluster-item',
  alert: 'deliver-alert',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

// A vector's hundreds of weights are checked by one loop, in place (z.record and z.array would copy them).
const termWeights = z.custom<Record<string, number>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(Number.isFinite),
  { message: 'expected an object of term weights (finite numbers)' },
);
const values = z.custom<number[]>((v) => Array.isArray(v) && v.every(Number.isFinite), {
  message: 'expected an array of finite numbers',
});
const vectorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sparse'), terms: termWeights }),
  z.object({ kind: z.literal('dense'), values }),
]);

/** IngestItem: one input (a page, an HTML page, a feed document or one article record). */
export const ingestItemSchema = z.object({
  kind: z.enum(['page', 'html', 'feed', 'record']),
  /** The input path or feed URL, shown in reports and errors. */
  source: z.string().min(1),
  /** Base for article ids: the file name without extension, or the record id. */
  idBase: z.string().min(1),
  content: z.string(),
});
export type IngestItem = z.infer<typeof ingestItemSchema>;

/** FetchFeed: poll one feed (scheduled per feed, or enqueued by hand). */
export const fetchFeedSchema = z.object({
  url: z.string().url(),
  /** Also fetch the page of entries that carry only a summary. */
  fullText: z.boolean().default(false),
});
export type FetchFeed = z.infer<typeof fetchFeedSchema>;

/** One scheduler per feed: its id is the feed's, so replicas upserting it never double the polls. */
export const feedSchedulerId = (url: string) => `feed-${digest(url)}`;

/** DeliverAlert: one event for one endpoint. The secret is not in the payload: the sender looks it up. */
export const deliverAlertSchema = z.object({
  id: z.string().min(1),
  eventId: z.string().min(1),
  endpoint: z.string().url(),
  type: z.enum(['storyline.matched', 'cluster.created', 'storyline.digest']),
  body: z.string(),
  /** Times the receiver asked to come back later (Retry-After); they count against the attempts. */
  deferrals: z.number().int().nonnegative().default(0),
});
export type DeliverAlert = z.infer<typeof deliverAlertSchema>;

/** ClusterItem: one prepared article, vector included, so ingest workers need no database. */
export const clusterItemSchema = z.object({
  id: z.string().min(1),
  source: z.string(),
  url: z.string().nullable(),
  title: z.string(),
  titleEn: z.string(),
  text: z.string(),
  publishedAt: z.string().nullable(),
  lang: z.string(),
  langConfidence: z.number(),
  contentHash: z.string().min(8),
  vector: vectorSchema,
  mode: z.enum(['neural', 'offline']),
});
export type ClusterItem = z.infer<typeof clusterItemSchema>;

/** What a processor returns: `done`, or `skipped` with a reason (an expected outcome, not an error). */
export type Outcome<T = Record<string, unknown>> =
  ({ status: 'done' } & T) | { status: 'skipped'; reason: string; articleId?: string };
export type IngestResult = Outcome<{ clusterJobIds: string[]; articleIds: string[] }>;
/**
 * An article stored (with its storyline matches and alerts), or kept as a copy of a stored one (`duplicateOf`,
 * `similarity`; no matches, no alerts); `skipped` 'unchanged' when this input was read before (`articleId`).
 */
export type ClusterResult = Outcome<{
  articleId: string;
  clusterId: string;
  storylines: string[];
  alertJobIds?: string[];
  duplicateOf?: string;
  similarity?: number;
}>;
export type AlertResult = Outcome<{ httpStatus: number }>;
export type FetchResult = Outcome<{ items: number; ingestJobIds: string[] }>;

// Transient failures retry with exponential back-off (BullMQ adds no jitter of its own; see queue/backoff.ts).
export const JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  // A failed poll is not retried: the feed's error count grows and the next poll, later, is the retry.
  [QUEUES.fetch]: {
    attempts: 1,
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
  },
  [QUEUES.ingest]: {
    attempts: 5,
    backoff: { type: 'jittered', delay: 1000 },
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  // Attempts and back-off come from the config (alerts.*) when the job is added; failed deliveries stay listed.
  [QUEUES.alert]: {
    attempts: 8,
    backoff: { type: 'jittered', delay: 2000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: false,
  },
  [QUEUES.cluster]: {
    attempts: 8,
    backoff: { type: 'jittered', delay: 500 },
    removeOnComplete: { age: 24 * 3600, count: 50_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
};

/**
 * Jobs of each queue one worker runs at once (IngestItem's: the config's `ingest.concurrency`). ClusterItem's is
 * also the queue's global concurrency, across every process: the store's one writer takes up to this many at a
 * time and places them in batches of one write transaction each, one batch at a time (the store's write lock),
 * so cluster assignment has no races.
 */
export const CONCURRENCY = {
  [QUEUES.fetch]: 4,
  [QUEUES.cluster]: 64,
  [QUEUES.alert]: 8,
} as const;

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/** Same source with the same content → same job: re-ingesting an unchanged file is a no-op. */
export const ingestJobId = (item: IngestItem) => `ingest-${digest(item.kind, item.source, item.content)}`;
/**
 * One job per input article: the same article of the same input again (same source, id and content) is the
 * same job, while the same content from another source or under another id is a job of its own (a copy).
 */
export const clusterJobId = (item: Pick<ClusterItem, 'source' | 'id' | 'contentHash'>) =>
  `cluster-${digest(item.source, item.id, item.contentHash)}`;
/** One DeliverAlert job per delivery (event and endpoint): its id is the delivery's. */
export const alertJobId = (deliveryId: string) => `alert-${deliveryId}`;

/** Parses a payload, naming the queue in the error. */
export function parsePayload<T>(schema: z.ZodType<T>, queue: QueueName, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    // A payload that does not fit will never fit: no retry. The input is named when the payload says which.
    const source =
      typeof (data as { source?: unknown } | null)?.source === 'string'
        ? ` (${(data as { source: string }).source})`
        : '';
    throw new UnrecoverableError(
      `${queue}: invalid payload${source}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}
