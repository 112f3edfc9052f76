// Builds the report JSON from stored articles, copies and clusters.
import type { RepresentationMode } from './types.js';

/**
 * An article as the report shows it (DESIGN.md, "Report"). A copy of a stored article (another outlet's, or
 * the same content under another id) has `duplicateOf`, its original's cluster, no storylines and no text.
 */
export interface ReportArticle {
  id: string;
  source: string;
  url: string | null;
  title: string;
  lang: string;
  publishedAt: string | null;
  text?: string;
  titleEn: string;
  clusterId: string;
  storylines: Array<{ id: string; score: number }>;
  duplicateOf?: string;
}

/**
 * A cluster: `articleIds` are its stored articles; `articleCount`, `languages`, `sources` and the time span
 * are over all its reports, copies included (`store/facts.ts`).
 */
export interface ReportCluster {
  id: string;
  title: string;
  articleIds: string[];
  languages: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  storylines: string[];
  articleCount: number;
  /** Distinct outlets that carried the cluster's articles, copies included, in the order they came. */
  sources: string[];
}

/** What the store says of a storyline's matches, as the report carries it. */
export interface ReportStorylineFacts {
  /** Matched articles per language, most first. */
  perLanguage: Record<string, number>;
  /** When the latest match was made, and the publication time of its latest dated match. */
  lastMatchAt: string | null;
  lastPublishedAt: string | null;
}

/** A storyline: its matched articles and their clusters, with what the store says of its matches. */
export interface ReportStoryline extends ReportStorylineFacts {
  id: string;
  name: string;
  articleIds: string[];
  clusterIds: string[];
}

export interface Report {
  mode: RepresentationMode;
  articles: ReportArticle[];
  clusters: ReportCluster[];
  storylines: ReportStoryline[];
}

/** A copy of a stored article as the store lists it: `clusterId` is its original's. */
export type ReportCopy = Omit<ReportArticle, 'text' | 'storylines' | 'duplicateOf'> & {
  duplicateOf: string;
  ingestedAt: string;
};

/**
 * What the report is built from: stored articles and their copies (with ingest time), and clusters and
 * storylines in store order with what the store says of them (size, languages, outlets, time span, matches).
 */
export interface ReportInput {
  mode: RepresentationMode;
  articles: Array<Omit<ReportArticle, 'text' | 'duplicateOf'> & { text: string; ingestedAt: string }>;
  copies: ReportCopy[];
  clusters: Array<Omit<ReportCluster, 'articleIds' | 'storylines'>>;
  storylines: Array<{ id: string; name: string } & ReportStorylineFacts>;
}

/** The fields a report lists first for an article or a copy, in the report's order. */
const listed = (a: ReportInput['articles'][number] | ReportInput['copies'][number]) => ({
  id: a.id,
  source: a.source,
  url: a.url,
  title: a.title,
  lang: a.lang,
  publishedAt: a.publishedAt,
});

/**
 * Builds the report JSON with the fields of DESIGN.md: every article, copies included, in the order they
 * came in; each cluster with its stored articles and their storylines, each storyline with its matches.
 */
export function buildReport(input: ReportInput): Report {
  const articles: ReportArticle[] = inOrder(input.articles, input.copies).map((a) =>
    'duplicateOf' in a
      ? { ...listed(a), titleEn: a.titleEn, clusterId: a.clusterId, storylines: [], duplicateOf: a.duplicateOf }
      : { ...listed(a), text: a.text, titleEn: a.titleEn, clusterId: a.clusterId, storylines: a.storylines },
  );
  // Members grouped once (in store order): a filter per cluster made reports of large stores quadratic.
  const membersOf = new Map<string, ReportInput['articles']>();
  for (const a of input.articles) {
    const members = membersOf.get(a.clusterId);
    if (members) members.push(a);
    else membersOf.set(a.clusterId, [a]);
  }
  const clusters: ReportCluster[] = input.clusters
    .map((c) => {
      const members = membersOf.get(c.id) ?? [];
      return {
        id: c.id,
        title: c.title,
        articleIds: members.map((a) => a.id),
        languages: c.languages,
        firstSeen: c.firstSeen,
        lastSeen: c.lastSeen,
        storylines: [...new Set(members.flatMap((a) => a.storylines.map((s) => s.id)))].sort(),
        articleCount: c.articleCount,
        sources: c.sources,
      };
    })
    .filter((c) => c.articleIds.length > 0);
  const storylines = input.storylines.map((s) => {
    const matched = articles.filter((a) => a.storylines.some((m) => m.id === s.id));
    return {
      id: s.id,
      name: s.name,
      articleIds: matched.map((a) => a.id),
      clusterIds: [...new Set(matched.map((a) => a.clusterId))],
      perLanguage: s.perLanguage,
      lastMatchAt: s.lastMatchAt,
      lastPublishedAt: s.lastPublishedAt,
    };
  });
  return { mode: input.mode, articles, clusters, storylines };
}

/** Stored articles and copies merged in the order they came in (an article before a copy of the same moment). */
function inOrder<A extends Arrival, C extends Arrival>(articles: A[], copies: C[]): Array<A | C> {
  const out: Array<A | C> = [];
  let i = 0;
  let j = 0;
  while (i < articles.length || j < copies.length) {
    const articleFirst =
      j >= copies.length || (i < articles.length && articles[i]!.ingestedAt <= copies[j]!.ingestedAt);
    out.push(articleFirst ? articles[i++]! : copies[j++]!);
  }
  return out;
}

type Arrival = { ingestedAt: string };
