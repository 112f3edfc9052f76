import type { RepresentationMode } from './types.js';

/** An article as the report shows it (DESIGN.md, "Report"). */
export interface ReportArticle {
  id: string;
  source: string;
  url: string | null;
  title: string;
  lang: string;
  publishedAt: string | null;
  text: string;
  titleEn: string;
  clusterId: string;
  storylines: Array<{ id: string; score: number }>;
}

export interface ReportCluster {
  id: string;
  title: string;
  articleIds: string[];
  languages: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  storylines: string[];
}

export interface Report {
  mode: RepresentationMode;
  articles: ReportArticle[];
  clusters: ReportCluster[];
  storylines: Array<{ id: string; name: string; articleIds: string[]; clusterIds: string[] }>;
}

/** What the report is built from: stored articles (with ingest time) and clusters, in store order. */
export interface ReportInput {
  mode: RepresentationMode;
  articles: Array<ReportArticle & { ingestedAt: string }>;
  clusters: Array<{ id: string; title: string }>;
  storylines: Array<{ id: string; name: string }>;
}

/**
 * Builds the report JSON with exactly the fields of DESIGN.md. A cluster's languages are ordered by how
 * many of its articles use them; its time span comes from publication dates, else from ingest times.
 */
export function buildReport(input: ReportInput): Report {
  const articles: ReportArticle[] = input.articles.map((a) => ({
    id: a.id, source: a.source, url: a.url, title: a.title, lang: a.lang, publishedAt: a.publishedAt,
    text: a.text, titleEn: a.titleEn, clusterId: a.clusterId, storylines: a.storylines,
  }));
  // Members grouped once (in store order): a filter per cluster made reports of large stores quadratic.
  const membersOf = new Map<string, ReportInput['articles']>();
  for (const a of input.articles) {
    const members = membersOf.get(a.clusterId);
    if (members) members.push(a);
    else membersOf.set(a.clusterId, [a]);
  }
  const clusters: ReportCluster[] = input.clusters.map((c) => {
    const members = membersOf.get(c.id) ?? [];
    const langCount = new Map<string, number>();
    for (const a of members) langCount.set(a.lang, (langCount.get(a.lang) ?? 0) + 1);
    const times = members.map((a) => a.publishedAt ?? a.ingestedAt).filter(Boolean).sort((x, y) => Date.parse(x) - Date.parse(y));
    return {
      id: c.id,
      title: c.title,
      articleIds: members.map((a) => a.id),
      languages: [...langCount].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([l]) => l),
      firstSeen: times[0] ?? null,
      lastSeen: times[times.length - 1] ?? null,
      storylines: [...new Set(members.flatMap((a) => a.storylines.map((s) => s.id)))].sort(),
    };
  }).filter((c) => c.articleIds.length > 0);
  const storylines = input.storylines.map((s) => {
    const matched = articles.filter((a) => a.storylines.some((m) => m.id === s.id));
    return { id: s.id, name: s.name, articleIds: matched.map((a) => a.id), clusterIds: [...new Set(matched.map((a) => a.clusterId))] };
  });
  return { mode: input.mode, articles, clusters, storylines };
}
