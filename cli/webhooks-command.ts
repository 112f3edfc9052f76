// The `storywatch webhooks` commands: list, add and remove webhook subscriptions.
import Table from 'cli-table3';
import path from 'node:path';
import { webhookSchema, type Config } from '../config/schema.js';
import { maskSecret, newSecret } from '../store/alert-store.js';
import { checkEndpointUrl } from '../adapters/http/endpoint-policy.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { log, readConfig, UserError, type GlobalOptions } from './context.js';

/** Opens the store with the config's storylines and webhooks synced, so listings show them before the daemon first runs. */
function openStore(config: Config) {
  const store = new SqliteStore(path.join(config.dataDir, 'storywatch.sqlite'));
  store.syncConfigStorylines(config.storylines);
  store.alerts.syncConfigWebhooks(config.webhooks);
  return store;
}

/** `storywatch webhooks list`: subscriptions (secrets masked) with their delivery counts. */
export async function webhooksListCommand(opts: GlobalOptions): Promise<void> {
  const store = openStore(readConfig(opts));
  try {
    const hooks = store.alerts.listWebhooks();
    if (!hooks.length) {
      process.stdout.write('no webhooks (storywatch webhooks add URL --storyline ID, or webhooks: in the config)\n');
      return;
    }
    const table = new Table({
      head: [
        'id',
        'url',
        'storylines',
        'events',
        'min score',
        'digest',
        'back-fill',
        'secret',
        'from',
        'delivered',
        'failed',
      ],
      style: { compact: true, head: [], border: [] },
    });
    for (const w of hooks) {
      const count = (status: 'delivered' | 'failed') =>
        store.alerts.listDeliveries({ endpoint: w.url, status, limit: 1_000_000 }).length;
      table.push([
        w.id,
        w.url,
        w.storylines.join(', ') || 'all',
        w.events.join(', '),
        w.minScore,
        w.digestMinutes ? `${w.digestMinutes} min` : '',
        w.backfill ? 'yes' : '',
        maskSecret(w.secret),
        w.source,
        count('delivered'),
        count('failed'),
      ]);
    }
    process.stdout.write(`${table.toString()}\n`);
  } finally {
    store.close();
  }
}

/**
 * `storywatch webhooks add URL`: subscribes an endpoint; without --secret one is made and shown once. A URL
 * the address policy refuses is not added; a name that does not resolve here is, with a warning.
 */
export async function webhooksAddCommand(
  url: string,
  opts: GlobalOptions & {
    storyline?: string[];
    event?: string[];
    minScore?: string;
    digestMinutes?: string;
    secret?: string;
    backfill?: boolean;
  },
): Promise<void> {
  const generated = opts.secret === undefined;
  const candidate = {
    url,
    secret: opts.secret ?? newSecret(),
    storylines: opts.storyline ?? [],
    ...(opts.event?.length ? { events: opts.event } : {}),
    ...(opts.minScore === undefined ? {} : { minScore: Number(opts.minScore) }),
    ...(opts.digestMinutes === undefined ? {} : { digestMinutes: Number(opts.digestMinutes) }),
    ...(opts.backfill ? { backfill: true } : {}),
  };
  const parsed = webhookSchema.safeParse(candidate);
  if (!parsed.success)
    throw new UserError(
      `webhook ${url}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const config = readConfig(opts);
  const check = await checkEndpointUrl(parsed.data.url, config.http);
  if (check.refused) throw new UserError(`webhook ${url} refused: ${check.refused}`);
  if (check.warning) log(`warning: ${check.warning}`);
  const store = openStore(config);
  try {
    const existing = store.alerts.webhook(parsed.data.url);
    if (existing)
      throw new UserError(
        `webhook ${url} exists (${existing.id}, from ${existing.source}); remove it first to change it`,
      );
    const unknown = parsed.data.storylines.filter((id) => !store.storyline(id));
    if (unknown.length)
      log(`warning: no storyline ${unknown.map((id) => `"${id}"`).join(', ')} yet; events start once it exists`);
    const saved = store.alerts.putWebhook(parsed.data, 'cli');
    log(
      `added webhook ${saved.id} → ${saved.url} (${saved.events.join(', ')}; ${saved.storylines.join(', ') || 'every storyline'}${saved.backfill ? '; back-filled matches too' : ''})`,
    );
    if (generated) process.stdout.write(`${saved.secret}\n`);
    if (generated) log('the line above is the signing secret; it is shown only this once: give it to the receiver');
  } finally {
    store.close();
  }
}

/** `storywatch webhooks remove ID|URL`: webhooks of the config file are removed there instead. */
export async function webhooksRemoveCommand(idOrUrl: string, opts: GlobalOptions): Promise<void> {
  const store = openStore(readConfig(opts));
  try {
    const hook = store.alerts.webhook(idOrUrl);
    if (!hook) throw new UserError(`no webhook ${idOrUrl} (storywatch webhooks list shows them)`);
    if (hook.source === 'config') throw new UserError(`webhook ${hook.id} comes from the config file: remove it there`);
    store.alerts.deleteWebhook(hook.id);
    log(`removed webhook ${hook.id} (${hook.url}); its past deliveries stay on record`);
  } finally {
    store.close();
  }
}
