// Storyline back-fill progress, and the queries that re-score stored articles.
import type Database from 'better-sqlite3';
import type { StorylineEvidence, StorylineMemory } from '../pipeline/storylines/match-storylines.js';
import type { Vector } from '../pipeline/types.js';
import { utcDay } from '../pipeline/extract/article-time.js';
import { statementCache } from './statement-cache.js';

export type BackfillState = 'pending' | 'running' | 'done';

/** A storyline's back-fill: stored articles up to `upto` (rowid) re-scored against its current definition. */
export interface Backfill {
  storylineId: string;
  state: BackfillState;
  /** Rowid of the last article it covers: later ones were matched in real time under the new definition. */
  upto: number;
  /** Rowid of the last article re-scored. */
  cursor: number;
  done: number;
  total: number;
  /** Articles that match after re-scoring, matches it made that were not there, and matches it removed. */
  matched: number;
  added: number;
  removed: number;
  requestedAt: string;
  finishedAt: string | null;
}

/** A stored article as re-scoring needs it. */
export interface RescoredArticle {
  rowid: number;
  id: string;
  title: string;
  titleEn: string;
  text: string;
  lang: string;
  url: string | null;
  source: string;
  publishedAt: string | null;
  ingestedAt: string;
  clusterId: string;
  vector: Vector;
}

const COLUMNS = `storyline_id AS storylineId, state, upto, cursor, done, total, matched, added, removed,
  requested_at AS requestedAt, finished_at AS finishedAt`;

/** Back-fill progress per storyline, and the queries the cluster writer re-scores stored articles with. */
export class BackfillStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  /** Asks for a back-fill of every article stored now (a running one starts over); returns it. */
  request(storylineId: string): Backfill {
    const { upto, total } = this.sql(
      'SELECT COALESCE(MAX(rowid), 0) AS upto, COUNT(*) AS total FROM articles',
    ).get() as { upto: number; total: number };
    this.sql(
      `INSERT INTO storyline_backfills(storyline_id, state, upto, cursor, done, total, matched, added, removed, requested_at, finished_at)
        VALUES (?, 'pending', ?, 0, 0, ?, 0, 0, 0, ?, NULL)
        ON CONFLICT(storyline_id) DO UPDATE SET state = 'pending', upto = excluded.upto, cursor = 0, done = 0, total = excluded.total,
          matched = 0, added = 0, removed = 0, requested_at = excluded.requested_at, finished_at = NULL`,
    ).run(storylineId, upto, total, new Date().toISOString());
    return this.get(storylineId)!;
  }

  get(storylineId: string): Backfill | undefined {
    return this.sql(`SELECT ${COLUMNS} FROM storyline_backfills WHERE storyline_id = ?`).get(storylineId) as
      Backfill | undefined;
  }

  /** Every storyline's back-fill, by storyline id. */
  all(): Map<string, Backfill> {
    const rows = this.sql(`SELECT ${COLUMNS} FROM storyline_backfills`).all() as Backfill[];
    return new Map(rows.map((b) => [b.storylineId, b]));
  }

  /** The oldest back-fill not yet done, if any. */
  next(): Backfill | undefined {
    return this.sql(
      `SELECT ${COLUMNS} FROM storyline_backfills WHERE state != 'done' ORDER BY requested_at, rowid LIMIT 1`,
    ).get() as Backfill | undefined;
  }

  /** Whether any back-fill waits or runs. */
  anyUnfinished(): boolean {
    return this.sql("SELECT 1 FROM storyline_backfills WHERE state != 'done' LIMIT 1").get() !== undefined;
  }

  /** Saves progress (in the writer's transaction, with the matches it made). */
  save(b: Backfill): void {
    this.sql(
      `UPDATE storyline_backfills SET state = ?, cursor = ?, done = ?, matched = ?, added = ?, removed = ?, finished_at = ? WHERE storyline_id = ?`,
    ).run(b.state, b.cursor, b.done, b.matched, b.added, b.removed, b.finishedAt, b.storylineId);
  }

  remove(storylineId: string): void {
    this.sql('DELETE FROM storyline_backfills WHERE storyline_id = ?').run(storylineId);
  }

  /** The next stored articles of a back-fill, in rowid order. */
  articlesAfter(b: Backfill, limit: number): RescoredArticle[] {
    const rows = this.sql(
      `SELECT rowid, id, title, title_en AS titleEn, text, lang, url, source, published_at AS publishedAt, ingested_at AS ingestedAt,
        cluster_id AS clusterId, vector FROM articles WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?`,
    ).all(b.cursor, b.upto, limit) as Array<Omit<RescoredArticle, 'vector'> & { vector: string }>;
    return rows.map((r) => ({ ...r, vector: JSON.parse(r.vector) as Vector }));
  }

  /** Whether this article has a stored match with this storyline. */
  hasMatch(storylineId: string, articleId: string): boolean {
    return (
      this.sql('SELECT 1 FROM storyline_matches WHERE storyline_id = ? AND article_id = ?').get(
        storylineId,
        articleId,
      ) !== undefined
    );
  }

  /**
   * Writes a match found by re-scoring: a new one is recorded as the back-fill's (matched now); one that
   * was there keeps its time and origin, and takes the new score and evidence.
   */
  putMatch(storylineId: string, a: RescoredArticle, score: number, evidence: StorylineEvidence): void {
    this.sql(
      `INSERT INTO storyline_matches(storyline_id, article_id, cluster_id, score, evidence, matched_at, lang, day, origin)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'backfill')
        ON CONFLICT(storyline_id, article_id) DO UPDATE SET cluster_id = excluded.cluster_id, score = excluded.score, evidence = excluded.evidence`,
    ).run(
      storylineId,
      a.id,
      a.clusterId,
      score,
      JSON.stringify(evidence),
      new Date().toISOString(),
      a.lang,
      utcDay(a.publishedAt),
    );
  }

  /** Removes a match that no longer holds; returns whether there was one. */
  deleteMatch(storylineId: string, articleId: string): boolean {
    return (
      this.sql('DELETE FROM storyline_matches WHERE storyline_id = ? AND article_id = ?').run(storylineId, articleId)
        .changes > 0
    );
  }

  saveMemory(storylineId: string, memory: StorylineMemory): void {
    this.sql(
      'INSERT INTO storyline_memory(storyline_id, memory) VALUES (?, ?) ON CONFLICT(storyline_id) DO UPDATE SET memory = excluded.memory',
    ).run(storylineId, JSON.stringify(memory));
  }

  /** Forgets what a storyline learned: a back-fill from the start learns it again, in article order. */
  resetMemory(storylineId: string): void {
    this.sql('DELETE FROM storyline_memory WHERE storyline_id = ?').run(storylineId);
  }
}
