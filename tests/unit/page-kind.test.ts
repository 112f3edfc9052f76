// Tests that home pages, sections and listings are refused as articles and article pages are not.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError, extractArticles, fromHtml } from '../../pipeline/extract/extract-articles.js';
import type { MainShape } from '../../pipeline/extract/main-text.js';
import { judgePage } from '../../pipeline/extract/page-kind.js';
import type { PageSignals } from '../../pipeline/extract/page-signals.js';
import { ROOT } from '../helpers/seeds.js';

const fixture = (name: string) => readFileSync(path.join(ROOT, 'tests/fixtures/pages', name), 'utf8');

describe('pages that are not articles', () => {
  it.each([
    [
      'en-home.html',
      /^not an article: the site's home page \(11 headline links in the main text \(10 with dates\).*; URL is the site root \(\/\); og:type website/,
    ],
    [
      'ur-home.html',
      /^not an article: the site's home page \(12 headlines with dates, no article body; og:url is the site root \(\/\); og:type website\)$/,
    ],
    [
      'ur-category.html',
      /^not an article: a listing page \(6 headline links in the main text \(6 with dates\) and 6 paragraphs of text, none longer than \d+ characters\)$/,
    ],
    [
      'hi-section.html',
      /^not an article: a section or listing page \(7 headlines with dates, no article body; og:type website; URL is a section \(\/rajya\/bihar\)\)$/,
    ],
    ['gov-releases.html', /^not an article: a listing page \(12 headlines with dates, no article body\)$/],
    [
      'one-line.html',
      /^not an article: a page without an article body \(only a line of text \(54 characters\); og:type website\)$/,
    ],
    [
      'en-tag-collection.html',
      /^not an article: a section or listing page \(5 headline links .*; structured data: CollectionPage; URL is a section \(\/tag\/steel-mills\/\)\)$/,
    ],
  ])('refuses %s, saying what it is and why', async (name, message) => {
    const refused = extractArticles('html', fixture(name));
    await expect(refused).rejects.toThrow(BadInputError);
    await expect(refused).rejects.toThrow(message);
  });

  it('takes the address a page was fetched from when the page names none', async () => {
    await expect(fromHtml(fixture('ur-category.html'), 'https://aaina.example/')).rejects.toThrow(
      /the site's home page .*URL is the site root/,
    );
    await expect(fromHtml(fixture('ur-category.html'), 'https://aaina.example/pakistan')).rejects.toThrow(
      /a section or listing page .*URL is a section \(\/pakistan\)/,
    );
  });
});

describe('article pages next to them', () => {
  it.each([
    ['en-article-og-website.html', 10, 'The plan approved by the federal cabinet this week', 'Related stories'],
    ['ur-article-short.html', 3, 'موٹروے پولیس کے مطابق شہر کے داخلی راستے', 'تازہ ترین'],
    ['hi-article-related.html', 9, 'गया ज़िले में नदी पर बना नया पुल बुधवार को', 'बिहार की और ख़बरें'],
    [
      'gov-release.html',
      6,
      'The Federal Minister for Industries and Production chaired a meeting',
      'Delegation of the chamber',
    ],
  ])('accepts %s with its %i paragraphs and without the sidebar', async (name, paragraphs, opening, sidebar) => {
    const [article] = await extractArticles('html', fixture(name));
    expect(article!.text.split('\n\n').length).toBeGreaterThanOrEqual(paragraphs);
    expect(article!.text).toContain(opening);
    expect(article!.text).not.toContain(sidebar);
  });

  it('prefers the canonical address to the one a page was fetched from', async () => {
    const [article] = await extractArticles('html', fixture('ur-article-short.html'));
    expect((await fromHtml(fixture('ur-article-short.html'), 'https://urdu.khabarnama.example/')).text).toBe(
      article!.text,
    );
  });
});

describe('judgePage', () => {
  const page = (over: Partial<PageSignals> = {}): PageSignals => ({
    ogType: null,
    declared: null,
    url: null,
    urlFrom: null,
    urlKind: null,
    articleElements: 1,
    headlines: { headlines: 0, dated: 0 },
    ...over,
  });
  const main = (over: Partial<MainShape> = {}): MainShape => ({
    chars: 2400,
    running: { paragraphs: 8, chars: 2400 },
    longestBody: 2400,
    headlines: { headlines: 0, dated: 0 },
    linkShare: 0.02,
    blocks: 8,
    ...over,
  });
  const homeMeta = page({
    ogType: 'website',
    declared: { kind: 'website', type: 'WebSite', count: 1 },
    url: '/',
    urlKind: 'root',
  });
  const teasers = main({
    running: { paragraphs: 10, chars: 1600 },
    longestBody: 180,
    headlines: { headlines: 10, dated: 10 },
  });

  it.each([
    [
      'a body and every weak sign of a home page but the root',
      page({ ogType: 'website', declared: { kind: 'website', type: 'WebSite', count: 1 }, urlKind: 'section' }),
      main(),
      false,
    ],
    [
      'a short body on a short address with og:type website',
      page({ ogType: 'website', urlKind: 'section' }),
      main({ longestBody: 400, running: { paragraphs: 2, chars: 400 } }),
      false,
    ],
    [
      'a body with a few related headlines inside',
      page({ ogType: 'article' }),
      main({ headlines: { headlines: 4, dated: 4 } }),
      false,
    ],
    [
      'a body on a page whose address is the root (a site that gets canonical wrong)',
      page({ ogType: 'article', urlKind: 'root' }),
      main(),
      false,
    ],
    [
      'the root, og:type website and WebSite alone',
      homeMeta,
      main({ longestBody: 700, running: { paragraphs: 3, chars: 700 } }),
      true,
    ],
    ['teasers with dates and no metadata at all', page(), teasers, true],
    [
      'structured data listing three articles on a section address',
      page({ declared: { kind: 'articles', type: 'NewsArticle', count: 12 }, urlKind: 'section' }),
      main({ longestBody: 500 }),
      true,
    ],
    [
      'a line of text under an article declaration',
      page({ ogType: 'article', declared: { kind: 'article', type: 'NewsArticle', count: 1 } }),
      main({ chars: 55, running: { paragraphs: 1, chars: 55 }, longestBody: 55, blocks: 1 }),
      true,
    ],
    ['a main text mostly links', page(), main({ linkShare: 0.7 }), true],
  ])('%s: refused %s', (_, signals, shape, refused) => {
    expect(judgePage(signals, shape) !== null).toBe(refused);
  });

  it('lists only the reasons against the page, strongest first', () => {
    expect(judgePage(homeMeta, teasers)?.reasons).toEqual([
      '10 headline links in the main text (10 with dates) and 10 paragraphs of text, none longer than 180 characters',
      'URL is the site root (/)',
      'og:type website',
      'structured data: WebSite and no article',
    ]);
  });
});
