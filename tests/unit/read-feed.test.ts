// Tests reading feed files entry by entry: languages, dates, names and one error per bad entry.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { canonicalUrl } from '../../pipeline/extract/canonical-url.js';
import { extractArticles } from '../../pipeline/extract/extract-articles.js';

const write = (name: string, text: string) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-feed-')), name);
  writeFileSync(file, text);
  return file;
};
const stored = (d: { title: string; text: string; url: string | null; publishedAt: string | null }) => ({
  ...d,
  url: canonicalUrl(d.url),
});

const RSS = `<?xml version="1.0"?>
<rss><channel><title>Caf&eacute; wire</title>
<item><title>Steel mill deal</title><link> https://www.example.org/1?utm_source=rss </link><description>Pakistan and Russia sign.</description><pubDate>Fri, 11 Jul 2025 10:00:00 +0500</pubDate></item>
<item><description>An entry without a title.</description></item>
<item><title>Relative&nbsp;link</title><link>/story/2</link><description><![CDATA[<p>Text in <b>HTML</b> &amp; more.</p>]]></description></item>
<item><title>Third</title><guid>g3</guid><description>Caf&eacute; talks.</description></item>
</channel>`;
const ATOM = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Steel mill deal</title><link href="https://example.org/e1"/><updated>2025-07-11T10:00:00+05:00</updated><summary>Signed.</summary></entry>
<entry><title type="html">Second &amp;amp; last</title><link rel="alternate" href="https://example.org/e2"/><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>
</feed>`;
const RDF = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.org/"><title>RDF wire</title></channel>
<item rdf:about="https://example.org/r1"><title>First</title><link>https://example.org/r1</link><dc:date>2025-07-11T10:00:00Z</dc:date></item>
<item rdf:about="https://example.org/r2"><title>Second</title><link>https://example.org/r2</link><description>More.</description></item>
</rdf:RDF>`;

describe('feed files', () => {
  it.each([
    ['wire.xml', RSS, 3],
    ['wire.atom', ATOM, 2],
    ['wire.rss', RDF, 2],
  ])(
    '%s: one record input per titled entry, with the ids, source and articles of whole-feed ingestion',
    async (name, xml, n) => {
      const file = write(name, xml);
      const { items, errors } = await readInputs([file], 1 << 20);
      expect(errors).toEqual([]);
      expect(items.map((i) => [i.kind, i.idBase, i.source])).toEqual(
        Array.from({ length: n }, (_, k) => ['record', `wire-${k + 1}`, file]),
      );
      const entries = await Promise.all(
        items.map(async (i) => stored((await extractArticles('record', i.content))[0]!)),
      );
      expect(entries).toEqual((await extractArticles('feed', xml)).map(stored));
    },
  );

  it("passes the channel's declared language and repaired dates to entries read one by one", async () => {
    const xml = `<rss version="2.0"><channel><title>W</title><language>en-in</language>
<item><title>One</title><pubDate>Mon, 31 Mar 202510:50:41 +0530</pubDate></item>
<item><title>Two</title><dc:language xmlns:dc="http://purl.org/dc/elements/1.1/">hi</dc:language></item></channel></rss>`;
    const { items } = await readInputs([write('lang.xml', xml)], 1 << 20);
    const entries = await Promise.all(items.map(async (i) => (await extractArticles('record', i.content))[0]!));
    expect(entries.map((e) => [e.declaredLang, e.publishedAt])).toEqual([
      ['en-in', '2025-03-31T05:20:41.000Z'],
      ['hi', null],
    ]);
    expect(entries).toEqual(await extractArticles('feed', xml));
  });

  it('names the one entry of a feed after the file, as whole-feed ingestion did', async () => {
    const file = write(
      'solo.atom',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Only one</title></entry></feed>',
    );
    const { items } = await readInputs([file], 1 << 20);
    expect(items.map((i) => i.idBase)).toEqual(['solo']);
  });

  it('gives a bad or cut-off entry one error naming its line, and keeps the others', async () => {
    const file = write(
      'f.xml',
      `<rss version="2.0"><channel>
<item><title>Good one</title></item>
<item><title>Bad <b>markup</title></item>
<item><title>Good two</title></item>
<item><title>Cut off`,
    );
    const { items, errors } = await readInputs([file], 1 << 20);
    expect(items.map((i) => [i.idBase, JSON.parse(i.content).title])).toEqual([
      ['f-1', 'Good one'],
      ['f-3', 'Good two'],
    ]);
    expect(errors).toEqual([
      { source: `${file}:3`, message: expect.stringMatching(/^unreadable entry: Unexpected close tag/) },
      { source: `${file}:5`, message: 'the document ends inside this entry' },
    ]);
  });

  it('gives a document that is no feed, or a feed without entries, one error', async () => {
    const notes = write('notes.xml', '<notes><note>hi</note></notes>');
    const empty = write('empty.rss', '<rss version="2.0"><channel><title>Nothing yet</title></channel></rss>');
    const untitled = write(
      'untitled.atom',
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary>no title</summary></entry></feed>',
    );
    const { items, errors } = await readInputs([notes, empty, untitled], 1 << 20);
    expect(items).toEqual([]);
    expect(errors).toEqual([
      { source: notes, message: 'not a readable RSS/Atom feed: Feed not recognized as RSS 1 or 2.' },
      { source: empty, message: 'feed has no entries' },
      { source: untitled, message: 'feed has no entry with a title' },
    ]);
  });

  it('reads a feed larger than ingest.maxBytes entry by entry; the limit applies to each entry', async () => {
    const entry = (i: number) =>
      `<entry><title>Entry ${String(i).padStart(4, '0')}</title><summary>${i === 100 ? 'x'.repeat(3000) : 'short'}</summary></entry>\n`;
    const start = '<feed xmlns="http://www.w3.org/2005/Atom">\n';
    // Padded so that an entry's start tag is cut between two 64 KiB reads.
    const before = start.length + 99 * entry(1).length + entry(100).length;
    const pad = `<!--${' '.repeat((65_536 - 3 - before - 7) % entry(1).length)}-->`;
    const file = write(
      'big.atom',
      `${start}${pad}${Array.from({ length: 1000 }, (_, i) => entry(i + 1)).join('')}</feed>`,
    );
    const { items, errors } = await readInputs([file], 2000);
    expect(items.map((i) => i.idBase)).toEqual(
      Array.from({ length: 1000 }, (_, i) => `big-${i + 1}`).filter((id) => id !== 'big-100'),
    );
    expect(errors).toEqual([{ source: `${file}:101`, message: 'entry is over the 2000-byte limit (ingest.maxBytes)' }]);
  });
});
