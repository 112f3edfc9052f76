// Reads the All India Radio English–Hindi set: its articles and the strongly aligned pairs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/** One article of the All India Radio English–Hindi set. */
export interface AirArticle {
  id: string;
  lang: 'en' | 'hi';
  title: string;
  text: string;
  url: string;
  publishedAt: string;
}

/** An English–Hindi pair with at least two aligned sentences: very likely the same story. */
export interface StrongPair {
  en: string;
  hi: string;
}

/** Reads `articles.jsonl` and the strong pairs of `pairs.csv` (≥ 2 exactly matched sentences). */
export function loadAirEnHi(dir: string): { articles: AirArticle[]; strongPairs: StrongPair[] } {
  const articles = readAirArticles(dir);
  const rows = parse(readFileSync(path.join(dir, 'pairs.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  const strongPairs = rows
    .filter((r) => Number(r.n_exact_sentence_matches) >= 2)
    .map((r) => ({ en: r.en_id!, hi: r.hi_id! }));
  return { articles, strongPairs };
}

/** Reads the articles of an AIR folder's `articles.jsonl`, with their publication time in ISO 8601. */
export function readAirArticles(dir: string): AirArticle[] {
  return readFileSync(path.join(dir, 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const a = JSON.parse(l) as {
        id: string;
        lang: 'en' | 'hi';
        title: string;
        text: string;
        url: string;
        date: string;
        time: string;
      };
      return { id: a.id, lang: a.lang, title: a.title, text: a.text, url: a.url, publishedAt: airTime(a.date, a.time) };
    });
}

/** "Jan 03, 2020" + "5:33PM" (India time) → ISO 8601 with offset. */
function airTime(date: string, time: string): string {
  const d = new Date(`${date} 00:00:00 UTC`);
  const m = /^(\d{1,2}):(\d{2})\s*([AP]M)$/i.exec(time.trim());
  let hour = m ? Number(m[1]) % 12 : 0;
  if (m && m[3]!.toUpperCase() === 'PM') hour += 12;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:${m ? m[2] : '00'}:00+05:30`;
}
