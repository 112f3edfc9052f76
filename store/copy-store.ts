// Copies of stored articles: the same content from another outlet, or again under another id.
import type Database from 'better-sqlite3';
import { statementCache } from './statement-cache.js';
import type { StoredArticle } from './sqlite-store.js';

/**
 * A copy of a stored article: the same content (or a near-copy of it) from another outlet, or from the
 * same one again under another id. It is kept with its own fields; its text and vector are the original's.
 */
export interface StoredCopy extends Pick<
  StoredArticle,
  'source' | 'url' | 'title' | 'titleEn' | 'lang' | 'publishedAt' | 'ingestedAt'
> {
  /** The copy's own article id: its input's id, or that id with a suffix when it was taken. */
  id: string;
  /** The id its input gave. */
  inputId: string;
  contentHash: string;
  /** The stored article it copies (never itself a copy). */
  duplicateOf: string;
  /** Similarity to the original: 1 for an exact copy (same content or URL). */
  similarity: number;
}

/** A copy with the cluster its original is in now (merges followed). */
export type ListedCopy = StoredCopy & { clusterId: string };

const COLUMNS = `c.id, c.input_id AS inputId, c.source, c.url, c.title, c.title_en AS titleEn, c.lang,
  c.published_at AS publishedAt, c.content_hash AS contentHash, c.duplicate_of AS duplicateOf, c.similarity,
  c.ingested_at AS ingestedAt, a.cluster_id AS clusterId`;
/** A copy with its original, whose cluster is the copy's. */
const FROM = 'FROM article_copies c JOIN articles a ON a.id = c.duplicate_of';

/** Copies of stored articles (table `article_copies`), written by the cluster writer only. */
export class CopyStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  /** Records a copy of a stored article. */
  add(copy: Omit<StoredCopy, 'ingestedAt'>): void {
    this.sql(
      `INSERT INTO article_copies(id, input_id, source, url, title, title_en, lang, published_at, content_hash, duplicate_of,
         similarity, ingested_at)
       VALUES (@id, @inputId, @source, @url, @title, @titleEn, @lang, @publishedAt, @contentHash, @duplicateOf, @similarity, @now)`,
    ).run({ ...copy, now: new Date().toISOString() });
  }

  /** Copies recorded with this content and input id (whatever their source), oldest first. */
  withContent(contentHash: string, inputId: string): Array<Pick<StoredCopy, 'id' | 'source' | 'duplicateOf'>> {
    const sql =
      'SELECT id, source, duplicate_of AS duplicateOf FROM article_copies WHERE content_hash = ? AND input_id = ? ORDER BY rowid';
    return this.sql(sql).all(contentHash, inputId) as Array<Pick<StoredCopy, 'id' | 'source' | 'duplicateOf'>>;
  }

  /** One copy with its original's cluster, or undefined. */
  get(id: string): ListedCopy | undefined {
    return this.sql(`SELECT ${COLUMNS} ${FROM} WHERE c.id = ?`).get(id) as ListedCopy | undefined;
  }

  /** Every copy in the order they came in, each with its original's current cluster. */
  list(): ListedCopy[] {
    return this.sql(`SELECT ${COLUMNS} ${FROM} ORDER BY c.rowid`).all() as ListedCopy[];
  }

  /** The copies of these stored articles, by original, each list in publication (else arrival) order. */
  of(articleIds: string[]): Map<string, ListedCopy[]> {
    const out = new Map<string, ListedCopy[]>();
    if (!articleIds.length) return out;
    const marks = articleIds.map(() => '?').join(',');
    const rows = this.sql(
      `SELECT ${COLUMNS} ${FROM} WHERE c.duplicate_of IN (${marks}) ORDER BY COALESCE(c.published_at, c.ingested_at), c.rowid`,
    ).all(...articleIds) as ListedCopy[];
    for (const r of rows) out.set(r.duplicateOf, [...(out.get(r.duplicateOf) ?? []), r]);
    return out;
  }

  count(): number {
    return (this.sql('SELECT COUNT(*) AS n FROM article_copies').get() as { n: number }).n;
  }
}
