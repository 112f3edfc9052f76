// The webhooks part of the JSON API: subscriptions and their deliveries, behind the token.
import { Hono, type MiddlewareHandler } from 'hono';
import { webhookSchema } from '../config/schema.js';
import { describeEvent } from '../pipeline/alerts/alert-events.js';
import { maskSecret, newSecret, type DeliveryStatus, type StoredWebhook } from '../store/alert-store.js';
import type { ReplayOutcome } from '../queue/alert-replay.js';
import type { AddressPolicy } from '../adapters/http/address-policy.js';
import { checkEndpointUrl } from '../adapters/http/endpoint-policy.js';
import { DEFAULT_LIMITS } from '../adapters/http/guarded-fetch.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { readJson } from './json-body.js';

export interface WebhooksApiOptions {
  /** Replays failed deliveries (needs the alert queue); without it, replay answers 503. */
  replay?(ids: string[]): Promise<ReplayOutcome[]>;
  /** Which endpoint URLs may be subscribed (the config's `http`). @defaultValue no non-public addresses */
  addressPolicy?: AddressPolicy;
}

const STATUSES: DeliveryStatus[] = ['pending', 'retrying', 'held', 'digested', 'delivered', 'failed'];

/** A webhook as the API shows it: the secret masked, unless it was just generated for this response. */
const shown = (w: StoredWebhook, revealSecret = false) => ({
  ...w,
  secret: revealSecret ? w.secret : maskSecret(w.secret),
});

/**
 * A webhook definition from a request body, or every way it is invalid; without a `secret` it gets `keepSecret`
 * (a replacement keeps its secret) or else a new one, and `generated` says so.
 */
function parseWebhook(body: unknown, keepSecret?: string) {
  const candidate: unknown =
    body && typeof body === 'object' && !Array.isArray(body) ? { ...(body as Record<string, unknown>) } : body;
  let generated = false;
  if (candidate && typeof candidate === 'object' && !('secret' in candidate)) {
    (candidate as Record<string, unknown>).secret = keepSecret ?? newSecret();
    generated = keepSecret === undefined;
  }
  const result = webhookSchema.safeParse(candidate);
  if (!result.success) return { error: result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) };
  return { definition: result.data, generated };
}

/**
 * Webhook subscriptions and their deliveries. Every route needs the token (`guard`): endpoint URLs and
 * delivery bodies are not for the public. Secrets are never returned in full, except the one the server
 * generates on creation, once. A URL the address policy refuses is refused (400) on creation and change.
 */
export function webhooksApi(
  store: SqliteStore,
  guard: MiddlewareHandler,
  limit: MiddlewareHandler,
  options: WebhooksApiOptions,
): Hono {
  const app = new Hono();
  const alerts = store.alerts;
  const policy = options.addressPolicy ?? DEFAULT_LIMITS;
  for (const path of ['/webhooks', '/webhooks/*', '/deliveries', '/deliveries/*']) app.use(path, guard);

  app.get('/webhooks', (c) => c.json(alerts.listWebhooks().map((w) => shown(w))));

  app.get('/webhooks/:id', (c) => {
    const w = alerts.webhook(c.req.param('id'));
    return w ? c.json(shown(w)) : c.json({ error: `no webhook "${c.req.param('id')}"` }, 404);
  });

  app.post('/webhooks', limit, async (c) => {
    const body = await readJson(c);
    if ('error' in body) return c.json({ error: body.error }, 400);
    const parsed = parseWebhook(body.value);
    if (!parsed.definition) return c.json({ error: 'invalid webhook', details: parsed.error }, 400);
    const existing = alerts.webhook(parsed.definition.url);
    if (existing)
      return c.json(
        { error: `a webhook for ${parsed.definition.url} exists; PUT /api/webhooks/${existing.id} replaces it` },
        409,
      );
    const check = await checkEndpointUrl(parsed.definition.url, policy);
    if (check.refused) return c.json({ error: 'invalid webhook', details: [`url: ${check.refused}`] }, 400);
    const warnings = check.warning ? { warnings: [`url: ${check.warning}`] } : {};
    return c.json({ ...shown(alerts.putWebhook(parsed.definition, 'api'), parsed.generated), ...warnings }, 201);
  });

  app.put('/webhooks/:id', limit, async (c) => {
    const current = alerts.webhook(c.req.param('id'));
    if (!current) return c.json({ error: `no webhook "${c.req.param('id')}"` }, 404);
    if (current.source === 'config')
      return c.json({ error: `webhook ${current.id} comes from the config file: change it there` }, 409);
    const body = await readJson(c);
    if ('error' in body) return c.json({ error: body.error }, 400);
    const parsed = parseWebhook(body.value, current.secret);
    if (!parsed.definition) return c.json({ error: 'invalid webhook', details: parsed.error }, 400);
    if (parsed.definition.url !== current.url)
      return c.json(
        { error: `url: a webhook's URL is its identity; create a new one for ${parsed.definition.url}` },
        400,
      );
    const check = await checkEndpointUrl(parsed.definition.url, policy);
    if (check.refused) return c.json({ error: 'invalid webhook', details: [`url: ${check.refused}`] }, 400);
    const warnings = check.warning ? { warnings: [`url: ${check.warning}`] } : {};
    return c.json({ ...shown(alerts.putWebhook(parsed.definition, 'api')), ...warnings });
  });

  app.delete('/webhooks/:id', (c) => {
    const current = alerts.webhook(c.req.param('id'));
    if (!current) return c.json({ error: `no webhook "${c.req.param('id')}"` }, 404);
    if (current.source === 'config')
      return c.json({ error: `webhook ${current.id} comes from the config file: remove it there` }, 409);
    alerts.deleteWebhook(current.id);
    return c.body(null, 204);
  });

  deliveryRoutes(app, alerts, options);
  return app;
}

/** Delivery records, newest first, and the replay of a failed one. */
function deliveryRoutes(app: Hono, alerts: SqliteStore['alerts'], options: WebhooksApiOptions): void {
  app.get('/deliveries', (c) => {
    const status = c.req.query('status');
    if (status && !STATUSES.includes(status as DeliveryStatus))
      return c.json({ error: `status: one of ${STATUSES.join(', ')}` }, 400);
    const hook = c.req.query('webhook');
    const endpoint = hook ? alerts.webhook(hook)?.url : undefined;
    if (hook && !endpoint) return c.json({ error: `no webhook "${hook}"` }, 404);
    const limit = Math.min(1000, Math.max(1, Number(c.req.query('limit') ?? 100) || 100));
    const rows = alerts.listDeliveries({
      ...(status ? { status: status as DeliveryStatus } : {}),
      ...(endpoint ? { endpoint } : {}),
      limit,
    });
    return c.json(rows.map(({ body, ...r }) => ({ ...r, ...describeEvent({ type: r.type, body }) })));
  });

  app.post('/deliveries/:id/retry', async (c) => {
    if (!options.replay) return c.json({ error: 'replay needs the alert queue: it runs in storywatch start' }, 503);
    const [outcome] = await options.replay([c.req.param('id')]);
    if (outcome!.status === 'unknown') return c.json({ error: `no delivery "${c.req.param('id')}"` }, 404);
    if (outcome!.status === 'not-failed')
      return c.json(
        { error: `delivery ${outcome!.id} is ${alerts.delivery(outcome!.id)!.status}: only failed ones are replayed` },
        409,
      );
    return c.json(outcome, 202);
  });
}
