// Replays articles through the real queues, workers and store in a throw-away data dir.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readInputs } from '../adapters/inputs/read-inputs.js';
import type { Config } from '../config/schema.js';
import { ingestWindowed } from '../queue/ingest-run.js';
import { INPUTS_PER_JOB } from '../queue/queues.js';
import { startRuntime } from '../runtime/runtime.js';
import type { RepresentationMode } from '../pipeline/types.js';
import type { StoredArticle } from '../store/sqlite-store.js';

/** An article to replay: the fields of a `.jsonl` input. */
export interface ReplayRecord {
  id: string;
  title: string;
  text?: string;
  url?: string;
  publishedAt?: string;
  /** The language the source declares (ISO 639-1): a prior for detection, as in a `.jsonl` input. */
  lang?: string;
}

/**
 * Replays articles through the real queues, workers and store, in publication order, into a throw-away
 * data dir (and queue prefix), and returns what was stored, every input id's cluster (copies included) and
 * the article each copy was kept as a copy of.
 * Redis is the configured one, else a private one.
 */
export async function replayThroughPipeline(
  records: ReplayRecord[],
  config: Config,
  log: (m: string) => void,
): Promise<{
  articles: StoredArticle[];
  clusterOf: Map<string, string>;
  copyOf: Map<string, string>;
  mode: RepresentationMode;
}> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'storywatch-eval-'));
  try {
    const file = path.join(dataDir, 'stream.jsonl');
    const time = (r: ReplayRecord) => (r.publishedAt ? Date.parse(r.publishedAt) : 0) || 0;
    const ordered = [...records].sort((a, b) => time(a) - time(b) || a.id.localeCompare(b.id));
    writeFileSync(
      file,
      ordered
        .map((r) =>
          JSON.stringify({
            id: r.id,
            title: r.title,
            text: r.text,
            url: r.url,
            publishedAt: r.publishedAt,
            lang: r.lang,
          }),
        )
        .join('\n'),
    );
    // One ingest worker and one IngestItem at a time (below): articles reach the cluster writer in publication
    // order, so a replay gives the same figures every time.
    const replayConfig = {
      ...config,
      ingest: { ...config.ingest, concurrency: 1 },
      webhooks: [],
      dataDir,
      queuePrefix: `storywatch-eval:${path.basename(dataDir)}`,
    };
    const runtime = await startRuntime(replayConfig, { roles: ['ingest', 'cluster'], log });
    try {
      const { items, errors } = await readInputs([file], config.ingest.maxBytes);
      for (const e of errors) log(`${e.source}: ${e.message}`);
      // One IngestItem in flight at a time: the writer's queue worker may take two ClusterItems waiting
      // together in either order, so only a writer with nothing else waiting places them in publication order.
      await ingestWindowed(runtime, items, INPUTS_PER_JOB, Date.now(), (o) => {
        if (o.error) log(`${o.source}: ${o.error}`);
        for (const a of o.articles) if (a.error) log(`${o.source}: ${a.articleId}: ${a.error}`);
      });
      const articles = runtime.store!.listArticles();
      // Copies linked to a stored article belong to that article's cluster.
      const copies = runtime.store!.copies.list();
      const clusterOf = new Map([
        ...articles.map((a) => [a.id, a.clusterId] as const),
        ...copies.map((c) => [c.id, c.clusterId] as const),
      ]);
      const copyOf = new Map(copies.map((c) => [c.id, c.duplicateOf] as const));
      await runtime.queues.ingest.obliterate({ force: true });
      await runtime.queues.cluster.obliterate({ force: true });
      return { articles, clusterOf, copyOf, mode: runtime.representation!.embedder.mode };
    } finally {
      await runtime.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
