// Measures article extraction from HTML pages: token F1 of bodies against the expected ones.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { fromHtml } from '../pipeline/extract/extract-articles.js';

/** Token-level agreement of extracted bodies with expected ones, averaged over pages. */
export interface ExtractionFigures {
  set: string;
  pages: number;
  failed: number;
  precision: number;
  recall: number;
  f1: number;
}

/** How many real article pages of a set without expected bodies were refused, and how much of their lead was found. */
export interface AcceptanceFigures {
  set: string;
  pages: number;
  failed: number;
  /** Token recall of each page's expected first words in the extracted text, averaged over pages. */
  leadRecall: number;
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

interface EvalPage {
  html: string;
  expected: string;
  url?: string;
}

async function score(set: string, pages: EvalPage[]): Promise<ExtractionFigures> {
  let p = 0;
  let r = 0;
  let f = 0;
  let failed = 0;
  for (const page of pages) {
    let text = '';
    try {
      text = (await fromHtml(page.html, page.url)).text;
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

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Real article pages with only their first words known: none should be refused as not an article. */
async function accept(set: string, pages: EvalPage[]): Promise<AcceptanceFigures> {
  let failed = 0;
  let recall = 0;
  for (const page of pages) {
    try {
      recall += tokenF1((await fromHtml(page.html, page.url)).text, page.expected).recall;
    } catch {
      failed++;
    }
  }
  return { set, pages: pages.length, failed, leadRecall: recall / (pages.length || 1) };
}

/** The article-extraction benchmark (human article bodies), the Readability test pages and the Postlight fixtures. */
export async function evaluateHtml(root: string): Promise<Array<ExtractionFigures | AcceptanceFigures>> {
  const out: Array<ExtractionFigures | AcceptanceFigures> = [];
  const bench = path.join(root, 'html-article-extraction-benchmark');
  if (existsSync(bench)) {
    const truth = readJson<Record<string, { articleBody: string; url?: string }>>(
      path.join(bench, 'ground-truth.subset.json'),
    );
    out.push(
      await score(
        'article-extraction-benchmark',
        Object.entries(truth).map(([id, t]) => ({
          html: readFileSync(path.join(bench, 'html', `${id}.html`), 'utf8'),
          expected: t.articleBody,
          url: t.url,
        })),
      ),
    );
  }
  const pages = path.join(root, 'html-readability-testpages');
  if (existsSync(pages)) {
    out.push(
      await score(
        'readability-testpages',
        readdirSync(pages)
          .filter((d) => existsSync(path.join(pages, d, 'source.html')))
          .map((d) => ({
            html: readFileSync(path.join(pages, d, 'source.html'), 'utf8'),
            expected:
              parseHTML(`<html><body>${readFileSync(path.join(pages, d, 'expected.html'), 'utf8')}</body></html>`)
                .document.body.textContent ?? '',
          })),
      ),
    );
  }
  const postlight = path.join(root, 'html-postlight-fixtures');
  if (existsSync(postlight)) {
    const file = path.join(postlight, 'expected-from-upstream-tests.json');
    const expected = readJson<Record<string, { url?: string; content_first_13_words?: string }>>(file);
    out.push(
      await accept(
        'postlight-fixtures',
        Object.entries(expected).map(([file, e]) => ({
          html: readFileSync(path.join(postlight, file), 'utf8'),
          expected: e.content_first_13_words ?? '',
          url: e.url,
        })),
      ),
    );
  }
  return out;
}
