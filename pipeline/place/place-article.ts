/** Placing one article: copy of a stored one, or joined to a cluster (new or not), merged, titled, matched and alerted. */
import { alertDeliveries, clusterSummary } from '../alerts/alert-events.js';
import { addToCluster, assignCluster, type ArticleSignal, type ClusterOptions } from '../cluster/assign-cluster.js';
import { queryDot, queryOf } from '../represent/term-stats.js';
import { confirms, matchStorylines, remember, type ClusterContext } from '../storylines/match-storylines.js';
import type { PreparedArticle } from '../types.js';
import { mergeIfConverged, retitle, withMember } from './cluster-titles.js';
import type { NewCopy, Placement, PlacementSettings, PlacementSnapshot, TitledCluster } from './placement.js';

const DAY = 86_400_000;

/**
 * Decides what one article becomes, from the snapshot alone (no store, queue or clock of its own):
 * - an input read before is `unchanged`, or `resumed` when the job was retried (an earlier attempt stored it);
 * - the same content or URL as a stored article (or one of its copies) makes an exact copy of that article;
 * - otherwise the article joins the best candidate cluster among those active within `activeDays`, or opens a
 *   new one (pipeline/cluster/assign-cluster.ts); the model holds recent clusters, and reads those of an
 *   article dated before its window from the store first (`PlacementModel.reach`); an undated article is
 *   compared with the clusters the model holds; joining a cluster that holds a member of its language at
 *   `nearDuplicate` similarity or more makes it a copy of that member (a syndicated report), not a member;
 * - the cluster is titled by its most central article; the article is matched against the storylines, with
 *   the cluster's earlier matches as evidence, and its confirmed matches teach the storylines;
 * - the grown cluster is merged with one it converged with (the older id survives), and the alert events of
 *   its matches name the cluster as it is in the end.
 *
 * Once the article is placed, the snapshot's model counts it (term statistics, cluster index, storyline
 * memories) as the store will once the placement is persisted: the merge check weighs terms with the article
 * counted. The caller persists the placement, or loads the model again if that fails.
 */
export function placeArticle(
  item: PreparedArticle,
  snapshot: PlacementSnapshot,
  settings: PlacementSettings,
): Placement {
  const { seen, model } = snapshot;
  if (seen) {
    if (!snapshot.retried) return { kind: 'unchanged', articleId: seen.id };
    return { kind: 'resumed', articleId: seen.id, copy: seen.duplicateOf !== undefined };
  }
  if (snapshot.exactCopyOf) return { kind: 'copy', copy: copyOf(item, snapshot.freeId, snapshot.exactCopyOf, 1) };
  const article = { ...item, id: snapshot.freeId };
  const signal = signalOf(article);
  const horizon = signal.time === null ? -Infinity : signal.time - (settings.activeDays ?? 30) * DAY;
  // What this placement can read: candidates since the horizon, merge partners within windowDays of the cluster.
  model.reach(Math.min(horizon, (signal.time ?? -Infinity) - settings.clustering.windowDays * DAY));
  // The same report under another headline: when the article would join its body twin's cluster, a member
  // there at nearDuplicate similarity makes it a copy, without comparing it with every candidate cluster.
  const twin = twinCluster(signal, snapshot, horizon, settings.clustering);
  const twinCopy = twin && nearDuplicate(article, twin, snapshot, settings.clustering.nearDuplicate);
  if (twinCopy) return { kind: 'copy', copy: copyOf(item, snapshot.freeId, twinCopy.id, twinCopy.similarity) };
  // A cluster in another language is compared against the lower threshold: the lookup ranks it as the ratio says.
  const { sameLanguage, crossLanguage } = settings.clustering;
  const active = model.index.candidates(signal.vector, model.stats, horizon, {
    lang: signal.lang,
    weight: crossLanguage > 0 ? sameLanguage / crossLanguage : 1,
  });
  const assignment = assignCluster(signal, active, model.stats, settings.clustering);
  const existing = assignment.clusterId ? model.clusters.get(assignment.clusterId) : undefined;
  if (existing) {
    const near = nearDuplicate(article, existing, snapshot, settings.clustering.nearDuplicate);
    if (near) return { kind: 'copy', copy: copyOf(item, snapshot.freeId, near.id, near.similarity) };
  }
  const cluster: TitledCluster = existing
    ? { ...existing, centroids: { ...existing.centroids } }
    : {
        id: snapshot.nextClusterId,
        title: '',
        lead: '',
        centralId: null,
        centralLang: null,
        centralChecked: 0,
        createdAt: snapshot.now,
        centroids: {},
        firstSeen: null,
        lastSeen: null,
      };
  addToCluster(cluster, signal);
  retitle(cluster, article.lang, [cluster.id], [{ ...article, stored: false }], model.stats, snapshot.members);
  const context = existing && clusterContext(existing, snapshot);
  const matches = matchStorylines(article, model.storylines, model.stats, settings.storylineMatch, context);
  const memories = matches.filter(confirms).map((m) => {
    const storyline = model.storylines.find((s) => s.id === m.id)!;
    return { storyline, memory: remember(storyline.memory, article.id, article.vector) };
  });

  for (const m of memories) m.storyline.memory = m.memory;
  model.count(cluster, article.vector);
  const members = withMember(snapshot.members, cluster.id, article);
  const merge = mergeIfConverged(cluster, model, settings.clustering, members);
  if (merge) model.merge(merge.fromId, merge.into);
  const clusterId = merge?.into.id ?? cluster.id;
  const deliveries = alertDeliveries(matches, model.subscriptions, {
    storylines: model.storylineNames,
    article: {
      id: article.id,
      title: article.title,
      titleEn: article.titleEn,
      lang: article.lang,
      url: article.url,
      source: article.source,
      publishedAt: article.publishedAt,
    },
    cluster: clusterSummary(model.clusters.get(clusterId)!),
    isNewCluster: !existing && clusterId === cluster.id,
    now: snapshot.now,
  });
  return {
    kind: 'placed',
    article,
    inputId: item.id,
    cluster,
    isNewCluster: !existing,
    matches,
    memories: memories.map((m) => ({ storylineId: m.storyline.id, memory: m.memory })),
    merge,
    clusterId,
    deliveries,
  };
}

/** What assignment sees of an article: a title alone (no body) asks for more similarity. */
function signalOf(article: PreparedArticle): ArticleSignal {
  const time = article.publishedAt ? Date.parse(article.publishedAt) : NaN;
  const titleOnly = !article.text.trim() || article.text.trim() === article.title.trim();
  return { lang: article.lang, vector: article.vector, time: Number.isNaN(time) ? null : time, titleOnly };
}

/**
 * The cluster of the article's body twin (the stored article with the same body, pipeline/prepare-article.ts
 * `bodyHash`), when the article would join it: the model holds it, it is active since `horizon`, and assignment
 * over it alone (pipeline/cluster/assign-cluster.ts) takes the article. A title alone has no body to share.
 */
function twinCluster(
  signal: ArticleSignal,
  snapshot: PlacementSnapshot,
  horizon: number,
  options: ClusterOptions,
): TitledCluster | undefined {
  const { model, bodyTwin } = snapshot;
  const cluster = bodyTwin && !signal.titleOnly ? model.clusters.get(bodyTwin.clusterId) : undefined;
  if (!cluster || (cluster.lastSeen !== null && cluster.lastSeen < horizon)) return undefined;
  return assignCluster(signal, [cluster], model.stats, options).clusterId === null ? undefined : cluster;
}

/** The first member of the cluster in the article's language at `threshold` similarity or more: a syndicated copy. */
function nearDuplicate(
  article: PreparedArticle,
  cluster: TitledCluster,
  snapshot: PlacementSnapshot,
  threshold: number,
) {
  const { stats } = snapshot.model;
  const query = queryOf(article.vector, stats);
  for (const id of snapshot.members.ids(cluster.id, article.lang)) {
    const similarity = queryDot(query, snapshot.members.vector(id), stats);
    if (similarity >= threshold) return { id, similarity };
  }
  return undefined;
}

/** How many of a cluster's stored articles each storyline confirmed (among its recent confirmed matches). */
function clusterContext(cluster: TitledCluster, snapshot: PlacementSnapshot): ClusterContext {
  const members = Object.keys(cluster.centroids).flatMap((lang) => snapshot.members.ids(cluster.id, lang));
  const matched = new Map<string, number>();
  for (const s of snapshot.model.storylines) {
    const confirmed = new Set(s.memory.recent.map((r) => r.id));
    const n = members.filter((id) => confirmed.has(id)).length;
    if (n) matched.set(s.id, n);
  }
  return { id: cluster.id, members: members.length, matched };
}

/** An input article kept as a copy of a stored one, with its own id and fields: no cluster change, no matches. */
function copyOf(item: PreparedArticle, id: string, duplicateOf: string, similarity: number): NewCopy {
  const { id: inputId, source, url, title, titleEn, lang, publishedAt, contentHash } = item;
  return { id, inputId, source, url, title, titleEn, lang, publishedAt, contentHash, duplicateOf, similarity };
}
