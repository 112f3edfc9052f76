// Placing one article (pipeline/place) on snapshots held in memory: no Redis, no SQLite.
import { describe, expect, it } from 'vitest';
import { placeArticle } from '../../pipeline/place/place-article.js';
import type {
  ArticlePlaced,
  MemberReader,
  Placement,
  PlacementSettings,
  PlacementSnapshot,
} from '../../pipeline/place/placement.js';
import { PlacementModel } from '../../pipeline/place/placement-model.js';
import type { StorylineProfile } from '../../pipeline/storylines/match-storylines.js';
import type { PreparedArticle, Vector } from '../../pipeline/types.js';
import { preparedArticle, TEST_CLUSTERING } from '../helpers/prepared-article.js';

const terms = (words: string): Vector => ({
  kind: 'sparse',
  terms: Object.fromEntries(words.split(' ').map((w) => [`w:${w}`, 1])),
});
const NOW = '2025-07-11T12:00:00.000Z';
const SETTINGS: PlacementSettings = {
  clustering: TEST_CLUSTERING,
};

const article = (id: string, words: string, extra: Partial<PreparedArticle> = {}): PreparedArticle =>
  preparedArticle(id, terms(words), extra);

/**
 * A stream of placements over one model, each persisted into an in-memory list of stored articles the way
 * the store keeps them (cluster members, merges moving them), so each snapshot sees what came before.
 */
function stream() {
  const model = new PlacementModel();
  const stored = new Map<string, { clusterId: string; article: PreparedArticle }>();
  let clusters = 0;
  const members: MemberReader = {
    ids: (clusterId, lang) =>
      [...stored].filter(([, s]) => s.clusterId === clusterId && s.article.lang === lang).map(([id]) => id),
    vector: (id) => {
      const s = stored.get(id);
      if (!s) throw new Error(`article ${id} is not stored`);
      return s.article.vector;
    },
    headline: (id) => stored.get(id)?.article,
  };
  const place = (item: PreparedArticle, over: Partial<PlacementSnapshot> = {}): Placement => {
    const snapshot = {
      retried: false,
      freeId: item.id,
      nextClusterId: `c${clusters + 1}`,
      now: NOW,
      model,
      members,
      ...over,
    };
    const p = placeArticle(item, snapshot, SETTINGS);
    if (p.kind !== 'placed') return p;
    if (p.isNewCluster) clusters++;
    stored.set(p.article.id, { clusterId: p.cluster.id, article: p.article });
    if (p.merge) for (const s of stored.values()) if (s.clusterId === p.merge.fromId) s.clusterId = p.merge.into.id;
    return p;
  };
  return { model, stored, place };
}

const placed = (p: Placement): ArticlePlaced => {
  if (p.kind !== 'placed') throw new Error(`expected a placed article, got ${p.kind}`);
  return p;
};

describe('placeArticle', () => {
  it('opens a new cluster, titled by the article, and counts the article in the model', () => {
    const { model, place } = stream();
    const p = placed(place(article('a', 'steel mill karachi')));
    expect(p).toMatchObject({ isNewCluster: true, clusterId: 'c1', inputId: 'a', matches: [], deliveries: [] });
    expect(p.cluster).toMatchObject({ id: 'c1', title: 'title a', lead: 'text of a', centralId: 'a', createdAt: NOW });
    expect(p.cluster.centroids.en!.count).toBe(1);
    expect([...model.clusters.keys()]).toEqual(['c1']);
    expect(model.stats.docs).toBe(1);
  });

  it('joins the cluster of a report of the same event, and keeps another event apart', () => {
    const { model, place } = stream();
    place(article('a', 'steel mill karachi protocol'));
    place(article('noise', 'cricket match delhi final'));
    const p = placed(place(article('b', 'steel mill karachi moscow', { lang: 'en' })));
    expect(p).toMatchObject({ isNewCluster: false, clusterId: 'c1' });
    expect(p.cluster.centroids.en!.count).toBe(2);
    expect(model.clusters.get('c1')!.centroids.en!.count).toBe(2);
    expect(model.clusters.get('c2')!.centroids.en!.count).toBe(1);
  });

  it('stores the article under the free id the snapshot gives, keeping the id its input gave', () => {
    const { place } = stream();
    const p = placed(place(article('a', 'steel mill karachi'), { freeId: 'a-abc123' }));
    expect(p.article.id).toBe('a-abc123');
    expect(p.inputId).toBe('a');
  });

  it('keeps the same content or URL as an exact copy, and a syndicated report as a copy of the member it repeats', () => {
    const { model, place } = stream();
    const words = 'pakistan russia protocol steel mill karachi moscow signed embassy restore modernise soviet';
    place(article('wire', words));
    place(article('other', 'cricket match delhi final'));
    expect(place(article('again', 'other words'), { exactCopyOf: 'wire', freeId: 'again' })).toEqual({
      kind: 'copy',
      copy: {
        id: 'again',
        inputId: 'again',
        source: 'again.txt',
        url: null,
        title: 'title again',
        titleEn: 'title again',
        lang: 'en',
        publishedAt: '2025-07-11',
        contentHash: 'hash-again-0000',
        duplicateOf: 'wire',
        similarity: 1,
      },
    });
    const near = place(article('copy', `${words} today`));
    expect(near).toMatchObject({ kind: 'copy', copy: { id: 'copy', duplicateOf: 'wire' } });
    const similarity = near.kind === 'copy' ? near.copy.similarity : 0;
    expect(similarity).toBeGreaterThanOrEqual(0.9);
    expect(similarity).toBeLessThan(1);
    // A copy is no member: the cluster and the term statistics stay as they were.
    expect(model.clusters.get('c1')!.centroids.en!.count).toBe(1);
    expect(model.stats.docs).toBe(2);
  });

  it("finds a report carried under another headline through its body twin's cluster, even when the lookup misses it", () => {
    const words = 'pakistan russia protocol steel mill karachi moscow signed embassy restore modernise soviet';
    const twin = { id: 'wire', clusterId: 'c1' };
    /** A stream whose candidate lookup no longer returns the wire report's cluster (as when capped postings dropped it). */
    const missed = () => {
      const s = stream();
      s.place(article('wire', words));
      s.model.index.remove('c1');
      return s;
    };
    expect(missed().place(article('paper', `${words} today`), { bodyTwin: twin })).toMatchObject({
      kind: 'copy',
      copy: { id: 'paper', duplicateOf: 'wire' },
    });
    // Without the twin the lookup finds no cluster: the report opens one of its own.
    expect(missed().place(article('paper', `${words} today`))).toMatchObject({ kind: 'placed', clusterId: 'c2' });
    // A title alone has no body to share, and an article that would not join the twin's cluster is no copy of it.
    const titleOnly = article('brief', `${words} today`, { text: 'title brief' });
    expect(missed().place(titleOnly, { bodyTwin: twin })).toMatchObject({ kind: 'placed', clusterId: 'c2' });
    const other = article('other', 'cricket match delhi final');
    expect(missed().place(other, { bodyTwin: twin })).toMatchObject({ kind: 'placed', clusterId: 'c2' });
  });

  it('answers an input read before: unchanged, or resumed when the job was retried', () => {
    const { model, place } = stream();
    expect(place(article('a', 'steel mill'), { seen: { id: 'a' } })).toEqual({ kind: 'unchanged', articleId: 'a' });
    expect(place(article('a', 'steel mill'), { seen: { id: 'a' }, retried: true })).toEqual({
      kind: 'resumed',
      articleId: 'a',
      copy: false,
    });
    const copy = place(article('b', 'steel mill'), { seen: { id: 'b', duplicateOf: 'a' }, retried: true });
    expect(copy).toEqual({ kind: 'resumed', articleId: 'b', copy: true });
    expect(model.stats.docs).toBe(0);
  });

  it('merges two clusters once they converge: the older id survives, with both centroids and a title', () => {
    const { model, stored, place } = stream();
    place(article('a', 'steel mill karachi'));
    place(article('b', 'protocol moscow signed'));
    place(article('noise', 'cricket match delhi'));
    expect(placed(place(article('c', 'steel mill karachi protocol moscow signed'))).merge).toBeUndefined();
    const d = placed(place(article('d', 'steel mill karachi protocol moscow signed talks kremlin')));
    expect(d.merge).toMatchObject({ fromId: 'c2', into: { id: 'c1' } });
    expect(d.merge!.similarity).toBeGreaterThanOrEqual(SETTINGS.clustering.mergeThreshold);
    expect(d.clusterId).toBe('c1');
    expect(d.merge!.into.centroids.en!.count).toBe(4);
    expect(['a', 'b', 'c', 'd']).toContain(d.merge!.into.centralId);
    expect(d.merge!.into.title).toBe(`title ${d.merge!.into.centralId}`);
    expect([...model.clusters.keys()].sort()).toEqual(['c1', 'c3']);
    expect(model.index.get('c2')).toBeUndefined();
    expect(stored.get('b')!.clusterId).toBe('c1');
  });

  it('matches storylines with their evidence, teaches them, and makes the alert events of the matches', () => {
    const { model, place } = stream();
    const profile: StorylineProfile = {
      id: 'psm',
      keywords: ['Steel Mill'],
      vector: terms('steel mill karachi revival russia'),
      examples: [terms('steel mill russia protocol')],
      threshold: 0.5,
      memory: { sum: null, count: 0, recent: [] },
    };
    model.storylines = [profile];
    model.storylineNames = new Map([['psm', 'Pakistan Steel Mills']]);
    model.subscriptions = [
      {
        url: 'http://127.0.0.1:9/hook',
        storylines: ['psm'],
        minScore: 0,
        events: ['storyline.matched', 'cluster.created'],
      },
    ];
    const text = 'The Steel Mill in Karachi is revived with Russia.';
    const first = placed(
      place(article('a', 'steel mill karachi revival russia', { title: 'Steel Mill revival', text })),
    );
    expect(first.matches).toMatchObject([
      {
        id: 'psm',
        evidence: {
          keywords: ['Steel Mill'],
          prominentKeywords: ['Steel Mill'],
          cluster: null,
          nearestExample: { index: 0 },
        },
      },
    ]);
    expect(first.matches[0]!.score).toBeGreaterThanOrEqual(0.5);
    expect(first.memories).toMatchObject([{ storylineId: 'psm', memory: { count: 1, recent: [{ id: 'a' }] } }]);
    expect(model.storylines[0]!.memory.count).toBe(1);
    expect(first.deliveries.map((d) => d.type)).toEqual(['storyline.matched', 'cluster.created']);
    type Event = {
      timestamp: string;
      data: Record<string, { id: string; title?: string; evidence?: unknown; name?: string }>;
    };
    const event = JSON.parse(first.deliveries[0]!.body) as Event;
    expect(event.timestamp).toBe(NOW);
    expect(event.data.storyline).toEqual({ id: 'psm', name: 'Pakistan Steel Mills' });
    expect(event.data.cluster).toMatchObject({
      id: 'c1',
      title: 'Steel Mill revival',
      articleCount: 1,
      languages: ['en'],
    });
    expect(event.data.article).toMatchObject({ id: 'a', evidence: first.matches[0]!.evidence });

    // A report of the same cluster that names no keyword matches on its cluster's earlier match, and opens no cluster.
    const second = placed(
      place(
        article('b', 'karachi revival russia plant', { title: 'Plant restarts', text: 'Workers restart the plant.' }),
      ),
    );
    expect(second.clusterId).toBe('c1');
    expect(second.matches).toMatchObject([
      {
        id: 'psm',
        evidence: { keywords: [], cluster: { id: 'c1', matched: 1, members: 1 }, nearestArticle: { id: 'a' } },
      },
    ]);
    expect(second.memories).toEqual([]);
    expect(second.deliveries.map((d) => d.type)).toEqual(['storyline.matched']);
    expect(JSON.parse(second.deliveries[0]!.body)).toMatchObject({ data: { cluster: { id: 'c1', articleCount: 2 } } });
  });

  it('names no member it cannot read: a cluster member missing from the store is an error naming it', () => {
    const { model, place } = stream();
    place(article('a', 'steel mill karachi'));
    const members: MemberReader = {
      ids: () => ['ghost'],
      vector: (id) => {
        throw new Error(`article ${id} is listed in a cluster but not stored`);
      },
      headline: () => undefined,
    };
    expect(() => place(article('b', 'steel mill karachi moscow'), { members, model })).toThrow(
      /article ghost is listed in a cluster but not stored/,
    );
  });
});
