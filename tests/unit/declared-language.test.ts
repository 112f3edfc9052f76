// Tests that a page's declared language is read, travels with its articles and serves only as a prior.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../pipeline/language/detect-language.js';
import { extractArticles, fromHtml } from '../../pipeline/extract/extract-articles.js';
import { pageLanguage } from '../../pipeline/language/page-language.js';
import { loadLanguageIdentifier } from '../../adapters/language-identifier.js';

const detector = { expected: [], minLetters: 5, identifier: await loadLanguageIdentifier() };
const page = (head: string, attrs = '') =>
  `<html${attrs}><head><title>Floods close schools</title>${head}</head><body><article>` +
  '<h1>Floods close schools</h1><p>Schools in three districts stayed shut on Monday after a night of heavy rain flooded roads.</p>' +
  '<p>Officials said classes would resume once the water receded and buses could run again safely.</p>' +
  '<p>Parents were asked to keep children at home and to follow the notices of the district office for news of reopening.</p>' +
  '</article></body></html>';

describe('declared language', () => {
  it('reads <html lang>, else og:locale, else a Content-Language meta', () => {
    const doc = (html: string) => parseHTML(html).document as unknown as Parameters<typeof pageLanguage>[0];
    expect(pageLanguage(doc(page('<meta property="og:locale" content="en_GB">', ' lang="hi-IN"')))).toBe('hi-IN');
    expect(pageLanguage(doc(page('<meta property="og:locale" content="en_GB">')))).toBe('en_GB');
    expect(pageLanguage(doc(page('<meta http-equiv="Content-Language" content="ur">')))).toBe('ur');
    expect(pageLanguage(doc(page('')))).toBeNull();
  });

  it('travels with the article of an HTML page, a record and a feed entry', async () => {
    expect((await fromHtml(page('', ' lang="en-IN"'))).declaredLang).toBe('en-IN');
    expect((await extractArticles('record', JSON.stringify({ title: 'x', lang: 'hi' })))[0]!.declaredLang).toBe('hi');
    expect((await extractArticles('record', JSON.stringify({ title: 'x' })))[0]!.declaredLang).toBeUndefined();
  });

  it("is a prior, not the truth: an English feed's Hindi entry is Hindi, its ambiguous entry English", async () => {
    const drafts = await extractArticles(
      'feed',
      `<rss version="2.0"><channel><title>Wire</title><language>en</language>
      <item><title>भारी बारिश के बाद तीन जिलों में स्कूल बंद</title></item>
      <item><title>Sensex tumbles</title></item></channel></rss>`,
    );
    expect(drafts.map((d) => detectLanguage(d.title, detector, d.declaredLang).lang)).toEqual(['hi', 'en']);
    expect(detectLanguage('Sensex tumbles', detector).lang).not.toBe('en');
  });
});
