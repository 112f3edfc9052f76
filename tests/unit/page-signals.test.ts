// Tests the signals read from a page: its address and the headline links that state dates.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readPageSignals, type PageNode } from '../../pipeline/extract/page-signals.js';

const signals = (head: string, body = '<p>Text.</p>', fetchedFrom?: string) =>
  readPageSignals(
    parseHTML(`<html><head>${head}</head><body>${body}</body></html>`).document as unknown as PageNode,
    fetchedFrom,
  );
const ld = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;

describe('readPageSignals', () => {
  it.each([
    [
      'an article in a @graph beside WebSite and WebPage',
      ld({ '@graph': [{ '@type': 'WebSite' }, { '@type': 'WebPage' }, { '@type': 'NewsArticle' }] }),
      'article',
    ],
    [
      'a WebPage whose main entity is an article',
      ld({ '@type': 'WebPage', mainEntity: { '@type': 'ReportageNewsArticle' } }),
      'article',
    ],
    [
      'one article told in JSON-LD and in microdata',
      ld({ '@type': 'NewsArticle', headline: 'H' }) +
        '<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">H</h1></div>',
      'article',
    ],
    [
      'articles nested in an ItemList',
      ld({
        '@type': 'ItemList',
        itemListElement: [{ '@type': 'NewsArticle' }, { '@type': 'NewsArticle' }, { '@type': 'NewsArticle' }],
      }),
      'listing',
    ],
    [
      'three top-level articles',
      [1, 2, 3].map((i) => ld({ '@type': 'NewsArticle', headline: `Story ${i}` })).join(''),
      'articles',
    ],
    [
      'three articles in microdata',
      [1, 2, 3].map(() => '<div itemscope itemtype="http://schema.org/BlogPosting"></div>').join(''),
      'articles',
    ],
    [
      'a WebSite and an organisation',
      ld({ '@type': 'WebSite' }) + ld({ '@type': ['Organization', 'NewsMediaOrganization'] }),
      'website',
    ],
    ['a WebSite and a WebPage', ld([{ '@type': 'WebSite' }, { '@type': 'WebPage' }]), undefined],
    [
      'a line break inside a JSON-LD string and a broken block',
      '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "a\nb"}</script><script type="application/ld+json">{oops</script>',
      'article',
    ],
  ])('reads %s', (_, head, kind) => {
    expect(signals(head).declared?.kind).toBe(kind);
  });

  it('takes the canonical address, else the address it was fetched from, else og:url', () => {
    const ogUrl = '<meta property="og:url" content="https://a.example/">';
    const canonical = '<link rel="canonical" href="https://a.example/news/12345">';
    expect(signals(canonical + ogUrl, '', 'https://a.example/x')).toMatchObject({
      urlFrom: 'canonical',
      urlKind: 'item',
    });
    expect(signals(ogUrl, '', 'https://a.example/pakistan')).toMatchObject({ urlFrom: 'fetched', urlKind: 'section' });
    expect(signals(ogUrl)).toMatchObject({ url: 'https://a.example/', urlFrom: 'og:url', urlKind: 'root' });
    expect(signals('')).toMatchObject({ url: null, urlFrom: null, urlKind: null });
    expect(signals('<meta property="og:type" content="Website">').ogType).toBe('website');
  });

  it('counts headline links and those whose item states a date, in any of the page languages', () => {
    const body = [
      '<li><a href="/1">Cabinet approves plan to restart the steel works</a> <time datetime="2025-07-10">Thursday</time></li>',
      '<div><a href="/2"><h3>کراچی میں بارش کے بعد کئی علاقوں میں بجلی بند</h3></a><span>2 گھنٹے قبل</span></div>',
      '<div><h2><a href="/3">पटना में तेज़ बारिश से कई मोहल्लों में जलभराव</a></h2><span>10 जुलाई 2025</span></div>',
      '<tr><td><a href="/4">Minister visits the fertilizer plant and its workers</a></td><td>30-06-2025</td></tr>',
      '<li><a href="/5">Elections to be held on 8 February 2026, says commission</a></li>',
      '<li><a href="/about">About us</a></li>',
    ].join('');
    expect(signals('', `<table><tbody>${body}</tbody></table>`).headlines).toEqual({ headlines: 5, dated: 4 });
  });
});
