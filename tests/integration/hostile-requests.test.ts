// Tests the web app against cross-site changes, non-JSON bodies and odd paths, over raw HTTP.
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebApp } from '../../web/app.js';
import { listen } from '../../web/server.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { shutDown } from '../helpers/runtime-cleanup.js';
import { testConfig } from '../helpers/test-config.js';

const TOKEN = 'test-token-0123456789';
const EDITOR = { username: 'editor', password: 'correct-horse-battery' };
const basic = `Basic ${Buffer.from(`${EDITOR.username}:${EDITOR.password}`).toString('base64')}`;
const bearer = `Bearer ${TOKEN}`;
const EVIL = 'http://evil.example';
const JSON_TYPE = { 'content-type': 'application/json' };

let runtime: Runtime;
let store: SqliteStore;
let web: ReturnType<typeof createWebApp>;
let server: Awaited<ReturnType<typeof listen>>;

interface Answer {
  status: number;
  text: string;
  error: string | undefined;
}

/** One raw HTTP request to the served app: exactly these headers, nothing a client library adds. */
function send(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${target}`, { method, headers: { ...headers, ...length } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let error: string | undefined;
        try {
          error = (JSON.parse(text) as { error?: string }).error;
        } catch {
          error = undefined;
        }
        resolve({ status: res.statusCode!, text, error });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hook = (url: string) => JSON.stringify({ url, minScore: 0 });
const storyline = (id: string) => JSON.stringify({ id, name: id, keywords: [id] });
const definition = (id: string) => ({
  id,
  name: id.toUpperCase(),
  description: '',
  keywords: [id],
  examples: [],
  threshold: 0.5,
});
/** A JSON change signed in with basic auth, as a browser would replay it, plus the given headers. */
const withBasic = (headers: Record<string, string> = {}) => ({ authorization: basic, ...JSON_TYPE, ...headers });
const withToken = (headers: Record<string, string> = {}) => ({ authorization: bearer, ...JSON_TYPE, ...headers });
const storedHooks = () =>
  store.alerts
    .listWebhooks()
    .map((w) => w.url)
    .sort();

beforeAll(async () => {
  const { config, dataDir } = testConfig();
  runtime = await startRuntime(config, { roles: [], log: () => {} });
  store = new SqliteStore(path.join(dataDir, 'storywatch.sqlite'));
  web = createWebApp(store, { token: TOKEN, basicAuth: EDITOR, queues: Object.values(runtime.queues) });
  server = await listen(web.app, '127.0.0.1', 0);
});

afterAll(async () => {
  await server?.close();
  web?.close();
  store?.close();
  await shutDown(runtime);
});

describe('cross-site requests (raw HTTP)', () => {
  it('refuses an API change sent with the basic-auth credentials from another origin; nothing is created', async () => {
    // The classic trick: a text/plain form whose body reads as JSON.
    const textForm = withBasic({ 'content-type': 'text/plain', origin: EVIL });
    const form = await send('POST', '/api/webhooks', textForm, hook(`${EVIL}/form`));
    expect(form.status).toBe(403);
    expect(form.error).toBe(`cross-site request refused: POST /api/webhooks from origin ${EVIL}, not ${server.url}`);
    expect((await send('POST', '/api/webhooks', withBasic({ origin: EVIL }), hook(`${EVIL}/json`))).status).toBe(403);
    // Without Origin, the browser's Sec-Fetch-Site tells where the request comes from.
    for (const site of ['cross-site', 'same-site']) {
      const res = await send('POST', '/api/storylines', withBasic({ 'sec-fetch-site': site }), storyline('forged'));
      expect([res.status, res.error]).toEqual([403, expect.stringContaining(`(Sec-Fetch-Site: ${site})`)]);
    }
    expect(storedHooks()).toEqual([]);
    expect(store.storyline('forged')).toBeUndefined();

    store.putStoryline(definition('kept'), 'api');
    expect((await send('DELETE', '/api/storylines/kept', { authorization: basic, origin: EVIL })).status).toBe(403);
    const formType = { 'content-type': 'application/x-www-form-urlencoded' };
    const deleted = await send('POST', '/storylines/kept/delete', withBasic({ ...formType, origin: EVIL }), '_token=x');
    expect(deleted.status).toBe(403);
    // Another port of the same host is another origin.
    const otherPort = `http://127.0.0.1:${Number(new URL(server.url).port) + 1}`;
    expect((await send('DELETE', '/api/storylines/kept', { authorization: basic, origin: otherPort })).status).toBe(
      403,
    );
    expect(store.storyline('kept')).toBeDefined();
  });

  it('takes API changes from the same origin, from bearer clients and from clients that are not browsers', async () => {
    const at = (name: string) => hook(`https://newsroom.example/${name}`);
    expect((await send('POST', '/api/webhooks', withBasic({ origin: server.url }), at('same-origin'))).status).toBe(
      201,
    );
    const sameOrigin = withBasic({ 'sec-fetch-site': 'same-origin' });
    expect((await send('POST', '/api/webhooks', sameOrigin, at('fetch-metadata'))).status).toBe(201);
    const curl = { authorization: basic, 'content-type': 'application/json; charset=utf-8' };
    expect((await send('POST', '/api/webhooks', curl, at('curl'))).status).toBe(201);
    // Browsers never add a bearer token on their own, so its origin does not matter.
    expect((await send('POST', '/api/webhooks', withToken({ origin: EVIL }), at('token'))).status).toBe(201);
    // Behind a proxy, the browser's origin is the one the proxy was asked for.
    const proxy = { origin: 'https://news.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'news.example' };
    expect((await send('POST', '/api/webhooks', withBasic(proxy), at('proxied'))).status).toBe(201);
    const names = ['curl', 'fetch-metadata', 'proxied', 'same-origin', 'token'];
    expect(storedHooks()).toEqual(names.map((name) => `https://newsroom.example/${name}`));
    // A change without a body needs no content type.
    const id = store.alerts.webhook('https://newsroom.example/token')!.id;
    expect((await send('DELETE', `/api/webhooks/${id}`, { authorization: bearer })).status).toBe(204);
    expect(store.alerts.webhook(id)).toBeUndefined();
  });

  it('takes only JSON bodies on API changes, from every caller (415)', async () => {
    const refused = [
      ['text/plain', basic],
      ['text/plain', bearer],
      ['application/x-www-form-urlencoded', bearer],
      ['multipart/form-data; boundary=x', basic],
    ] as const;
    for (const [type, authorization] of refused) {
      const res = await send('POST', '/api/storylines', { authorization, 'content-type': type }, storyline('plain'));
      expect(res.status, type).toBe(415);
      expect(res.error).toBe(`request body must be JSON (content-type: application/json), not ${type.split(';')[0]}`);
    }
    const untyped = await send('POST', '/api/storylines', { authorization: bearer }, storyline('plain'));
    expect([untyped.status, untyped.error]).toEqual([415, expect.stringMatching(/not a body without content-type$/)]);
    expect(store.storyline('plain')).toBeUndefined();
  });

  it("refuses cross-site changes to the queue view's API", async () => {
    const queue = runtime.queues.fetch;
    const api = `/admin/queues/api/queues/${queue.name}`;
    expect((await send('PUT', `${api}/pause`, { authorization: basic, origin: EVIL })).status).toBe(403);
    expect(await queue.isPaused()).toBe(false);
    const job = JSON.stringify({ name: 'forged', data: {} });
    const plain = { authorization: basic, 'content-type': 'text/plain' };
    expect((await send('POST', `${api}/add`, { ...plain, origin: EVIL }, job)).status).toBe(403);
    expect((await send('POST', `${api}/add`, plain, job)).status).toBe(415);
    expect(await queue.count()).toBe(0);
    // The queue view's own requests (same origin) still work.
    expect((await send('PUT', `${api}/pause`, { authorization: basic, origin: server.url })).status).toBe(200);
    expect(await queue.isPaused()).toBe(true);
    await queue.resume();
  });
});

describe('odd paths and bodies (raw HTTP)', () => {
  it('answers 404 for names that are properties of every object, wherever a name is looked up', async () => {
    expect((await send('GET', '/assets/app.js')).status).toBe(200);
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      for (const target of [
        `/assets/${name}`,
        `/storylines/${name}`,
        `/api/storylines/${name}`,
        `/api/clusters/${name}`,
      ]) {
        expect((await send('GET', target)).status, target).toBe(404);
      }
      expect((await send('GET', `/api/webhooks/${name}`, { authorization: bearer })).status, name).toBe(404);
      const queue = await send('GET', `/admin/queues/api/queues/${name}/metrics`, { authorization: bearer });
      expect(queue.status, name).toBe(404);
    }
  });

  it('says "invalid JSON" for a malformed or empty body of every API change', async () => {
    store.putStoryline(definition('psm'), 'api');
    const created = await send('POST', '/api/webhooks', withToken(), hook('https://newsroom.example/json'));
    const { id } = JSON.parse(created.text) as { id: string };
    const changes: Array<[string, string]> = [
      ['POST', '/api/storylines'],
      ['PUT', '/api/storylines/psm'],
      ['POST', '/api/webhooks'],
      ['PUT', `/api/webhooks/${id}`],
    ];
    for (const [method, target] of changes) {
      const broken = await send(method, target, withToken(), '{"name": "PSM",');
      expect([broken.status, broken.error], `${method} ${target}`).toEqual([
        400,
        expect.stringMatching(/^invalid JSON: \S/),
      ]);
      const empty = await send(method, target, withToken(), '');
      expect([empty.status, empty.error], `${method} ${target}`).toEqual([400, 'invalid JSON: the body is empty']);
    }
    expect(store.storyline('psm')?.definition).toEqual(definition('psm'));
  });
});
