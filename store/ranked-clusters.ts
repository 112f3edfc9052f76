// Clusters ranked over a period for top stories, by score, size or time, with filters.
import type Database from 'better-sqlite3';
import {
  rankWindow,
  storyScoreSql,
  type ClusterActivity,
  type Period,
  type RankWindow,
  type Sort,
} from '../pipeline/cluster/story-rank.js';
import { statementCache } from './statement-cache.js';
import type { ClusterRow, Page } from './dashboard-queries.js';

/** What a ranked list is asked for: its period, order and filters. */
export interface RankFilters {
  /** @defaultValue `24h` when anything was published in the last 24 hours, else `all` */
  period?: Period;
  /** @defaultValue `top` */
  sort?: Sort;
  /** Only clusters with an article (or copy) in this language in the period. */
  lang?: string;
  /** Only clusters holding matches of this storyline. */
  storyline?: string;
  /** Only clusters with at least this many articles (copies included) in the period. */
  minSize?: number;
  limit?: number;
  offset?: number;
}

/** A cluster in a ranked list: what lists show of it, its activity in the period and its score, its storylines. */
export interface RankedCluster extends ClusterRow {
  score: number;
  /** Its articles, outlets, languages, newest report and growth within the period (what the score weighs). */
  activity: ClusterActivity;
  storylines: Array<{ id: string; name: string }>;
}

/** A page of a ranked list, with the order and the window it covers. */
export interface RankedPage extends Page<RankedCluster> {
  sort: Sort;
  window: RankWindow;
}

const ORDER: Record<Sort, string> = {
  top: 'score DESC, articles DESC, outlets DESC, newest DESC, id',
  size: 'articles DESC, outlets DESC, score DESC, newest DESC, id',
  time: 'newest DESC, score DESC, articles DESC, id',
};
const DAY = 86_400_000;
const TOTALS =
  'SELECT s.cluster_id AS id, s.articles, s.outlets, s.languages, s.newest, s.newest_ms AS newestMs, s.langs';
/** Clusters with reports in the last hours before the window's end, and how many (a small set). */
const RECENT = `SELECT cluster_id, COUNT(*) AS recent FROM cluster_items INDEXED BY cluster_items_at
  WHERE at >= @growth GROUP BY cluster_id`;
const NEWEST = 'COALESCE(MAX(CASE WHEN dated THEN at END), MAX(at))';
/** Activity in a period: its rows (a day or a week of them) grouped by cluster. */
const PERIOD_ACTIVITY = `SELECT cluster_id AS id, COUNT(*) AS articles, COUNT(DISTINCT outlet) AS outlets,
    COUNT(DISTINCT lang) AS languages, ${NEWEST} AS newest, ',' || group_concat(DISTINCT lang) || ',' AS langs,
    (julianday(${NEWEST}) - 2440587.5) * 86400000.0 AS newestMs, SUM(at >= @growth) AS recent
  FROM cluster_items INDEXED BY cluster_items_at WHERE at >= @start AND at <= @until GROUP BY cluster_id`;

/**
 * Clusters ranked over a period (top stories), by size or by time, filtered by language, storyline and
 * size, read from the per-article rows and per-cluster totals the store keeps (`cluster_items`,
 * `cluster_stats`): a period reads its index range, the whole store one row per cluster.
 */
export class RankedClusters {
  private readonly sql: (sql: string) => Database.Statement;

  /** `rows` gives what lists show of clusters by id (languages, sizes, outlets). */
  constructor(
    db: Database.Database,
    private readonly rows: (ids: string[]) => Map<string, ClusterRow>,
  ) {
    this.sql = statementCache(db);
  }

  /**
   * Oldest and newest report times of the store: publication times, arrival times only when nothing is
   * dated (an undated article read today does not make a store of 2020 current); none after `now`.
   */
  span(now = Date.now()): { oldest: string | null; newest: string | null } {
    const oldest = 'COALESCE((SELECT MIN(at) FROM cluster_items WHERE dated), (SELECT MIN(at) FROM cluster_items))';
    const newest = `COALESCE((SELECT MAX(at) FROM cluster_items WHERE dated AND at <= @now),
      (SELECT MAX(at) FROM cluster_items WHERE at <= @now))`;
    const row = this.sql(`SELECT ${oldest} AS oldest, ${newest} AS newest`).get({ now: new Date(now).toISOString() });
    return row as { oldest: string | null; newest: string | null };
  }

  /** The period a list covers when none is asked for: 24 hours if anything was published in them, else all. */
  defaultPeriod(now = Date.now()): Period {
    const { newest } = this.span(now);
    return newest && Date.parse(newest) >= now - DAY ? '24h' : 'all';
  }

  /** One page of clusters of a period, in the asked order, with the total and the window covered. */
  rank(f: RankFilters = {}, now = Date.now()): RankedPage {
    const sort = f.sort ?? 'top';
    const limit = Math.min(100, Math.max(1, Math.floor(f.limit ?? 20)));
    const offset = Math.max(0, Math.floor(f.offset ?? 0));
    const window = rankWindow(f.period ?? this.defaultPeriod(now), this.span(now), now);
    const params: Record<string, unknown> = {
      growth: window.growthSince,
      endMs: Date.parse(window.end),
      halfLifeMs: window.halfLifeMs,
    };
    // A period anchored in the past ends there: what came in since (undated, so at its arrival) is not of it.
    // One ending now takes a day of reports dated ahead (a zone written wrong) rather than losing them.
    if (window.start !== null) {
      params.start = window.start;
      params.until = window.historical ? window.end : new Date(Date.parse(window.end) + DAY).toISOString();
    }
    const where: string[] = [];
    if (f.lang) {
      where.push(`instr(langs, ',' || @lang || ',') > 0`);
      params.lang = f.lang;
    }
    if (f.storyline) {
      where.push('id IN (SELECT cluster_id FROM storyline_matches WHERE storyline_id = @storyline)');
      params.storyline = f.storyline;
    }
    if (f.minSize) {
      where.push('articles >= @minSize');
      params.minSize = f.minSize;
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const score = storyScoreSql('newestMs');
    const page = `ORDER BY ${ORDER[sort]} LIMIT @limit OFFSET @offset`;
    const columns = `id, articles, outlets, languages, newest, recent, ${score} AS score`;
    let total: number;
    let sql: string;
    if (window.start === null) {
      // All stored reports: the kept totals. Growth only lifts the few clusters with reports in the last
      // hours, so the page is among them and the first offset + limit of the others ranked without it.
      const still = `SELECT * FROM (${TOTALS}, 0 AS recent FROM cluster_stats s) ${filter}`;
      const first = `SELECT id FROM (SELECT ${columns} FROM (${still}) ORDER BY ${ORDER[sort]} LIMIT @limit + @offset)`;
      const candidates = `${TOTALS}, COALESCE(r.recent, 0) AS recent FROM cluster_stats s
        JOIN (${first} UNION SELECT cluster_id FROM r) c ON c.id = s.cluster_id LEFT JOIN r ON r.cluster_id = s.cluster_id`;
      sql = `WITH r AS (${RECENT}) SELECT ${columns} FROM (${candidates}) ${filter} ${page}`;
      // Every cluster has reports in all of time: without filters the kept totals count them.
      const count = filter
        ? this.sql(`SELECT COUNT(*) AS n FROM (${still})`).get(params)
        : this.sql('SELECT COUNT(*) AS n FROM cluster_stats').get();
      total = (count as { n: number }).n;
    } else {
      // A period groups its own rows (a day or a week of them).
      const from = `FROM (${PERIOD_ACTIVITY}) ${filter}`;
      sql = `SELECT ${columns} ${from} ${page}`;
      total = (this.sql(`SELECT COUNT(*) AS n ${from}`).get(params) as { n: number }).n;
    }
    const ranked = this.sql(sql).all({ ...params, limit, offset }) as Array<
      ClusterActivity & { id: string; score: number }
    >;
    const ids = ranked.map((r) => r.id);
    const rows = this.rows(ids);
    const storylines = this.storylinesOf(ids);
    const items = ranked.flatMap(({ id, score, ...activity }) => {
      const row = rows.get(id);
      return row ? [{ ...row, score, activity, storylines: storylines.get(id) ?? [] }] : [];
    });
    return { items, total, limit, offset, sort, window };
  }

  /** Tracked storylines, id and name (what the storyline filter offers). */
  storylines(): Array<{ id: string; name: string }> {
    const rows = this.sql('SELECT id, definition FROM storylines ORDER BY rowid').all() as Array<{
      id: string;
      definition: string;
    }>;
    return rows.map((r) => ({ id: r.id, name: (JSON.parse(r.definition) as { name: string }).name }));
  }

  private storylinesOf(ids: string[]): Map<string, Array<{ id: string; name: string }>> {
    const out = new Map<string, Array<{ id: string; name: string }>>();
    if (!ids.length) return out;
    const rows = this.sql(
      `SELECT m.cluster_id AS clusterId, m.storyline_id AS id, s.definition FROM storyline_matches m
        LEFT JOIN storylines s ON s.id = m.storyline_id WHERE m.cluster_id IN (${ids.map(() => '?').join(',')})
        GROUP BY m.cluster_id, m.storyline_id ORDER BY m.cluster_id, MIN(m.rowid)`,
    ).all(...ids) as Array<{ clusterId: string; id: string; definition: string | null }>;
    for (const r of rows) {
      const name = r.definition ? (JSON.parse(r.definition) as { name: string }).name : r.id;
      out.set(r.clusterId, [...(out.get(r.clusterId) ?? []), { id: r.id, name }]);
    }
    return out;
  }
}
