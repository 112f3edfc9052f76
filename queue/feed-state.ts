// What feed pollers know about each feed, and per-host politeness slots, kept in Redis.
import type { Redis } from 'ioredis';

/** What pollers know about a feed; kept in Redis so every replica sees the same. */
export interface FeedState {
  etag?: string;
  lastModified?: string;
  errorCount: number;
  lastError?: string;
  /** ms since epoch */
  lastFetchAt?: number;
  lastStatus?: number;
  /** Items in the last successful fetch. */
  items?: number;
  /** While backing off after errors, no poll before this (ms since epoch). */
  nextPollAt?: number;
}

/** Feed state and per-host politeness slots in Redis, under the instance's prefix. */
export class FeedStateStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(url: string) {
    return `${this.prefix}:feed-state:${url}`;
  }

  async get(url: string): Promise<FeedState> {
    const raw = await this.redis.hgetall(this.key(url));
    const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
    return {
      etag: raw.etag || undefined,
      lastModified: raw.lastModified || undefined,
      errorCount: num(raw.errorCount) ?? 0,
      lastError: raw.lastError || undefined,
      lastFetchAt: num(raw.lastFetchAt),
      lastStatus: num(raw.lastStatus),
      items: num(raw.items),
      nextPollAt: num(raw.nextPollAt),
    };
  }

  async update(url: string, patch: Partial<Record<keyof FeedState, string | number | undefined>>): Promise<void> {
    const set: Record<string, string> = {};
    const del: string[] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) del.push(k);
      else set[k] = String(v);
    }
    if (Object.keys(set).length) await this.redis.hset(this.key(url), set);
    if (del.length) await this.redis.hdel(this.key(url), ...del);
  }

  /**
   * Takes the host's politeness slot: 0 if this worker may fetch from `host` now (and holds the slot for
   * `minIntervalMs`), else the milliseconds until the slot frees. Shared by every worker on this Redis.
   */
  async hostSlot(host: string, minIntervalMs: number): Promise<number> {
    if (minIntervalMs <= 0) return 0;
    const key = `${this.prefix}:host-slot:${host}`;
    if ((await this.redis.set(key, '1', 'PX', minIntervalMs, 'NX')) === 'OK') return 0;
    return Math.max(1, await this.redis.pttl(key));
  }
}
