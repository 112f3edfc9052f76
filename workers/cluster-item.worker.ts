import { UnrecoverableError, type Job } from 'bullmq';
import { LRUCache } from 'lru-cache';
import { addToCluster, assignCluster, combineClusters, findMerge, type ClusterOptions } from '../pipeline/assign-cluster.js';
import { confirms, matchStorylines, remember, type ClusterContext, type MatchOptions, type StorylineProfile } from '../pipeline/match-storylines.js';
import { timeStage } from './stage-metrics.js';
import { alertDeliveries, type Delivery, type Subscription } from '../pipeline/alert-events.js';
import { ClusterIndex } from '../pipeline/cluster-index.js';
import { leadOf, mostCentral, titleCheck, titleLanguage, type TitleCandidate } from '../pipeline/cluster-title.js';
import { observe, queryDot, queryOf, type TermStats } from '../pipeline/term-stats.js';
import type { PreparedArticle, Vector } from '../pipeline/types.js';
import type { StorylineConfig } from '../config/schema.js';
import { alertJobId, clusterItemSchema, parsePayload, QUEUES, type ClusterResult } from './queues.js';
import type { ListedCopy } from './copy-store.js';
import type { SqliteStore, StoredCluster } from './sqlite-store.js';
import { describeBackfill, rescoreStep, summarise } from './storyline-backfill.js';

/** What the ClusterItem processor needs. */
export interface ClusterDeps {
  store: SqliteStore;
  /** Builds matching profiles (vectors) for the stored storyline definitions. */
  profiles(defs: StorylineConfig[]): Promise<StorylineProfile[]>;
  clustering: ClusterOptions & { mergeThreshold: number; nearDuplicate: number };
  storylineMatch?: MatchOptions;
  /** Clusters quiet for longer than this before an article's time are not candidates. @defaultValue 30 */
  activeDays?: number;
  faultDelayMs?: number;
  /** Fault injection for crash tests: pause this long after the article is committed. @defaultValue 0 */
  faultAfterCommitMs?: number;
  /** Most work (ms) one batch transaction holds before it commits. @defaultValue 100 */
  batchBudgetMs?: number;
  log?: (msg: string) => void;
  /** Hands alert deliveries to the alert queue; returns their job ids. */
  alert?(deliveries: Delivery[]): Promise<string[]>;
}

const DAY = 86_400_000;

/** A ClusterItem waiting for the next batch. */
interface Waiting {
  job: Job;
  resolve(result: ClusterResult): void;
  reject(err: Error): void;
}

/** What placing one article decided; its deliveries leave for the alert queue once the batch committed. */
interface Placed {
  waiting: Waiting;
  result?: ClusterResult;
  error?: Error;
  deliveries: Delivery[];
  /** A retried job whose article an earlier attempt committed: it hands on whatever is still pending. */
  resumed?: boolean;
}

/** Stored articles whose vectors the writer keeps parsed for near-duplicate checks. @defaultValue 4096 */
const MEMBER_VECTORS = 4096;

/** Most work one batch transaction holds before it commits; what is left waits for the next batch. @defaultValue 100 */
const BATCH_BUDGET_MS = 100;

/**
 * ClusterItem, the store writer. ClusterItems that arrive together are placed one after another, in
 * order, inside one SQLite write transaction (BEGIN IMMEDIATE): the store's write lock makes writers in
 * several processes take turns, and one commit (and one hand-on of alerts) serves the whole batch, so the
 * per-article cost is the clustering itself. A batch holds at most `batchBudgetMs` of work. Every job still
 * succeeds or fails on its own: an article that fails is left out (its writes roll back to a savepoint)
 * and the rest commit; after one that failed half-way the rest wait for the next batch, which reloads
 * the memory from the store first. Clusters and term statistics are cached in memory and reloaded
 * whenever another process wrote to the store since (the store's version moved).
 *
 * Between batches, when no ClusterItem waits, the writer back-fills storylines created or changed (and
 * those asked to re-score) over the stored articles, one step of at most `batchBudgetMs` per transaction
 * (workers/storyline-backfill.ts); `drainBackfills()` runs them and resolves once none is left.
 */
export function createClusterProcessor(deps: ClusterDeps) {
  let version = -1;
  let clusters = new Map<string, StoredCluster>();
  const index = new ClusterIndex();
  let stats: TermStats = { docs: 0, df: new Map() };
  let storylines: StorylineProfile[] = [];
  let storylineNames = new Map<string, string>();
  let storylinesVersion = -1;
  let subscriptions: Subscription[] = [];
  let webhooksVersion = -1;
  const budget = deps.batchBudgetMs ?? BATCH_BUDGET_MS;
  const waiting: Waiting[] = [];
  let running: Promise<void> | undefined;
  // Set while back-fills may be unfinished; callers of drainBackfills() wait for the writer to find none.
  let backfillWanted = false;
  let drained: Array<{ resolve(): void; reject(err: Error): void }> = [];
  let lastProgressLog = 0;
  let stopped = false;
  // Stored articles' vectors (they never change), parsed once: a syndicated copy meets its cluster's members.
  const memberVectors = new LRUCache<string, Vector>({ max: MEMBER_VECTORS });
  /** After a rollback: what is held in memory is reloaded from the store. */
  const forget = () => {
    version = -1;
    memberVectors.clear();
  };
  const memberVector = (id: string): Vector => {
    let vector = memberVectors.get(id);
    if (!vector) {
      vector = deps.store.articleVector(id);
      if (!vector) throw new Error(`article ${id} is listed in a cluster but not stored`);
      memberVectors.set(id, vector);
    }
    return vector;
  };

  /** Storylines created, changed or removed (config sync, API) are re-embedded before the next batch. */
  const refreshStorylines = async () => {
    if (deps.store.storylinesVersion() === storylinesVersion) return;
    const seen = deps.store.storylinesVersion();
    const defs = deps.store.listStorylines().map((s) => s.definition);
    storylines = await deps.profiles(defs);
    storylineNames = new Map(defs.map((d) => [d.id, d.name]));
    storylinesVersion = seen;
    version = -1;
  };
  /** Inside the write transaction: webhooks and the cached clusters as the store has them now. */
  const refresh = () => {
    // Webhooks from the config, the API or the CLI apply from the next batch on.
    if (deps.store.alerts.version() !== webhooksVersion) {
      webhooksVersion = deps.store.alerts.version();
      subscriptions = deps.store.alerts.subscriptions();
    }
    if (deps.store.version() === version) return;
    clusters = new Map(deps.store.listClusters().map((c) => [c.id, c]));
    stats = deps.store.loadTermStats();
    const memories = deps.store.loadStorylineMemories();
    for (const s of storylines) s.memory = memories.get(s.id) ?? { sum: null, count: 0, recent: [] };
    // The index follows the store (neural: only centroids that changed are re-linked in the HNSW graphs).
    index.sync(clusters.values(), stats);
    version = deps.store.version();
  };

  // Arriving articles go first; a back-fill step runs only when none waits.
  const schedule = () => {
    if (running || (!waiting.length && (!backfillWanted || stopped))) return;
    const step = waiting.length ? runBatch : runBackfill;
    running = new Promise<void>((r) => setImmediate(r))
      .then(step)
      .catch((err: Error) => {
        deps.log?.(`cluster ${step === runBatch ? 'batch' : 'backfill'}: ${err.message}`);
        if (step === runBackfill) settleDrains(err);
      })
      .finally(() => {
        running = undefined;
        schedule();
      });
  };

  const settleDrains = (err?: Error) => {
    backfillWanted = false;
    const waiters = drained;
    drained = [];
    for (const w of waiters) (err ? w.reject(err) : w.resolve());
  };

  const placeJob = (job: Job): Promise<ClusterResult> =>
    new Promise((resolve, reject) => {
      waiting.push({ job, resolve, reject });
      schedule();
    });
  /** Runs unfinished back-fills (between batches); resolves once the store has none left, rejects if a step fails. */
  const drainBackfills = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (stopped) return resolve();
      drained.push({ resolve, reject });
      backfillWanted = true;
      schedule();
    });
  /** Takes no further back-fill step (what is done stays done; the rest goes on at the next start); waits for the current one. */
  const stopBackfills = async (): Promise<void> => {
    stopped = true;
    await running;
    settleDrains();
  };
  return Object.assign(placeJob, { drainBackfills, stopBackfills });

  /** One back-fill step in its own write transaction; its deliveries go to the alert queue after the commit. */
  async function runBackfill(): Promise<void> {
    await refreshStorylines();
    const db = deps.store.db;
    let outcome: ReturnType<typeof rescoreStep> | undefined;
    db.exec('BEGIN IMMEDIATE');
    try {
      // Storylines changed while their profiles were being made: the next step embeds them again.
      if (deps.store.storylinesVersion() !== storylinesVersion) {
        db.exec('ROLLBACK');
        return;
      }
      refresh();
      const next = deps.store.backfills.next();
      const profile = next && storylines.find((s) => s.id === next.storylineId);
      if (next && profile) {
        if (next.state === 'pending') deps.log?.(`backfill ${next.storylineId}: started over ${next.total} stored article(s)`);
        outcome = rescoreStep(next, {
          store: deps.store, profile, name: storylineNames.get(profile.id) ?? profile.id, stats, match: deps.storylineMatch,
          subscriptions, clusterOf: (id) => clusters.get(id), budgetMs: budget,
        });
        version = deps.store.version();
      } else if (next) {
        deps.store.backfills.remove(next.storylineId);
      }
      db.exec('COMMIT');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      forget();
      throw err;
    }
    if (outcome) {
      const b = outcome.backfill;
      if (b.state === 'done' || Date.now() - lastProgressLog > 5000) {
        deps.log?.(describeBackfill(b));
        lastProgressLog = Date.now();
      }
      await handOn(outcome.deliveries.filter((d) => !d.held));
    }
    if (!deps.store.backfills.anyUnfinished()) settleDrains();
  }

  /** Places the waiting articles in one transaction, commits, hands their alerts on and settles their jobs. */
  async function runBatch(): Promise<void> {
    const batch = waiting.splice(0);
    if (deps.faultDelayMs) await new Promise((r) => setTimeout(r, deps.faultDelayMs));
    let placed: Placed[] | undefined;
    try {
      await refreshStorylines();
      placed = placeInTransaction(batch);
    } catch (err) {
      for (const w of batch) w.reject(err as Error);
      return;
    }
    // Storylines changed while their profiles were being made: nothing was written; the next batch embeds them again.
    if (!placed) {
      waiting.unshift(...batch);
      return;
    }
    // Articles beyond the budget wait, at the head of the line, for the next batch.
    waiting.unshift(...batch.slice(placed.length));
    if (deps.faultAfterCommitMs) await new Promise((r) => setTimeout(r, deps.faultAfterCommitMs));
    // The outbox rows are committed; a crash before this point is made good by the start-up sweep (and by
    // the retried jobs, which find their articles stored). Events held for a digest leave with the next cut.
    let handed: Set<string>;
    let resumedIds: string[] = [];
    try {
      handed = new Set(await handOn(placed.flatMap((p) => p.deliveries.filter((d) => !d.held))));
      if (placed.some((p) => p.resumed)) resumedIds = await handOn(deps.store.pendingDeliveries());
    } catch (err) {
      for (const p of placed) (p.error ? p.waiting.reject(p.error) : p.waiting.reject(err as Error));
      return;
    }
    for (const p of placed) {
      if (p.error) p.waiting.reject(p.error);
      else if (p.resumed) p.waiting.resolve({ ...p.result!, alertJobIds: resumedIds } as ClusterResult);
      else if (p.result!.status === 'done') p.waiting.resolve({ ...p.result!, alertJobIds: p.deliveries.map((d) => alertJobId(d.id)).filter((id) => handed.has(id)) });
      else p.waiting.resolve(p.result!);
    }
  }

  /**
   * Places the batch's articles in order inside one write transaction, within the time budget, and
   * commits; undefined (nothing written) when the storylines changed since they were embedded.
   */
  function placeInTransaction(batch: Waiting[]): Placed[] | undefined {
    const db = deps.store.db;
    db.exec('BEGIN IMMEDIATE');
    try {
      if (deps.store.storylinesVersion() !== storylinesVersion) {
        db.exec('ROLLBACK');
        return undefined;
      }
      refresh();
      const placed: Placed[] = [];
      const started = performance.now();
      for (const w of batch) {
        if (placed.length && performance.now() - started > budget) break;
        let item: PreparedArticle;
        try {
          item = admit(w.job);
        } catch (err) {
          placed.push({ waiting: w, error: err as Error, deliveries: [] });
          continue;
        }
        try {
          placed.push({ waiting: w, ...db.transaction(() => place(item, w.job))() });
        } catch (err) {
          // Its writes rolled back to the savepoint, but the memory may have moved: reload before going on.
          placed.push({ waiting: w, error: err as Error, deliveries: [] });
          forget();
          break;
        }
      }
      db.exec('COMMIT');
      return placed;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      // The memory ran ahead of the store: it is reloaded from the store before the next batch.
      forget();
      throw err;
    }
  }

  /** A ClusterItem's article, or why it can never be stored. */
  function admit(job: Job): PreparedArticle {
    const item = parsePayload(clusterItemSchema, QUEUES.cluster, job.data) as PreparedArticle;
    const storeMode = deps.store.mode();
    if (storeMode && storeMode !== item.mode) {
      throw new UnrecoverableError(`${item.source}: article made in ${item.mode} mode, but the store holds ${storeMode} vectors; use a fresh data dir`);
    }
    return item;
  }

  /** Decides and writes one article inside the batch transaction (its own savepoint). */
  function place(item: PreparedArticle, job: Job): { result: ClusterResult; deliveries: Delivery[]; resumed?: boolean } {
    const seen = deps.store.storedInput(item);
    if (seen) {
      // A retried job whose earlier attempt committed before its worker died: the article is this job's own.
      const retried = job.attemptsMade > 0 || (job.attemptsStarted ?? 0) > 1;
      if (!retried) return { result: { status: 'skipped', reason: 'unchanged', articleId: seen.id }, deliveries: [] };
      if (seen.duplicateOf) return { result: copyResult(deps.store.copies.get(seen.id)!), deliveries: [] };
      const { clusterId, storylines } = deps.store.articleSummary(seen.id)!;
      return { result: { status: 'done', articleId: seen.id, clusterId, storylines, alertJobIds: [] }, deliveries: [], resumed: true };
    }
    // The same content or URL as a stored article (or one of its copies): an exact copy of that article.
    const original = deps.store.findDuplicate(item);
    if (original) return { result: keepCopy(item, original, 1), deliveries: [] };
    const article = { ...item, id: deps.store.freeId(item) };

    const time = article.publishedAt ? Date.parse(article.publishedAt) : NaN;
    const titleOnly = !article.text.trim() || article.text.trim() === article.title.trim();
    const signal = { lang: article.lang, vector: article.vector, time: Number.isNaN(time) ? null : time, titleOnly };
    const horizon = signal.time === null ? -Infinity : signal.time - (deps.activeDays ?? 30) * DAY;
    const assigned = timeStage('assign');
    const active = index.candidates(signal.vector, stats, horizon);
    const assignment = assignCluster(signal, active, stats, deps.clustering);
    const existing = assignment.clusterId ? clusters.get(assignment.clusterId) : undefined;
    // A syndicated copy (the same report under another URL, lightly edited) is kept as a copy, not clustered again.
    if (existing) {
      const query = queryOf(article.vector, stats);
      for (const memberId of deps.store.memberIds(existing.id, article.lang)) {
        const similarity = queryDot(query, memberVector(memberId), stats);
        if (similarity >= deps.clustering.nearDuplicate) {
          assigned();
          return { result: keepCopy(item, memberId, similarity), deliveries: [] };
        }
      }
    }
    const cluster: StoredCluster = existing
      ? { ...existing, centroids: { ...existing.centroids } }
      : {
        id: deps.store.nextClusterId(), title: '', lead: '', centralId: null, centralLang: null, centralChecked: 0,
        createdAt: new Date().toISOString(), centroids: {}, firstSeen: null, lastSeen: null,
      };
    addToCluster(cluster, signal);
    retitle(cluster, article.lang, [cluster.id], [{ ...article, stored: false }]);
    const matches = matchStorylines(article, storylines, stats, deps.storylineMatch, existing && clusterContext(existing));
    const memories = matches.filter(confirms).map((m) => {
      const storyline = storylines.find((s) => s.id === m.id)!;
      return { storyline, memory: remember(storyline.memory, article.id, article.vector) };
    });

    assigned();
    const stored = timeStage('store');
    deps.store.writeArticle({
      article, inputId: item.id, cluster, isNewCluster: !existing, matches,
      memories: memories.map((m) => ({ storylineId: m.storyline.id, memory: m.memory })),
    });
    stored();
    for (const m of memories) m.storyline.memory = m.memory;
    memberVectors.set(article.id, article.vector);
    clusters.set(cluster.id, cluster);
    observe(stats, article.vector);
    index.upsert(cluster, stats);
    const finalId = mergeIfConverged(cluster);
    // Alerts are made once the cluster is final (merged, re-titled): they name it as the store does.
    const deliveries = alertDeliveries(matches, subscriptions, {
      storylines: storylineNames,
      article: { id: article.id, title: article.title, titleEn: article.titleEn, lang: article.lang, url: article.url, source: article.source, publishedAt: article.publishedAt },
      cluster: summarise(clusters.get(finalId)!),
      isNewCluster: !existing && finalId === cluster.id,
      now: new Date().toISOString(),
    });
    deps.store.addDeliveries(deliveries);
    version = deps.store.version();
    return { result: { status: 'done', articleId: article.id, clusterId: finalId, storylines: matches.map((m) => m.id), alertJobIds: [] }, deliveries };
  }

  /** How many of a cluster's stored articles each storyline confirmed (among its recent confirmed matches). */
  function clusterContext(cluster: StoredCluster): ClusterContext {
    const members = Object.keys(cluster.centroids).flatMap((lang) => deps.store.memberIds(cluster.id, lang));
    const matched = new Map<string, number>();
    for (const s of storylines) {
      const confirmed = new Set(s.memory.recent.map((r) => r.id));
      const n = members.filter((id) => confirmed.has(id)).length;
      if (n) matched.set(s.id, n);
    }
    return { id: cluster.id, members: members.length, matched };
  }

  /** Keeps an input article as a copy of a stored one, with its own id and fields: no cluster change, no matches. */
  function keepCopy(item: PreparedArticle, duplicateOf: string, similarity: number): ClusterResult {
    const { id: inputId, source, url, title, titleEn, lang, publishedAt, contentHash } = item;
    const id = deps.store.freeId(item);
    deps.store.copies.add({ id, inputId, source, url, title, titleEn, lang, publishedAt, contentHash, duplicateOf, similarity });
    return copyResult(deps.store.copies.get(id)!);
  }

  /** Hands committed deliveries to the alert queue and marks them enqueued; returns their job ids. */
  async function handOn(deliveries: Delivery[]): Promise<string[]> {
    const jobIds = deliveries.length && deps.alert ? await deps.alert(deliveries) : [];
    if (jobIds.length) deps.store.markEnqueued(deliveries.map((d) => d.id));
    return jobIds;
  }

  /**
   * Titles the cluster (mutated) by its most central article, after an article arrived in `lang` or two
   * clusters merged: the contenders meet the title article, or every member of `memberOf` is compared
   * again when the check is due (pipeline/cluster-title.ts). The title is the article's English title
   * (its English rendering when it is not English), the lead its first sentence.
   */
  function retitle(cluster: StoredCluster, lang: string, memberOf: string[], contenders: Contender[]): void {
    const check = titleCheck(cluster, lang);
    if (check === 'none') return;
    const titleLang = titleLanguage(cluster.centroids)!;
    const ids = check === 'full'
      ? memberOf.flatMap((id) => deps.store.memberIds(id, titleLang))
      : cluster.centralId ? [cluster.centralId] : [];
    const fresh = new Map(contenders.filter((c) => !c.stored).map((c) => [c.id, c as TitleCandidate & Headline]));
    const candidates = [...new Set([...ids, ...contenders.map((c) => c.id)])].map((id): TitleCandidate => fresh.get(id)
      ?? { id, lang: contenders.find((c) => c.id === id)?.lang ?? titleLang, vector: memberVector(id) });
    const best = mostCentral(candidates, cluster.centroids, stats);
    if (check === 'full') cluster.centralChecked = cluster.centroids[titleLang]!.count;
    if (!best || (best.id === cluster.centralId && cluster.title)) return;
    const headline = fresh.get(best.id) ?? deps.store.headline(best.id);
    if (!headline) throw new Error(`article ${best.id} is listed in a cluster but not stored`);
    cluster.centralId = best.id;
    cluster.centralLang = titleLang;
    cluster.title = headline.lang === 'en' ? headline.title : headline.titleEn;
    cluster.lead = leadOf(headline.text, headline.title);
  }

  /** Merges the grown cluster with one it converged with (the older id survives); returns the surviving id. */
  function mergeIfConverged(cluster: StoredCluster): string {
    const candidates = Object.values(cluster.centroids).flatMap((c) => index.candidates(c.sum, stats));
    const merge = findMerge(cluster, new Set(candidates), stats, deps.clustering.mergeThreshold, deps.clustering);
    if (!merge) return cluster.id;
    const other = clusters.get(merge.clusterId)!;
    const [into, from] = seqOf(other.id) < seqOf(cluster.id) ? [other, cluster] : [cluster, other];
    const combined = combineClusters(into, from);
    // The more central of the two title articles against the merged centroid (or every member, when due).
    const lang = titleLanguage(combined.centroids)!;
    const parts = [into, from].filter((c) => c.centralLang === lang && c.centralId !== null);
    combined.centralLang = parts.length ? lang : null;
    combined.centralId = parts[0]?.centralId ?? null;
    combined.centralChecked = Math.max(...parts.map((c) => c.centralChecked), 0);
    if (parts[0]) Object.assign(combined, { title: parts[0].title, lead: parts[0].lead });
    retitle(combined, lang, [into.id, from.id], parts.map((c) => ({ id: c.centralId!, lang, stored: true })));
    deps.store.mergeClusters(from.id, combined, merge.similarity);
    deps.log?.(`merged cluster ${from.id} into ${into.id} (similarity ${merge.similarity.toFixed(3)})`);
    clusters.delete(from.id);
    index.remove(from.id, true);
    clusters.set(into.id, combined);
    index.upsert(combined, stats);
    return into.id;
  }
}

const seqOf = (id: string) => Number(id.slice(1));

/** What ClusterItem answers for an article kept as a copy. */
const copyResult = (c: ListedCopy): ClusterResult => ({
  status: 'done', articleId: c.id, clusterId: c.clusterId, storylines: [], alertJobIds: [],
  duplicateOf: c.duplicateOf, similarity: c.similarity,
});

/** A title candidate: an arriving article (with what a title needs) or a stored one (read when chosen). */
type Contender = { id: string; lang: string; stored: true } | (TitleCandidate & Headline & { stored: false });
type Headline = { title: string; titleEn: string; lang: string; text: string };
