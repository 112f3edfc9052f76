// Read-only, paged queries behind the dashboard and the JSON API: lists, storylines, search, live matches.
import type Database from 'better-sqlite3';
import type { Lexicon } from '../pipeline/represent/lexicon.js';
import {
  expandQuery,
  ftsExpression,
  matchedTerms,
  type MatchedTerm,
  type SearchTerm,
  type SearchVariant,
} from '../pipeline/search-terms.js';
import { CopyStore } from './copy-store.js';
import { Facts, type ClusterFacts, type StorylineFacts } from './facts.js';
import { statementCache } from './statement-cache.js';

/** An article as pages and the API list it. */
export interface ArticleRow {
  id: string;
  title: string;
  titleEn: string;
  lang: string;
  source: string;
  url: string | null;
  publishedAt: string | null;
  ingestedAt: string;
  clusterId: string;
  /** Copies of this article kept from other outlets (or under other ids). */
  copyCount: number;
  /** Storyline score, in a storyline's context. */
  score?: number;
}

/** A copy of a stored article, as a cluster lists it under the article it copies. */
export interface CopyRow {
  id: string;
  title: string;
  lang: string;
  source: string;
  url: string | null;
  publishedAt: string | null;
  ingestedAt: string;
  duplicateOf: string;
  similarity: number;
}

/** A cluster as lists show it: what the store says of it (`store/facts.ts`). */
export type ClusterRow = ClusterFacts;

/** A tracked storyline as the overview lists it: its facts and its matches per day. */
export interface StorylineSummary extends StorylineFacts {
  id: string;
  name: string;
  /** Matches per UTC day of publication over the `days` days to its latest dated match, oldest first. */
  perDay: number[];
  /** The UTC days `perDay` covers; null when no match is dated. */
  perDaySpan: { first: string; last: string } | null;
}

/** A new storyline match, as live updates push it. */
export interface LiveMatch extends ArticleRow {
  rowid: number;
  storylineId: string;
  score: number;
  matchedAt: string;
  clusterTitle: string | null;
}

export interface Filters {
  storyline?: string;
  lang?: string;
  /** ISO date or time: articles published (else ingested) at or after it. */
  since?: string;
  /** ISO date or time: articles published (else ingested) before it. */
  until?: string;
  limit?: number;
  offset?: number;
}

/** How a search matches and orders. */
export interface SearchOptions {
  /** Only the words as typed, in their own language. @defaultValue false */
  exact?: boolean;
  /** `time`: published (else arrived), newest first; `relevance`: best match (BM25) first. @defaultValue 'time' */
  sort?: 'time' | 'relevance';
}

/** A search hit: the article, a snippet, and the translations through which it matched. */
export type SearchHit = ArticleRow & { snippet: string; matched: MatchedTerm[] };

export interface Page<T> {
  items: T[];
  total: number;
  /** The total was not counted past this many (search): there are at least `total`. */
  capped?: boolean;
  limit: number;
  offset: number;
}

const ARTICLE_COLUMNS = `a.id, a.title, a.title_en AS titleEn, a.lang, a.source, a.url, a.published_at AS publishedAt,
  a.ingested_at AS ingestedAt, a.cluster_id AS clusterId,
  (SELECT COUNT(*) FROM article_copies k WHERE k.duplicate_of = a.id) AS copyCount`;
const MATCH_COLUMNS = `m.rowid AS rowid, m.storyline_id AS storylineId, m.score AS score, m.matched_at AS matchedAt,
  (SELECT title FROM clusters c WHERE c.id = a.cluster_id) AS clusterTitle, ${ARTICLE_COLUMNS}`;
/** When an article happened, as far as we know: its stated date, else when it came in. */
const WHEN = 'COALESCE(a.published_at, a.ingested_at)';
const DAY = 86_400_000;
const SEARCH_COUNT_CAP = 1000;

export const clampLimit = (n: number | undefined, max = 200, fallback = 20) =>
  Math.min(max, Math.max(1, Math.floor(n ?? fallback) || fallback));

/** Read-only queries behind the dashboard and the JSON API; every list is paged and uses an index. */
export class DashboardQueries {
  private readonly sql: (sql: string) => Database.Statement;
  private readonly copies: CopyStore;
  private readonly facts: Facts;

  /** `lexicon`: the bilingual lexicon search translates queries with (names alone without it). */
  constructor(
    db: Database.Database,
    private readonly lexicon: Lexicon | null = null,
  ) {
    this.sql = statementCache(db);
    this.copies = new CopyStore(db);
    this.facts = new Facts(db);
  }

  /**
   * Tracked storylines with counts, last match and matches per day of publication over the `days` days up to
   * their latest dated match (news of 2020 draws 2020, not the days it was ingested).
   */
  storylineSummaries(days = 30): StorylineSummary[] {
    const defs = this.sql('SELECT id, definition FROM storylines ORDER BY rowid').all() as Array<{
      id: string;
      definition: string;
    }>;
    const perDay = this.sql(`SELECT day, COUNT(*) AS n FROM storyline_matches
      WHERE storyline_id = ? AND day >= ? AND day <= ? GROUP BY day`);
    const facts = this.facts.storylines(defs.map((d) => d.id));
    return defs.map((d) => {
      const s = facts.get(d.id)!;
      const last = s.lastDay;
      const end = last ? Date.parse(`${last}T00:00:00Z`) : 0;
      const dayAt = (i: number) => new Date(end - (days - 1 - i) * DAY).toISOString().slice(0, 10);
      const rows = last ? (perDay.all(d.id, dayAt(0), last) as Array<{ day: string; n: number }>) : [];
      const counts = new Map(rows.map((r) => [r.day, r.n]));
      return {
        id: d.id,
        name: (JSON.parse(d.definition) as { name: string }).name,
        ...s,
        perDay: last ? Array.from({ length: days }, (_, i) => counts.get(dayAt(i)) ?? 0) : [],
        perDaySpan: last ? { first: dayAt(0), last } : null,
      };
    });
  }

  /** Matches of a storyline per UTC day of publication and language; undated matches are not placed on a day. */
  timeline(storylineId: string): Array<{ day: string; lang: string; count: number }> {
    return this.sql(
      `SELECT day, lang, COUNT(*) AS count FROM storyline_matches
        WHERE storyline_id = ? AND day IS NOT NULL GROUP BY day, lang ORDER BY day`,
    ).all(storylineId) as Array<{ day: string; lang: string; count: number }>;
  }

  /** Clusters holding matches of a storyline, latest match first, with their articles (matched ones first). */
  storylineClusters(
    storylineId: string,
    f: Filters = {},
    articlesPerCluster = 8,
  ): Page<ClusterRow & { matched: number; lastMatchAt: string; articles: ArticleRow[] }> {
    const limit = clampLimit(f.limit, 100);
    const offset = Math.max(0, f.offset ?? 0);
    const { sql: where, params } = articleFilters({ ...f, storyline: undefined });
    // Without article filters the matches table answers alone (from its covering index).
    const base = where
      ? `FROM storyline_matches m JOIN articles a ON a.id = m.article_id WHERE m.storyline_id = ? ${where}`
      : 'FROM storyline_matches m WHERE m.storyline_id = ?';
    const total = (
      this.sql(`SELECT COUNT(DISTINCT m.cluster_id) AS n ${base}`).get(storylineId, ...params) as { n: number }
    ).n;
    const rows = this.sql(
      `SELECT m.cluster_id AS id, COUNT(*) AS matched, MAX(m.matched_at) AS lastMatchAt ${base} GROUP BY m.cluster_id ORDER BY lastMatchAt DESC, id LIMIT ? OFFSET ?`,
    ).all(storylineId, ...params, limit, offset) as Array<{ id: string; matched: number; lastMatchAt: string }>;
    const clusters = this.clusterRows(rows.map((r) => r.id));
    const scores = this.sql('SELECT score FROM storyline_matches WHERE storyline_id = ? AND article_id = ?');
    const items = rows.flatMap((r) => {
      const c = clusters.get(r.id);
      if (!c) return [];
      const articles = this.clusterArticles(r.id, articlesPerCluster, storylineId).map((a) => {
        const s = scores.get(storylineId, a.id) as { score: number } | undefined;
        return s ? { ...a, score: s.score } : a;
      });
      return [{ ...c, matched: r.matched, lastMatchAt: r.lastMatchAt, articles }];
    });
    return { items, total, limit, offset };
  }

  /**
   * The languages in the store (articles and copies), for language filters; 'und' last, it is not a language
   * to choose first. A skip scan of cluster_items_lang: one index seek per language, not a pass over every row
   * (an index on articles(lang) would lead the planner astray on the language filters of other lists).
   */
  languagesPresent(): string[] {
    const langs = (
      this.sql(
        `WITH RECURSIVE l(lang) AS (SELECT MIN(lang) FROM cluster_items
      UNION ALL SELECT (SELECT MIN(lang) FROM cluster_items WHERE lang > l.lang) FROM l WHERE l.lang IS NOT NULL)
      SELECT lang FROM l WHERE lang IS NOT NULL`,
      ).all() as Array<{ lang: string }>
    ).map((r) => r.lang);
    return [...langs.filter((l) => l !== 'und'), ...langs.filter((l) => l === 'und')];
  }

  /**
   * One cluster (a merged-away id resolves to the cluster it went into) with its stored articles, each with
   * its copies, and its storylines.
   */
  cluster(id: string):
    | {
        cluster: ClusterRow;
        articles: Array<ArticleRow & { copies: CopyRow[] }>;
        storylines: Array<{ id: string; name: string; matched: number }>;
        mergedFrom: string[];
      }
    | undefined {
    let current = id;
    for (let hops = 0; hops < 100; hops++) {
      const merged = this.sql('SELECT into_id FROM cluster_merges WHERE from_id = ?').get(current) as
        { into_id: string } | undefined;
      if (!merged) break;
      current = merged.into_id;
    }
    const cluster = this.clusterRows([current]).get(current);
    if (!cluster) return undefined;
    const storylines = this.sql(
      'SELECT m.storyline_id AS id, s.definition AS definition, COUNT(*) AS matched FROM storyline_matches m LEFT JOIN storylines s ON s.id = m.storyline_id WHERE m.cluster_id = ? GROUP BY m.storyline_id',
    ).all(current) as Array<{ id: string; definition: string | null; matched: number }>;
    const mergedFrom = (
      this.sql('SELECT from_id FROM cluster_merges WHERE into_id = ?').all(current) as Array<{ from_id: string }>
    ).map((r) => r.from_id);
    const articles = this.clusterArticles(current, 500);
    const copies = this.copies.of(articles.map((a) => a.id));
    return {
      cluster,
      articles: articles.map((a) => ({ ...a, copies: (copies.get(a.id) ?? []).map(copyRow) })),
      storylines: storylines.map((s) => ({
        id: s.id,
        name: s.definition ? (JSON.parse(s.definition) as { name: string }).name : s.id,
        matched: s.matched,
      })),
      mergedFrom,
    };
  }

  /** Articles, newest first, filtered by storyline, language and time. */
  articles(f: Filters = {}): Page<ArticleRow> {
    const limit = clampLimit(f.limit);
    const offset = Math.max(0, f.offset ?? 0);
    const { sql, params, join, joinParams } = articleFilters(f);
    const total = (
      this.sql(`SELECT COUNT(*) AS n FROM articles a ${join} WHERE 1 ${sql}`).get(...joinParams, ...params) as {
        n: number;
      }
    ).n;
    const items = this.sql(
      `SELECT ${ARTICLE_COLUMNS}${join ? ', m.score AS score' : ''} FROM articles a ${join} WHERE 1 ${sql} ORDER BY ${WHEN} DESC, a.rowid DESC LIMIT ? OFFSET ?`,
    ).all(...joinParams, ...params, limit, offset) as ArticleRow[];
    return { items, total, limit, offset };
  }

  /**
   * Full-text search over titles, English titles and texts (any script). Each word (or known phrase) is
   * required, as typed or — unless `exact` — in a translation (`pipeline/search-terms.ts`); newest first or
   * by relevance; counted up to 1,000.
   * `snippet` marks hits with \u0002…\u0003 for the page to highlight after escaping; `terms` are the query's
   * terms with the translations searched.
   */
  search(query: string, f: Filters = {}, o: SearchOptions = {}): Page<SearchHit> & { terms: SearchTerm[] } {
    const limit = clampLimit(f.limit);
    const offset = Math.max(0, f.offset ?? 0);
    const terms = expandQuery(query, this.lexicon, { known: (v) => this.indexed(v) });
    const match = terms.length ? ftsExpression(terms, o.exact) : '';
    const shown = o.exact ? terms.map((t) => ({ ...t, variants: [] })) : terms;
    if (!match) return { items: [], total: 0, limit, offset, terms: shown };
    const { sql, params, join, joinParams } = articleFilters(f);
    const from = `FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid ${join} WHERE articles_fts MATCH ? ${sql}`;
    const counted = (
      this.sql(`SELECT COUNT(*) AS n FROM (SELECT 1 ${from} LIMIT ${SEARCH_COUNT_CAP + 1})`).get(
        ...joinParams,
        match,
        ...params,
      ) as { n: number }
    ).n;
    // Up to the count's cap the hits are few enough to sort; past it, the time index is walked newest first
    // until a page of hits has come. Relevance scores every hit (BM25, title words weighing most).
    const all = [...joinParams, match, ...params, limit, offset];
    let page: { sql: string; params: unknown[] };
    const sorted = (by: string) => ({
      sql: `SELECT a.rowid AS rowid ${from} ORDER BY ${by}, a.rowid DESC LIMIT ? OFFSET ?`,
      params: all,
    });
    if (o.sort === 'relevance') page = sorted('bm25(articles_fts, 3, 2, 1)');
    else if (counted <= SEARCH_COUNT_CAP) page = sorted(`${WHEN} DESC`);
    else {
      page = {
        sql: `SELECT a.rowid AS rowid FROM articles a INDEXED BY articles_time ${join} WHERE a.rowid IN
          (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) ${sql} ORDER BY ${WHEN} DESC, a.rowid DESC LIMIT ? OFFSET ?`,
        params: all,
      };
    }
    const rowids = (this.sql(page.sql).all(...page.params) as Array<{ rowid: number }>).map((r) => r.rowid);
    const marks = rowids.map(() => '?').join(',');
    const rows = rowids.length
      ? (this.sql(
          `SELECT a.rowid AS rowid, ${ARTICLE_COLUMNS}, a.text AS text,
        snippet(articles_fts, 2, char(2), char(3), '…', 16) AS snippet FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
        WHERE articles_fts MATCH ? AND articles_fts.rowid IN (${marks})`,
        ).all(match, ...rowids) as Array<ArticleRow & { rowid: number; text: string; snippet: string }>)
      : [];
    const byRowid = new Map(rows.map((r) => [r.rowid, r]));
    const items = rowids.flatMap((id) => {
      const r = byRowid.get(id);
      if (!r) return [];
      const { rowid: _rowid, text, ...article } = r;
      return [{ ...article, matched: o.exact ? [] : matchedTerms(terms, `${r.title}\n${r.titleEn}\n${text}`) }];
    });
    const capped = counted > SEARCH_COUNT_CAP ? { capped: true } : {};
    return { items, total: Math.min(counted, SEARCH_COUNT_CAP), limit, offset, ...capped, terms: shown };
  }

  /** Whether the index holds a search variant: every word of one of its forms. */
  private indexed(v: SearchVariant): boolean {
    const word = this.sql('SELECT 1 FROM articles_fts_terms WHERE term = ?');
    return v.forms.some((form) => form.split(' ').every((w) => word.get(w) !== undefined));
  }

  /** The latest `limit` storyline matches stored (of one storyline, if given), newest first. */
  latestMatches(limit = 20, storylineId?: string): LiveMatch[] {
    if (!storylineId) {
      return this.sql(
        `SELECT ${MATCH_COLUMNS} FROM storyline_matches m JOIN articles a ON a.id = m.article_id
          ORDER BY m.rowid DESC LIMIT ?`,
      ).all(limit) as LiveMatch[];
    }
    // The (storyline, matched_at) index gives the latest few without sorting all the storyline's matches.
    return this.sql(
      `SELECT ${MATCH_COLUMNS} FROM storyline_matches m JOIN articles a ON a.id = m.article_id
        WHERE m.rowid IN (SELECT rowid FROM storyline_matches WHERE storyline_id = ? ORDER BY matched_at DESC, rowid DESC LIMIT ?)
        ORDER BY m.matched_at DESC, m.rowid DESC`,
    ).all(storylineId, limit) as LiveMatch[];
  }

  /** Store-wide counts for the header and /metrics: stored articles, their copies, clusters, matches. */
  counts(): { articles: number; copies: number; clusters: number; matches: number } {
    return this.sql(
      `SELECT (SELECT COUNT(*) FROM articles) AS articles, (SELECT COUNT(*) FROM article_copies) AS copies,
      (SELECT COUNT(*) FROM clusters) AS clusters, (SELECT COUNT(*) FROM storyline_matches) AS matches`,
    ).get() as { articles: number; copies: number; clusters: number; matches: number };
  }

  /** Storyline matches stored after `rowid`, oldest first (what live updates push). */
  matchesSince(rowid: number, limit = 100): LiveMatch[] {
    return this.sql(
      `SELECT ${MATCH_COLUMNS} FROM storyline_matches m JOIN articles a ON a.id = m.article_id WHERE m.rowid > ? ORDER BY m.rowid LIMIT ?`,
    ).all(rowid, limit) as LiveMatch[];
  }

  lastMatchRowid(): number {
    return (this.sql('SELECT COALESCE(MAX(rowid), 0) AS n FROM storyline_matches').get() as { n: number }).n;
  }

  /** Clusters by id as lists show them (languages, sizes and outlets over all their articles and copies). */
  clusterRows(ids: string[]): Map<string, ClusterRow> {
    return this.facts.clusters(ids);
  }

  /** A cluster's articles in time order, undated ones last; in a storyline's context its matched articles come first. */
  private clusterArticles(clusterId: string, limit: number, storylineId?: string): ArticleRow[] {
    const byTime = `a.published_at IS NULL, ${WHEN}`;
    const order = storylineId
      ? `(SELECT COUNT(*) FROM storyline_matches m WHERE m.article_id = a.id AND m.storyline_id = ?) DESC, ${byTime}`
      : byTime;
    const params: unknown[] = storylineId ? [clusterId, storylineId, limit] : [clusterId, limit];
    return this.sql(
      `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.cluster_id = ? ORDER BY ${order}, a.rowid LIMIT ?`,
    ).all(...params) as ArticleRow[];
  }
}

const copyRow = (c: CopyRow): CopyRow => ({
  id: c.id,
  title: c.title,
  lang: c.lang,
  source: c.source,
  url: c.url,
  publishedAt: c.publishedAt,
  ingestedAt: c.ingestedAt,
  duplicateOf: c.duplicateOf,
  similarity: c.similarity,
});

/** SQL conditions (and the join a storyline filter needs) for the common filters. */
function articleFilters(f: Filters): { sql: string; params: unknown[]; join: string; joinParams: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const join = f.storyline ? 'JOIN storyline_matches m ON m.article_id = a.id AND m.storyline_id = ?' : '';
  const joinParams = f.storyline ? [f.storyline] : [];
  if (f.lang) {
    conditions.push('a.lang = ?');
    params.push(f.lang);
  }
  if (f.since) {
    conditions.push(`${WHEN} >= ?`);
    params.push(f.since);
  }
  if (f.until) {
    conditions.push(`${WHEN} < ?`);
    params.push(f.until);
  }
  return { sql: conditions.map((c) => `AND ${c}`).join(' '), params, join, joinParams };
}
