// Reads the OG2021 set of Tokyo Olympics titles, without the rows manual review removed.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One article of the OG2021 titles set (2021 Tokyo Olympics news from many outlets; titles only). */
export interface Og2021Article {
  id: string;
  /** ISO 639-3, as the set writes it: eng, spa, por, fra, deu, rus, slv, ara, zho. */
  lang: string;
  /** ISO 639-1 of `lang`, as storywatch reports languages. */
  lang1: string;
  /** Publication time, ISO 8601 UTC. */
  publishedAt: string;
  /** The human-reviewed story cluster. */
  cluster: string;
  /** Event Registry's automatic event, or null when it gave none. */
  erEvent: string | null;
  title: string;
}

const ISO1: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  por: 'pt',
  fra: 'fr',
  deu: 'de',
  rus: 'ru',
  slv: 'sl',
  ara: 'ar',
  zho: 'zh',
};

/**
 * Reads the OG2021 TSV (`uri, lang, datetime, cluster_final, cluster_pre, removed_by_manual_review, er_event,
 * title`), without the rows manual review removed; `lang` (ISO 639-3) keeps only that language's rows.
 */
export function readOg2021(file: string, lang?: string): Og2021Article[] {
  const rows = parse(readFileSync(file, 'utf8'), {
    columns: true,
    delimiter: '\t',
    quote: false,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Array<Record<string, string>>;
  if (rows.length && !('cluster_final' in rows[0]!))
    throw new Error(`${file}: not the OG2021 TSV (no cluster_final column)`);
  return rows
    .filter((r) => r.removed_by_manual_review !== '1' && (!lang || r.lang === lang))
    .map((r, i) => {
      if (!r.uri || !r.title || !r.datetime) throw new Error(`${file}: row ${i + 2} lacks uri, title or datetime`);
      return {
        id: r.uri,
        lang: r.lang!,
        lang1: ISO1[r.lang!] ?? r.lang!,
        publishedAt: `${r.datetime.replace(' ', 'T')}Z`,
        cluster: r.cluster_final!,
        erEvent: r.er_event && r.er_event !== 'None' ? r.er_event : null,
        title: r.title,
      };
    });
}
