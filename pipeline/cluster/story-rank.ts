/**
 * Ranking of story clusters for "top stories": which periods there are, the window a period covers in a
 * given store, and the score of a cluster's activity in that window. Pure: times come in as ISO strings
 * and milliseconds, the store reads the activity.
 */

/** The periods a ranked list covers: the last 24 hours, the last 7 days, or everything stored. */
export const PERIODS = ['24h', '7d', 'all'] as const;
export type Period = (typeof PERIODS)[number];

/** How ranked lists are ordered: by score, by size (articles, copies included), by newest report. */
export const SORTS = ['top', 'size', 'time'] as const;
export type Sort = (typeof SORTS)[number];

const HOUR = 3_600_000;
const PERIOD_MS: Record<Exclude<Period, 'all'>, number> = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR };

/** Reports in the last GROWTH_HOURS before the window's end count as growth. */
export const GROWTH_HOURS = 6;
/** Shortest recency half-life, so a store spanning a few hours does not rank on minutes. */
const MIN_HALF_LIFE_MS = GROWTH_HOURS * HOUR;

/** The time span a ranked list covers, and what its score measures recency and growth against. */
export interface RankWindow {
  period: Period;
  /** Reports at or after this time count (ISO, UTC); null: all of them. */
  start: string | null;
  /** The window's end, against which recency is measured: now, or the newest publication time stored. */
  end: string;
  /** The store's newest report is older than the period (than 24 hours for `all`): the window ends at it. */
  historical: boolean;
  /** Reports at or after this time are growth (the last GROWTH_HOURS before the end). */
  growthSince: string;
  /** Recency half-life: half the window (the whole span of the data for `all`), at least GROWTH_HOURS. */
  halfLifeMs: number;
}

/**
 * The window of `period` in a store whose reports span `oldest`…`newest` (publication, else arrival,
 * times; null when it is empty). A period ends now, unless the newest report is older than the period:
 * then it ends at that report, so a historical store shows its own last day or week rather than nothing.
 * All stored reports end at the newest.
 */
export function rankWindow(
  period: Period,
  span: { oldest: string | null; newest: string | null },
  now: number,
): RankWindow {
  const newest = span.newest ? Date.parse(span.newest) : now;
  const length = period === 'all' ? null : PERIOD_MS[period];
  // All stored reports end at the newest; the store counts as historical when the last day brought nothing.
  const historical = newest < now - (length ?? PERIOD_MS['24h']);
  const end = historical || length === null ? newest : now;
  const startMs = length === null ? null : end - length;
  const halfLifeMs = length === null ? end - (span.oldest ? Date.parse(span.oldest) : end) : length / 2;
  return {
    period,
    start: startMs === null ? null : new Date(startMs).toISOString(),
    end: new Date(end).toISOString(),
    historical,
    growthSince: new Date(end - GROWTH_HOURS * HOUR).toISOString(),
    halfLifeMs: Math.max(MIN_HALF_LIFE_MS, halfLifeMs),
  };
}

/** What a cluster did in a window: reports (articles and their copies), outlets, languages, newest, growth. */
export interface ClusterActivity {
  /** Articles in the window, copies included: a copy another outlet ran is evidence of syndication. */
  articles: number;
  /** Distinct outlets among them (URL host, else source). */
  outlets: number;
  /** Distinct languages among them. */
  languages: number;
  /** Newest publication (else arrival) time among them, ISO. */
  newest: string;
  /** Of the articles, those at or after the window's `growthSince`. */
  recent: number;
}

/** Weights of the score's factors (see `storyScore`). */
export const WEIGHTS = { languages: 0.5, outlets: 0.5, growth: 0.25 } as const;

/**
 * The ranking score of a cluster's activity in a window:
 *
 *   log2(1 + articles) · (1 + 0.5·(languages − 1) + 0.5·log2(outlets)) · (1 + 0.25·log2(1 + recent))
 *     · 2^(−age / halfLife)
 *
 * Size is log-damped because each further report says less than the one before: the twentieth copy of a
 * wire story must not bury everything else. Breadth multiplies size: each further language and each
 * doubling of outlets adds half of it again, because a story other newsrooms and another language's press
 * took up matters beyond one outlet's updates (and a copy another outlet ran counts as its report there);
 * a two-report pair across languages still ranks below a big story in one. Growth (reports in the last
 * GROWTH_HOURS) lifts stories still moving, a quarter more per doubling. Age (of the cluster's newest report,
 * against the window's end) halves the score every half-life: half the window for 24 hours and 7 days, the
 * whole span for all stored reports, where size matters more than the last hours. So a big story of
 * yesterday can lead a quiet today, and a one-report item never outranks a big story of the same hour.
 */
export function storyScore(a: ClusterActivity, w: Pick<RankWindow, 'end' | 'halfLifeMs'>): number {
  const breadth =
    1 + WEIGHTS.languages * Math.max(0, a.languages - 1) + WEIGHTS.outlets * Math.log2(Math.max(1, a.outlets));
  const growth = 1 + WEIGHTS.growth * Math.log2(1 + a.recent);
  const age = Math.max(0, Date.parse(w.end) - Date.parse(a.newest));
  return Math.log2(1 + a.articles) * breadth * growth * 2 ** (-age / w.halfLifeMs);
}

/**
 * `storyScore` as an SQL expression over columns `articles`, `outlets`, `languages`, `recent`, the
 * expression `newestMs` (the newest report in ms since 1970) and the parameters `@endMs` and `@halfLifeMs`,
 * so a store can rank and page many clusters in one query.
 */
export function storyScoreSql(newestMs: string): string {
  const w = WEIGHTS;
  const breadth = `(1 + ${w.languages} * max(0, languages - 1) + ${w.outlets} * log2(max(1, outlets)))`;
  const growth = `(1 + ${w.growth} * log2(1 + recent))`;
  return `(log2(1 + articles) * ${breadth} * ${growth} * pow(2, -max(0, @endMs - ${newestMs}) / @halfLifeMs))`;
}
