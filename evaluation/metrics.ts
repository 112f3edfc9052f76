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

export function coClusterFigures(pairs: Array<{ a: string; b: string }>, clusterOf: (id: string) => string | undefined): CoClusterFigures {
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
  return { pairs: pairs.length, together: together.length, coClustered: together.length / (pairs.length || 1), overMerged: merged / (distinct || 1) };
}
