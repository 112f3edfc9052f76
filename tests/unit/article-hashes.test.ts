// Tests the hashes an article is known by: its content (title and body) and its body alone.
import { describe, expect, it } from 'vitest';
import { articleHashes, bodyHash, contentHash, MIN_BODY_CHARS } from '../../pipeline/prepare-article.js';

const body = 'Pakistan and Russia signed a protocol in Moscow to restore the Karachi steel mill. '.repeat(4);

describe('article hashes', () => {
  it('gives the same report under another headline the same body hash and another content hash', () => {
    const wire = articleHashes({ title: 'Mill deal signed', text: body });
    const paper = articleHashes({ title: 'Moscow to revive Karachi mill', text: body });
    expect(paper.bodyHash).toBe(wire.bodyHash);
    expect(paper.contentHash).not.toBe(wire.contentHash);
    expect(wire.contentHash).toBe(contentHash({ title: 'Mill deal signed', text: body }));
  });

  it('reads the body as the content hash does: case, spacing and punctuation do not count, words do', () => {
    expect(bodyHash(`  ${body.toUpperCase().replaceAll('. ', '!\n\n')}`)).toBe(bodyHash(body));
    expect(bodyHash(body.replace('Karachi', 'Lahore'))).not.toBe(bodyHash(body));
    expect(bodyHash('नई दिल्ली में आज '.repeat(20))).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives a body of a line or two no body hash: different reports share such boilerplate', () => {
    const short = 'x'.repeat(MIN_BODY_CHARS - 1);
    expect(bodyHash(short)).toBeUndefined();
    expect(articleHashes({ title: 'T', text: short })).toEqual({
      contentHash: contentHash({ title: 'T', text: short }),
    });
    expect(bodyHash('x'.repeat(MIN_BODY_CHARS))).toBeDefined();
  });
});
