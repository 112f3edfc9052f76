import { describe, expect, it } from 'vitest';
import { clusterItemSchema, parsePayload, QUEUES } from '../../queue/queues.js';

const item = (vector: unknown) => ({
  id: 'a-1', source: 'inbox/a.txt', url: null, title: 'T', titleEn: 'T', text: 'text', publishedAt: null,
  lang: 'en', langConfidence: 0.9, contentHash: '0123456789abcdef', vector, mode: 'offline',
});

describe('ClusterItem payloads', () => {
  it('accepts sparse and dense vectors as they are (not copied)', () => {
    const terms = { steel: 2, mill: 1 };
    expect(parsePayload(clusterItemSchema, QUEUES.cluster, item({ kind: 'sparse', terms })).vector).toEqual({ kind: 'sparse', terms });
    expect(parsePayload(clusterItemSchema, QUEUES.cluster, item({ kind: 'dense', values: [0.1, -0.2] })).vector).toEqual({ kind: 'dense', values: [0.1, -0.2] });
  });

  it.each([
    ['a weight that is not a number', { kind: 'sparse', terms: { steel: 'two' } }],
    ['a weight that is not finite', { kind: 'sparse', terms: { steel: null } }],
    ['terms that are a list', { kind: 'sparse', terms: [1, 2] }],
    ['dense values with a string', { kind: 'dense', values: [0.1, 'x'] }],
    ['an unknown kind', { kind: 'sparse-ish', terms: {} }],
  ])('rejects %s for good, naming the queue and the input', (_, vector) => {
    expect(() => parsePayload(clusterItemSchema, QUEUES.cluster, item(vector))).toThrow(
      expect.objectContaining({ name: 'UnrecoverableError', message: expect.stringMatching(/^cluster-item: invalid payload \(inbox\/a\.txt\): vector/) }),
    );
  });
});
