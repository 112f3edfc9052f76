// The JSON API: tracked storylines, webhooks and their deliveries, with sign-in for changes.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { storylineSchema } from '../config/schema.js';
import type { Backfill } from '../store/backfill-store.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { requireSignIn, type AuthOptions } from './auth.js';
import { readJson } from './json-body.js';
import { webhooksApi, type WebhooksApiOptions } from './webhooks-api.js';

export interface ApiOptions extends WebhooksApiOptions {
  /** Bearer token for changes; without one (and without basic auth), changes are refused. */
  token: string | undefined;
  basicAuth?: AuthOptions['basicAuth'];
}

/** A storyline's back-fill as the API shows it (null: none asked for since the store had back-fills). */
const backfillOf = (b: Backfill | undefined) =>
  b
    ? {
        state: b.state,
        done: b.done,
        total: b.total,
        matched: b.matched,
        added: b.added,
        removed: b.removed,
        requestedAt: b.requestedAt,
        finishedAt: b.finishedAt,
      }
    : null;

/**
 * The JSON API: tracked storylines (read, create, replace, delete), webhooks and their deliveries. Storyline reads are public; changes, webhooks and deliveries need
 * `Authorization: Bearer <web.token>`. Bodies are limited to 64 KiB.
 */
export function createApi(store: SqliteStore, options: ApiOptions): Hono {
  const app = new Hono();
  // Whether reads need sign-in is decided where the API is mounted (web/app.ts).
  const guard = requireSignIn({ token: options.token, basicAuth: options.basicAuth, publicPages: true });
  const limit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'request body over 64 KiB' }, 413) });

  app.get('/api/storylines', (c) => {
    const storylines = store.listStorylines();
    const stats = store.facts.storylines(storylines.map((s) => s.definition.id));
    const backfills = store.backfills.all();
    return c.json(
      storylines.map(({ definition: d }) => ({
        id: d.id,
        name: d.name,
        ...stats.get(d.id)!,
        backfill: backfillOf(backfills.get(d.id)),
      })),
    );
  });

  app.get('/api/storylines/:id', (c) => {
    const found = store.storyline(c.req.param('id'));
    if (!found) return c.json({ error: `no storyline "${c.req.param('id')}"` }, 404);
    const stats = store.facts.storyline(found.definition.id);
    return c.json({
      ...found.definition,
      source: found.source,
      updatedAt: found.updatedAt,
      ...stats,
      backfill: backfillOf(store.backfills.get(found.definition.id)),
    });
  });

  const parse = async (body: unknown, id?: string) => {
    const candidate = id && body && typeof body === 'object' ? { id, ...(body as object) } : body;
    const result = storylineSchema.safeParse(candidate);
    if (!result.success)
      return { error: result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) };
    if (id && result.data.id !== id) return { error: [`id: "${result.data.id}" does not match the URL's "${id}"`] };
    return { definition: result.data };
  };

  app.post('/api/storylines', guard, limit, async (c) => {
    const body = await readJson(c);
    if ('error' in body) return c.json({ error: body.error }, 400);
    const parsed = await parse(body.value);
    if (!parsed.definition) return c.json({ error: 'invalid storyline', details: parsed.error }, 400);
    if (store.storyline(parsed.definition.id)) {
      return c.json(
        {
          error: `storyline "${parsed.definition.id}" exists; PUT /api/storylines/${parsed.definition.id} replaces it`,
        },
        409,
      );
    }
    store.putStoryline(parsed.definition, 'api');
    return c.json({ ...parsed.definition, backfill: backfillOf(store.backfills.get(parsed.definition.id)) }, 201);
  });

  app.put('/api/storylines/:id', guard, limit, async (c) => {
    const body = await readJson(c);
    if ('error' in body) return c.json({ error: body.error }, 400);
    const parsed = await parse(body.value, c.req.param('id'));
    if (!parsed.definition) return c.json({ error: 'invalid storyline', details: parsed.error }, 400);
    store.putStoryline(parsed.definition, 'api');
    return c.json({ ...parsed.definition, backfill: backfillOf(store.backfills.get(parsed.definition.id)) });
  });

  app.delete('/api/storylines/:id', guard, (c) =>
    store.deleteStoryline(c.req.param('id'))
      ? c.body(null, 204)
      : c.json({ error: `no storyline "${c.req.param('id')}"` }, 404),
  );

  app.route('/api', webhooksApi(store, guard, limit, options));

  return app;
}
