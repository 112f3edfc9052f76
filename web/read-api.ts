// The read endpoints behind the dashboard: ranked clusters, articles and search, with their query filters.
import { Hono, type Context } from 'hono';
import type { SqliteStore } from '../store/sqlite-store.js';
import type { Lexicon } from '../pipeline/represent/lexicon.js';
import { PERIODS, SORTS, type Period, type Sort } from '../pipeline/cluster/story-rank.js';
import { clampLimit, DashboardQueries, type Filters, type SearchOptions } from '../store/dashboard-queries.js';
import type { FeedStatus } from './pages/feeds.js';
import { RankedClusters, type RankFilters } from '../store/ranked-clusters.js';

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/;

/**
 * Filters from a request's query string (storyline, lang, since, until, limit, offset). An invalid
 * parameter is left out and named in `error` (the API refuses it, the pages ignore it).
 */
export function parseFilters(c: Context): { filters: Filters; error?: string } {
  const q = (k: string) => c.req.query(k) || undefined;
  const filters: Filters = {};
  const errors: string[] = [];
  if (q('storyline')) filters.storyline = q('storyline');
  for (const k of ['since', 'until'] as const) {
    if (q(k) && DATE.test(q(k)!)) filters[k] = q(k);
    else if (q(k)) errors.push(`${k}: a date (YYYY-MM-DD) or ISO time`);
  }
  if (q('lang') && /^[a-z]{2,3}$/.test(q('lang')!)) filters.lang = q('lang');
  else if (q('lang')) errors.push('lang: an ISO 639 code such as en, hi, ur');
  for (const k of ['limit', 'offset'] as const) {
    if (q(k) && /^\d+$/.test(q(k)!)) filters[k] = k === 'limit' ? clampLimit(Number(q(k)), 200) : Number(q(k));
    else if (q(k)) errors.push(`${k}: a whole number`);
  }
  return errors.length ? { filters, error: errors[0] } : { filters };
}

/**
 * A ranked list's parameters (sort, period, minSize) and filters (lang, storyline, limit, offset) from a
 * query string; an invalid one is left out and named in `error`.
 */
export function parseRankFilters(c: Context): { filters: RankFilters; error?: string } {
  const { filters: f, error } = parseFilters(c);
  const filters: RankFilters = { lang: f.lang, storyline: f.storyline, limit: f.limit, offset: f.offset };
  const errors = error ? [error] : [];
  const q = (k: string) => c.req.query(k) || undefined;
  if ((PERIODS as readonly string[]).includes(q('period') ?? '')) filters.period = q('period') as Period;
  else if (q('period')) errors.push(`period: one of ${PERIODS.join(', ')}`);
  if ((SORTS as readonly string[]).includes(q('sort') ?? '')) filters.sort = q('sort') as Sort;
  else if (q('sort')) errors.push(`sort: one of ${SORTS.join(', ')}`);
  if (q('minSize') && /^\d{1,9}$/.test(q('minSize')!)) filters.minSize = Number(q('minSize'));
  else if (q('minSize')) errors.push('minSize: a whole number of articles');
  return errors.length ? { filters, error: errors[0] } : { filters };
}

/** A search's options from the query string: `exact` (1/0, true/false) and `sort` (time, relevance). */
export function parseSearchOptions(c: Context): { options: SearchOptions; error?: string } {
  const exact = c.req.query('exact');
  const sort = c.req.query('sort');
  const options: SearchOptions = {};
  const errors: string[] = [];
  if (exact === '1' || exact === 'true') options.exact = true;
  else if (exact && exact !== '0' && exact !== 'false') {
    errors.push('exact: 1 or 0 (only the words as typed, or their translations too)');
  }
  if (sort === 'time' || sort === 'relevance') options.sort = sort;
  else if (sort) errors.push('sort: time (newest first) or relevance');
  return errors.length ? { options, error: errors.join('; ') } : { options };
}

function filters(c: Context): Filters | { error: string } {
  const parsed = parseFilters(c);
  return parsed.error ? { error: parsed.error } : parsed.filters;
}

/**
 * Read endpoints behind the dashboard: clusters ranked over a period (sort, period, lang, storyline,
 * minSize) or a storyline's clusters, and articles with filters (storyline, lang, since, until), with
 * pagination (limit, offset; answers carry total); one cluster, a storyline's timeline, search, feeds.
 */
export function readApi(store: SqliteStore, feeds?: () => Promise<FeedStatus[]>, lexicon: Lexicon | null = null): Hono {
  const app = new Hono();
  const queries = new DashboardQueries(store.db, lexicon);
  const ranked = new RankedClusters(store.db, (ids) => queries.clusterRows(ids));
  const known = (id: string) => store.storyline(id) !== undefined;

  // Ranked (top stories, by size or time) unless a storyline's clusters are asked for without ranking.
  app.get('/clusters', (c) => {
    const { filters: f, error } = parseRankFilters(c);
    if (error) return c.json({ error }, 400);
    if (f.storyline && !known(f.storyline)) return c.json({ error: `no storyline "${f.storyline}"` }, 404);
    if (f.storyline && !f.sort && !f.period && f.minSize === undefined)
      return c.json(queries.storylineClusters(f.storyline, parseFilters(c).filters));
    const { window, ...page } = ranked.rank(f);
    return c.json({
      ...page,
      period: window.period,
      window: { start: window.start, end: window.end, historical: window.historical },
    });
  });

  app.get('/clusters/:id', (c) => {
    const found = queries.cluster(c.req.param('id'));
    return found ? c.json(found) : c.json({ error: `no cluster "${c.req.param('id')}"` }, 404);
  });

  app.get('/articles', (c) => {
    const f = filters(c);
    if ('error' in f) return c.json({ error: f.error }, 400);
    if (f.storyline && !known(f.storyline)) return c.json({ error: `no storyline "${f.storyline}"` }, 404);
    return c.json(queries.articles(f));
  });

  app.get('/storylines/:id/timeline', (c) =>
    known(c.req.param('id'))
      ? c.json(queries.timeline(c.req.param('id')))
      : c.json({ error: `no storyline "${c.req.param('id')}"` }, 404),
  );

  app.get('/search', (c) => {
    const f = filters(c);
    if ('error' in f) return c.json({ error: f.error }, 400);
    const q = c.req.query('q') ?? '';
    if (!q.trim()) return c.json({ error: 'q: the words to search for' }, 400);
    const o = parseSearchOptions(c);
    if (o.error) return c.json({ error: o.error }, 400);
    const page = queries.search(q.slice(0, 200), f, o.options);
    return c.json({
      ...page,
      items: page.items.map((a) => ({ ...a, snippet: a.snippet.replace(/[\u0002\u0003]/g, '') })),
    });
  });

  app.get('/feeds', async (c) =>
    feeds
      ? c.json(await feeds())
      : c.json({ error: 'feed status needs the queue: it is served by storywatch start' }, 503),
  );

  return app;
}
