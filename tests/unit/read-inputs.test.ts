// Tests reading inputs from disk: pages, JSON Lines records, and refused files each named.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { extractArticles } from '../../pipeline/extract/extract-articles.js';
import { SEEDS_DIR } from '../helpers/seeds.js';

const dir = () => mkdtempSync(path.join(tmpdir(), 'sw-inputs-'));

describe('readInputs', () => {
  it('reads the seed directory as five pages', async () => {
    const { items, errors } = await readInputs([SEEDS_DIR], 1 << 20);
    expect(errors).toEqual([]);
    expect(items.map((i) => [i.kind, i.idBase])).toEqual([
      ['page', '000_59c1e87fd81191b7'],
      ['page', '001_6d2f3309d51e9222'],
      ['page', '002_2cf772f13c620336'],
      ['page', '003_32a8e9c81425a525'],
      ['page', '004_3c7d80452f340e24'],
    ]);
  });

  it('gives one item per JSONL record, keeps the record id, and names a bad line without losing the others', async () => {
    const d = dir();
    const file = path.join(d, 'list.jsonl');
    writeFileSync(file, '{"id":"a1","title":"One","text":"x"}\n{not json}\n\n{"title":"Two"}\n');
    const { items, errors } = await readInputs([file], 1 << 20);
    expect(items.map((i) => [i.idBase, i.source])).toEqual([
      ['a1', `${file}:1`],
      ['list-4', `${file}:4`],
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.source).toBe(`${file}:2`);
    expect(errors[0]!.message).toMatch(/invalid JSON/);
  });

  it('refuses unsupported, empty, binary and oversized files with a message naming each', async () => {
    const d = dir();
    writeFileSync(path.join(d, 'a.pdf'), '%PDF');
    writeFileSync(path.join(d, 'b.txt'), '   \n');
    writeFileSync(path.join(d, 'c.txt'), Buffer.from([0x41, 0x00, 0x42, 0x00]));
    writeFileSync(path.join(d, 'd.txt'), 'x'.repeat(2000));
    writeFileSync(path.join(d, 'e.txt'), 'fine');
    const { items, errors } = await readInputs([d, path.join(d, 'missing.txt')], 1000);
    expect(items.map((i) => i.idBase)).toEqual(['e']);
    expect(errors.map((e) => [path.basename(e.source), e.message.split(':')[0]!.split(' (')[0]])).toEqual([
      ['a.pdf', 'unsupported file type ".pdf"'],
      ['b.txt', 'file is empty'],
      ['c.txt', 'binary file, not text'],
      ['d.txt', 'file is 2000 bytes, over the 1000-byte limit'],
      ['missing.txt', 'no such file or directory'],
    ]);
  });

  it('gives a binary .jsonl one error, not one per line', async () => {
    const file = path.join(dir(), 'dump.jsonl');
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 97 === 0 ? 0x0a : (i * 131) % 256;
    writeFileSync(file, bytes);
    expect(await readInputs([file], 1 << 20)).toEqual({
      items: [],
      errors: [{ source: file, message: 'binary data, not JSON Lines' }],
    });
  });

  it('gives a text file that is not JSON Lines one error after its first ten lines; bad lines among good ones one each', async () => {
    const d = dir();
    const prose = path.join(d, 'notes.jsonl');
    writeFileSync(
      prose,
      Array.from({ length: 10_000 }, (_, i) => `Line ${i} of a report, written as prose.`).join('\n'),
    );
    const mixed = path.join(d, 'mixed.jsonl');
    writeFileSync(mixed, ['# exported list', '{"id":"a","title":"A"}', 'oops', '{"id":"b","title":"B"}'].join('\n'));
    const { items, errors } = await readInputs([prose, mixed], 1 << 20);
    expect(items.map((i) => i.idBase)).toEqual(['a', 'b']);
    expect(errors.map((e) => [e.source, e.message.split(' (')[0]!.split(': ')[0]])).toEqual([
      [prose, 'not JSON Lines'],
      [`${mixed}:1`, 'invalid JSON'],
      [`${mixed}:3`, 'invalid JSON'],
    ]);
    expect(errors[0]!.message).toMatch(
      /^not JSON Lines: its first 10 lines are not JSON \(.*notes\.jsonl:1: invalid JSON/,
    );
  });

  it('refuses an empty, non-scalar or overlong id with an error naming the record', async () => {
    const d = dir();
    const file = path.join(d, 'ids.jsonl');
    const lines = [
      { id: '', title: 'A' },
      { id: { x: 1 }, title: 'B' },
      { id: 'x'.repeat(300), title: 'C' },
      { id: 7, title: 'D' },
      { id: '  ', title: 'E' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const list = path.join(d, 'ids.json');
    writeFileSync(
      list,
      JSON.stringify([
        { id: 'ok', title: 'F' },
        { id: '', title: 'G' },
      ]),
    );
    const { items, errors } = await readInputs([file, list], 1 << 20);
    expect(items.map((i) => i.idBase)).toEqual(['7', 'ok']);
    expect(errors).toEqual([
      { source: `${file}:1`, message: 'id: must be a non-empty string or number' },
      { source: `${file}:2`, message: 'id: must be a non-empty string or number' },
      { source: `${file}:3`, message: 'id: must be at most 256 characters' },
      { source: `${file}:5`, message: 'id: must be a non-empty string or number' },
      { source: `${list}#2`, message: 'id: must be a non-empty string or number' },
    ]);
  });

  it('recognises an HTML page saved as .txt, decodes UTF-16 with a BOM, skips dot-files', async () => {
    const d = dir();
    mkdirSync(path.join(d, 'sub'));
    writeFileSync(path.join(d, 'sub', 'page.txt'), '<!DOCTYPE html><html><body><p>hi</p></body></html>');
    writeFileSync(
      path.join(d, 'u16.txt'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('नमस्ते दुनिया', 'utf16le')]),
    );
    writeFileSync(path.join(d, '.hidden.txt'), 'secret');
    const { items } = await readInputs([d], 1 << 20);
    expect(items.map((i) => [i.kind, i.content.slice(0, 6)])).toEqual([
      ['html', '<!DOCT'],
      ['page', 'नमस्ते'],
    ]);
  });

  it('reads a feed or page in the encoding its XML prolog or <meta charset> declares; JSON stays UTF-8', async () => {
    const d = dir();
    const latin1 = (s: string) => Buffer.from(s, 'latin1');
    writeFileSync(
      path.join(d, 'a.xml'),
      latin1(
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>F</title>' +
          '<item><title>Caf\u00e9 in S\u00e3o Paulo</title><description>Ol\u00e1.</description></item></channel></rss>',
      ),
    );
    writeFileSync(
      path.join(d, 'b.html'),
      latin1('<html><head><meta charset="windows-1252"><title>x</title></head><body><p>Se\u00f1or</p></body></html>'),
    );
    writeFileSync(
      path.join(d, 'c.json'),
      JSON.stringify({ title: '<meta charset="windows-1252"> caf\u00e9', text: 'x' }),
    );
    const { items, errors } = await readInputs([d], 1 << 20);
    expect(errors).toEqual([]);
    expect(JSON.parse(items[0]!.content).title).toBe('Caf\u00e9 in S\u00e3o Paulo');
    expect(items[1]!.content).toContain('Se\u00f1or');
    expect(JSON.parse(items[2]!.content).title).toContain('caf\u00e9');
  });
});

describe('extractArticles', () => {
  it('reads a JSON article record and validates it', async () => {
    const [a] = await extractArticles(
      'record',
      JSON.stringify({ title: 'T', text: 'body', url: 'https://example.org/a', publishedAt: '2025-07-11T10:00:00Z' }),
    );
    expect(a).toEqual({
      title: 'T',
      text: 'body',
      url: 'https://example.org/a',
      publishedAt: '2025-07-11T10:00:00.000Z',
    });
    await expect(extractArticles('record', JSON.stringify({ text: 'no title' }))).rejects.toThrow(/title/);
  });

  it("stores a record's time in UTC, keeps a date alone as a date, reads a zoneless time as UTC, drops an unreadable one", async () => {
    const at = async (publishedAt: string) =>
      (await extractArticles('record', JSON.stringify({ title: 'T', publishedAt })))[0]!.publishedAt;
    expect(await at('2020-01-03T17:33:00+05:30')).toBe('2020-01-03T12:03:00.000Z');
    expect(await at('Fri, 03 Jan 2020 17:33:00 +0530')).toBe('2020-01-03T12:03:00.000Z');
    expect(await at('Mon, 31 Mar 202510:50:41 +0530')).toBe('2025-03-31T05:20:41.000Z');
    expect(await at('2020-01-03')).toBe('2020-01-03');
    expect(await at('2020-01-03 17:33')).toBe('2020-01-03T17:33:00.000Z');
    expect(await at('soon')).toBeNull();
  });

  it('reads the items of an RSS feed', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
      <item><title>Steel mill deal</title><link> https://example.org/1 </link><description>Pakistan and Russia sign.</description><pubDate>Fri, 11 Jul 2025 10:00:00 +0500</pubDate></item>
      </channel></rss>`;
    expect(await extractArticles('feed', rss)).toEqual([
      {
        title: 'Steel mill deal',
        text: 'Pakistan and Russia sign.',
        url: 'https://example.org/1',
        publishedAt: '2025-07-11T05:00:00.000Z',
      },
    ]);
    await expect(extractArticles('feed', '<html>not a feed')).rejects.toThrow(/not a readable RSS\/Atom feed/);
  });
});

describe('extractArticles on HTML', () => {
  const paragraph =
    'Pakistan and Russia signed a protocol in Moscow on Friday to restore and modernise Pakistan Steel Mills in Karachi, the embassy said in a statement after the ceremony.';

  it('extracts the article of a news page and its title', async () => {
    const html = `<html><head><title>PSM protocol signed | Wire</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
      <article><h1>PSM protocol signed</h1>${Array(6).fill(`<p>${paragraph}</p>`).join('')}</article><footer><a href="/about">About</a></footer></body></html>`;
    const [a] = await extractArticles('html', html);
    expect(a!.title).toMatch(/PSM protocol signed/);
    expect(a!.text.split('\n\n')).toHaveLength(6);
    expect(a!.text).not.toMatch(/Home|About/);
  });

  it('refuses a home page of headline links as not an article', async () => {
    const links = Array.from(
      { length: 40 },
      (_, i) => `<li><a href="/story/${i}">Headline number ${i} about the news of the day in the region</a></li>`,
    ).join('');
    const html = `<html><head><title>Wire — home</title></head><body><h1>Wire</h1><ul>${links}</ul><p>Top stories, updated hourly.</p></body></html>`;
    await expect(extractArticles('html', html)).rejects.toThrow(
      /^not an article: a listing page \(40 headlines, no article body\)$/,
    );
  });
});
