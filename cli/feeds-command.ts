// The `storywatch feeds` commands: list feeds with their polling state, add and remove them.
import Table from 'cli-table3';
import { readFileSync, writeFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { isSeq, parseDocument } from 'yaml';
import { DEFAULT_CONFIG_PATH } from '../config/load-config.js';
import { feedSchema } from '../config/schema.js';
import { FeedStateStore } from '../queue/feed-state.js';
import { checkEndpointUrl } from '../adapters/http/endpoint-policy.js';
import { queuePrefix } from '../runtime/instance.js';
import { connectRedis } from '../queue/redis-connection.js';
import { holdOrJoinDataDir, log, readConfig, UserError, type GlobalOptions } from './context.js';

const ago = (ms: number | undefined) => (ms ? `${Math.round((Date.now() - ms) / 60_000)} min ago` : 'never');

/** `storywatch feeds list`: configured feeds with their polling state (last fetch, status, errors, last error). */
export async function feedsListCommand(opts: GlobalOptions): Promise<void> {
  const config = readConfig(opts);
  if (!config.feeds.length) {
    process.stdout.write('no feeds configured (storywatch feeds add URL)\n');
    return;
  }
  // Feed state lives in Redis: the running daemon's, else the data dir's private one, started for the listing.
  const held = holdOrJoinDataDir(config, 'feeds list');
  const redis = await connectRedis(config.redisUrl, config.dataDir, { mode: 'lock' in held ? 'own' : 'join' }).catch(
    (err: Error) => {
      if ('lock' in held) held.lock.release();
      throw err;
    },
  );
  const client = new Redis(redis.options);
  client.on('error', () => {});
  try {
    const state = new FeedStateStore(client, queuePrefix(config.dataDir, config.queuePrefix));
    const table = new Table({
      head: ['feed', 'every', 'last fetch', 'status', 'items', 'errors', 'last error'],
      style: { compact: true, head: [], border: [] },
    });
    for (const feed of config.feeds) {
      const s = await state.get(feed.url);
      table.push([
        feed.name ? `${feed.name}\n${feed.url}` : feed.url,
        `${feed.pollMinutes} min`,
        ago(s.lastFetchAt),
        s.lastStatus ?? '',
        s.items ?? '',
        s.errorCount,
        s.lastError ?? '',
      ]);
    }
    process.stdout.write(`${table.toString()}\n`);
  } finally {
    client.disconnect();
    await redis.stop();
    if ('lock' in held) held.lock.release();
  }
}

/** Edits the `feeds` list of the config file in place, keeping its comments and layout. */
function editFeeds(
  file: string,
  edit: (feeds: Array<Record<string, unknown>>) => Array<Record<string, unknown>>,
): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const current = doc.get('feeds');
  const list = isSeq(current) ? (current.toJSON() as Array<Record<string, unknown>>) : [];
  doc.set('feeds', doc.createNode(edit(list)));
  writeFileSync(file, doc.toString());
}

/**
 * `storywatch feeds add URL`: adds a feed to the config file; a running daemon picks it up on restart. A
 * URL the address policy refuses leaves the file as it was; a name that does not resolve here is added,
 * with a warning.
 */
export async function feedsAddCommand(
  url: string,
  opts: GlobalOptions & { name?: string; every?: string; fullText?: boolean },
): Promise<void> {
  const file = opts.config ?? DEFAULT_CONFIG_PATH;
  const config = readConfig(opts);
  const feed = feedSchema.safeParse({
    url,
    name: opts.name,
    pollMinutes: opts.every === undefined ? undefined : Number(opts.every),
    fullText: opts.fullText,
  });
  if (!feed.success)
    throw new UserError(`feed ${url}: ${feed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (config.feeds.some((f) => f.url === feed.data.url))
    throw new UserError(`${file}: feed ${url} is already configured`);
  const check = await checkEndpointUrl(feed.data.url, config.http);
  if (check.refused) throw new UserError(`feed ${url} refused: ${check.refused}`);
  if (check.warning) log(`warning: ${check.warning}`);
  editFeeds(file, (feeds) => [
    ...feeds,
    Object.fromEntries(Object.entries(feed.data).filter(([, v]) => v !== undefined)),
  ]);
  log(`added ${url} to ${file} (every ${feed.data.pollMinutes} min); restart storywatch start to poll it`);
}

/** `storywatch feeds remove URL`. */
export async function feedsRemoveCommand(url: string, opts: GlobalOptions): Promise<void> {
  const file = opts.config ?? DEFAULT_CONFIG_PATH;
  const config = readConfig(opts);
  if (!config.feeds.some((f) => f.url === url)) throw new UserError(`${file}: no feed ${url}`);
  editFeeds(file, (feeds) => feeds.filter((f) => f.url !== url));
  log(`removed ${url} from ${file}; restart storywatch start to stop polling it`);
}
