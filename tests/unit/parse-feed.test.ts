// Tests that feeds real sites serve are repaired and parsed, RSS and Atom alike.
import { describe, expect, it } from 'vitest';
import { feedDate } from '../../pipeline/extract/feed-date.js';
import { parseFeed, repairFeedXml } from '../../pipeline/extract/parse-feed.js';

describe('repairFeedXml', () => {
  it('turns HTML entities into numeric references and leaves the XML ones alone', () => {
    expect(repairFeedXml('<rss version="2.0"><t>a&nbsp;b &aacute; &amp; &lt; &bogus;</t></rss>')).toBe(
      '<rss version="2.0"><t>a&#160;b &#225; &amp; &lt; &amp;bogus;</t></rss>',
    );
  });

  it('reads an <rss> without version as RSS 2.0 and closes a cut-off root', () => {
    expect(repairFeedXml('<rss>\n<channel></channel>\n</rss')).toBe('<rss version="2.0">\n<channel></channel>\n</rss>');
    expect(repairFeedXml('<?xml version="1.0"?><!-- c --><feed><entry/>')).toBe(
      '<?xml version="1.0"?><!-- c --><feed><entry/>\n</feed>',
    );
  });
});

describe('parseFeed', () => {
  it('parses what a strict parser refused, with trimmed links and dates with offsets', async () => {
    const feed = await parseFeed(`<rss><channel><title>Caf&eacute;</title>
      <item><title>One&nbsp;two</title><link>
        https://example.org/a </link><guid> g1 </guid><pubDate>Tue, 02 Sep 2025 19:49:00 +0500</pubDate></item>
      </channel>`);
    expect(feed.title).toBe('Café');
    expect(feed.items).toEqual([
      {
        title: 'One\u00a0two',
        link: 'https://example.org/a',
        guid: 'g1',
        isoDate: '2025-09-02T14:49:00.000Z',
        text: '',
        lang: null,
      },
    ]);
  });

  it('parses Atom', async () => {
    const feed = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
      <entry><title>Steel mill deal</title><link href="https://example.org/e1"/><updated>2025-07-11T10:00:00+05:00</updated><summary>Signed.</summary></entry></feed>`);
    expect(feed.items.map((i) => [i.title, i.link, i.isoDate])).toEqual([
      ['Steel mill deal', 'https://example.org/e1', '2025-07-11T05:00:00.000Z'],
    ]);
  });

  it('gives each entry the language it or its feed declares: RSS <language> or dc:language, Atom xml:lang', async () => {
    const rss =
      await parseFeed(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>W</title>
      <language>en-IN</language><item><title>One</title></item><item><title>Two</title><dc:language>hi</dc:language></item></channel></rss>`);
    expect(rss.items.map((i) => i.lang)).toEqual(['en-IN', 'hi']);
    const atom = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ur"><title>W</title>
      <entry><title>One</title></entry><entry xml:lang="en"><title>Two</title></entry></feed>`);
    expect(atom.items.map((i) => i.lang)).toEqual(['ur', 'en']);
    const rdf =
      await parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>W</title><dc:language>fr</dc:language></channel>
      <item rdf:about="y"><title>Un</title></item></rdf:RDF>`);
    expect(rdf.items.map((i) => i.lang)).toEqual(['fr']);
    expect(
      (await parseFeed('<rss version="2.0"><channel><item><title>x</title></item></channel></rss>')).items[0]!.lang,
    ).toBeNull();
  });

  it('recovers a malformed but unambiguous entry date, and keeps an Atom entry whose date is unreadable', async () => {
    const rss =
      await parseFeed(`<rss version="2.0"><channel><item><title>A</title><pubDate>Mon, 31 Mar 202510:50:41 +0530</pubDate></item>
      <item><title>B</title><pubDate>sometime soon</pubDate></item></channel></rss>`);
    expect(rss.items.map((i) => i.isoDate)).toEqual(['2025-03-31T05:20:41.000Z', null]);
    const atom =
      await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><published>Mon, 31 Mar 202510:50:41 +0530</published></entry>
      <entry><title>B</title><updated>sometime soon</updated></entry></feed>`);
    expect(atom.items.map((i) => [i.title, i.isoDate])).toEqual([
      ['A', '2025-03-31T05:20:41.000Z'],
      ['B', null],
    ]);
  });
});

describe('feedDate', () => {
  it.each([
    ['Mon, 31 Mar 202510:50:41 +0530', '2025-03-31T05:20:41.000Z'],
    ['31 Mar 2025 9:05 GMT', '2025-03-31T09:05:00.000Z'],
    ['Tue, 02 Sep 2025 19:49:00 +0500', '2025-09-02T14:49:00.000Z'],
    ['2025-07-11T10:00:00+05:00', '2025-07-11T05:00:00.000Z'],
    ['sometime soon', null],
    ['', null],
  ])('%s → %s', (value, iso) => {
    expect(feedDate(value)).toBe(iso);
  });
});
