/** What placing one article reads (its snapshot of the store), is set by (settings) and decides (the placement). */
import type { Delivery } from '../alerts/alert-events.js';
import type { ClusterOptions, ClusterState } from '../cluster/assign-cluster.js';
import type { TitleState } from '../cluster/cluster-title.js';
import type { MatchOptions, StorylineMatch, StorylineMemory } from '../storylines/match-storylines.js';
import type { ArticleFields, PreparedArticle, Vector } from '../types.js';
import type { PlacementModel } from './placement-model.js';

/** A cluster with what reports show: the title and one-line lead of its most central article. */
export interface TitledCluster extends ClusterState, TitleState {
  title: string;
  lead: string;
  createdAt: string;
}

/** What a cluster shows of an article when it is titled by it. */
export interface Headline {
  title: string;
  titleEn: string;
  lang: string;
  text: string;
}

/** Read-only access to the stored members of clusters: which cluster it needs is known only while placing. */
export interface MemberReader {
  /** Ids of a cluster's stored articles in one language, in the order they were stored. */
  ids(clusterId: string, lang: string): string[];
  /** A stored article's vector; throws when the article is not stored. */
  vector(id: string): Vector;
  headline(id: string): Headline | undefined;
}

/** What placing one article reads: the store as the writer sees it, inside its write transaction. */
export interface PlacementSnapshot {
  /** What this input became when it was read before, if it was: the stored article, or the copy and its original. */
  seen?: { id: string; duplicateOf?: string };
  /** The job was tried before (its worker may have died after the article was committed). */
  retried: boolean;
  /** The stored article with the same content or URL (or whose copy has them), if any. */
  exactCopyOf?: string;
  /** The first stored article in the same language with the same body (another headline), and its cluster, if any. */
  bodyTwin?: { id: string; clusterId: string };
  /** A free article id for this input (its own id when free). */
  freeId: string;
  /** The id a new cluster gets. */
  nextClusterId: string;
  /** ISO time of the placement (new clusters, alert events). */
  now: string;
  /** The writer's model of clusters, term statistics, storylines and subscriptions; placing advances it. */
  model: PlacementModel;
  members: MemberReader;
}

/** Thresholds and options of placement (slices of the config). */
export interface PlacementSettings {
  clustering: ClusterOptions & { mergeThreshold: number; nearDuplicate: number };
  storylineMatch?: MatchOptions;
  /** Clusters quiet for longer than this before an article's time are not candidates. @defaultValue 30 */
  activeDays?: number;
}

/** A copy of a stored article, kept with its own id and fields. */
export interface NewCopy extends ArticleFields {
  id: string;
  inputId: string;
  contentHash: string;
  duplicateOf: string;
  /** Similarity to the original: 1 for an exact copy (same content or URL). */
  similarity: number;
}

/** Two clusters that converged: `fromId` goes into `into` (combined centroids, span and title). */
export interface ClusterMerge {
  fromId: string;
  into: TitledCluster;
  similarity: number;
}

/** An article stored in a cluster, with all that changes with it. */
export interface ArticlePlaced {
  kind: 'placed';
  article: PreparedArticle;
  /** The id the input gave (the article's id differs when that one was taken). */
  inputId: string;
  /** The article's cluster after it joined (centroids, span, title), before any merge. */
  cluster: TitledCluster;
  isNewCluster: boolean;
  /** Storyline matches, best first, each with its evidence. */
  matches: StorylineMatch[];
  /** Storyline memories changed by the confirmed matches. */
  memories: Array<{ storylineId: string; memory: StorylineMemory }>;
  merge?: ClusterMerge;
  /** The cluster the article is in once merged. */
  clusterId: string;
  /** Alert events the matches cause, one per endpoint (the outbox). */
  deliveries: Delivery[];
}

/**
 * The decision for one article: read before and unchanged; read before by an attempt that committed it
 * (a retried job: `resumed`); a copy of a stored article; or placed in a cluster.
 */
export type Placement =
  | { kind: 'unchanged'; articleId: string }
  | { kind: 'resumed'; articleId: string; copy: boolean }
  | { kind: 'copy'; copy: NewCopy }
  | ArticlePlaced;
