import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { fromHtml } from '../pipeline/extract-articles.js';

/** Token-level agreement of extracted bodies with expected ones, averaged over pages. */
export interface ExtractionFigures {
  set: string;
  pages: number;
  failed: number;
  precision: number;
  recall: number;
  f1: number;
}

const tokens = (text: string) => text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

/** Precision, recall and F1 of the multiset of predicted tokens against the expected ones. */
export function tokenF1(predicted: string, expected: string): { precision: number; recall: number; f1: number } {
  const want = new Map<string, number>();
  for (const t of tokens(expected)) want.set(t, (want.get(t) ?? 0) + 1);
  const got = tokens(predicted);
  let overlap = 0;
  for (const t of got) {
    const n = want.get(t) ?? 0;
    if (n > 0) {
      overlap++;
      want.set(t, n - 1);
    }
  }
  const expectedCount = tokens(expected).length;
  const precision = got.length ? overlap / got.length : 0;
  const recall = expectedCount ? overlap / expectedCount : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

async function score(set: string, pages: Array<{ html: string; expected: string }>): Promise<ExtractionFigures> {
  let p = 0;
  let r = 0;
  let f = 0;
  let failed = 0;
  for (const page of pages) {
    let text = '';
    try {
      text = (await fromHtml(page.html)).text;
    } catch {
      failed++;
    }
    const s = tokenF1(text, page.expected);
    p += s.precision;
    r += s.recall;
    f += s.f1;
  }
  const n = pages.length || 1;
  return { set, pages: pages.length, failed, precision: p / n, recall: r / n, f1: f / n };
}

/** The article-extraction benchmark (human article bodies) and the Readability test pages. */
export async function evaluateHtml(root: string): Promise<ExtractionFigures[]> {
  const out: ExtractionFigures[] = [];
  const bench = path.join(root, 'html-article-extraction-benchmark');
  if (existsSync(bench)) {
    const truth = JSON.parse(readFileSync(path.join(bench, 'ground-truth.subset.json'), 'utf8')) as Record<string, { articleBody: string }>;
    out.push(await score('article-extraction-benchmark', Object.entries(truth).map(([id, t]) => ({
      html: readFileSync(path.join(bench, 'html', `${id}.html`), 'utf8'), expected: t.articleBody,
    }))));
  }
  const pages = path.join(root, 'html-readability-testpages');
  if (existsSync(pages)) {
    out.push(await score('readability-testpages', readdirSync(pages).filter((d) => existsSync(path.join(pages, d, 'source.html'))).map((d) => ({
      html: readFileSync(path.join(pages, d, 'source.html'), 'utf8'),
      expected: parseHTML(`<html><body>${readFileSync(path.join(pages, d, 'expected.html'), 'utf8')}</body></html>`).document.body.textContent ?? '',
    }))));
  }
  return out;
}
