// The config schema (zod): storylines, webhooks, feeds and every setting, each with its default.
import { z } from 'zod';

/** A tracked storyline: what analysts follow over months, in any language. */
export const storylineSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1),
  description: z.string().default(''),
  /** Phrases in any language; a hit is evidence for the storyline. */
  keywords: z.array(z.string().min(1)).default([]),
  /** Example texts in any language that describe the storyline. */
  examples: z.array(z.string().min(1)).default([]),
  /** Score at or above which an article matches. @defaultValue 0.5 */
  threshold: z.number().min(0).max(1).default(0.5),
});

/** A webhook subscription: signed Standard Webhooks events for the chosen storylines. */
export const webhookSchema = z
  .object({
    url: z.string().url(),
    /** Standard Webhooks secret, `whsec_` + base64 (at least 24 bytes). Never logged or shown in full. */
    secret: z
      .string()
      .regex(
        /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/,
        'a Standard Webhooks secret: whsec_ followed by base64 of at least 24 bytes',
      ),
    /** Storyline ids; empty means every storyline. @defaultValue [] */
    storylines: z.array(z.string()).default([]),
    /** Matches below this score are not sent. @defaultValue 0 */
    minScore: z.number().min(0).max(1).default(0),
    /** @defaultValue [storyline.matched] */
    events: z.array(z.enum(['storyline.matched', 'cluster.created'])).default(['storyline.matched']),
    /** Batch this endpoint's events: one `storyline.digest` event at most every this many minutes. */
    digestMinutes: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .optional(),
    /** Also send matches found by back-filling a created or edited storyline over stored articles. @defaultValue false */
    backfill: z.boolean().optional(),
  })
  .strict();

export const feedSchema = z.object({
  url: z.string().url(),
  name: z.string().optional(),
  /** @defaultValue 15 */
  pollMinutes: z.number().int().positive().default(15),
  /** @defaultValue false */
  fullText: z.boolean().default(false),
});

/** The whole configuration; every key has a default so an empty file is valid. */
export const configSchema = z
  .object({
    /** Data directory for the SQLite store, models and the private Redis. @defaultValue ./data (or STORYWATCH_DATA) */
    dataDir: z.string().default('./data'),
    /** @defaultValue REDIS_URL, else a private redis-server child */
    redisUrl: z.string().optional(),
    /** Queue key prefix; instances sharing a Redis must differ. @defaultValue derived from the data dir */
    queuePrefix: z.string().optional(),
    languages: z
      .preprocess(
        // `allowed`, the key's former name, when it used to limit what detection could answer.
        (v) => (v && typeof v === 'object' && 'allowed' in v && !('expected' in v) ? { ...v, expected: v.allowed } : v),
        z.object({
          /**
           * Languages (ISO 639 codes) the sources are expected to publish in: a weak prior when detection
           * hesitates on short text; any other language is still detected. @defaultValue [en, hi, ur]
           */
          expected: z
            .array(z.string().regex(/^[a-z]{2,3}$/u, 'an ISO 639 code such as en or hi'))
            .default(['en', 'hi', 'ur']),
          /** Fewer letters than this give `und`. @defaultValue 5 */
          minLetters: z.number().int().nonnegative().default(5),
        }),
      )
      .prefault({}),
    representation: z
      .object({
        /** auto: neural when a model loads, else offline. @defaultValue auto */
        mode: z.enum(['auto', 'offline', 'neural']).default('auto'),
        /** FreeDict English–Hindi dictionary (dictd format, .dict or .dict.dz). */
        lexiconPath: z.string().default('/usr/share/dictd/freedict-eng-hin.dict.dz'),
        /** English word list, one word a line (Debian's wamerican), for transliterated English words and names in titles. */
        wordListPath: z.string().default('/usr/share/dict/words'),
        neural: z
          .object({
            /** Folder of local models (`<id>/config.json`, `tokenizer.json`, `onnx/`). @defaultValue <dataDir>/models */
            modelDir: z.string().optional(),
            /** Multilingual sentence-embedding model. @defaultValue Xenova/paraphrase-multilingual-MiniLM-L12-v2 */
            embeddingModel: z.string().default('Xenova/paraphrase-multilingual-MiniLM-L12-v2'),
            /** Translation model per language, for English titles. @defaultValue hi, ur → opus-mt */
            translationModels: z
              .record(z.string(), z.string())
              .default({ hi: 'Xenova/opus-mt-hi-en', ur: 'Xenova/opus-mt-ur-en' }),
            /** Weights: q8 (int8-quantized) keeps memory and CPU low. @defaultValue q8 */
            dtype: z.enum(['q8', 'int8', 'uint8', 'fp16', 'fp32', 'q4']).default('q8'),
            /** Download missing models from the Hugging Face Hub into modelDir. @defaultValue false */
            allowDownload: z.boolean().default(false),
            /** @defaultValue 16 */
            batchSize: z.number().int().positive().default(16),
            /** Characters of title and text embedded (the model reads 128 tokens). @defaultValue 1000 */
            maxChars: z.number().int().positive().default(1000),
            /**
             * Threads one inference uses (ONNX Runtime intra-op threads); 0 lets it use every core. With
             * several ingest workers on one machine, cores ÷ workers keeps them from crowding each other.
             * @defaultValue 0
             */
            threads: z.number().int().nonnegative().default(0),
          })
          .prefault({}),
      })
      .prefault({}),
    clustering: z
      .object({
        /** Similarity to a cluster's articles in the same language needed to join it. @defaultValue 0.3 */
        sameLanguage: z.number().min(0).max(1).default(0.3),
        /** Similarity to a cluster's articles in another language needed to join it. @defaultValue 0.1 */
        crossLanguage: z.number().min(0).max(1).default(0.1),
        /** Centroid similarity (same language) at which two clusters that converged are merged. @defaultValue 0.5 */
        mergeThreshold: z.number().min(0).max(1).default(0.5),
        /** Similarity to a stored article (same language) above which an article is a copy of it. @defaultValue 0.9 */
        nearDuplicate: z.number().min(0).max(1).default(0.9),
        /** Thresholds for neural sentence embeddings, whose cosines run higher than lexical ones. */
        neural: z
          .object({
            /** @defaultValue 0.75 */
            sameLanguage: z.number().min(0).max(1).default(0.75),
            /** @defaultValue 0.7 */
            crossLanguage: z.number().min(0).max(1).default(0.7),
            /** @defaultValue 0.88 */
            mergeThreshold: z.number().min(0).max(1).default(0.88),
            /** @defaultValue 0.97 */
            nearDuplicate: z.number().min(0).max(1).default(0.97),
          })
          .prefault({}),
        /** Clusters whose articles are further apart than this are never merged. @defaultValue 3 */
        windowDays: z.number().positive().default(3),
        /**
         * The join threshold grows with the time since the cluster's nearest article:
         * × (1 + quietGrowth · log2(1 + hours / quietHours)), ×1.4 after a day, ×1.8 after three. @defaultValue 24
         */
        quietHours: z.number().positive().default(24),
        /** @defaultValue 0.4 */
        quietGrowth: z.number().min(0).max(4).default(0.4),
        /**
         * Offline mode: thresholds × this for an article that is a title alone. Title-only similarities of
         * same-event pairs run about 13% lower than those of whole articles (SemEval-2022 English pairs, the
         * median 0.38 vs 0.44; best threshold 0.196 vs 0.217). @defaultValue 0.87
         */
        titleOnly: z.number().min(0).max(1).default(0.87),
        /** Replaced by quietHours and quietGrowth; rejected with a message saying so. */
        timePenalty: z
          .never({
            error:
              'clustering.timePenalty was replaced by clustering.quietHours and clustering.quietGrowth (see config/schema.ts)',
          })
          .optional(),
      })
      .prefault({}),
    ingest: z
      .object({
        /** Folder watched by `storywatch start`. @defaultValue seeds/inbox */
        inbox: z.string().default('seeds/inbox'),
        /** Largest input accepted, in bytes (for JSON Lines and feeds: the largest line or entry). @defaultValue 5 MiB */
        maxBytes: z
          .number()
          .int()
          .positive()
          .default(5 * 1024 * 1024),
        /** Inputs `storywatch ingest` keeps in the queues at once; the rest wait on disk. @defaultValue 200 */
        maxInFlight: z.number().int().positive().default(200),
        /**
         * IngestItems one ingest worker holds at once. Those that finish together hand their articles to the
         * writer in one ClusterItem (queue/hand-on-batches.ts): under a steady load of lone articles, more
         * held at once means fewer queue hops and commits. @defaultValue 4
         */
        concurrency: z.number().int().positive().default(4),
      })
      .prefault({}),
    queue: z
      .object({
        /** Lock on an active job; a worker that dies mid-job loses it after this long and another takes over. @defaultValue 30 */
        lockSeconds: z.number().positive().default(30),
        /**
         * On shutdown, how long active jobs get to finish; after it the process leaves anyway (Redis gone, a
         * job stuck) and what was cut off is taken over once its locks expire. @defaultValue 10
         */
        shutdownSeconds: z.number().positive().default(10),
        /**
         * `storywatch start` runs the CPU-bound roles (ingest, cluster) as child processes, so the dashboard
         * and API keep the daemon's event loop; false runs every role in the one process. @defaultValue true
         */
        workerProcesses: z.boolean().default(true),
      })
      .prefault({}),
    http: z
      .object({
        /** Let outbound requests reach loopback, private and link-local addresses. @defaultValue false */
        allowPrivateAddresses: z.boolean().default(false),
        /** Host names or CIDR ranges reachable even when not public. @defaultValue [] */
        allowList: z.array(z.string()).default([]),
        /** @defaultValue 5000 */
        connectTimeoutMs: z.number().int().positive().default(5000),
        /** @defaultValue 20000 */
        totalTimeoutMs: z.number().int().positive().default(20_000),
        /** @defaultValue 5 MiB */
        maxBytes: z
          .number()
          .int()
          .positive()
          .default(5 * 1024 * 1024),
        /** @defaultValue 5 */
        maxRedirects: z.number().int().min(0).default(5),
        /** Minimum time between two requests to one host, across all workers. @defaultValue 1000 */
        hostIntervalMs: z.number().int().min(0).default(1000),
      })
      .prefault({}),
    web: z
      .object({
        /** Interface the daemon's API listens on. @defaultValue 127.0.0.1 */
        host: z.string().default('127.0.0.1'),
        /** @defaultValue 8080 (0 picks a free port) */
        port: z.number().int().min(0).max(65535).default(8080),
        /** Bearer token that API changes need (or STORYWATCH_TOKEN); without one, changes are refused. */
        token: z.string().min(16).optional(),
        /** Sign-in for the dashboard's forms and queue view (browsers ask for it); without it they are off. */
        basicAuth: z
          .object({ username: z.string().min(1), password: z.string().min(12) })
          .strict()
          .optional(),
        /** Read-only pages and API reads open to anyone who can reach the port; false: they need sign-in too. @defaultValue true */
        publicPages: z.boolean().default(true),
      })
      .prefault({}),
    alerts: z
      .object({
        /** Delivery attempts per event and endpoint. @defaultValue 8 */
        attempts: z.number().int().positive().default(8),
        /** First retry delay; it doubles (with jitter) after each failure. @defaultValue 2000 */
        retryDelayMs: z.number().int().positive().default(2000),
        /** Time a receiver has to answer. @defaultValue 10000 */
        timeoutMs: z.number().int().positive().default(10_000),
      })
      .prefault({}),
    webhooks: z.array(webhookSchema).default([]),
    storylines: z.array(storylineSchema).default([]),
    feeds: z.array(feedSchema).default([]),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type StorylineConfig = z.infer<typeof storylineSchema>;
export type WebhookConfig = z.infer<typeof webhookSchema>;
