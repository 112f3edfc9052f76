/** A placed article's cluster titled by its most central article, and merged with a cluster it converged with. */
import { combineClusters, findMerge, type ClusterOptions } from '../cluster/assign-cluster.js';
import { leadOf, mostCentral, titleCheck, titleLanguage, type TitleCandidate } from '../cluster/cluster-title.js';
import type { TermStats } from '../represent/term-stats.js';
import type { ClusterMerge, Headline, MemberReader, TitledCluster } from './placement.js';
import type { PlacementModel } from './placement-model.js';

const DAY = 86_400_000;

/** A title candidate: an arriving article (with what a title needs) or a stored one (read when chosen). */
export type Contender = { id: string; lang: string; stored: true } | (TitleCandidate & Headline & { stored: false });

/**
 * Titles the cluster (mutated) by its most central article, after an article arrived in `lang` or two
 * clusters merged: the contenders meet the title article, or every member of `memberOf` is compared
 * again when the check is due (pipeline/cluster/cluster-title.ts). The title is the article's English title
 * (its English rendering when it is not English), the lead its first sentence.
 */
export function retitle(
  cluster: TitledCluster,
  lang: string,
  memberOf: string[],
  contenders: Contender[],
  stats: TermStats,
  members: MemberReader,
): void {
  const check = titleCheck(cluster, lang);
  if (check === 'none') return;
  const titleLang = titleLanguage(cluster.centroids)!;
  const ids =
    check === 'full'
      ? memberOf.flatMap((id) => members.ids(id, titleLang))
      : cluster.centralId
        ? [cluster.centralId]
        : [];
  const fresh = new Map(contenders.filter((c) => !c.stored).map((c) => [c.id, c as TitleCandidate & Headline]));
  const candidates = [...new Set([...ids, ...contenders.map((c) => c.id)])].map(
    (id): TitleCandidate =>
      fresh.get(id) ?? { id, lang: contenders.find((c) => c.id === id)?.lang ?? titleLang, vector: members.vector(id) },
  );
  const best = mostCentral(candidates, cluster.centroids, stats);
  if (check === 'full') cluster.centralChecked = cluster.centroids[titleLang]!.count;
  if (!best || (best.id === cluster.centralId && cluster.title)) return;
  const headline = fresh.get(best.id) ?? members.headline(best.id);
  if (!headline) throw new Error(`article ${best.id} is listed in a cluster but not stored`);
  cluster.centralId = best.id;
  cluster.centralLang = titleLang;
  cluster.title = headline.lang === 'en' ? headline.title : headline.titleEn;
  cluster.lead = leadOf(headline.text, headline.title);
}

/**
 * The merge of the grown cluster with one it converged with, if any (the older id survives), its title the
 * more central of the two title articles against the merged centroid (or of every member, when due).
 */
export function mergeIfConverged(
  cluster: TitledCluster,
  model: PlacementModel,
  options: ClusterOptions & { mergeThreshold: number },
  members: MemberReader,
): ClusterMerge | undefined {
  const { stats } = model;
  // Clusters quiet for longer than windowDays before the grown cluster's latest article can never merge with it.
  const since = cluster.lastSeen === null ? -Infinity : cluster.lastSeen - options.windowDays * DAY;
  const candidates = Object.values(cluster.centroids).flatMap((c) => model.index.candidates(c.sum, stats, since));
  const merge = findMerge(cluster, new Set(candidates), stats, options.mergeThreshold, options);
  if (!merge) return undefined;
  const other = model.clusters.get(merge.clusterId)!;
  const [into, from] = seqOf(other.id) < seqOf(cluster.id) ? [other, cluster] : [cluster, other];
  const combined = combineClusters(into, from);
  const lang = titleLanguage(combined.centroids)!;
  const parts = [into, from].filter((c) => c.centralLang === lang && c.centralId !== null);
  combined.centralLang = parts.length ? lang : null;
  combined.centralId = parts[0]?.centralId ?? null;
  combined.centralChecked = Math.max(...parts.map((c) => c.centralChecked), 0);
  if (parts[0]) Object.assign(combined, { title: parts[0].title, lead: parts[0].lead });
  retitle(
    combined,
    lang,
    [into.id, from.id],
    parts.map((c) => ({ id: c.centralId!, lang, stored: true })),
    stats,
    members,
  );
  return { fromId: from.id, into: combined, similarity: merge.similarity };
}

/** The members as they are once `article` is stored in cluster `clusterId` (it comes last, as the newest). */
export function withMember(members: MemberReader, clusterId: string, article: TitleCandidate & Headline): MemberReader {
  return {
    ids: (id, lang) => {
      const ids = members.ids(id, lang);
      return id === clusterId && lang === article.lang && !ids.includes(article.id) ? [...ids, article.id] : ids;
    },
    vector: (id) => (id === article.id ? article.vector : members.vector(id)),
    headline: (id) => (id === article.id ? article : members.headline(id)),
  };
}

const seqOf = (id: string) => Number(id.slice(1));
