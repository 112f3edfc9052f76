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
import type { PreparedArticle } from '../pipeline/types.js';
import { fromWire, type WireVector } from './wire-vector.js';

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
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');
const termList = z.custom<string[]>((v) => Array.isArray(v) && v.every((t) => typeof t === 'string'), {
  message: 'expected an array of terms (strings)',
});
// Payload vectors (wire-vector.ts), and the JSON term or value lists of payloads made by older versions.
const vectorSchema = z.union([
  z.object({ kind: z.literal('sparse'), terms: termList, e4: base64 }),
  z.object({ kind: z.literal('sparse'), terms: termList, f64: base64 }),
  z.object({ kind: z.literal('dense'), f32: base64 }),
  z.object({ kind: z.literal('dense'), f64: base64 }),
  z.object({ kind: z.literal('sparse'), terms: termWeights }),
  z.object({ kind: z.literal('dense'), values }),
]);

/** One input of an IngestItem: a page, an HTML page, a feed document or one article record. */
export const ingestItemSchema = z.object({
  kind: z.enum(['page', 'html', 'feed', 'record']),
  /** The input path or feed URL, shown in reports and errors. */
  source: z.string().min(1),
  /** Base for article ids: the file name without extension, or the record id. */
  idBase: z.string().min(1),
  content: z.string(),
});
export type IngestItem = z.infer<typeof ingestItemSchema>;

/**
 * IngestItem job: the inputs that were in hand together (a feed poll's entries, consecutive records or files
 * of an ingest run), and in a daemon those of feed polls and inbox files arriving within a few ms of each other
 * (queue/arrival-batches.ts), at most `INPUTS_PER_JOB` and about `BYTES_PER_JOB` of content; an input that
 * arrives after a quiet spell travels alone at once. Each input is checked on its own, so a bad one fails alone. A payload of
 * one input without the list (as older versions enqueued) is read as a list of one.
 */
export const ingestJobSchema = z.object({ items: z.array(z.unknown()).min(1) });
export interface IngestJob {
  items: IngestItem[];
}

/** Inputs one IngestItem carries at most. */
// 16: the queue hops are paid once per 16 articles (a few per cent of the offline work per article, against as
// much again when each article travels alone), while a run still spreads over several ingest workers and a job
// holds a process for tens of milliseconds offline, not hundreds.
export const INPUTS_PER_JOB = 16;
/** Content (characters) one IngestItem or ClusterItem carries at most, unless a single input or article is larger. */
export const BYTES_PER_JOB = 1 << 20;

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

/** One article of a ClusterItem: prepared, vector included, so ingest workers need no database. */
export const clusterArticleSchema = z.object({
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
  /** Absent in payloads of older versions and for short bodies: the writer works it out from the text. */
  bodyHash: z.string().min(8).optional(),
  vector: vectorSchema,
  mode: z.enum(['neural', 'offline']),
});
export type ClusterArticle = z.infer<typeof clusterArticleSchema>;

/**
 * ClusterItem job: the prepared articles of one IngestItem, with those of the worker's other IngestItems that
 * finished at the same time (queue/hand-on-batches.ts), or a part of them (bounded by `BYTES_PER_JOB`),
 * placed in order. Each article is checked on its own. A payload of one article without the list (as older
 * versions enqueued) is read as a list of one.
 */
export const clusterJobSchema = z.object({ articles: z.array(z.unknown()).min(1) });
export interface ClusterJob {
  articles: ClusterArticle[];
}

/** What a processor returns: `done`, or `skipped` with a reason (an expected outcome, not an error). */
export type Outcome<T = Record<string, unknown>> =
  ({ status: 'done' } & T) | { status: 'skipped'; reason: string; articleId?: string };
/** Where a prepared article went: the ClusterItem that carries it, and its place in that job's list. */
export interface ArticleJob {
  id: string;
  clusterJobId: string;
  at: number;
}
/** What became of one input of an IngestItem: its articles and the ClusterItem of each, or why it failed. */
export type InputResult =
  { source: string; status: 'done'; articles: ArticleJob[] } | { source: string; status: 'failed'; error: string };
export type IngestResult = Outcome<{ inputs: InputResult[] }>;
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
/** An article of a ClusterItem that could not be placed, and why. */
export interface ArticleFailure {
  status: 'failed';
  articleId: string;
  error: string;
}
/** What a ClusterItem answers: one result per article, in the payload's order. */
export type ClusterJobResult = Outcome<{ articles: Array<ClusterResult | ArticleFailure> }>;
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

const inputDigest = (item: IngestItem) => digest(item.kind, item.source, item.content);
/** Same inputs (source and content) → same job: re-ingesting unchanged files is a no-op. */
export const ingestJobId = (items: IngestItem[]) =>
  `ingest-${items.length === 1 ? inputDigest(items[0]!) : digest(...items.map(inputDigest))}`;
const articleDigest = (item: Pick<ClusterArticle, 'source' | 'id' | 'contentHash'>) =>
  digest(item.source, item.id, item.contentHash);
/**
 * Same articles of the same inputs (source, id and content) → same job, while the same content from another
 * source or under another id is a job of its own (a copy).
 */
export const clusterJobId = (articles: Array<Pick<ClusterArticle, 'source' | 'id' | 'contentHash'>>) =>
  `cluster-${articles.length === 1 ? articleDigest(articles[0]!) : digest(...articles.map(articleDigest))}`;
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

/** One entry of a job's list, checked on its own: its value, or why it can never be used (naming its input). */
export type Entry<T> = { value: T } | { error: string; source?: string; id?: string };

function entries<T>(schema: z.ZodType<T>, queue: QueueName, list: unknown[], read: (v: T) => T = (v) => v): Entry<T>[] {
  return list.map((data) => {
    try {
      return { value: read(parsePayload(schema, queue, data)) };
    } catch (err) {
      const { source, id } = (data ?? {}) as { source?: unknown; id?: unknown };
      return {
        error: (err as Error).message,
        ...(typeof source === 'string' ? { source } : {}),
        ...(typeof id === 'string' ? { id } : {}),
      };
    }
  });
}

/** An IngestItem's inputs, each checked on its own; throws (for good) when the payload is no job at all. */
export function readIngestJob(data: unknown): Entry<IngestItem>[] {
  if (data && typeof data === 'object' && 'items' in data)
    return entries(ingestItemSchema, QUEUES.ingest, parsePayload(ingestJobSchema, QUEUES.ingest, data).items);
  return [{ value: parsePayload(ingestItemSchema, QUEUES.ingest, data) }];
}

/** A ClusterItem's articles, each checked and its vector decoded on its own; throws (for good) when the payload is no job at all. */
export function readClusterJob(data: unknown): Entry<PreparedArticle>[] {
  const list =
    data && typeof data === 'object' && 'articles' in data
      ? parsePayload(clusterJobSchema, QUEUES.cluster, data).articles
      : [data];
  const decode = (a: ClusterArticle): ClusterArticle => {
    const v = a.vector;
    if (!('f64' in v || 'f32' in v || 'e4' in v)) return a;
    try {
      return { ...a, vector: fromWire(v as WireVector) as ClusterArticle['vector'] };
    } catch (err) {
      throw new UnrecoverableError(`${QUEUES.cluster}: invalid payload (${a.source}): ${(err as Error).message}`);
    }
  };
  return entries(clusterArticleSchema, QUEUES.cluster, list, decode) as Entry<PreparedArticle>[];
}
