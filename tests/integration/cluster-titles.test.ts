// Tests that cluster titles follow a cluster as it grows and merges, and that alerts carry them.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Job } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { mostCentral } from '../../pipeline/cluster/cluster-title.js';
import { DashboardQueries } from '../../store/dashboard-queries.js';
import { enqueueArticles } from '../../queue/job-chain.js';
import type { ClusterJobResult, ClusterResult } from '../../queue/queues.js';
import type { PreparedArticle } from '../../pipeline/types.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { storeReport } from '../../store/store-report.js';
import { cleanUpAfterEach } from '../helpers/runtime-cleanup.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait.js';

const SECRET = `whsec_${Buffer.from('storywatch-test-secret-0123456789').toString('base64')}`;
const scope = cleanUpAfterEach();

/** A webhook receiver on 127.0.0.1 that keeps every event it is sent. */
async function receiver() {
  type Event = {
    type: string;
    data: { article?: { id: string }; cluster: { id: string; title: string; lead: string } };
  };
  const events: Event[] = [];
  const wh = new Webhook(SECRET);
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      events.push(wh.verify(body, req.headers as Record<string, string>) as Event);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  scope.closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return { events, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

/** Places one article through the cluster queue (vector from the runtime's own embedder) and waits for it. */
async function place(runtime: Runtime, id: string, title: string, text: string): Promise<ClusterResult> {
  const [vector] = await runtime.representation!.embedder.embed([{ title, text, lang: 'en' }]);
  const article: PreparedArticle = {
    id,
    source: `${id}.jsonl`,
    url: null,
    title,
    titleEn: title,
    text,
    publishedAt: '2025-07-11T10:00:00Z',
    lang: 'en',
    langConfidence: 1,
    contentHash: createHash('sha256')
      .update(title + text)
      .digest('hex'),
    vector: vector!,
    mode: 'offline',
  };
  const [sent] = await enqueueArticles(runtime.queues, [article]);
  const job = (await Job.fromId(runtime.queues.cluster, sent!.clusterJobId))!;
  const result = (await job.waitUntilFinished((await runtime.events()).cluster)) as ClusterJobResult;
  return (result as Extract<ClusterJobResult, { status: 'done' }>).articles[sent!.at] as ClusterResult;
}

const MILL = [
  [
    'm1',
    'Steel workers in Karachi protest over unpaid salaries',
    'Workers of Pakistan Steel Mills staged a protest in Karachi over salaries unpaid for months.',
  ],
  [
    'm2',
    'Russia to help revive Pakistan Steel Mills in Karachi',
    'Russia will help Pakistan revive Pakistan Steel Mills in Karachi, officials said, with Russian experts to modernise the plant.',
  ],
  [
    'm3',
    'Russian experts to modernise Pakistan Steel Mills',
    "Russian experts will visit Karachi to plan how to revive and modernise Pakistan Steel Mills with Russia's help.",
  ],
  [
    'm4',
    'Pakistan Steel Mills revival plan with Russia',
    'Pakistan and Russia agreed on a plan to revive Pakistan Steel Mills in Karachi; Russian experts will modernise it.',
  ],
] as const;
const PROTOCOL = [
  [
    'p1',
    'Pakistan and Russia sign energy protocol in Moscow',
    'Pakistan and Russia signed a protocol on energy and trade in Moscow on Thursday.',
  ],
  [
    'p2',
    'Moscow protocol signed on energy and trade',
    'The protocol signed in Moscow covers energy and trade between Pakistan and Russia.',
  ],
] as const;
const BRIDGES = [
  [
    'b1',
    'Moscow protocol covers Pakistan Steel Mills revival',
    'The protocol Pakistan and Russia signed in Moscow covers energy, trade and the revival of Pakistan Steel Mills in Karachi with Russian experts.',
  ],
  [
    'b2',
    'Protocol signed in Moscow to revive Pakistan Steel Mills',
    'Pakistan and Russia signed a protocol in Moscow on energy, trade and reviving Pakistan Steel Mills in Karachi; Russian experts will modernise it.',
  ],
  [
    'b3',
    'Russia and Pakistan protocol: steel mill, energy, trade',
    'Russia will help revive Pakistan Steel Mills in Karachi under the protocol on energy and trade signed in Moscow.',
  ],
  [
    'b4',
    'Russian experts to revive Pakistan Steel Mills under Moscow protocol',
    'Russian experts will modernise and revive Pakistan Steel Mills in Karachi, as the Moscow protocol foresees.',
  ],
  [
    'b5',
    'Pakistan Steel Mills in Karachi to be revived with Russia',
    'Russia will help revive and modernise Pakistan Steel Mills in Karachi, the protocol says; Russian experts come next month.',
  ],
] as const;
const ARTICLES = [...MILL, ...PROTOCOL, ...BRIDGES];

/** The most central stored member of a cluster, recomputed from what the store holds. */
function centralOf(runtime: Runtime, clusterId: string): string | undefined {
  const store = runtime.store!;
  const cluster = store.listClusters().find((c) => c.id === clusterId)!;
  const members = store.memberIds(clusterId, 'en').map((id) => ({ id, lang: 'en', vector: store.articleVector(id)! }));
  return mostCentral(members, cluster.centroids, store.loadTermStats())?.id;
}

describe('cluster titles through the real writer (real Redis, real SQLite)', () => {
  it('follow the cluster as it grows and merges, and alerts carry the title the store shows', async () => {
    const hook = await receiver();
    const { config } = testConfig({
      http: { allowPrivateAddresses: true },
      alerts: { attempts: 3, retryDelayMs: 100, timeoutMs: 2000 },
      storylines: [
        {
          id: 'mill',
          name: 'Mill revival',
          description: 'Pakistan Steel Mills revival with Russia',
          keywords: ['Pakistan Steel Mills'],
        },
      ],
      webhooks: [
        {
          url: hook.url,
          secret: SECRET,
          storylines: ['mill'],
          events: ['storyline.matched', 'cluster.created'],
        },
      ],
    });
    const runtime = (scope.runtime = await startRuntime(config, { roles: ['cluster', 'alert'], log: () => {} }));
    const store = runtime.store!;
    const titles = new Map<string, string>(ARTICLES.map(([id, title]) => [id, title]));
    // What the store shows of the article's cluster right after each article was placed.
    const shown = new Map<string, { id: string; title: string; lead: string; centralId: string | null }>();
    for (const [id, title, text] of ARTICLES) {
      const r = await place(runtime, id, title, text);
      if (r.status !== 'done') throw new Error(`${id}: ${r.reason}`);
      const c = store.listClusters().find((x) => x.id === r.clusterId)!;
      shown.set(id, { id: c.id, title: c.title, lead: c.lead, centralId: c.centralId });
    }
    // Growth: the first report titles the cluster alone; the central one takes over and keeps it, later ones do not.
    expect(shown.get('m1')).toMatchObject({ id: 'c1', title: titles.get('m1'), lead: MILL[0][2] });
    for (const id of ['m2', 'm3', 'm4']) {
      expect(shown.get(id)).toMatchObject({ id: 'c1', centralId: 'm2', title: titles.get('m2') });
    }
    expect(shown.get('m2')!.lead).toBe(
      'Russia will help Pakistan revive Pakistan Steel Mills in Karachi, officials said, with Russian experts to modernise the plant.',
    );
    expect(shown.get('p1')).toMatchObject({ id: 'c2', title: titles.get('p1') });
    // The bridges pulled the protocol cluster towards the mill one until they merged: c1 survives, titled by
    // the most central report of the merged cluster, which was the protocol cluster's.
    expect(store.listMerges()).toMatchObject([{ fromId: 'c2', intoId: 'c1' }]);
    expect(shown.get('b3')).toMatchObject({ id: 'c2' });
    const merged = shown.get('b4')!;
    expect(merged.id).toBe('c1');
    expect(merged.centralId).toBe(centralOf(runtime, 'c1'));
    expect(store.memberIds('c1', 'en')).toContain(merged.centralId);
    expect(merged.title).toBe(titles.get(merged.centralId!));
    expect(merged.title).not.toBe(shown.get('m4')!.title);
    expect(['p1', 'p2', 'b1', 'b2', 'b3']).toContain(merged.centralId);

    // Every alert names the cluster as the store showed it then: the survivor after the merge, with its title.
    await waitFor(
      () => {
        const expected = store.alerts.listDeliveries().length;
        return (
          expected > 0 &&
          hook.events.length === expected &&
          store.alerts.listDeliveries({ status: 'delivered' }).length === expected
        );
      },
      20_000,
      'every alert delivered',
    );
    const sent = hook.events;
    const matched = sent.filter((e) => e.type === 'storyline.matched');
    expect(matched.map((e) => e.data.article!.id).sort()).toEqual([...matchedIds(runtime)].sort());
    expect(matched.length).toBeGreaterThanOrEqual(8);
    for (const e of matched) {
      const then = shown.get(e.data.article!.id)!;
      expect(e.data.cluster).toMatchObject({ id: then.id, title: then.title, lead: then.lead });
    }
    expect(matched.find((e) => e.data.article!.id === 'b4')!.data.cluster).toMatchObject({
      id: 'c1',
      title: merged.title,
    });
    expect(sent.find((e) => e.type === 'cluster.created')!.data.cluster).toMatchObject({
      id: 'c1',
      title: titles.get('m1'),
    });

    // The report, the dashboard and the API read the same title and lead.
    const final = store.listClusters().find((c) => c.id === 'c1')!;
    expect(storeReport(store, 'offline').clusters.find((c) => c.id === 'c1')!.title).toBe(final.title);
    const row = new DashboardQueries(store.db).cluster('c1')!.cluster;
    expect([row.title, row.lead]).toEqual([final.title, final.lead]);
  });
});

/** Articles the storyline matched, as the store recorded them. */
function matchedIds(runtime: Runtime): Set<string> {
  return new Set(
    runtime
      .store!.listArticles()
      .filter((a) => a.storylines.some((s) => s.id === 'mill'))
      .map((a) => a.id),
  );
}
