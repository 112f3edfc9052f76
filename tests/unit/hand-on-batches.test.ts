// Tests the ingest worker's hand-ons: jobs finishing together go in one send; a lone job, a failed one, the hold limit.
import { describe, expect, it } from 'vitest';
import type { PreparedArticle } from '../../pipeline/types.js';
import { createHandOnBatches, HAND_ON_ENOUGH } from '../../queue/hand-on-batches.js';
import type { ArticleJob } from '../../queue/queues.js';

const article = (id: string) => ({ id }) as PreparedArticle;

/** A send that records each call and answers with one ClusterItem per call, as enqueueArticles does for a small batch. */
function recordingSend() {
  const calls: string[][] = [];
  const send = (articles: PreparedArticle[]): Promise<ArticleJob[]> => {
    calls.push(articles.map((a) => a.id));
    const jobId = `cluster-${calls.length}`;
    return Promise.resolve(articles.map((a, at) => ({ id: a.id, clusterJobId: jobId, at })));
  };
  return { calls, send };
}

const settled = async <T>(p: Promise<T>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('hand-on batches', () => {
  it('hands a lone job on at once', async () => {
    const { calls, send } = recordingSend();
    const batches = createHandOnBatches(send, 10_000);
    const turn = batches.begin();
    const sent = await turn.handOn([article('a'), article('b')]);
    turn.end();
    expect(calls).toEqual([['a', 'b']]);
    expect(sent).toEqual([
      { id: 'a', clusterJobId: 'cluster-1', at: 0 },
      { id: 'b', clusterJobId: 'cluster-1', at: 1 },
    ]);
  });

  it('holds the articles of a job while others are being prepared, then sends them all in one go', async () => {
    const { calls, send } = recordingSend();
    const batches = createHandOnBatches(send, 10_000);
    const [one, two, three] = [batches.begin(), batches.begin(), batches.begin()];
    const first = one.handOn([article('a')]);
    expect(await settled(first)).toBe(false);
    const second = two.handOn([article('b'), article('c')]);
    expect(await settled(second)).toBe(false);
    expect(calls).toEqual([]);
    const third = three.handOn([article('d')]);
    // Each job gets back where its own articles went, in its own order.
    expect(await first).toEqual([{ id: 'a', clusterJobId: 'cluster-1', at: 0 }]);
    expect(await second).toEqual([
      { id: 'b', clusterJobId: 'cluster-1', at: 1 },
      { id: 'c', clusterJobId: 'cluster-1', at: 2 },
    ]);
    expect(await third).toEqual([{ id: 'd', clusterJobId: 'cluster-1', at: 3 }]);
    expect(calls).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('lets a job that ends without handing on (it failed) release the others', async () => {
    const { calls, send } = recordingSend();
    const batches = createHandOnBatches(send, 10_000);
    const [ok, failing] = [batches.begin(), batches.begin()];
    const sent = ok.handOn([article('a')]);
    expect(await settled(sent)).toBe(false);
    failing.end();
    expect(await sent).toHaveLength(1);
    expect(calls).toEqual([['a']]);
    // end() after handOn changes nothing; a second handOn is refused.
    ok.end();
    await expect(ok.handOn([article('x')])).rejects.toThrow(/once/);
  });

  it('does not hold a job back for one that hands on nothing', async () => {
    const { calls, send } = recordingSend();
    const batches = createHandOnBatches(send, 10_000);
    const [one, empty] = [batches.begin(), batches.begin()];
    const sent = one.handOn([article('a')]);
    expect(await empty.handOn([])).toEqual([]);
    expect(await sent).toHaveLength(1);
    expect(calls).toEqual([['a']]);
  });

  it('sends what waits after the hold limit, even while another job is still preparing', async () => {
    const { calls, send } = recordingSend();
    const batches = createHandOnBatches(send, 30);
    const [one, slow] = [batches.begin(), batches.begin()];
    const t0 = performance.now();
    const sent = await one.handOn([article('a')]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
    expect(sent).toEqual([{ id: 'a', clusterJobId: 'cluster-1', at: 0 }]);
    // The slow job, once done, goes in a send of its own.
    expect(await slow.handOn([article('b')])).toEqual([{ id: 'b', clusterJobId: 'cluster-2', at: 0 }]);
    expect(calls).toEqual([['a'], ['b']]);
  });

  it(`sends at once when ${HAND_ON_ENOUGH} articles wait, whoever is still preparing`, async () => {
    const { calls, send } = recordingSend();
    const batches = createHandOnBatches(send, 10_000);
    const [big, other] = [batches.begin(), batches.begin()];
    const ids = Array.from({ length: HAND_ON_ENOUGH }, (_, i) => `a${i}`);
    expect(await big.handOn(ids.map(article))).toHaveLength(HAND_ON_ENOUGH);
    expect(calls).toEqual([ids]);
    other.end();
  });

  it('fails every job of a send that fails, whether it rejects or throws', async () => {
    const failing = [
      () => Promise.reject(new Error('Redis is gone')),
      () => {
        throw new Error('Redis is gone');
      },
    ];
    for (const send of failing) {
      const batches = createHandOnBatches(send, 10_000);
      const [one, two] = [batches.begin(), batches.begin()];
      const first = one.handOn([article('a')]);
      const second = two.handOn([article('b')]);
      await expect(first).rejects.toThrow('Redis is gone');
      await expect(second).rejects.toThrow('Redis is gone');
    }
  });
});
