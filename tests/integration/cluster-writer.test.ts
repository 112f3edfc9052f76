// Tests the cluster writer on a real store: stored once, copies, near-duplicates, taken ids and merges.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { StorylineConfig } from '../../config/schema.js';
import type { StorylineProfile } from '../../pipeline/storylines/match-storylines.js';
import type { PreparedArticle, Vector } from '../../pipeline/types.js';
import { createClusterProcessor } from '../../workers/cluster-item.worker.js';
import type { ClusterJobResult, ClusterResult } from '../../queue/queues.js';
import { toWire } from '../../queue/wire-vector.js';
import { preparedArticle, TEST_CLUSTERING } from '../helpers/prepared-article.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { storeReport } from '../../store/store-report.js';

const terms = (words: string, weight = 1): Vector => ({
  kind: 'sparse',
  terms: Object.fromEntries(words.split(' ').map((w) => [`w:${w}`, weight])),
});

type ClusterItem = PreparedArticle;
const article = (id: string, vector: Vector, extra: Partial<ClusterItem> = {}): ClusterItem =>
  preparedArticle(id, vector, extra);

/** The ClusterItem processor on a real SQLite file, fed directly (the queue plumbing is tested elsewhere). */
function writer(
  file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-store-')), 'storywatch.sqlite'),
  profiles: (defs: StorylineConfig[]) => Promise<StorylineProfile[]> = async () => [],
  batchBudgetMs?: number,
) {
  const store = new SqliteStore(file);
  const logs: string[] = [];
  const process = createClusterProcessor({
    store,
    profiles,
    log: (m) => logs.push(m),
    clustering: TEST_CLUSTERING,
    batchBudgetMs,
  });
  const wire = (item: ClusterItem) => ({ ...item, vector: item.vector && toWire(item.vector) });
  /** One ClusterItem of several articles, as an IngestItem hands them on: its result, one per article. */
  const feedMany = async (items: ClusterItem[], attemptsMade = 0) =>
    (await process({ data: { articles: items.map(wire) }, attemptsMade, opts: { attempts: 8 } } as Job)) as Extract<
      ClusterJobResult,
      { status: 'done' }
    >;
  /** One ClusterItem of one article: its result. */
  const feed = async (item: ClusterItem, attemptsMade = 0) =>
    (
      (await process({ data: { articles: [wire(item)] }, attemptsMade } as Job)) as Extract<
        ClusterJobResult,
        { status: 'done' }
      >
    ).articles[0] as ClusterResult;
  return { store, feed, feedMany, logs };
}

/** Five articles of which two clusters converge and merge, placed one by one by a writer of their own. */
async function oneByOne() {
  const items = [
    article('a', terms('steel mill karachi')),
    article('b', terms('protocol moscow signed')),
    article('c', terms('steel mill karachi protocol moscow signed')),
    article('d', terms('steel mill karachi protocol moscow signed talks kremlin'), { contentHash: 'hash-d-bridging' }),
    article('e', terms('cricket match delhi')),
  ];
  const one = writer();
  const sequential = [];
  for (const item of items) sequential.push(await one.feed(item));
  return { items, one, sequential };
}

describe('the cluster writer (ClusterItem on a real SQLite store)', () => {
  it('stores an article once: the same input again is unchanged, the same content or URL elsewhere is a copy', async () => {
    const { store, feed } = writer();
    expect(await feed(article('a', terms('steel mill karachi'), { url: 'https://example.org/a' }))).toMatchObject({
      status: 'done',
      clusterId: 'c1',
    });
    expect(await feed(article('a', terms('steel mill karachi'), { url: 'https://example.org/a' }))).toEqual({
      status: 'skipped',
      reason: 'unchanged',
      articleId: 'a',
    });
    // The same page under another id and with other words (an edited version): a copy, by its URL.
    const b = article('b', terms('other words'), { url: 'https://example.org/a', contentHash: 'other-hash-00' });
    expect(await feed(b)).toMatchObject({
      status: 'done',
      articleId: 'b',
      duplicateOf: 'a',
      clusterId: 'c1',
      similarity: 1,
    });
    expect(await feed(b)).toMatchObject({ status: 'skipped', reason: 'unchanged', articleId: 'b' });
    expect(store.articleCount()).toBe(1);
    expect(store.copies.list().map((c) => [c.id, c.duplicateOf])).toEqual([['b', 'a']]);
  });

  it('keeps the same content from other sources as copies of the first, each with its own id, source, URL and time', async () => {
    const { store, feed } = writer();
    const words = terms('pakistan russia protocol steel mill karachi');
    const contentHash = 'abc123def4567890';
    await feed(
      article('wire', words, {
        source: 'wire.jsonl:1',
        url: 'https://wire.example/psm',
        contentHash,
        publishedAt: '2025-07-11T08:00:00Z',
      }),
    );
    const paper = article('paper', words, {
      source: 'paper.jsonl:4',
      url: 'https://paper.example/psm',
      contentHash,
      publishedAt: '2025-07-11T10:00:00Z',
    });
    expect(await feed(paper)).toMatchObject({
      status: 'done',
      articleId: 'paper',
      duplicateOf: 'wire',
      clusterId: 'c1',
      storylines: [],
    });
    // A copy of a copy is a copy of the stored article; the same id from another input gets an id of its own.
    const again = article('paper', words, {
      source: 'elsewhere/paper.jsonl:1',
      url: null,
      contentHash,
      title: 'Other title',
    });
    expect(await feed(again)).toMatchObject({ status: 'done', duplicateOf: 'wire', articleId: 'paper-abc123' });
    expect(store.copies.list()).toMatchObject([
      {
        id: 'paper',
        inputId: 'paper',
        source: 'paper.jsonl:4',
        url: 'https://paper.example/psm',
        title: 'title paper',
        lang: 'en',
        publishedAt: '2025-07-11T10:00:00Z',
        duplicateOf: 'wire',
        clusterId: 'c1',
        similarity: 1,
      },
      {
        id: 'paper-abc123',
        inputId: 'paper',
        source: 'elsewhere/paper.jsonl:1',
        url: null,
        title: 'Other title',
        duplicateOf: 'wire',
      },
    ]);
    // The same record read again from another line of its file is the same input: unchanged.
    expect(await feed({ ...paper, source: 'paper.jsonl:9' })).toMatchObject({
      status: 'skipped',
      reason: 'unchanged',
      articleId: 'paper',
    });
    expect(store.articleCount()).toBe(1);
    expect(store.copies.list()).toHaveLength(2);
  });

  it('keeps a near-duplicate (a syndicated copy) as a copy of the first, once, without moving the centroid', async () => {
    const { store, feed } = writer();
    const words = 'pakistan russia protocol steel mill karachi moscow signed embassy restore modernise soviet';
    await feed(article('wire', terms(words), { url: 'https://wire.example/psm' }));
    await feed(article('other', terms('cricket match delhi final')));
    const copy = article('copy', terms(`${words} today`), {
      url: 'https://paper.example/psm',
      contentHash: 'hash-copy-0000',
    });
    const centroids = store.listClusters()[0]!.centroids;
    expect(await feed(copy)).toMatchObject({
      status: 'done',
      articleId: 'copy',
      duplicateOf: 'wire',
      clusterId: 'c1',
      similarity: expect.any(Number),
    });
    expect(await feed(copy)).toMatchObject({ status: 'skipped', reason: 'unchanged', articleId: 'copy' });
    // A retried job whose first attempt kept the copy before its worker died answers as that attempt would have.
    expect(await feed(copy, 1)).toMatchObject({
      status: 'done',
      articleId: 'copy',
      duplicateOf: 'wire',
      clusterId: 'c1',
    });
    expect(store.articleCount()).toBe(2);
    expect(store.copies.list()).toMatchObject([
      { id: 'copy', url: 'https://paper.example/psm', duplicateOf: 'wire', clusterId: 'c1' },
    ]);
    expect(store.listClusters()[0]!.centroids).toEqual(centroids);
    // A related but different report of the same story is stored and clustered with it.
    const follow = article('follow', terms('pakistan russia steel mill karachi delegation inspect site roadmap'), {
      contentHash: 'hash-follow-00',
    });
    expect(await feed(follow)).toMatchObject({ status: 'done' });
  });

  it('gives a new id to a different article that arrives under a taken id', async () => {
    const { store, feed } = writer();
    await feed(article('page-1', terms('steel mill karachi')));
    const second = await feed(article('page-1', terms('cricket match'), { contentHash: 'abcdef0123456789' }));
    expect(second).toMatchObject({ status: 'done', articleId: 'page-1-abcdef' });
    expect(store.listArticles().map((a) => a.id)).toEqual(['page-1', 'page-1-abcdef']);
  });

  it('keeps distinct events apart and merges two clusters once they converge, recording the merge', async () => {
    const { store, feed, logs } = writer();
    await feed(article('a', terms('steel mill karachi')));
    await feed(article('b', terms('protocol moscow signed')));
    await feed(article('noise', terms('cricket match delhi')));
    expect(new Set(store.listArticles().map((x) => x.clusterId)).size).toBe(3);
    // Another outlet's copy of b, kept while b's cluster is c2.
    expect(
      await feed(article('b2', terms('protocol moscow signed'), { source: 'b2.txt', contentHash: 'hash-b-0000' })),
    ).toMatchObject({ clusterId: 'c2' });
    // Reports that speak of both halves pull the first cluster towards the second until they meet.
    await feed(article('c', terms('steel mill karachi protocol moscow signed')));
    await feed(
      article('d', terms('steel mill karachi protocol moscow signed talks kremlin'), {
        contentHash: 'hash-d-bridging',
      }),
    );
    const byId = new Map(store.listArticles().map((x) => [x.id, x.clusterId]));
    expect(byId.get('b')).toBe(byId.get('a'));
    expect(byId.get('noise')).not.toBe(byId.get('a'));
    expect(store.listMerges()).toMatchObject([{ fromId: 'c2', intoId: 'c1' }]);
    // The copy follows its original into the surviving cluster: a merged-away id is never reported.
    expect(store.copies.list().map((c) => [c.id, c.clusterId])).toEqual([['b2', 'c1']]);
    expect(storeReport(store, 'offline').articles.find((x) => x.id === 'b2')).toMatchObject({
      clusterId: 'c1',
      duplicateOf: 'b',
    });
    expect(store.listClusters().map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(logs.some((l) => l.startsWith('merged cluster c2 into c1'))).toBe(true);
  });

  it('never gives the id of a merged-away cluster to a new one', async () => {
    const { store, feed } = writer();
    await feed(article('a', terms('steel mill karachi')));
    await feed(article('b', terms('protocol moscow signed')));
    await feed(article('c', terms('steel mill karachi protocol moscow signed')));
    await feed(
      article('d', terms('steel mill karachi protocol moscow signed talks kremlin'), {
        contentHash: 'hash-d-bridging',
      }),
    );
    expect(store.listMerges()).toMatchObject([{ fromId: 'c2', intoId: 'c1' }]);
    expect(store.listClusters().map((c) => c.id)).toEqual(['c1']);
    // c2, the newest cluster, was merged away: the next cluster is c3, not a second c2.
    expect(await feed(article('e', terms('cricket match delhi')))).toMatchObject({ clusterId: 'c3' });
    expect(store.nextClusterId()).toBe('c4');
  });

  it('keeps the names a storyline learned in the store, and a restarted writer finds reports by them', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-store-')), 'storywatch.sqlite');
    const named = (words: string): Vector => ({
      kind: 'sparse',
      terms: Object.fromEntries(words.split(' ').map((w) => [`n:${w}`, 1])),
    });
    const profiles = async (defs: StorylineConfig[]): Promise<StorylineProfile[]> =>
      defs.map((d) => ({
        id: d.id,
        keywords: d.keywords,
        vector: named('jn campus mob'),
        examples: [],
        threshold: d.threshold,
        memory: { sum: null, count: 0, recent: [] },
        keywordTerms: ['n:jn'],
      }));
    const first = writer(file, profiles);
    first.store.putStoryline(
      {
        id: 'jnu',
        name: 'JNU violence',
        description: 'Violence at JNU.',
        keywords: ['JNU'],
        examples: [],
        threshold: 0.5,
      },
      'api',
    );
    for (let i = 0; i < 20; i++)
      await first.feed(
        article(`other-${i}`, named(`monsoon rain kerala day${i}`), { title: 'Monsoon', text: 'Rain in Kerala.' }),
      );
    for (let i = 0; i < 6; i++) {
      const result = await first.feed(
        article(`jnu-${i}`, named(`jn campus mob sbrmt gs week${i}`), {
          title: `JNU mob ${i}`,
          text: 'Sabarmati hostel; Aishe Ghosh.',
        }),
      );
      expect(result).toMatchObject({ storylines: ['jnu'] });
    }
    expect(first.store.loadStorylineMemories().get('jnu')?.terms).toMatchObject({ 'n:sbrmt': 6, 'n:gs': 6 });
    first.store.close();
    const second = writer(file, profiles);
    const found = await second.feed(
      article('hindi', named('sbrmt gs stl'), { title: 'साबरमती छात्रावास', text: 'आइशी घोष', lang: 'hi' }),
    );
    expect(found).toMatchObject({ storylines: ['jnu'] });
    expect(second.store.matchEvidence('hindi')).toMatchObject([
      { storylineId: 'jnu', evidence: { keywords: [], learnedNames: ['n:gs', 'n:sbrmt'] } },
    ]);
  });

  it('places articles that arrive together in one batch exactly as one by one; a bad one fails alone', async () => {
    const { items, one, sequential } = await oneByOne();
    const together = writer();
    const bad = { ...article('bad', terms('x')), vector: undefined } as unknown as ClusterItem;
    const settled = await Promise.allSettled(
      [...items.slice(0, 2), bad, ...items.slice(2)].map((item) => together.feed(item)),
    );
    expect(settled[2]).toMatchObject({
      status: 'rejected',
      reason: { name: 'UnrecoverableError', message: expect.stringMatching(/bad\.txt/) },
    });
    expect(settled.filter((_, i) => i !== 2).map((r) => (r as PromiseFulfilledResult<ClusterResult>).value)).toEqual(
      sequential,
    );
    const clustersOf = (store: SqliteStore) => store.listArticles().map((x) => [x.id, x.clusterId]);
    expect(clustersOf(together.store)).toEqual(clustersOf(one.store));
    expect(together.store.listMerges().map((m) => [m.fromId, m.intoId])).toEqual(
      one.store.listMerges().map((m) => [m.fromId, m.intoId]),
    );
  });

  it('places the articles of one ClusterItem in order, exactly as one by one; a bad one fails alone, named', async () => {
    const { items, one, sequential } = await oneByOne();
    const bad = { ...article('bad', terms('x')), vector: undefined } as unknown as ClusterItem;
    // Once in one transaction, once with a budget so small that every article goes in a batch of its own.
    for (const budget of [undefined, 0]) {
      const together = writer(undefined, undefined, budget);
      const result = await together.feedMany([...items.slice(0, 2), bad, ...items.slice(2)]);
      expect(result.articles[2]).toEqual({
        status: 'failed',
        articleId: 'bad',
        error: expect.stringMatching(/^cluster-item: invalid payload \(bad\.txt\): vector/),
      });
      expect(result.articles.filter((_, i) => i !== 2)).toEqual(sequential);
      const clustersOf = (store: SqliteStore) => store.listArticles().map((x) => [x.id, x.clusterId]);
      expect(clustersOf(together.store)).toEqual(clustersOf(one.store));
      expect(together.store.listMerges().map((m) => [m.fromId, m.intoId, m.similarity])).toEqual(
        one.store.listMerges().map((m) => [m.fromId, m.intoId, m.similarity]),
      );
    }
  });

  it('answers a retried ClusterItem whose articles an earlier attempt committed as that attempt would have', async () => {
    const { store, feedMany } = writer();
    const items = [article('a', terms('steel mill karachi')), article('b', terms('cricket match delhi'))];
    const first = await feedMany(items);
    expect(first.articles).toMatchObject([
      { status: 'done', articleId: 'a', clusterId: 'c1' },
      { status: 'done', articleId: 'b', clusterId: 'c2' },
    ]);
    expect((await feedMany(items, 1)).articles).toEqual(first.articles);
    expect(store.articleCount()).toBe(2);
  });
});
