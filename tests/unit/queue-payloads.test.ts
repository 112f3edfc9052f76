// Tests that ClusterItem payloads accept sparse and dense vectors as they are.
import { describe, expect, it } from 'vitest';
import { clusterItemSchema, parsePayload, QUEUES } from '../../queue/queues.js';

const item = (vector: unknown) => ({
  id: 'a-1',
  source: 'inbox/a.txt',
  url: null,
  title: 'T',
  titleEn: 'T',
  text: 'text',
  publishedAt: null,
  lang: 'en',
  langConfidence: 0.9,
  contentHash: '0123456789abcdef',
  vector,
  mode: 'offline',
});

describe('ClusterItem payloads', () => {
  it('accepts sparse and dense vectors as they are (not copied)', () => {
    const terms = { steel: 2, mill: 1 };
    const sparse = parsePayload(clusterItemSchema, QUEUES.cluster, item({ kind: 'sparse', terms })).vector;
    expect(sparse).toEqual({ kind: 'sparse', terms: { steel: 2, mill: 1 } });
    if (sparse.kind !== 'sparse') throw new Error('expected a sparse vector');
    expect(sparse.terms).toBe(terms);
    const values = [0.1, -0.2];
    const dense = parsePayload(clusterItemSchema, QUEUES.cluster, item({ kind: 'dense', values })).vector;
    expect(dense).toEqual({ kind: 'dense', values: [0.1, -0.2] });
    if (dense.kind !== 'dense') throw new Error('expected a dense vector');
    expect(dense.values).toBe(values);
  });

  it.each([
    ['a weight that is not a number', { kind: 'sparse', terms: { steel: 'two' } }],
    ['a weight that is not finite', { kind: 'sparse', terms: { steel: null } }],
    ['terms that are a list', { kind: 'sparse', terms: [1, 2] }],
    ['dense values with a string', { kind: 'dense', values: [0.1, 'x'] }],
    ['an unknown kind', { kind: 'sparse-ish', terms: {} }],
  ])('rejects %s for good, naming the queue and the input', (_, vector) => {
    expect(() => parsePayload(clusterItemSchema, QUEUES.cluster, item(vector))).toThrow(
      expect.objectContaining({
        name: 'UnrecoverableError',
        message: expect.stringMatching(/^cluster-item: invalid payload \(inbox\/a\.txt\): vector/),
      }),
    );
  });
});
