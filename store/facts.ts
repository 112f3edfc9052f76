/** The one source of what the store says about a cluster (size, languages, outlets, time span) and a storyline (matches). */
import type Database from 'better-sqlite3';
import type { AlertContext } from '../pipeline/alerts/alert-events.js';
import { instantOf } from '../pipeline/extract/article-time.js';
import { statementCache } from './statement-cache.js';

/**
 * A cluster as every reader shows it (report, API, dashboard, webhooks), over all its reports: its stored
 * articles and their copies, the rows `cluster_items` keeps by trigger (`cluster_stats` holds their totals).
 */
export interface ClusterFacts {
  id: string;
  /** Its most central article's English title; `lead` is that article's first sentence (may be empty). */
  title: string;
  lead: string;
  createdAt: string;
  /** Earliest and latest publication of its dated reports (UTC ISO); arrival times when none is dated. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Languages of its reports, most reports first (then by code). */
  languages: string[];
  /** Reports: stored articles and copies. */
  articleCount: number;
  /** Of these, copies of another of its articles. */
  copyCount: number;
  /** Distinct outlets (URL host without `www.`, else source) that carried it, in the order they came. */
  sources: string[];
}

/** A storyline's matches: how many, in how many clusters, per language, and when the latest came. */
export interface StorylineFacts {
  articleCount: number;
  clusterCount: number;
  /** Matched articles per language, most first (then by code). */
  perLanguage: Record<string, number>;
  /** Matched articles that state no publication time. */
  undatedCount: number;
  /** When the latest match was made (arrival or back-fill, not publication). */
  lastMatchAt: string | null;
  /** Publication time of its latest dated match as the article states it, and that match's UTC day. */
  lastPublishedAt: string | null;
  lastDay: string | null;
}

/** What a storyline without matches has. */
const noMatches = (): StorylineFacts => ({
  articleCount: 0,
  clusterCount: 0,
  perLanguage: {},
  undatedCount: 0,
  lastMatchAt: null,
  lastPublishedAt: null,
  lastDay: null,
});

type ItemRow = { id: string; kind: 'article' | 'copy'; lang: string; outlet: string; at: string; dated: number };
type Span = { first: string | null; last: string | null; firstDated: string | null; lastDated: string | null };

const marks = (ids: string[]) => ids.map(() => '?').join(',');
const mostFirst = (counts: Map<string, number>) => [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));

/** Reads cluster and storyline facts; every reader of them goes through here. */
export class Facts {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  /** Clusters by id (every cluster, in creation order, without `ids`); merged-away and unknown ids are left out. */
  clusters(ids?: string[]): Map<string, ClusterFacts> {
    const out = new Map<string, ClusterFacts>();
    if (ids && !ids.length) return out;
    const where = ids ? `WHERE id IN (${marks(ids)})` : '';
    const rows = this.sql(`SELECT id, title, lead, created_at AS createdAt FROM clusters ${where} ORDER BY seq`).all(
      ...(ids ?? []),
    ) as Array<Pick<ClusterFacts, 'id' | 'title' | 'lead' | 'createdAt'>>;
    for (const r of rows) {
      out.set(r.id, {
        ...r,
        firstSeen: null,
        lastSeen: null,
        languages: [],
        articleCount: 0,
        copyCount: 0,
        sources: [],
      });
    }
    // Items in the order they were stored (a moved item keeps its rowid), so outlets come in arrival order.
    const items = this.sql(
      `SELECT cluster_id AS id, kind, lang, outlet, at, dated FROM cluster_items
        ${ids ? `WHERE cluster_id IN (${marks(ids)})` : ''} ORDER BY rowid`,
    ).all(...(ids ?? [])) as ItemRow[];
    const langs = new Map<string, Map<string, number>>();
    const outlets = new Map<string, Set<string>>();
    const spans = new Map<string, Span>();
    for (const item of items) {
      const c = out.get(item.id);
      if (!c) continue;
      c.articleCount++;
      if (item.kind === 'copy') c.copyCount++;
      const l = langs.get(item.id) ?? new Map<string, number>();
      langs.set(item.id, l.set(item.lang, (l.get(item.lang) ?? 0) + 1));
      outlets.set(item.id, (outlets.get(item.id) ?? new Set()).add(item.outlet));
      const s = spans.get(item.id) ?? { first: null, last: null, firstDated: null, lastDated: null };
      spans.set(item.id, widen(s, item.at, item.dated === 1));
    }
    for (const [id, c] of out) {
      c.languages = mostFirst(langs.get(id) ?? new Map()).map(([lang]) => lang);
      c.sources = [...(outlets.get(id) ?? [])];
      const s = spans.get(id);
      c.firstSeen = s ? (s.firstDated ?? s.first) : null;
      c.lastSeen = s ? (s.lastDated ?? s.last) : null;
    }
    return out;
  }

  /** One cluster, or undefined when no cluster has this id (now). */
  cluster(id: string): ClusterFacts | undefined {
    return this.clusters([id]).get(id);
  }

  /**
   * Storylines by id, from their matches (`storyline_matches`): with `ids`, one entry per id (no matches
   * counted for one without); without, every storyline that has matches, removed ones too (their matches stay).
   */
  storylines(ids?: string[]): Map<string, StorylineFacts> {
    const out = new Map<string, StorylineFacts>();
    if (ids && !ids.length) return out;
    const where = ids ? `WHERE storyline_id IN (${marks(ids)})` : '';
    const params = ids ?? [];
    const totals = this.sql(
      `SELECT storyline_id AS id, COUNT(*) AS articles, COUNT(DISTINCT cluster_id) AS clusters,
        MAX(matched_at) AS last, SUM(day IS NULL) AS undated, MAX(day) AS lastDay FROM storyline_matches ${where}
        GROUP BY storyline_id`,
    ).all(...params) as Array<{
      id: string;
      articles: number;
      clusters: number;
      last: string | null;
      undated: number;
      lastDay: string | null;
    }>;
    const perLang = this.sql(
      `SELECT storyline_id AS id, lang, COUNT(*) AS n FROM storyline_matches ${where}
        GROUP BY storyline_id, lang`,
    ).all(...params) as Array<{ id: string; lang: string | null; n: number }>;
    const langs = new Map<string, Map<string, number>>();
    for (const r of perLang) langs.set(r.id, (langs.get(r.id) ?? new Map()).set(r.lang ?? 'und', r.n));
    for (const id of ids ?? []) out.set(id, noMatches());
    for (const r of totals) {
      const lastPublishedAt = r.lastDay ? this.lastPublished(r.id, r.lastDay) : null;
      out.set(r.id, {
        articleCount: r.articles,
        clusterCount: r.clusters,
        perLanguage: Object.fromEntries(mostFirst(langs.get(r.id) ?? new Map())),
        undatedCount: r.undated,
        lastMatchAt: r.last,
        lastPublishedAt,
        lastDay: lastPublishedAt ? r.lastDay : null,
      });
    }
    return out;
  }

  /** One storyline's facts (zero counts when it has no matches). */
  storyline(id: string): StorylineFacts {
    return this.storylines([id]).get(id)!;
  }

  /** The latest stated publication time among a storyline's matches of its last day (times carry their offsets). */
  private lastPublished(storylineId: string, day: string): string | null {
    const times = this.sql(
      `SELECT a.published_at AS t FROM storyline_matches m JOIN articles a ON a.id = m.article_id
        WHERE m.storyline_id = ? AND m.day = ?`,
    ).all(storylineId, day) as Array<{ t: string | null }>;
    let best: string | null = null;
    for (const { t } of times) if (t && (best === null || instantOf(t) > instantOf(best))) best = t;
    return best;
  }
}

/**
 * What an alert says about a cluster, as the store holds it now (the report, API and dashboard say the
 * same): title, lead, languages, size and time span; undefined for an id no cluster has.
 */
export function summarise(facts: Facts, clusterId: string): AlertContext['cluster'] | undefined {
  const c = facts.cluster(clusterId);
  return (
    c && {
      id: c.id,
      title: c.title,
      lead: c.lead,
      languages: c.languages,
      articleCount: c.articleCount,
      firstSeen: c.firstSeen,
      lastSeen: c.lastSeen,
    }
  );
}

/** A span widened by one report's time (UTC ISO text, so it compares as text). */
function widen(s: Span, at: string, dated: boolean): Span {
  const first = s.first === null || at < s.first ? at : s.first;
  const last = s.last === null || at > s.last ? at : s.last;
  if (!dated) return { ...s, first, last };
  const firstDated = s.firstDated === null || at < s.firstDated ? at : s.firstDated;
  const lastDated = s.lastDated === null || at > s.lastDated ? at : s.lastDated;
  return { first, last, firstDated, lastDated };
}
