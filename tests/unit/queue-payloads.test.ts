// Tests ClusterItem and IngestItem payloads: vectors as base64 typed arrays, exact both ways; each entry checked on its own.
import { describe, expect, it } from 'vitest';
import type { Vector } from '../../pipeline/types.js';
import { readClusterJob, readIngestJob } from '../../queue/queues.js';
import { fromWire, toWire } from '../../queue/wire-vector.js';

const item = (vector: unknown, id = 'a-1') => ({
  id,
  source: `inbox/${id}.txt`,
  url: null,
  title: 'T',
  titleEn: 'T',
  text: 'text',
  publishedAt: null,
  lang: 'en',
  langConfidence: 0.9,
  contentHash: '0123456789abcdef',
  bodyHash: 'fedcba9876543210',
  vector,
  mode: 'offline',
});

describe('payload vectors', () => {
  it.each<[string, Vector]>([
    [
      'sparse, with term names that are numbers or special',
      { kind: 'sparse', terms: { steel: 0.1 + 0.2, '2025': -3e-9, __proto__x: 1, 'w:मिल': 2 } },
    ],
    [
      'sparse, with a term named __proto__ (an own property, not the prototype)',
      { kind: 'sparse', terms: JSON.parse('{"mill": 0.5, "__proto__": 1.25, "7": 2}') as Record<string, number> },
    ],
    ['sparse, of doubles', { kind: 'sparse', terms: { steel: 0.1 + 0.2, mill: Math.PI } }],
    ['dense, made of 32-bit floats', { kind: 'dense', values: Array.from(Float32Array.of(0.1, -0.25, 3e-8)) }],
    ['dense, made of doubles', { kind: 'dense', values: [0.1, -0.2, Math.PI] }],
  ])('carries a %s vector exactly', (_, vector) => {
    const wire = toWire(vector);
    expect(JSON.stringify(wire)).not.toMatch(/\d\.\d/);
    expect(fromWire(JSON.parse(JSON.stringify(wire)))).toEqual(vector);
    if (vector.kind === 'sparse')
      expect(Object.keys((fromWire(wire) as typeof vector).terms)).toEqual(Object.keys(vector.terms));
    if (vector.kind === 'sparse')
      expect(Object.getPrototypeOf((fromWire(wire) as typeof vector).terms)).toBe(Object.prototype);
  });

  it('sends weights of four decimals as integers, and 32-bit floats, only when no weight loses a bit', () => {
    expect(toWire({ kind: 'sparse', terms: { a: 1.4055, b: 2 } })).toHaveProperty('e4');
    expect(toWire({ kind: 'sparse', terms: { a: 1.40551 } })).toHaveProperty('f64');
    expect(toWire({ kind: 'dense', values: [0.5, 0.25] })).toHaveProperty('f32');
    expect(toWire({ kind: 'dense', values: [0.1] })).toHaveProperty('f64');
  });
});

describe('ClusterItem payloads', () => {
  it('reads each article on its own: a bad one is named, the others are read', () => {
    const good = (id: string) => item(toWire({ kind: 'sparse', terms: { steel: 2 } }), id);
    const entries = readClusterJob({
      articles: [
        good('a'),
        item({ kind: 'sparse', terms: ['steel'], f64: 'AAAA' }, 'short'),
        item({ kind: 'sparse-ish', terms: {} }, 'kind'),
        good('b'),
      ],
    });
    expect(entries[0]).toEqual({ value: { ...good('a'), vector: { kind: 'sparse', terms: { steel: 2 } } } });
    expect(entries[1]).toEqual({
      id: 'short',
      source: 'inbox/short.txt',
      error:
        'cluster-item: invalid payload (inbox/short.txt): vector.f64: 3 bytes is not a whole number of 64-bit numbers',
    });
    expect(entries[2]).toMatchObject({
      id: 'kind',
      error: expect.stringMatching(/^cluster-item: invalid payload \(inbox\/kind\.txt\): vector/),
    });
    expect(entries[3]).toMatchObject({ value: { id: 'b' } });
  });

  it.each([
    ['a weight that is not a number', { kind: 'sparse', terms: { steel: 'two' } }],
    ['a weight that is not finite', { kind: 'sparse', terms: { steel: null } }],
    ['terms that are a list without weights', { kind: 'sparse', terms: [1, 2] }],
    ['dense values with a string', { kind: 'dense', values: [0.1, 'x'] }],
    ['weights that are not base64', { kind: 'dense', f64: 'not base64!' }],
    [
      'more weights than terms',
      { kind: 'sparse', terms: ['a'], f64: Buffer.from(new Float64Array(2).buffer).toString('base64') },
    ],
    [
      'a weight that is not finite, in base64',
      { kind: 'dense', f64: Buffer.from(Float64Array.of(NaN).buffer).toString('base64') },
    ],
    ['an unknown kind', { kind: 'sparse-ish', terms: {} }],
  ])('refuses %s for good, naming the queue and the input', (_, vector) => {
    const [entry] = readClusterJob({ articles: [item(vector)] });
    expect(entry).toMatchObject({
      error: expect.stringMatching(/^cluster-item: invalid payload \(inbox\/a-1\.txt\): vector/),
    });
  });

  it('reads a payload of one article without the list (an older version’s) as a list of one, JSON vectors as they are', () => {
    const terms = { steel: 2, mill: 1 };
    const [entry] = readClusterJob(item({ kind: 'sparse', terms }));
    expect(entry).toEqual({ value: item({ kind: 'sparse', terms }) });
  });

  it('refuses for good a payload that is no job at all', () => {
    expect(() => readClusterJob({ articles: [] })).toThrow(expect.objectContaining({ name: 'UnrecoverableError' }));
  });
});

describe('IngestItem payloads', () => {
  it('reads each input on its own, and an older single input as a list of one', () => {
    const page = { kind: 'page', source: 'a.txt', idBase: 'a', content: 'x' };
    expect(readIngestJob({ items: [page, { kind: 'pdf', source: 'b.pdf', idBase: 'b', content: '' }] })).toEqual([
      { value: page },
      { source: 'b.pdf', error: expect.stringMatching(/^ingest-item: invalid payload \(b\.pdf\): kind/) },
    ]);
    expect(readIngestJob(page)).toEqual([{ value: page }]);
    expect(() => readIngestJob({ kind: 'pdf', source: 'b.pdf' })).toThrow(/^ingest-item: invalid payload \(b\.pdf\)/);
  });
});
