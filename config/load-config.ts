// Reads, parses and validates a config file, naming the file and every bad key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, YAMLParseError } from 'yaml';
import { urlRefusal } from '../adapters/http/endpoint-policy.js';
import { configSchema, type Config } from './schema.js';

/** The config shipped with the project, used when no `--config` is given. */
export const DEFAULT_CONFIG_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'storywatch.yaml');

/** A config file that cannot be used; the message names the file and every bad key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads, parses and validates a config file; relative paths in it resolve against the working directory.
 * What the user should know but is no error (a file with no settings at all) goes to `notice`.
 */
export function loadConfig(
  file: string = DEFAULT_CONFIG_PATH,
  env: NodeJS.ProcessEnv = process.env,
  notice: (msg: string) => void = () => {},
): Config {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read config (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let doc: unknown;
  try {
    doc = parse(raw);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` line ${err.linePos[0].line}` : '';
    throw new ConfigError(`${file}${where}: invalid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  // An empty file (or one of comments) is valid, but more likely a mistake than a choice: say so.
  if (doc === null || doc === undefined) {
    notice(`${file} is empty: running on the defaults`);
    doc = {};
  }
  const result = configSchema.safeParse(doc);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${file}: invalid config\n${lines.join('\n')}`);
  }
  const config = result.data;
  if (env.STORYWATCH_DATA) config.dataDir = env.STORYWATCH_DATA;
  if (env.REDIS_URL) config.redisUrl = env.REDIS_URL;
  if (env.STORYWATCH_TOKEN) config.web.token = env.STORYWATCH_TOKEN;
  const ids = config.storylines.map((s) => s.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new ConfigError(`${file}: invalid config\n  storylines: duplicate id "${dup}"`);
  // Names are resolved where they are used (storywatch start, the guarded client): loading stays offline.
  const refused = endpointEntries(config).flatMap(({ key, url }) => {
    const reason = urlRefusal(url, config.http);
    return reason ? [`  ${key}: ${reason}`] : [];
  });
  if (refused.length) throw new ConfigError(`${file}: invalid config\n${refused.join('\n')}`);
  return config;
}

/** The webhook and feed URLs of a config, each with the key that holds it (`webhooks.0.url`). */
export function endpointEntries(config: Config): Array<{ key: string; url: string }> {
  return [
    ...config.webhooks.map((w, i) => ({ key: `webhooks.${i}.url`, url: w.url })),
    ...config.feeds.map((f, i) => ({ key: `feeds.${i}.url`, url: f.url })),
  ];
}
