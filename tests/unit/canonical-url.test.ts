// Tests that canonical URLs drop tracking and keep what identifies the page.
import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../../pipeline/extract/canonical-url.js';

describe('canonicalUrl', () => {
  it.each([
    [
      'http://WWW.Example.org:80/news/psm-deal/?utm_source=rss&utm_medium=feed#top',
      'https://example.org/news/psm-deal',
    ],
    ['https://example.org/a?b=2&a=1&fbclid=xyz', 'https://example.org/a?a=1&b=2'],
    ['  https://example.org/  ', 'https://example.org/'],
    ['https://example.org:8443/a', 'https://example.org:8443/a'],
  ])('%s → %s', (raw, canonical) => expect(canonicalUrl(raw)).toBe(canonical));

  it('keeps parameters that identify the page and refuses what is not a web URL', () => {
    expect(canonicalUrl('https://news.example/story.php?id=42&utm_campaign=x')).toBe(
      'https://news.example/story.php?id=42',
    );
    expect(canonicalUrl('mailto:desk@example.org')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl(null)).toBeNull();
  });
});
