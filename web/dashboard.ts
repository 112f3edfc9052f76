// The dashboard: server-rendered pages, live matches over server-sent events, storyline and webhook forms.
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { streamSSE } from 'hono/streaming';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { storylineSchema, webhookSchema } from '../config/schema.js';
import type { ReplayOutcome } from '../queue/alert-replay.js';
import { newSecret } from '../store/alert-store.js';
import type { Lexicon } from '../pipeline/represent/lexicon.js';
import type { AddressPolicy } from '../adapters/http/address-policy.js';
import { checkEndpointUrl } from '../adapters/http/endpoint-policy.js';
import { DEFAULT_LIMITS } from '../adapters/http/guarded-fetch.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import { isSignedIn, requireReader, requireSignIn, type AuthOptions } from './auth.js';
import { ownOrigin } from './cross-site.js';
import { DashboardQueries, type Filters, type LiveMatch } from '../store/dashboard-queries.js';
import { parseFilters, parseRankFilters, parseSearchOptions } from './read-api.js';
import { RankedClusters } from '../store/ranked-clusters.js';
import { LiveMatches } from './live-matches.js';
import { clusterPage } from './pages/cluster.js';
import { feedsPage, type FeedStatus } from './pages/feeds.js';
import { storylineForm, webhookEditForm, webhooksPage } from './pages/forms.js';
import { layout, type View } from './pages/layout.js';
import { overviewPage } from './pages/overview.js';
import { searchPage } from './pages/search.js';
import { storylinePage } from './pages/storyline.js';
import { withReaderZone, zoneSetting } from './time-zone.js';
import { rankedClustersPage } from './pages/top-stories.js';

export interface DashboardOptions {
  auth: AuthOptions;
  /** Feed status (from the queue's Redis); without it the feeds page says where to look. */
  feeds?(): Promise<FeedStatus[]>;
  /** Replays a failed delivery (needs the alert queue). */
  replay?(ids: string[]): Promise<ReplayOutcome[]>;
  /** Poll interval of live updates. @defaultValue 1000 */
  liveIntervalMs?: number;
  /** Which webhook URLs the forms accept (the config's `http`). @defaultValue no non-public addresses */
  addressPolicy?: AddressPolicy;
  /** The bilingual lexicon search translates queries with. @defaultValue none: names alone */
  lexicon?: Lexicon | null;
}

/** How many of the latest matches a page is rendered with. */
const LATEST = 20;

/** A page's filters: language, from, until and offset; invalid ones are ignored, pages set their own size. */
function filtersOf(c: Context): Filters {
  const { lang, since, until, offset } = parseFilters(c).filters;
  return { lang, since, until, offset: offset ?? 0 };
}

const lines = (v: unknown) =>
  String(v ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const issues = (error: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`);

/**
 * The dashboard: server-rendered pages (overview, storyline, cluster, clusters, feeds, search), live
 * matches over server-sent events, and forms to manage storylines and webhooks. Forms need sign-in,
 * carry a per-process form token and must come from this origin (CSRF); bodies are capped at 64 KiB.
 */
export function createDashboard(store: SqliteStore, options: DashboardOptions): { app: Hono; close(): void } {
  const app = new Hono();
  const queries = new DashboardQueries(store.db, options.lexicon ?? null);
  const live = new LiveMatches(queries, options.liveIntervalMs);
  const ctx = dashboardContext(store, options, queries);
  const auth = options.auth;

  app.use('*', requireReader(auth), withReaderZone);
  zoneSetting(app);
  app.get('/favicon.ico', (c) => c.body(null, 204));
  // Browsers send basic-auth credentials once challenged: this link is where they sign in.
  app.get('/login', requireSignIn(auth), (c) =>
    c.redirect(
      c.req.query('next')?.startsWith('/') && !c.req.query('next')?.startsWith('//') ? c.req.query('next')! : '/',
      303,
    ),
  );
  // Registration order matters: `/storylines/new` before `/storylines/:id`.
  storylineRoutes(app, ctx);
  browseRoutes(app, ctx);
  webhookRoutes(app, ctx);
  liveEvents(app, live);
  return { app, close: () => live.stop() };
}

/** What the dashboard's routes share: the store and its queries, page rendering, and the guard of every form. */
function dashboardContext(store: SqliteStore, options: DashboardOptions, queries: DashboardQueries) {
  const auth = options.auth;
  const formKey = randomBytes(24).toString('base64url');
  const canEdit = (c: Context) => (auth.basicAuth || auth.token ? isSignedIn(c, auth) : false);
  const page = (c: Context, title: string, body: View, liveFor?: string, status: 200 | 400 | 404 = 200) =>
    c.html(
      layout(title, body, {
        live: liveFor,
        liveAfter: liveFor === undefined ? undefined : queries.lastMatchRowid(),
        canEdit: canEdit(c),
        signIn: Boolean(auth.basicAuth),
        counts: queries.counts(),
        path: new URL(c.req.url).pathname + new URL(c.req.url).search,
      }),
      status,
    );
  const notFound = (c: Context, what: string) =>
    page(c, 'Not found', layoutText(`${what} does not exist.`), undefined, 404);
  // Beyond the app-wide cross-site check, a form must show it comes from this origin (Origin or Sec-Fetch-Site).
  const sameOrigin = csrf({ origin: (origin, c) => origin === ownOrigin(c) });
  const forms = every(
    requireSignIn(auth),
    sameOrigin,
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('form over 64 KiB', 413) }),
    createMiddleware(async (c, next) => {
      const body = await c.req.parseBody();
      const token = String(body._token ?? '');
      if (token.length !== formKey.length || !timingSafeEqual(Buffer.from(token), Buffer.from(formKey)))
        return c.text('form expired or forged: reload the page and try again', 403);
      await next();
    }),
  );
  const ranked = new RankedClusters(store.db, (ids) => queries.clusterRows(ids));
  return { store, options, auth, queries, ranked, formKey, forms, canEdit, page, notFound };
}

type DashboardContext = ReturnType<typeof dashboardContext>;

/** The overview and the storyline pages and forms. Pages ignore invalid parameters (the API names them). */
function storylineRoutes(
  app: Hono,
  { store, auth, queries, ranked, formKey, forms, canEdit, page, notFound }: DashboardContext,
): void {
  app.get('/', (c) => {
    const top = ranked.rank({ period: parseRankFilters(c).filters.period, limit: 10 });
    return page(
      c,
      'Storylines',
      overviewPage(queries.storylineSummaries(), top, canEdit(c), queries.latestMatches(LATEST)),
      '',
    );
  });

  app.get('/storylines/new', requireSignIn(auth), (c) => page(c, 'New storyline', storylineForm(undefined, formKey)));
  app.post('/storylines/new', forms, async (c) => {
    const body = await c.req.parseBody();
    const candidate = {
      id: String(body.id ?? ''),
      name: String(body.name ?? ''),
      description: String(body.description ?? ''),
      keywords: lines(body.keywords),
      examples: lines(body.examples),
      threshold: Number(body.threshold ?? 0.5),
    };
    const parsed = storylineSchema.safeParse(candidate);
    if (!parsed.success)
      return page(c, 'New storyline', storylineForm(candidate, formKey, issues(parsed.error)), undefined, 400);
    if (store.storyline(parsed.data.id))
      return page(
        c,
        'New storyline',
        storylineForm(candidate, formKey, [`id: storyline "${parsed.data.id}" exists`]),
        undefined,
        400,
      );
    store.putStoryline(parsed.data, 'api');
    return c.redirect(`/storylines/${parsed.data.id}`, 303);
  });

  app.get('/storylines/:id', (c) => {
    const found = store.storyline(c.req.param('id'));
    if (!found) return notFound(c, `Storyline "${c.req.param('id')}"`);
    const f = filtersOf(c);
    const stats = store.facts.storyline(found.definition.id);
    const clusters = queries.storylineClusters(found.definition.id, { ...f, limit: 20 });
    return page(
      c,
      found.definition.name,
      storylinePage(
        { ...found.definition, source: found.source, ...stats, backfill: store.backfills.get(found.definition.id) },
        queries.timeline(found.definition.id),
        clusters,
        f,
        canEdit(c),
        queries.languagesPresent(),
        queries.latestMatches(LATEST, found.definition.id),
      ),
      found.definition.id,
    );
  });

  app.get('/storylines/:id/edit', requireSignIn(auth), (c) => {
    const found = store.storyline(c.req.param('id'));
    return found
      ? page(c, `Edit ${found.definition.name}`, storylineForm(found.definition, formKey, [], true))
      : notFound(c, `Storyline "${c.req.param('id')}"`);
  });
  app.post('/storylines/:id/edit', forms, async (c) => {
    const body = await c.req.parseBody();
    const candidate = {
      id: c.req.param('id'),
      name: String(body.name ?? ''),
      description: String(body.description ?? ''),
      keywords: lines(body.keywords),
      examples: lines(body.examples),
      threshold: Number(body.threshold ?? 0.5),
    };
    const parsed = storylineSchema.safeParse(candidate);
    if (!parsed.success)
      return page(c, 'Edit storyline', storylineForm(candidate, formKey, issues(parsed.error), true), undefined, 400);
    store.putStoryline(parsed.data, 'api');
    return c.redirect(`/storylines/${parsed.data.id}`, 303);
  });
  app.post('/storylines/:id/delete', forms, (c) => {
    store.deleteStoryline(c.req.param('id'));
    return c.redirect('/', 303);
  });
}

/** The clusters, a cluster, search and feeds pages. */
function browseRoutes(app: Hono, { options, queries, ranked, page, notFound }: DashboardContext): void {
  app.get('/clusters', (c) => {
    const f = { ...parseRankFilters(c).filters, limit: 50 };
    const choices = { languages: queries.languagesPresent(), storylines: ranked.storylines() };
    return page(c, 'Clusters', rankedClustersPage(ranked.rank(f), f, choices));
  });
  app.get('/clusters/:id', (c) => {
    const found = queries.cluster(c.req.param('id'));
    return found
      ? page(c, found.cluster.title || found.cluster.id, clusterPage(found))
      : notFound(c, `Cluster "${c.req.param('id')}"`);
  });

  app.get('/search', (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const f = filtersOf(c);
    const { options: o } = parseSearchOptions(c);
    const hits = q.trim() ? queries.search(q, { ...f, limit: 20 }, o) : undefined;
    return page(c, 'Search', searchPage(q, f, o, queries.languagesPresent(), hits));
  });

  app.get('/feeds', async (c) => page(c, 'Feeds', feedsPage(options.feeds ? await options.feeds() : undefined)));
}

/** The webhooks page, its forms and the replay of a failed delivery. */
function webhookRoutes(app: Hono, { store, options, auth, formKey, forms, page, notFound }: DashboardContext): void {
  app.get('/webhooks', requireSignIn(auth), (c) =>
    page(c, 'Webhooks', webhooksPage(store.alerts.listWebhooks(), store.alerts.listDeliveries({ limit: 50 }), formKey)),
  );
  // A webhook of the form, or what is wrong with it: its fields, then its URL under the address policy.
  const webhookFromForm = async (body: Record<string, unknown>, url: string, secret: string) => {
    const parsed = webhookSchema.safeParse({
      url,
      secret,
      storylines: String(body.storylines ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      events: body.cluster_created ? ['storyline.matched', 'cluster.created'] : ['storyline.matched'],
      minScore: Number(body.minScore || 0),
      ...(body.digestMinutes ? { digestMinutes: Number(body.digestMinutes) } : {}),
      ...(body.backfill ? { backfill: true } : {}),
    });
    if (!parsed.success) return { errors: issues(parsed.error) };
    const { refused } = await checkEndpointUrl(parsed.data.url, options.addressPolicy ?? DEFAULT_LIMITS);
    return refused ? { errors: [`url: ${refused}`] } : { webhook: parsed.data };
  };
  app.post('/webhooks', forms, async (c) => {
    const body = await c.req.parseBody();
    const parsed = await webhookFromForm(body, String(body.url ?? ''), newSecret());
    const render = (errors: string[], secret?: string, status: 200 | 400 = 200) =>
      page(
        c,
        'Webhooks',
        webhooksPage(store.alerts.listWebhooks(), store.alerts.listDeliveries({ limit: 50 }), formKey, errors, secret),
        undefined,
        status,
      );
    if (!parsed.webhook) return render(parsed.errors, undefined, 400);
    if (store.alerts.webhook(parsed.webhook.url))
      return render([`url: a webhook for ${parsed.webhook.url} exists`], undefined, 400);
    const saved = store.alerts.putWebhook(parsed.webhook, 'api');
    return render([], saved.secret);
  });
  app.get('/webhooks/:id/edit', requireSignIn(auth), (c) => {
    const hook = store.alerts.webhook(c.req.param('id'));
    if (!hook || hook.source === 'config')
      return notFound(c, `Webhook "${c.req.param('id')}" (webhooks of the config file are edited there)`);
    return page(c, 'Edit webhook', webhookEditForm(hook, formKey));
  });
  app.post('/webhooks/:id/edit', forms, async (c) => {
    const hook = store.alerts.webhook(c.req.param('id'));
    if (!hook || hook.source === 'config')
      return notFound(c, `Webhook "${c.req.param('id')}" (webhooks of the config file are edited there)`);
    const parsed = await webhookFromForm(await c.req.parseBody(), hook.url, hook.secret);
    if (!parsed.webhook) return page(c, 'Edit webhook', webhookEditForm(hook, formKey, parsed.errors), undefined, 400);
    store.alerts.putWebhook(parsed.webhook, hook.source);
    return c.redirect('/webhooks', 303);
  });
  app.post('/webhooks/:id/delete', forms, (c) => {
    const hook = store.alerts.webhook(c.req.param('id'));
    if (hook && hook.source !== 'config') store.alerts.deleteWebhook(hook.id);
    return c.redirect('/webhooks', 303);
  });
  app.post('/deliveries/:id/retry', forms, async (c) => {
    if (options.replay) await options.replay([c.req.param('id')]);
    return c.redirect('/webhooks', 303);
  });
}

/**
 * Live matches: one event per new storyline match. A page resumes after the last match it was rendered with
 * (`after`), a reconnecting client after its Last-Event-ID; each match is sent once.
 */
function liveEvents(app: Hono, live: LiveMatches): void {
  app.get('/events', (c) => {
    const storyline = c.req.query('storyline');
    const resumeFrom = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? NaN);
    return streamSSE(c, async (stream) => {
      let sent = Number.isInteger(resumeFrom) ? resumeFrom : -1;
      const send = (m: LiveMatch) => {
        if (m.rowid <= sent) return;
        sent = m.rowid;
        if (storyline && m.storylineId !== storyline) return;
        void stream.writeSSE({ event: 'match', id: String(m.rowid), data: JSON.stringify(m) });
      };
      // Subscribed before catching up (in the same tick), so no match falls between the two.
      const unsubscribe = live.subscribe(send);
      if (Number.isInteger(resumeFrom)) for (const m of live.since(resumeFrom)) send(m);
      stream.onAbort(unsubscribe);
      while (!stream.aborted) {
        await stream.sleep(15_000);
        if (!stream.aborted) await stream.writeSSE({ event: 'ping', data: '' });
      }
      unsubscribe();
    });
  });
}

const layoutText = (text: string): View => html`<p>${text}</p>`;
