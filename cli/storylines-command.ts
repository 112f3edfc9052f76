// The `storywatch storylines` commands: list, add, remove and re-score tracked storylines.
import Table from 'cli-table3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { storylineSchema, type Config, type StorylineConfig } from '../config/schema.js';
import type { Backfill } from '../store/backfill-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { describeBackfill } from '../store/storyline-backfill.js';
import { log, readConfig, UserError, type GlobalOptions } from './context.js';
import { runBackfills } from './run-backfills.js';

/** Opens the store with the config's storylines and webhooks synced, as the daemon has them. */
function openStore(config: Config): SqliteStore {
  const store = new SqliteStore(path.join(config.dataDir, 'storywatch.sqlite'));
  store.syncConfigStorylines(config.storylines);
  store.alerts.syncConfigWebhooks(config.webhooks);
  return store;
}

/** A back-fill in a few words: `done 120/120`, `running 40/120`. */
const backfillCell = (b: Backfill | undefined) => (b ? `${b.state} ${b.done}/${b.total}` : '');

/** `storywatch storylines list`: id, name, source, matched articles and back-fill state of every storyline. */
export async function storylinesListCommand(opts: GlobalOptions & { json?: boolean }): Promise<void> {
  const store = openStore(readConfig(opts));
  try {
    const storylines = store.listStorylines();
    const stats = store.facts.storylines(storylines.map((s) => s.definition.id));
    const backfills = store.backfills.all();
    const rows = storylines.map(({ definition: d, source }) => ({
      id: d.id,
      name: d.name,
      source,
      matches: stats.get(d.id)!.articleCount,
      threshold: d.threshold,
      backfill: backfills.get(d.id) ?? null,
    }));
    if (opts.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    if (!rows.length)
      return void process.stdout.write(
        'no storylines (storywatch storylines add FILE, or storylines: in the config)\n',
      );
    const table = new Table({
      head: ['id', 'name', 'source', 'matches', 'threshold', 'back-fill'],
      style: { compact: true, head: [], border: [] },
    });
    for (const r of rows)
      table.push([r.id, r.name, r.source, r.matches, r.threshold, backfillCell(r.backfill ?? undefined)]);
    process.stdout.write(`${table.toString()}\n`);
  } finally {
    store.close();
  }
}

export interface AddOptions extends GlobalOptions {
  id?: string;
  name?: string;
  description?: string;
  keyword?: string[];
  example?: string[];
  threshold?: string;
  replace?: boolean;
}

/** Storyline definitions from a YAML or JSON file: one object, a list, or `storylines:` with a list. */
export function readStorylineFile(file: string): StorylineConfig[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new UserError(
      `${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && 'storylines' in doc
      ? (doc as { storylines: unknown }).storylines
      : [doc];
  if (!Array.isArray(list) || !list.length)
    throw new UserError(`${file}: expected a storyline, a list of them, or storylines: with a list`);
  return list.map((item, i) => validStoryline(item, list.length > 1 ? `${file}: storylines[${i}]` : file));
}

function validStoryline(candidate: unknown, where: string): StorylineConfig {
  const parsed = storylineSchema.strict().safeParse(candidate);
  if (!parsed.success)
    throw new UserError(
      `${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'storyline'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/**
 * `storywatch storylines add FILE | --id … --name …`: adds storylines (with `--replace`, changes ones made
 * through the API or CLI) and back-fills them over the stored articles: a daemon does so in the background;
 * without one this command does it and prints the counts.
 */
export async function storylinesAddCommand(file: string | undefined, opts: AddOptions): Promise<void> {
  const flags =
    opts.id !== undefined ||
    opts.name !== undefined ||
    opts.keyword !== undefined ||
    opts.example !== undefined ||
    opts.description !== undefined ||
    opts.threshold !== undefined;
  if (file && flags) throw new UserError(`give either a file (${file}) or --id/--name/… flags, not both`);
  if (!file && !flags)
    throw new UserError('give a YAML/JSON file of storylines, or --id ID --name NAME [--keyword K …] [--threshold N]');
  const threshold = opts.threshold === undefined ? undefined : Number(opts.threshold);
  const defs = file
    ? readStorylineFile(file)
    : [
        validStoryline(
          {
            id: opts.id,
            name: opts.name,
            description: opts.description,
            keywords: opts.keyword,
            examples: opts.example,
            ...(threshold === undefined ? {} : { threshold: Number.isNaN(threshold) ? opts.threshold : threshold }),
          },
          `storyline ${opts.id ?? '(no --id)'}`,
        ),
      ];
  const config = readConfig(opts);
  const store = openStore(config);
  try {
    for (const def of defs) {
      const current = store.storyline(def.id);
      if (current?.source === 'config')
        throw new UserError(`storyline ${def.id} comes from the config file: change it there`);
      if (current && !opts.replace)
        throw new UserError(`storyline ${def.id} exists (from ${current.source}); --replace changes it`);
    }
    for (const def of defs) {
      const existed = store.storyline(def.id) !== undefined;
      store.putStoryline(def, 'cli');
      log(`${existed ? 'changed' : 'added'} storyline ${def.id} "${def.name}"`);
    }
    const done = await runBackfills(
      config,
      store,
      defs.map((d) => d.id),
      'storylines add',
      true,
    );
    for (const b of done ?? []) process.stdout.write(`${describeBackfill(b)}\n`);
  } finally {
    store.close();
  }
}

/** `storywatch storylines remove ID`: a storyline of the config file is removed there instead. */
export async function storylinesRemoveCommand(id: string, opts: GlobalOptions): Promise<void> {
  const store = openStore(readConfig(opts));
  try {
    const current = store.storyline(id);
    if (!current) throw new UserError(`no storyline ${id} (storywatch storylines list shows them)`);
    if (current.source === 'config') throw new UserError(`storyline ${id} comes from the config file: remove it there`);
    store.deleteStoryline(id);
    log(`removed storyline ${id}; its past matches stay on record`);
  } finally {
    store.close();
  }
}

/**
 * `storywatch storylines rescore [ID…]`: re-scores the stored articles against the current definitions of
 * these storylines (all without ids), waits until done and prints the counts per storyline.
 */
export async function storylinesRescoreCommand(ids: string[], opts: GlobalOptions): Promise<void> {
  const config = readConfig(opts);
  const store = openStore(config);
  try {
    const known = new Set(store.listStorylines().map((s) => s.definition.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length)
      throw new UserError(`no storyline ${unknown.join(', ')} (storywatch storylines list shows them)`);
    const chosen = ids.length ? [...new Set(ids)] : [...known];
    if (!chosen.length) throw new UserError('no storylines to re-score (storywatch storylines add FILE)');
    store.requestRescore(chosen);
    const done = await runBackfills(config, store, chosen, 'storylines rescore');
    for (const b of done ?? []) process.stdout.write(`${describeBackfill(b)}\n`);
  } finally {
    store.close();
  }
}
