// Everything the daemon serves: dashboard pages, JSON API, live events, metrics, queue view and health.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqliteStore } from '../store/sqlite-store.js';
import { createApi, type ApiOptions } from './api.js';
import { requireReader, requireSignIn, type AuthOptions } from './auth.js';
import { refuseCrossSite } from './cross-site.js';
import { createDashboard, type DashboardOptions } from './dashboard.js';
import { requireJsonBody } from './json-body.js';
import { createMetrics } from './metrics.js';
import { AggregatorRegistry } from 'prom-client';
import { readApi } from './read-api.js';
import { healthRoute, type HealthProbes } from './health.js';

export interface WebAppOptions extends Omit<ApiOptions, 'basicAuth'>, Omit<DashboardOptions, 'auth'> {
  basicAuth?: AuthOptions['basicAuth'];
  /** @defaultValue true */
  publicPages?: boolean;
  /** Queues shown in the queue view (/admin/queues) and counted in /metrics. */
  queues?: Queue[];
  /** Metrics of the daemon's worker processes (`getMetricsAsJSON` each), added up into /metrics. */
  extraMetrics?: () => Promise<object[][]>;
  /** The daemon's queue and worker processes, for /healthz and /metrics; without them /healthz reports the store only. */
  health?: HealthProbes;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Static files of the pages by name: ours and uPlot's, read once. */
function assets(): Map<string, { body: string; type: string }> {
  const uplot = path.dirname(require.resolve('uplot/dist/uPlot.iife.min.js'));
  // A Map, not an object: a name from the URL such as __proto__ or constructor must find nothing.
  const file = (at: string, type: string) => ({ body: readFileSync(at, 'utf8'), type: `${type}; charset=utf-8` });
  return new Map([
    ['app.js', file(path.join(HERE, 'assets/app.js'), 'text/javascript')],
    ['app.css', file(path.join(HERE, 'assets/app.css'), 'text/css')],
    ['uplot.js', file(path.join(uplot, 'uPlot.iife.min.js'), 'text/javascript')],
    ['uplot.css', file(path.join(uplot, 'uPlot.min.css'), 'text/css')],
  ]);
}

/** Everything `storywatch start` serves: dashboard pages, JSON API, live events, metrics, queue view, health. */
export function createWebApp(store: SqliteStore, options: WebAppOptions): { app: Hono; close(): void } {
  const auth: AuthOptions = {
    token: options.token,
    basicAuth: options.basicAuth,
    publicPages: options.publicPages ?? true,
  };
  const app = new Hono();
  const strict = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: 'same-origin',
  });
  app.use('*', async (c, next) => (c.req.path.startsWith('/admin/queues') ? next() : strict(c, next)));
  // Every change, whichever part of the app serves it (API, forms, queue view), is refused to other sites.
  app.use('*', refuseCrossSite);

  const files = assets();
  app.get('/assets/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (!file) return c.notFound();
    return c.body(file.body, 200, { 'content-type': file.type, 'cache-control': 'public, max-age=3600' });
  });

  // Health stays open whatever publicPages says: supervisors and load balancers ask it.
  app.route('/', healthRoute(store, options.health));
  app.use('/api/*', requireReader(auth), requireJsonBody);
  app.route('/', createApi(store, options));
  app.route('/api', readApi(store, options.feeds, options.lexicon));

  const registry = createMetrics(store, options.queues, options.health?.queueUp);
  app.get('/metrics', requireReader(auth), async (c) => {
    const merged = options.extraMetrics
      ? AggregatorRegistry.aggregate([await registry.getMetricsAsJSON(), ...(await options.extraMetrics())])
      : registry;
    return c.body(await merged.metrics(), 200, { 'content-type': registry.contentType });
  });

  if (options.queues?.length) {
    // The queue view (bull-board) runs its own scripts, so it gets its own, looser policy, behind sign-in.
    const board = new HonoAdapter(serveStatic).setBasePath('/admin/queues');
    createBullBoard({
      queues: options.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
      serverAdapter: board,
    });
    app.use(
      '/admin/queues/*',
      requireSignIn(auth),
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          frameAncestors: ["'none'"],
        },
      }),
      withoutThirdPartyFonts,
    );
    app.use('/admin/queues/api/*', requireJsonBody);
    app.route('/admin/queues', board.registerPlugin());
  }

  const dashboard = createDashboard(store, { ...options, auth });
  app.route('/', dashboard.app);
  return { app, close: () => dashboard.close() };
}

/**
 * The queue view's page asks Google Fonts for its typeface, which tells Google who opens the admin pages
 * (and fails on machines without internet access): the link is taken out, and the page uses the system's
 * sans-serif.
 */
const withoutThirdPartyFonts: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('text/html')) return;
  const html = await c.res.text();
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  c.res = new Response(html.replace(/<link[^>]+href="https:\/\/fonts\.(googleapis|gstatic)\.com[^>]*>/g, ''), {
    status: c.res.status,
    headers,
  });
};
