import { describe, expect, it } from 'vitest';
import { parseFeed, repairFeedXml } from '../../pipeline/parse-feed.js';

describe('repairFeedXml', () => {
  it('turns HTML entities into numeric references and leaves the XML ones alone', () => {
    expect(repairFeedXml('<rss version="2.0"><t>a&nbsp;b &aacute; &amp; &lt; &bogus;</t></rss>')).toBe('<rss version="2.0"><t>a&#160;b &#225; &amp; &lt; &amp;bogus;</t></rss>');
  });

  it('reads an <rss> without version as RSS 2.0 and closes a cut-off root', () => {
    expect(repairFeedXml('<rss>\n<channel></channel>\n</rss')).toBe('<rss version="2.0">\n<channel></channel>\n</rss>');
    expect(repairFeedXml('<?xml version="1.0"?><!-- c --><feed><entry/>')).toBe('<?xml version="1.0"?><!-- c --><feed><entry/>\n</feed>');
  });
});

describe('parseFeed', () => {
  it('parses what a strict parser refused, with trimmed links and dates with offsets', async () => {
    const feed = await parseFeed(`<rss><channel><title>Caf&eacute;</title>
      <item><title>One&nbsp;two</title><link>
        https://example.org/a </link><guid> g1 </guid><pubDate>Tue, 02 Sep 2025 19:49:00 +0500</pubDate></item>
      </channel>`);
    expect(feed.title).toBe('Café');
    expect(feed.items).toEqual([{ title: 'One\u00a0two', link: 'https://example.org/a', guid: 'g1', isoDate: '2025-09-02T14:49:00.000Z', text: '' }]);
  });

  it('parses Atom', async () => {
    const feed = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
      <entry><title>Steel mill deal</title><link href="https://example.org/e1"/><updated>2025-07-11T10:00:00+05:00</updated><summary>Signed.</summary></entry></feed>`);
    expect(feed.items.map((i) => [i.title, i.link, i.isoDate])).toEqual([['Steel mill deal', 'https://example.org/e1', '2025-07-11T05:00:00.000Z']]);
  });
});
