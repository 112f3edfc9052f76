// Measures cross-lingual retrieval and co-clustering of English and Hindi articles on the AIR set.
import type { Config } from '../config/schema.js';
import type { Embedder } from '../pipeline/ports.js';
import { emptyStats, observe, weigh, dot } from '../pipeline/represent/term-stats.js';
import { loadAirEnHi, type AirArticle } from './air-en-hi.js';
import { replayThroughPipeline } from './replay.js';
import { coClusterFigures, retrievalFigures, type CoClusterFigures, type RetrievalFigures } from './metrics.js';

const DAY = 86_400_000;

export interface XlingFigures {
  retrieval: RetrievalFigures;
  clustering: CoClusterFigures & { articles: number; clusters: number; largestCluster: number; mixedClusters: number };
  mode: string;
}

/**
 * Cross-lingual evaluation on the AIR English–Hindi set. Retrieval: for each English article of a strong
 * pair, rank the Hindi articles of the same and adjacent days by similarity (IDF from the whole set).
 * Clustering: the whole set goes through the real queues and stores, in publication order, into a
 * throw-away data dir; then strong pairs are checked for sharing a cluster.
 */
export async function evaluateXling(
  dir: string,
  config: Config,
  embedder: Embedder,
  log: (m: string) => void,
): Promise<XlingFigures> {
  const { articles, strongPairs } = loadAirEnHi(dir);
  return {
    retrieval: await retrieval(articles, strongPairs, embedder),
    clustering: await clustering(articles, strongPairs, config, log),
    mode: embedder.mode,
  };
}

async function retrieval(
  articles: AirArticle[],
  pairs: Array<{ en: string; hi: string }>,
  embedder: Embedder,
): Promise<RetrievalFigures> {
  const vectors = await embedder.embed(articles);
  const stats = emptyStats();
  for (const v of vectors) observe(stats, v);
  const weighted = new Map(articles.map((a, i) => [a.id, weigh(vectors[i]!, stats)]));
  const byId = new Map(articles.map((a) => [a.id, a]));
  const hindi = articles.filter((a) => a.lang === 'hi');
  const ranks: number[] = [];
  for (const en of [...new Set(pairs.map((p) => p.en))]) {
    const gold = new Set(pairs.filter((p) => p.en === en).map((p) => p.hi));
    const t = Date.parse(byId.get(en)!.publishedAt.slice(0, 10));
    const candidates = hindi.filter((h) => Math.abs(Date.parse(h.publishedAt.slice(0, 10)) - t) <= DAY);
    const ranked = candidates
      .map((h) => ({ id: h.id, s: dot(weighted.get(en)!, weighted.get(h.id)!) }))
      .sort((x, y) => y.s - x.s || x.id.localeCompare(y.id));
    ranks.push(ranked.findIndex((r) => gold.has(r.id)) + 1);
  }
  return retrievalFigures(ranks);
}

async function clustering(
  articles: AirArticle[],
  pairs: Array<{ en: string; hi: string }>,
  config: Config,
  log: (m: string) => void,
) {
  const { articles: stored, clusterOf } = await replayThroughPipeline(articles, config, log);
  const languages = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const a of stored) {
    languages.set(a.clusterId, (languages.get(a.clusterId) ?? new Set()).add(a.lang));
    counts.set(a.clusterId, (counts.get(a.clusterId) ?? 0) + 1);
  }
  return {
    ...coClusterFigures(
      pairs.map((p) => ({ a: p.en, b: p.hi })),
      (id) => clusterOf.get(id),
    ),
    articles: stored.length,
    clusters: counts.size,
    largestCluster: Math.max(0, ...counts.values()),
    mixedClusters: [...languages.values()].filter((langs) => langs.size > 1).length,
  };
}
