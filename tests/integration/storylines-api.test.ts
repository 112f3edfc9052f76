// Tests the storylines API and that a storyline created through it matches the next articles.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readInputs } from '../../adapters/inputs/read-inputs.js';
import { storylineSchema } from '../../config/schema.js';
import { createApi } from '../../web/api.js';
import { enqueueItems, waitForItems } from '../../queue/ingest-run.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { auth, cricket, TOKEN } from '../helpers/storyline-api.js';
import { testConfig } from '../helpers/test-config.js';

function freshStore(): SqliteStore {
  return new SqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'sw-api-')), 'storywatch.sqlite'));
}

describe('storylines API (in-process requests)', () => {
  it('lists, creates, reads, replaces and deletes storylines; changes need the token', async () => {
    const store = freshStore();
    store.syncConfigStorylines([
      { id: 'psm', name: 'PSM', description: '', keywords: ['PSM'], examples: [], threshold: 0.5 },
    ]);
    const app = createApi(store, { token: TOKEN });
    expect(await (await app.request('/api/storylines')).json()).toEqual([
      {
        id: 'psm',
        name: 'PSM',
        ...{ articleCount: 0, clusterCount: 0, perLanguage: {}, undatedCount: 0 },
        ...{ lastMatchAt: null, lastPublishedAt: null, lastDay: null },
        backfill: expect.objectContaining({ state: 'pending', done: 0, total: 0 }),
      },
    ]);

    expect(
      (
        await app.request('/api/storylines', {
          method: 'POST',
          body: JSON.stringify(cricket),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(401);
    expect(
      (await app.request('/api/storylines', { method: 'POST', body: JSON.stringify(cricket), headers: auth })).status,
    ).toBe(201);
    expect(
      (await app.request('/api/storylines', { method: 'POST', body: JSON.stringify(cricket), headers: auth })).status,
    ).toBe(409);
    const bad = await app.request('/api/storylines', {
      method: 'POST',
      body: JSON.stringify({ id: 'Bad Id', name: '' }),
      headers: auth,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: string[] }).details.join('\n')).toMatch(/id: .*\nname: /);

    expect(await (await app.request('/api/storylines/ipl-final')).json()).toMatchObject({
      ...cricket,
      source: 'api',
      articleCount: 0,
    });
    const put = await app.request('/api/storylines/ipl-final', {
      method: 'PUT',
      body: JSON.stringify({ ...cricket, id: undefined, threshold: 0.6 }),
      headers: auth,
    });
    expect(put.status).toBe(200);
    expect(store.listStorylines().find((s) => s.definition.id === 'ipl-final')?.definition.threshold).toBe(0.6);
    expect(
      (
        await app.request('/api/storylines/ipl-final', {
          method: 'PUT',
          body: JSON.stringify({ ...cricket, id: 'other' }),
          headers: auth,
        })
      ).status,
    ).toBe(400);

    expect((await app.request('/api/storylines/ipl-final', { method: 'DELETE', headers: auth })).status).toBe(204);
    expect((await app.request('/api/storylines/ipl-final', { method: 'DELETE', headers: auth })).status).toBe(404);
    expect((await app.request('/api/storylines/nope')).status).toBe(404);
  });

  it('refuses changes when no token is configured, and oversized bodies', async () => {
    const store = freshStore();
    const open = createApi(store, { token: undefined });
    const res = await open.request('/api/storylines', {
      method: 'POST',
      body: JSON.stringify(cricket),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: 'changes are disabled: set web.token (or STORYWATCH_TOKEN) or web.basicAuth',
    });
    const app = createApi(store, { token: TOKEN });
    const huge = await app.request('/api/storylines', {
      method: 'POST',
      body: JSON.stringify({ ...cricket, description: 'x'.repeat(70_000) }),
      headers: auth,
    });
    expect(huge.status).toBe(413);
  });

  it('keeps API storylines when the config changes, and follows the config for its own', () => {
    const store = freshStore();
    const psm = { id: 'psm', name: 'PSM', description: '', keywords: ['PSM'], examples: [], threshold: 0.5 };
    store.syncConfigStorylines([psm]);
    store.putStoryline(storylineSchema.parse(cricket), 'api');
    store.syncConfigStorylines([{ ...psm, name: 'Pakistan Steel Mills' }]);
    expect(store.listStorylines().map((s) => [s.definition.id, s.definition.name, s.source])).toEqual([
      ['psm', 'Pakistan Steel Mills', 'config'],
      ['ipl-final', 'IPL final', 'api'],
    ]);
    store.syncConfigStorylines([]);
    expect(store.listStorylines().map((s) => s.definition.id)).toEqual(['ipl-final']);
  });
});

describe('a storyline created through the API', () => {
  let runtime: Runtime | undefined;
  afterEach(async () => {
    await runtime?.queues.ingest.obliterate({ force: true });
    await runtime?.queues.cluster.obliterate({ force: true });
    await runtime?.close();
  });

  it('matches the next articles that arrive, in English and Hindi', async () => {
    const { config, dataDir } = testConfig();
    runtime = await startRuntime(config, { roles: ['ingest', 'cluster'], log: () => {} });
    const app = createApi(runtime.store!, { token: TOKEN });
    expect(
      (await app.request('/api/storylines', { method: 'POST', body: JSON.stringify(cricket), headers: auth })).status,
    ).toBe(201);
    const file = path.join(dataDir, 'cricket.jsonl');
    writeFileSync(
      file,
      [
        {
          id: 'en',
          title: 'Gujarat win the IPL final in Ahmedabad',
          text: 'Gujarat won the IPL final against Chennai in Ahmedabad on Sunday night.',
        },
        {
          id: 'hi',
          title: 'आईपीएल फाइनल में गुजरात की जीत',
          text: 'अहमदाबाद में खेले गए आईपीएल फाइनल में गुजरात ने चेन्नई को हराया।',
        },
        {
          id: 'other',
          title: 'Monsoon reaches Kerala',
          text: 'The monsoon reached Kerala three days early, the weather office said.',
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const { items } = await readInputs([file], config.ingest.maxBytes);
    await waitForItems(runtime, await enqueueItems(runtime, items), Date.now(), () => {});
    const matched = runtime
      .store!.listArticles()
      .filter((a) => a.storylines.some((s) => s.id === 'ipl-final'))
      .map((a) => a.id);
    expect(matched).toEqual(['en', 'hi']);
    expect(await (await app.request('/api/storylines/ipl-final')).json()).toMatchObject({ articleCount: 2 });
  });
});
