// The scores evaluations report: retrieval ranks, co-clustering of pairs, BCubed and pairwise F1.

/** Ranking quality of cross-lingual retrieval: for each query, the rank of its first relevant candidate. */
export interface RetrievalFigures {
  queries: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
}

/** Recall@1, Recall@5 and mean reciprocal rank from the (1-based) rank of each query's first hit; 0 = missed. */
export function retrievalFigures(ranks: number[]): RetrievalFigures {
  const n = ranks.length || 1;
  return {
    queries: ranks.length,
    recallAt1: ranks.filter((r) => r === 1).length / n,
    recallAt5: ranks.filter((r) => r >= 1 && r <= 5).length / n,
    mrr: ranks.reduce((s, r) => s + (r ? 1 / r : 0), 0) / n,
  };
}

/** How a clustering treats labelled pairs: kept together, and distinct pairs merged into one cluster. */
export interface CoClusterFigures {
  pairs: number;
  together: number;
  /** Share of pairs whose two articles share a cluster. */
  coClustered: number;
  /** Share of pairs of distinct pairs (no article in common) that end up in one cluster. */
  overMerged: number;
}

export function coClusterFigures(
  pairs: Array<{ a: string; b: string }>,
  clusterOf: (id: string) => string | undefined,
): CoClusterFigures {
  const together = pairs.filter((p) => clusterOf(p.a) !== undefined && clusterOf(p.a) === clusterOf(p.b));
  let distinct = 0;
  let merged = 0;
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const p = pairs[i]!;
      const q = pairs[j]!;
      if (p.a === q.a || p.b === q.b || p.a === q.b || p.b === q.a) continue;
      distinct++;
      const cp = clusterOf(p.a);
      if (cp !== undefined && cp === clusterOf(q.a)) merged++;
    }
  }
  return {
    pairs: pairs.length,
    together: together.length,
    coClustered: together.length / (pairs.length || 1),
    overMerged: merged / (distinct || 1),
  };
}

/** Agreement of a clustering with gold labels: BCubed (per item) and pairwise precision, recall and F1. */
export interface ClusteringFigures {
  items: number;
  clusters: number;
  classes: number;
  bcubed: { precision: number; recall: number; f1: number };
  pairwise: { precision: number; recall: number; f1: number };
}

const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * BCubed (Bagga & Baldwin 1998; Amigó et al. 2009) and pairwise scores of `predicted` against `gold`,
 * over the items both label. Both map item id → cluster or class id.
 */
export function clusteringFigures(predicted: Map<string, string>, gold: Map<string, string>): ClusteringFigures {
  const ids = [...gold.keys()].filter((id) => predicted.has(id));
  const clusterSize = new Map<string, number>();
  const classSize = new Map<string, number>();
  const joint = new Map<string, number>();
  for (const id of ids) {
    const c = predicted.get(id)!;
    const k = gold.get(id)!;
    clusterSize.set(c, (clusterSize.get(c) ?? 0) + 1);
    classSize.set(k, (classSize.get(k) ?? 0) + 1);
    joint.set(`${c}\u0000${k}`, (joint.get(`${c}\u0000${k}`) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  let tp = 0;
  for (const [key, n] of joint) {
    const [c, k] = key.split('\u0000') as [string, string];
    p += (n * n) / clusterSize.get(c)!;
    r += (n * n) / classSize.get(k)!;
    tp += pairs(n);
  }
  const n = ids.length || 1;
  const predictedPairs = [...clusterSize.values()].reduce((s, x) => s + pairs(x), 0);
  const goldPairs = [...classSize.values()].reduce((s, x) => s + pairs(x), 0);
  const pp = predictedPairs ? tp / predictedPairs : 1;
  const pr = goldPairs ? tp / goldPairs : 1;
  return {
    items: ids.length,
    clusters: clusterSize.size,
    classes: classSize.size,
    bcubed: { precision: p / n, recall: r / n, f1: f1(p / n, r / n) },
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
  };
}
