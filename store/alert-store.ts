// Webhook subscriptions and the delivery records of the alert outbox, in the SQLite store.
import type Database from 'better-sqlite3';
import { statementCache } from './statement-cache.js';
import { createHash, randomBytes } from 'node:crypto';
import { digestDelivery, type Delivery, type EventType, type Subscription } from '../pipeline/alerts/alert-events.js';
import type { WebhookConfig } from '../config/schema.js';

export type WebhookSource = 'config' | 'api' | 'cli';

/** A stored webhook subscription. The secret never leaves through listings: see `maskSecret`. */
export interface StoredWebhook extends WebhookConfig {
  id: string;
  source: WebhookSource;
  updatedAt: string;
}

export type DeliveryStatus = 'pending' | 'retrying' | 'held' | 'digested' | 'delivered' | 'failed';

/** One delivery (event × endpoint) and what became of it. */
export interface DeliveryRecord extends Delivery {
  status: DeliveryStatus;
  attempts: number;
  httpStatus: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  digestId: string | null;
}

/** A webhook's id: stable, derived from its URL, usable in paths (`/api/webhooks/wh_…`). */
export const webhookId = (url: string) => `wh_${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;

/** A fresh Standard Webhooks secret: whsec_ + base64 of 32 random bytes. */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Shows a secret without revealing it: `whsec_abcd…` (for logs and listings). */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}

/** Largest number of held events one digest carries; the rest go in the next one. */
const DIGEST_MAX_EVENTS = 500;

const DELIVERY_COLUMNS = `id, event_id AS eventId, endpoint, type, body, status, attempts, http_status AS httpStatus,
  last_error AS lastError, created_at AS createdAt, finished_at AS finishedAt, digest_id AS digestId`;

/** Webhook subscriptions and the delivery records of the alert outbox, in the SQLite store. */
export class AlertStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.sql = statementCache(db);
  }

  /**
   * Makes the config's webhooks the stored ones of source 'config': added, updated, and removed when no
   * longer in the file. Webhooks made through the API or CLI stay; a config entry with their URL wins.
   */
  syncConfigWebhooks(defs: WebhookConfig[]): void {
    this.db.transaction(() => {
      const stored = new Map(this.listWebhooks().map((w) => [w.url, w]));
      for (const def of defs) {
        const current = stored.get(def.url);
        if (
          current?.source === 'config' &&
          current.secret === def.secret &&
          JSON.stringify(definitionOf(current)) === JSON.stringify(definitionOf(def))
        )
          continue;
        this.putWebhook(def, 'config');
      }
      const urls = new Set(defs.map((d) => d.url));
      for (const w of stored.values()) if (w.source === 'config' && !urls.has(w.url)) this.deleteWebhook(w.id);
    })();
  }

  /** Creates or replaces the webhook of this URL; the cluster writer picks the change up before its next article. */
  putWebhook(def: WebhookConfig, source: WebhookSource): StoredWebhook {
    const id = webhookId(def.url);
    const updatedAt = new Date().toISOString();
    this.sql(
      `INSERT INTO webhooks(id, url, secret, definition, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET secret = excluded.secret, definition = excluded.definition, source = excluded.source, updated_at = excluded.updated_at`,
    ).run(id, def.url, def.secret, JSON.stringify(definitionOf(def)), source, updatedAt);
    this.bump();
    return { ...def, id, source, updatedAt };
  }

  /** Removes a webhook; its past deliveries stay on record. Returns false if unknown. */
  deleteWebhook(id: string): boolean {
    const removed = this.sql('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
    if (removed) this.bump();
    return removed;
  }

  listWebhooks(): StoredWebhook[] {
    return (this.sql(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks ORDER BY rowid`).all() as WebhookRow[]).map(fromRow);
  }

  /** One webhook by id or URL (the sender looks secrets up by URL for every delivery). */
  webhook(idOrUrl: string): StoredWebhook | undefined {
    const row = this.sql(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE id = ? OR url = ?`).get(idOrUrl, idOrUrl) as
      WebhookRow | undefined;
    return row && fromRow(row);
  }

  /** What event building needs: the subscriptions without their secrets. */
  subscriptions(): Subscription[] {
    return this.listWebhooks().map((w) => ({
      url: w.url,
      storylines: w.storylines,
      minScore: w.minScore,
      events: w.events,
      ...(w.digestMinutes ? { digestMinutes: w.digestMinutes } : {}),
      ...(w.backfill ? { backfill: true } : {}),
    }));
  }

  /** Changes whenever a webhook is created, changed or removed. */
  version(): number {
    const row = this.sql("SELECT value FROM meta WHERE key = 'webhooks_version'").get() as
      { value: string } | undefined;
    return Number(row?.value ?? 0);
  }

  private bump(): void {
    this.sql(
      "INSERT INTO meta(key, value) VALUES ('webhooks_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run(String(this.version() + 1));
  }

  /** Records one attempt's outcome; delivered and failed are final (until a replay). */
  recordAttempt(
    id: string,
    outcome: { status: 'delivered' | 'retrying' | 'failed'; attempts: number; httpStatus?: number; error?: string },
  ): void {
    const final = outcome.status !== 'retrying';
    this.sql(
      'UPDATE deliveries SET status = ?, attempts = ?, http_status = ?, last_error = ?, finished_at = ? WHERE id = ?',
    ).run(
      outcome.status,
      outcome.attempts,
      outcome.httpStatus ?? null,
      outcome.error ?? null,
      final ? new Date().toISOString() : null,
      id,
    );
  }

  /** Delivery records, newest first. */
  listDeliveries(
    filter: { status?: DeliveryStatus; endpoint?: string; type?: EventType; limit?: number } = {},
  ): DeliveryRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    if (filter.endpoint) {
      where.push('endpoint = ?');
      params.push(filter.endpoint);
    }
    if (filter.type) {
      where.push('type = ?');
      params.push(filter.type);
    }
    const sql = `SELECT ${DELIVERY_COLUMNS} FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid DESC LIMIT ?`;
    return this.sql(sql).all(...params, filter.limit ?? 1000) as DeliveryRecord[];
  }

  delivery(id: string): DeliveryRecord | undefined {
    return this.sql(`SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = ?`).get(id) as DeliveryRecord | undefined;
  }

  /** Marks failed deliveries pending again before they are replayed. */
  markForReplay(ids: string[]): void {
    const mark = this.sql(
      "UPDATE deliveries SET status = 'pending', finished_at = NULL WHERE id = ? AND status = 'failed'",
    );
    this.db.transaction(() => ids.forEach((id) => mark.run(id)))();
  }

  /** The shortest digest interval among the webhooks, in minutes (undefined: no digests). */
  shortestDigestMinutes(): number | undefined {
    const minutes = this.listWebhooks().flatMap((w) => (w.digestMinutes ? [w.digestMinutes] : []));
    return minutes.length ? Math.min(...minutes) : undefined;
  }

  /**
   * Cuts digests: for every digest webhook whose oldest held event has waited its interval, one
   * `storyline.digest` delivery carrying all its held events (in one transaction, so each event goes in
   * exactly one digest). Returns the new digest deliveries, not yet enqueued.
   */
  cutDigests(now = new Date()): Delivery[] {
    const out: Delivery[] = [];
    this.db.transaction(() => {
      for (const w of this.listWebhooks()) {
        if (!w.digestMinutes) continue;
        const held = this.sql(
          "SELECT id, body, created_at AS createdAt FROM deliveries WHERE status = 'held' AND endpoint = ? ORDER BY rowid LIMIT ?",
        ).all(w.url, DIGEST_MAX_EVENTS) as Array<{ id: string; body: string; createdAt: string }>;
        if (!held.length || Date.parse(held[0]!.createdAt) > now.getTime() - w.digestMinutes * 60_000) continue;
        const digest = digestDelivery(w.url, held, now.toISOString());
        this.sql(
          'INSERT OR IGNORE INTO deliveries(id, event_id, endpoint, type, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(digest.id, digest.eventId, digest.endpoint, digest.type, digest.body, now.toISOString());
        const mark = this.sql("UPDATE deliveries SET status = 'digested', digest_id = ? WHERE id = ?");
        for (const h of held) mark.run(digest.id, h.id);
        out.push(digest);
      }
    })();
    return out;
  }
}

const WEBHOOK_COLUMNS = 'id, url, secret, definition, source, updated_at';
type WebhookRow = {
  id: string;
  url: string;
  secret: string;
  definition: string;
  source: WebhookSource;
  updated_at: string;
};
const fromRow = (r: WebhookRow): StoredWebhook => ({
  ...(JSON.parse(r.definition) as Omit<WebhookConfig, 'url' | 'secret'>),
  id: r.id,
  url: r.url,
  secret: r.secret,
  source: r.source,
  updatedAt: r.updated_at,
});

/** The part of a webhook kept as its definition (url and secret have columns of their own). */
function definitionOf(w: WebhookConfig): Omit<WebhookConfig, 'url' | 'secret'> {
  return {
    storylines: w.storylines,
    minScore: w.minScore,
    events: w.events,
    ...(w.digestMinutes ? { digestMinutes: w.digestMinutes } : {}),
    ...(w.backfill ? { backfill: true } : {}),
  };
}
