// Tests storyline back-fill over stored articles: creation, edits, config changes and resumption.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { storylineSchema } from '../../config/schema.js';
import { createApi } from '../../web/api.js';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { storeReport } from '../../store/store-report.js';
import { cleanUpAfterEach, shutDown } from '../helpers/runtime-cleanup.js';
import { auth, cricket, TOKEN } from '../helpers/storyline-api.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/wait.js';

const SECRET = `whsec_${Buffer.from('storywatch-test-secret-0123456789').toString('base64')}`;
const ARTICLES = [
  {
    id: 'en',
    title: 'Gujarat win the IPL final in Ahmedabad',
    text: 'Gujarat won the IPL final against Chennai in Ahmedabad on Sunday night.',
  },
  { id: 'hi', title: 'आईपीएल फाइनल में गुजरात की जीत', text: 'अहमदाबाद में खेले गए आईपीएल फाइनल में गुजरात ने चेन्नई को हराया।' },
  {
    id: 'other',
    title: 'Monsoon reaches Kerala',
    text: 'The monsoon reached Kerala three days early, the weather office said.',
  },
];

/** A webhook receiver on 127.0.0.1 that answers 200 and keeps what it received. */
async function receiver() {
  const received: Array<{ headers: Record<string, string>; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers as Record<string, string>, body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { received, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const scope = cleanUpAfterEach();

/** A daemon-like runtime (every writer role) with the cricket articles stored before any storyline tracks them. */
async function storedCricket(webhooks: Array<Record<string, unknown>>) {
  const { config, dataDir } = testConfig({
    storylines: [],
    http: { allowPrivateAddresses: true },
    alerts: { attempts: 3, retryDelayMs: 100, timeoutMs: 1000 },
    webhooks,
  });
  const runtime = (scope.runtime = await startRuntime(config, {
    roles: ['ingest', 'cluster', 'alert'],
    log: () => {},
  }));
  const file = path.join(dataDir, 'cricket.jsonl');
  writeFileSync(file, ARTICLES.map((r) => JSON.stringify(r)).join('\n'));
  const { items } = await readInputs([file], config.ingest.maxBytes);
  await waitForItems(runtime, await enqueueItems(runtime, items), Date.now(), () => {});
  return runtime;
}

type Shown = {
  backfill: { state: string; done: number; total: number; matched: number; added: number; removed: number } | null;
  articleCount: number;
};

/** Waits until the storyline's back-fill is done, as the API shows it. */
async function backfilled(app: ReturnType<typeof createApi>, id: string, requestedAfter: number): Promise<Shown> {
  return waitFor(
    async () => {
      const shown = (await (await app.request(`/api/storylines/${id}`)).json()) as Shown & {
        backfill: { requestedAt: string } | null;
      };
      return shown.backfill?.state === 'done' && Date.parse(shown.backfill.requestedAt) >= requestedAfter
        ? shown
        : undefined;
    },
    20_000,
    `back-fill of ${id}`,
  );
}

const matchedIds = (runtime: Runtime, id: string) =>
  runtime
    .store!.listArticles()
    .filter((a) => a.storylines.some((s) => s.id === id))
    .map((a) => a.id);

describe('storyline back-fill (real Redis, SQLite and webhook receivers)', () => {
  it('matches a storyline created through the API against stored articles; sends them only to a backfill: true webhook', async () => {
    const wanted = await receiver();
    const live = await receiver();
    scope.closers.push(wanted.close, live.close);
    const runtime = await storedCricket([
      { url: wanted.url, secret: SECRET, storylines: ['ipl-final'], backfill: true },
      { url: live.url, secret: SECRET, storylines: ['ipl-final'] },
    ]);
    expect(matchedIds(runtime, 'ipl-final')).toEqual([]);
    const app = createApi(runtime.store!, { token: TOKEN });
    const created = Date.now();
    const res = await app.request('/api/storylines', { method: 'POST', body: JSON.stringify(cricket), headers: auth });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Shown).backfill).toMatchObject({ state: 'pending', done: 0, total: 3 });

    const shown = await backfilled(app, 'ipl-final', created - 1000);
    expect(shown).toMatchObject({ articleCount: 2, backfill: { done: 3, total: 3, matched: 2, added: 2, removed: 0 } });
    expect(matchedIds(runtime, 'ipl-final')).toEqual(['en', 'hi']);
    const report = storeReport(runtime.store!, 'offline');
    expect(report.storylines.find((s) => s.id === 'ipl-final')?.articleIds).toEqual(['en', 'hi']);
    const origins = runtime
      .store!.db.prepare(
        "SELECT article_id, origin FROM storyline_matches WHERE storyline_id = 'ipl-final' ORDER BY article_id",
      )
      .all();
    expect(origins).toEqual([
      { article_id: 'en', origin: 'backfill' },
      { article_id: 'hi', origin: 'backfill' },
    ]);

    await waitFor(() => wanted.received.length === 2, 10_000, 'two back-filled events');
    const events = wanted.received.map(
      (m) =>
        new Webhook(SECRET).verify(m.body, m.headers) as {
          type: string;
          data: { article: { id: string }; backfill?: boolean };
        },
    );
    expect(events.map((e) => [e.type, e.data.article.id, e.data.backfill]).sort()).toEqual([
      ['storyline.matched', 'en', true],
      ['storyline.matched', 'hi', true],
    ]);
    const alerts = runtime.store!.alerts;
    expect(alerts.listDeliveries({ endpoint: live.url })).toEqual([]);
    expect(live.received).toEqual([]);
  });

  it('re-scores on edit: matches that no longer clear the threshold are removed, and come back (without a second event) when they do again', async () => {
    const wanted = await receiver();
    scope.closers.push(wanted.close);
    const runtime = await storedCricket([
      { url: wanted.url, secret: SECRET, storylines: ['ipl-final'], backfill: true },
    ]);
    const app = createApi(runtime.store!, { token: TOKEN });
    let asked = Date.now();
    expect(
      (await app.request('/api/storylines', { method: 'POST', body: JSON.stringify(cricket), headers: auth })).status,
    ).toBe(201);
    await backfilled(app, 'ipl-final', asked - 1000);
    await waitFor(() => wanted.received.length === 2, 10_000, 'two back-filled events');

    // No score reaches 0.99 (keywords give at most half of it): every match goes.
    asked = Date.now();
    const strict = await app.request('/api/storylines/ipl-final', {
      method: 'PUT',
      body: JSON.stringify({ ...cricket, id: undefined, threshold: 0.99 }),
      headers: auth,
    });
    expect(strict.status).toBe(200);
    expect(await backfilled(app, 'ipl-final', asked - 1000)).toMatchObject({
      articleCount: 0,
      backfill: { done: 3, matched: 0, added: 0, removed: 2 },
    });
    expect(matchedIds(runtime, 'ipl-final')).toEqual([]);

    // Back to the first definition: the matches return; their events have the same ids, so none is sent again.
    asked = Date.now();
    expect(
      (await app.request('/api/storylines/ipl-final', { method: 'PUT', body: JSON.stringify(cricket), headers: auth }))
        .status,
    ).toBe(200);
    expect(await backfilled(app, 'ipl-final', asked - 1000)).toMatchObject({
      articleCount: 2,
      backfill: { matched: 2, added: 2, removed: 0 },
    });
    expect(matchedIds(runtime, 'ipl-final')).toEqual(['en', 'hi']);
    expect(runtime.store!.pendingDeliveries()).toEqual([]);
    expect(runtime.store!.alerts.listDeliveries()).toHaveLength(2);
    expect(wanted.received).toHaveLength(2);
  });

  it('keeps a match that still holds after an edit, with its time and the new evidence', async () => {
    const runtime = await storedCricket([]);
    const app = createApi(runtime.store!, { token: TOKEN });
    let asked = Date.now();
    expect(
      (await app.request('/api/storylines', { method: 'POST', body: JSON.stringify(cricket), headers: auth })).status,
    ).toBe(201);
    await backfilled(app, 'ipl-final', asked - 1000);
    const before = runtime
      .store!.db.prepare(
        "SELECT article_id, matched_at FROM storyline_matches WHERE storyline_id = 'ipl-final' ORDER BY article_id",
      )
      .all();

    // Only the Hindi keyword is left: the Hindi report keeps its keyword evidence under the new definition.
    asked = Date.now();
    const edited = { ...cricket, keywords: ['आईपीएल फाइनल'] };
    expect(
      (await app.request('/api/storylines/ipl-final', { method: 'PUT', body: JSON.stringify(edited), headers: auth }))
        .status,
    ).toBe(200);
    await backfilled(app, 'ipl-final', asked - 1000);
    const hi = runtime.store!.matchEvidence('hi').find((m) => m.storylineId === 'ipl-final');
    expect(hi?.evidence.keywords).toEqual(['आईपीएल फाइनल']);
    const after = runtime
      .store!.db.prepare(
        "SELECT article_id, matched_at FROM storyline_matches WHERE storyline_id = 'ipl-final' AND article_id = 'hi'",
      )
      .all();
    expect(after).toEqual(before.filter((r) => (r as { article_id: string }).article_id === 'hi'));
  });

  it('back-fills config storylines at start when they are new or changed, not when they are as stored', async () => {
    const first = await storedCricket([]);
    const config = first.config;
    await shutDown(first);
    scope.runtime = undefined;
    const start = async (threshold: number) => {
      const runtime = (scope.runtime = await startRuntime(
        { ...config, storylines: [storylineSchema.parse({ ...cricket, threshold })] },
        { roles: ['cluster'], log: () => {} },
      ));
      const done = await waitFor(
        () => {
          const b = runtime.store!.backfills.get('ipl-final');
          return b?.state === 'done' ? b : undefined;
        },
        20_000,
        'the back-fill of the config storyline',
      );
      const ids = matchedIds(runtime, 'ipl-final');
      await shutDown(runtime);
      scope.runtime = undefined;
      return { ...done, ids };
    };
    const added = await start(0.5);
    expect(added).toMatchObject({ done: 3, total: 3, matched: 2, added: 2, removed: 0, ids: ['en', 'hi'] });
    const same = await start(0.5);
    expect(same.requestedAt).toBe(added.requestedAt);
    const changed = await start(0.99);
    expect(changed).toMatchObject({ done: 3, matched: 0, removed: 2, ids: [] });
    expect(changed.requestedAt > added.requestedAt).toBe(true);
  });

  it('goes on from where a writer that died stopped, without re-scoring what it had done', async () => {
    const runtime = await storedCricket([]);
    const store = runtime.store!;
    store.putStoryline(storylineSchema.parse(cricket), 'api');
    await waitFor(() => store.backfills.get('ipl-final')?.state === 'done', 20_000, 'the back-fill');
    // As a writer leaves it when it dies after its first step: 'en' re-scored, 'hi' and 'other' not yet.
    const rowid = (id: string) =>
      (store.db.prepare('SELECT rowid AS r FROM articles WHERE id = ?').get(id) as { r: number }).r;
    const enMatch = store.matchEvidence('en');
    store.db.prepare("DELETE FROM storyline_matches WHERE storyline_id = 'ipl-final' AND article_id = 'hi'").run();
    store.db
      .prepare(
        "UPDATE storyline_backfills SET state = 'running', cursor = ?, done = 1, matched = 1, added = 1, finished_at = NULL WHERE storyline_id = 'ipl-final'",
      )
      .run(rowid('en'));
    const resumed = await waitFor(
      () => {
        const b = store.backfills.get('ipl-final');
        return b?.state === 'done' ? b : undefined;
      },
      20_000,
      'the resumed back-fill',
    );
    expect(resumed).toMatchObject({ done: 3, total: 3, matched: 2, added: 2, removed: 0 });
    expect(matchedIds(runtime, 'ipl-final')).toEqual(['en', 'hi']);
    expect(store.matchEvidence('en')).toEqual(enMatch);
  });
});
