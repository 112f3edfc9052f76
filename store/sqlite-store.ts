// The SQLite store: articles, clusters, storylines and their matches, behind one class.
import Database from 'better-sqlite3';
import { statementCache } from './statement-cache.js';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ClusterState } from '../pipeline/cluster/assign-cluster.js';
import { leadOf } from '../pipeline/cluster/cluster-title.js';
import { bodyHash } from '../pipeline/prepare-article.js';
import { centroidsJson } from '../pipeline/represent/packed-terms.js';
import type { Placement, TitledCluster } from '../pipeline/place/placement.js';
import type { Delivery } from '../pipeline/alerts/alert-events.js';
import type { StorylineEvidence, StorylineMatch, StorylineMemory } from '../pipeline/storylines/match-storylines.js';
import type { TermStats } from '../pipeline/represent/term-stats.js';
import type { ArticleFields, PreparedArticle, RepresentationMode, Vector } from '../pipeline/types.js';
import type { StorylineConfig } from '../config/schema.js';
import { inputOf } from '../pipeline/extract/article-origin.js';
import { AlertStore } from './alert-store.js';
import { BackfillStore } from './backfill-store.js';
import { CopyStore } from './copy-store.js';
import { Facts } from './facts.js';
import { MIGRATIONS } from './migrations.js';
import { persistPlacement, type PersistedPlacement } from './placement-writes.js';
import { utcDay } from '../pipeline/extract/article-time.js';

/** Where a storyline was defined: the config file, the API or dashboard, or the CLI. */
export type StorylineSource = 'config' | 'api' | 'cli';

/** A stored cluster with what reports show: the title and one-line lead of its most central article. */
export type StoredCluster = TitledCluster;

/** One row of the articles table, as reports read it. */
export interface StoredArticle extends ArticleFields {
  id: string;
  text: string;
  clusterId: string;
  ingestedAt: string;
  storylines: Array<{ id: string; score: number }>;
}

/** What the single writer persists for one article, in one transaction. */
export interface ArticleWrite {
  article: PreparedArticle;
  /** The id the article's input gave, when the article was stored under another (its id was taken). */
  inputId?: string;
  cluster: StoredCluster;
  isNewCluster: boolean;
  matches: StorylineMatch[];
  /** Storyline memories changed by this article's confirmed matches. */
  memories?: Array<{ storylineId: string; memory: StorylineMemory }>;
  /** Alert deliveries the matches cause (the outbox). */
  deliveries?: Delivery[];
}

/** The store's file cannot be opened (a directory in its place, no permission, no space): the message names it. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** The SQLite store (WAL): the source of truth for what has been seen. */
export class SqliteStore {
  readonly db: Database.Database;
  /** Webhook subscriptions and delivery records. */
  readonly alerts: AlertStore;
  /** Copies of stored articles (other outlets', or the same content again under another id). */
  readonly copies: CopyStore;
  /** Back-fills of storylines over the stored articles. */
  readonly backfills: BackfillStore;
  /** What every reader says about a cluster or a storyline. */
  readonly facts: Facts;
  private readonly sql: (sql: string) => Database.Statement;
  /**
   * Inside `writeTransaction`: the terms of each article written so far, counted into `term_df` once, before
   * the commit (a batch's articles share many terms; counting them article by article was a tenth of the
   * writer's work). Undefined outside one: `writeArticle` counts at once.
   */
  private batchTerms: string[][] | undefined;

  constructor(readonly file: string) {
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      this.db = new Database(file);
    } catch (err) {
      throw new StoreOpenError(`cannot open the store ${file}: ${(err as Error).message}`);
    }
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    this.sql = statementCache(this.db);
    this.alerts = new AlertStore(this.db);
    this.copies = new CopyStore(this.db);
    this.backfills = new BackfillStore(this.db);
    this.facts = new Facts(this.db);
  }

  private migrate(): void {
    // Processes that open a new store at once (the daemon, a CLI command) must not both run a migration:
    // the version is read under the write lock (BEGIN IMMEDIATE), so the second sees the first's work.
    // Migrations may derive a cluster's lead from its article's text the way the writer does.
    this.db.function('lead_of', { deterministic: true }, (text, title) =>
      leadOf(String(text ?? ''), String(title ?? '')),
    );
    this.db.function('body_hash_of', { deterministic: true }, (text) => bodyHash(String(text ?? '')) ?? null);
    this.db
      .transaction(() => {
        const current = this.db.pragma('user_version', { simple: true }) as number;
        for (let v = current; v < MIGRATIONS.length; v++) {
          this.db.exec(MIGRATIONS[v]!);
          this.db.pragma(`user_version = ${v + 1}`);
        }
      })
      .immediate();
  }

  /** Bumped on every write; a cached view of the store is stale when this moved. */
  version(): number {
    return Number(this.meta('version') ?? 0);
  }

  meta(key: string): string | undefined {
    return (this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.sql('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      key,
      value,
    );
  }

  /** The id of the stored article with the same content or URL as this one, or that a copy with them copies. */
  findDuplicate(article: Pick<PreparedArticle, 'contentHash' | 'url'>): string | undefined {
    const row = this.sql(
      `SELECT id FROM articles WHERE content_hash = @hash OR (@url IS NOT NULL AND url = @url)
         UNION ALL SELECT duplicate_of FROM article_copies WHERE content_hash = @hash OR (@url IS NOT NULL AND url = @url) LIMIT 1`,
    ).get({ hash: article.contentHash, url: article.url }) as { id: string } | undefined;
    return row?.id;
  }

  /**
   * The first stored article in the same language with the same body as this one (the same report under
   * another headline), and its cluster, if any.
   */
  bodyTwin(
    article: Pick<PreparedArticle, 'bodyHash' | 'text' | 'lang'>,
  ): { id: string; clusterId: string } | undefined {
    const hash = bodyHashOf(article);
    if (hash === undefined) return undefined;
    return this.sql(
      'SELECT id, cluster_id AS clusterId FROM articles WHERE body_hash = ? AND lang = ? ORDER BY rowid LIMIT 1',
    ).get(hash, article.lang) as { id: string; clusterId: string } | undefined;
  }

  /**
   * What this input article became when it was read before, if it was: the stored article or copy with
   * the same input id and content from the same input (the source without a record's line or position).
   */
  storedInput(
    item: Pick<PreparedArticle, 'id' | 'source' | 'contentHash'>,
  ): { id: string; duplicateOf?: string } | undefined {
    const input = inputOf(item.source);
    const article = this.sql('SELECT id, source FROM articles WHERE content_hash = ? AND input_id = ?').get(
      item.contentHash,
      item.id,
    ) as { id: string; source: string } | undefined;
    if (article && inputOf(article.source) === input) return { id: article.id };
    const copy = this.copies.withContent(item.contentHash, item.id).find((c) => inputOf(c.source) === input);
    return copy && { id: copy.id, duplicateOf: copy.duplicateOf };
  }

  /** Ids of a cluster's articles in one language, for near-duplicate checks. */
  memberIds(clusterId: string, lang: string): string[] {
    return (
      this.sql('SELECT id FROM articles WHERE cluster_id = ? AND lang = ?').all(clusterId, lang) as Array<{
        id: string;
      }>
    ).map((r) => r.id);
  }

  /** What a cluster shows of a stored article when it is titled by it. */
  headline(id: string): { title: string; titleEn: string; lang: string; text: string } | undefined {
    return this.sql('SELECT title, title_en AS titleEn, lang, text FROM articles WHERE id = ?').get(id) as
      { title: string; titleEn: string; lang: string; text: string } | undefined;
  }

  /** A stored article's vector. */
  articleVector(id: string): Vector | undefined {
    const row = this.sql('SELECT vector FROM articles WHERE id = ?').get(id) as { vector: string } | undefined;
    return row && (JSON.parse(row.vector) as Vector);
  }

  /** Whether an article or a copy has this id. */
  idTaken(id: string): boolean {
    const sql = 'SELECT 1 FROM articles WHERE id = @id UNION ALL SELECT 1 FROM article_copies WHERE id = @id';
    return this.sql(sql).get({ id }) !== undefined;
  }

  /**
   * An article id for an input article that is free: its own id, else that id with six characters of its
   * content hash, else (the same content again under that id) with six of a digest of its source too.
   */
  freeId(item: Pick<PreparedArticle, 'id' | 'source' | 'contentHash'>): string {
    if (!this.idTaken(item.id)) return item.id;
    const byContent = `${item.id}-${item.contentHash.slice(0, 6)}`;
    if (!this.idTaken(byContent)) return byContent;
    for (let n = 0; ; n++) {
      const digest = createHash('sha256').update(`${item.source}\u0000${item.contentHash}\u0000${n}`).digest('hex');
      if (!this.idTaken(`${item.id}-${digest.slice(0, 6)}`)) return `${item.id}-${digest.slice(0, 6)}`;
    }
  }

  /** The representation mode the stored vectors were made in, if any article is stored. */
  mode(): RepresentationMode | undefined {
    return this.meta('mode') as RepresentationMode | undefined;
  }

  loadTermStats(): TermStats {
    const df = new Map<string, number>();
    for (const row of this.sql('SELECT term, df FROM term_df').iterate() as Iterable<{ term: string; df: number }>)
      df.set(row.term, row.df);
    return { docs: Number(this.meta('docs') ?? 0), df };
  }

  /** The latest article date of any cluster (ms), if any is dated. */
  newestClusterTime(): number | undefined {
    const row = this.sql('SELECT MAX(last_seen) AS t FROM clusters').get() as { t: number | null };
    return row.t ?? undefined;
  }

  /**
   * Clusters whose newest article is dated in [sinceMs, untilMs), in creation order, plus those without a
   * date when the span is open-ended (read through the index on last_seen).
   */
  loadActiveClusters(sinceMs: number, untilMs = Number.POSITIVE_INFINITY): StoredCluster[] {
    const columns =
      'id, title, lead, central_id, central_lang, central_checked, created_at, first_seen, last_seen, centroids';
    const rows = (
      untilMs === Number.POSITIVE_INFINITY
        ? this.sql(`SELECT ${columns} FROM clusters WHERE last_seen IS NULL OR last_seen >= ? ORDER BY seq`).all(
            sinceMs,
          )
        : this.sql(`SELECT ${columns} FROM clusters WHERE last_seen >= ? AND last_seen < ? ORDER BY seq`).all(
            sinceMs,
            untilMs,
          )
    ) as Array<{
      id: string;
      title: string;
      lead: string;
      central_id: string | null;
      central_lang: string | null;
      central_checked: number;
      created_at: string;
      first_seen: number | null;
      last_seen: number | null;
      centroids: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      lead: r.lead,
      centralId: r.central_id,
      centralLang: r.central_lang,
      centralChecked: r.central_checked,
      createdAt: r.created_at,
      firstSeen: r.first_seen,
      lastSeen: r.last_seen,
      centroids: JSON.parse(r.centroids) as ClusterState['centroids'],
    }));
  }

  nextClusterId(): string {
    // A merged-away cluster's id is never given again: alerts and merge records name it.
    const row = this.sql('SELECT COALESCE(MAX(seq), 0) AS n FROM clusters').get() as { n: number };
    return `c${Math.max(row.n, Number(this.meta('lastMergedSeq') ?? 0)) + 1}`;
  }

  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE: the store's write lock makes writers in several
   * processes take turns); commits when it returns, rolls back when it throws. Writes inside are savepoints.
   */
  writeTransaction<T>(fn: () => T): T {
    if (this.batchTerms) return this.db.transaction(fn)();
    return this.db
      .transaction(() => {
        this.batchTerms = [];
        try {
          const result = fn();
          this.countTerms(this.batchTerms.flat());
          return result;
        } finally {
          this.batchTerms = undefined;
        }
      })
      .immediate();
  }

  /**
   * Runs `fn` in a transaction of its own (a savepoint inside an open one): when it throws, its writes roll
   * back, and so do the term counts it left for the end of the write transaction.
   */
  savepoint<T>(fn: () => T): T {
    const mark = this.batchTerms?.length;
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      if (mark !== undefined) this.batchTerms?.splice(mark);
      throw err;
    }
  }

  /** Adds one to the document frequency of each term (one entry per document it occurs in). */
  private countTerms(terms: string[]): void {
    if (!terms.length) return;
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    // `WHERE true` lets SQLite read the upsert.
    this.sql(
      `INSERT INTO term_df(term, df) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
         ON CONFLICT(term) DO UPDATE SET df = df + excluded.df`,
    ).run(JSON.stringify([...counts]));
  }

  /** Persists what placing one article decided (pipeline/place), in its own transaction; returns the outcome. */
  persistPlacement(placement: Placement): PersistedPlacement {
    return persistPlacement(this, placement);
  }

  /** Stores an article, its cluster and its storyline matches, and counts its terms, atomically. */
  writeArticle(write: ArticleWrite): void {
    const { article, cluster, matches } = write;
    this.db.transaction(() => {
      const now = new Date().toISOString();
      const centroids = centroidsJson(cluster.centroids);
      const vector = JSON.stringify(article.vector);
      if (write.isNewCluster) {
        this.sql(
          'INSERT INTO clusters(id, seq, title, created_at, first_seen, last_seen, centroids) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(
          cluster.id,
          Number(cluster.id.slice(1)),
          cluster.title,
          now,
          cluster.firstSeen,
          cluster.lastSeen,
          centroids,
        );
      }
      this.updateCluster(cluster, centroids);
      this.sql(
        `INSERT INTO articles(id, input_id, content_hash, body_hash, url, source, title, title_en, lang, lang_confidence, published_at, text, cluster_id, vector, mode, ingested_at)
           VALUES (@id, @inputId, @contentHash, @bodyHash, @url, @source, @title, @titleEn, @lang, @langConfidence, @publishedAt, @text, @clusterId, @vector, @mode, @now)`,
      ).run({
        ...article,
        inputId: write.inputId ?? article.id,
        bodyHash: bodyHashOf(article) ?? null,
        clusterId: cluster.id,
        vector,
        now,
      });
      this.addDeliveries(write.deliveries ?? [], now);
      const saveMemory = this.sql(
        'INSERT INTO storyline_memory(storyline_id, memory) VALUES (?, ?) ON CONFLICT(storyline_id) DO UPDATE SET memory = excluded.memory',
      );
      for (const m of write.memories ?? []) saveMemory.run(m.storylineId, JSON.stringify(m.memory));
      // The article's language and UTC day of publication (none when undated) ride along with each match, so timelines need no join.
      const insertMatch = this.sql(
        'INSERT INTO storyline_matches(storyline_id, article_id, cluster_id, score, evidence, matched_at, lang, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const day = utcDay(article.publishedAt);
      for (const m of matches)
        insertMatch.run(m.id, article.id, cluster.id, m.score, JSON.stringify(m.evidence), now, article.lang, day);
      // Its terms are counted with the other articles of the write transaction, if one is open, else now.
      if (article.vector.kind === 'sparse') {
        const terms = Object.keys(article.vector.terms);
        if (this.batchTerms) this.batchTerms.push(terms);
        else this.countTerms(terms);
      }
      this.setMeta('docs', String(Number(this.meta('docs') ?? 0) + 1));
      this.setMeta('mode', article.mode);
      this.setMeta('version', String(this.version() + 1));
    })();
  }

  private updateCluster(c: StoredCluster, centroids: string): void {
    this.sql(
      `UPDATE clusters SET title = @title, lead = @lead, central_id = @centralId, central_lang = @centralLang,
        central_checked = @centralChecked, first_seen = @firstSeen, last_seen = @lastSeen, centroids = @centroids WHERE id = @id`,
    ).run({ ...c, centroids });
  }

  /** Adds deliveries to the outbox; one already there (same event and endpoint) is not added again. */
  addDeliveries(deliveries: Delivery[], now = new Date().toISOString()): void {
    // Events held for a digest are not enqueued on their own: the digest cut sends them.
    const outbox = this.sql(
      'INSERT OR IGNORE INTO deliveries(id, event_id, endpoint, type, body, created_at, status, enqueued) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const d of deliveries)
      outbox.run(d.id, d.eventId, d.endpoint, d.type, d.body, now, d.held ? 'held' : 'pending', d.held ? 1 : 0);
  }

  /**
   * Merges cluster `fromId` into `into` (whose combined centroids and span are given): its articles and
   * storyline matches move, the cluster row goes, and the merge is recorded.
   */
  mergeClusters(fromId: string, into: StoredCluster, similarity: number): void {
    this.db.transaction(() => {
      this.sql('UPDATE articles SET cluster_id = ? WHERE cluster_id = ?').run(into.id, fromId);
      this.sql('UPDATE storyline_matches SET cluster_id = ? WHERE cluster_id = ?').run(into.id, fromId);
      this.sql('UPDATE cluster_merges SET into_id = ? WHERE into_id = ?').run(into.id, fromId);
      this.sql('INSERT INTO cluster_merges(from_id, into_id, similarity, merged_at) VALUES (?, ?, ?, ?)').run(
        fromId,
        into.id,
        similarity,
        new Date().toISOString(),
      );
      this.updateCluster(into, centroidsJson(into.centroids));
      const merged = this.sql('SELECT seq FROM clusters WHERE id = ?').get(fromId) as { seq: number } | undefined;
      if (merged && merged.seq > Number(this.meta('lastMergedSeq') ?? 0))
        this.setMeta('lastMergedSeq', String(merged.seq));
      this.sql('DELETE FROM clusters WHERE id = ?').run(fromId);
      this.setMeta('version', String(this.version() + 1));
    })();
  }

  /**
   * Makes the config's storylines the stored ones of source 'config': new ones are added, changed ones
   * updated, and config storylines no longer in the file removed. Storylines created through the API stay.
   */
  syncConfigStorylines(defs: StorylineConfig[]): void {
    this.db.transaction(() => {
      const stored = new Map(this.listStorylines().map((s) => [s.definition.id, s]));
      for (const def of defs) {
        const current = stored.get(def.id);
        if (current && current.source === 'config' && JSON.stringify(current.definition) === JSON.stringify(def))
          continue;
        if (current && current.source !== 'config') continue;
        this.putStoryline(def, 'config');
      }
      const ids = new Set(defs.map((d) => d.id));
      for (const s of stored.values())
        if (s.source === 'config' && !ids.has(s.definition.id)) this.deleteStoryline(s.definition.id);
    })();
  }

  /**
   * Creates or replaces a storyline and asks for its back-fill over the articles stored so far (the cluster
   * writer runs it); bumps the storyline version so the writer reloads them.
   */
  putStoryline(def: StorylineConfig, source: StorylineSource): void {
    this.db.transaction(() => {
      this.sql(
        'INSERT INTO storylines(id, definition, source, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, source = excluded.source, updated_at = excluded.updated_at',
      ).run(def.id, JSON.stringify(def), source, new Date().toISOString());
      this.backfills.request(def.id);
      this.bumpStorylines();
    })();
  }

  /** Asks for back-fills of these storylines (re-scoring what is stored against the current definitions). */
  requestRescore(ids: string[]): void {
    this.db.transaction(() => {
      for (const id of ids) this.backfills.request(id);
    })();
  }

  /** Removes a storyline, what it learned and its back-fill; its past matches stay on record. Returns false if unknown. */
  deleteStoryline(id: string): boolean {
    const removed = this.sql('DELETE FROM storylines WHERE id = ?').run(id).changes > 0;
    this.sql('DELETE FROM storyline_memory WHERE storyline_id = ?').run(id);
    this.backfills.remove(id);
    if (removed) this.bumpStorylines();
    return removed;
  }

  /** One stored storyline, or undefined. */
  storyline(id: string): ReturnType<SqliteStore['listStorylines']>[number] | undefined {
    const r = this.sql('SELECT definition, source, updated_at FROM storylines WHERE id = ?').get(id) as
      { definition: string; source: StorylineSource; updated_at: string } | undefined;
    return r && { definition: JSON.parse(r.definition) as StorylineConfig, source: r.source, updatedAt: r.updated_at };
  }

  listStorylines(): Array<{ definition: StorylineConfig; source: StorylineSource; updatedAt: string }> {
    const rows = this.sql('SELECT definition, source, updated_at FROM storylines ORDER BY rowid').all() as Array<{
      definition: string;
      source: StorylineSource;
      updated_at: string;
    }>;
    return rows.map((r) => ({
      definition: JSON.parse(r.definition) as StorylineConfig,
      source: r.source,
      updatedAt: r.updated_at,
    }));
  }

  /** Changes whenever a storyline is created, changed or removed. */
  storylinesVersion(): number {
    return Number(this.meta('storylines_version') ?? 0);
  }

  private bumpStorylines(): void {
    this.setMeta('storylines_version', String(this.storylinesVersion() + 1));
  }

  /** What each storyline learned so far, by storyline id. */
  loadStorylineMemories(): Map<string, StorylineMemory> {
    const rows = this.sql('SELECT storyline_id, memory FROM storyline_memory').all() as Array<{
      storyline_id: string;
      memory: string;
    }>;
    return new Map(rows.map((r) => [r.storyline_id, JSON.parse(r.memory) as StorylineMemory]));
  }

  /** Evidence kept with each storyline match of an article. */
  matchEvidence(articleId: string): Array<{ storylineId: string; score: number; evidence: StorylineEvidence }> {
    const rows = this.sql(
      'SELECT storyline_id, score, evidence FROM storyline_matches WHERE article_id = ? ORDER BY score DESC',
    ).all(articleId) as Array<{ storyline_id: string; score: number; evidence: string }>;
    return rows.map((r) => ({
      storylineId: r.storyline_id,
      score: r.score,
      evidence: JSON.parse(r.evidence) as StorylineEvidence,
    }));
  }

  /** Deliveries not yet handed to the alert queue (after a crash between commit and enqueue, too). */
  pendingDeliveries(): Delivery[] {
    return this.sql(
      'SELECT id, event_id AS eventId, endpoint, type, body FROM deliveries WHERE enqueued = 0 ORDER BY rowid',
    ).all() as Delivery[];
  }

  markEnqueued(ids: string[]): void {
    const mark = this.sql('UPDATE deliveries SET enqueued = 1 WHERE id = ?');
    this.db.transaction(() => ids.forEach((id) => mark.run(id)))();
  }

  /** Recorded merges, oldest first. */
  listMerges(): Array<{ fromId: string; intoId: string; similarity: number; mergedAt: string }> {
    return this.sql(
      'SELECT from_id AS fromId, into_id AS intoId, similarity, merged_at AS mergedAt FROM cluster_merges ORDER BY rowid',
    ).all() as Array<{ fromId: string; intoId: string; similarity: number; mergedAt: string }>;
  }

  /** An article's cluster and matched storylines (undefined if not stored). */
  articleSummary(id: string): { clusterId: string; storylines: string[] } | undefined {
    const row = this.sql('SELECT cluster_id FROM articles WHERE id = ?').get(id) as { cluster_id: string } | undefined;
    if (!row) return undefined;
    const storylines = (
      this.sql('SELECT storyline_id FROM storyline_matches WHERE article_id = ?').all(id) as Array<{
        storyline_id: string;
      }>
    ).map((r) => r.storyline_id);
    return { clusterId: row.cluster_id, storylines };
  }

  /** Stored articles, copies not included (see `copies.count()`). */
  articleCount(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
  }

  /** Every stored article in ingest order, with its storyline scores. */
  listArticles(): StoredArticle[] {
    const matches = new Map<string, Array<{ id: string; score: number }>>();
    for (const m of this.sql(
      'SELECT storyline_id, article_id, score FROM storyline_matches ORDER BY score DESC',
    ).all() as Array<{ storyline_id: string; article_id: string; score: number }>) {
      const list = matches.get(m.article_id) ?? [];
      list.push({ id: m.storyline_id, score: m.score });
      matches.set(m.article_id, list);
    }
    const rows = this.sql(
      'SELECT id, source, url, title, title_en, lang, published_at, text, cluster_id, ingested_at FROM articles ORDER BY rowid',
    ).all() as Array<Record<string, string | null>>;
    return rows.map((r) => ({
      id: r.id!,
      source: r.source!,
      url: r.url ?? null,
      title: r.title!,
      titleEn: r.title_en!,
      lang: r.lang!,
      publishedAt: r.published_at ?? null,
      text: r.text!,
      clusterId: r.cluster_id!,
      ingestedAt: r.ingested_at!,
      storylines: matches.get(r.id!) ?? [],
    }));
  }

  /** Every cluster in creation order. */
  listClusters(): StoredCluster[] {
    return this.loadActiveClusters(Number.NEGATIVE_INFINITY);
  }

  close(): void {
    this.db.close();
  }
}

/** An article's body hash: the one it carries (made by the ingest worker), else worked out from its text. */
const bodyHashOf = (article: Pick<PreparedArticle, 'bodyHash' | 'text'>) => article.bodyHash ?? bodyHash(article.text);
