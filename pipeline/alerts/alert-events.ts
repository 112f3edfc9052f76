// The webhook events a storyline match causes, one delivery per event and endpoint, and digests.
import { createHash } from 'node:crypto';
import type { ClusterState } from '../cluster/assign-cluster.js';
import type { StorylineMatch } from '../storylines/match-storylines.js';

/** A subscription as event building needs it (the secret stays with the sender). */
export interface Subscription {
  url: string;
  storylines: string[];
  minScore: number;
  events: Array<'storyline.matched' | 'cluster.created'>;
  /** When set, events are held and sent as one `storyline.digest` at most every this many minutes. */
  digestMinutes?: number;
  /** Also send matches a back-fill finds among stored articles (created or edited storylines). @defaultValue false */
  backfill?: boolean;
}

export type EventType = 'storyline.matched' | 'cluster.created' | 'storyline.digest';

/** One event for one endpoint. `eventId` is the Standard Webhooks `webhook-id`: stable across retries. */
export interface Delivery {
  id: string;
  eventId: string;
  endpoint: string;
  type: EventType;
  body: string;
  /** Held for the endpoint's next digest instead of being sent on its own. */
  held?: boolean;
}

export interface AlertContext {
  storylines: Map<string, string>;
  article: {
    id: string;
    title: string;
    titleEn: string;
    lang: string;
    url: string | null;
    source: string;
    publishedAt: string | null;
  };
  cluster: {
    id: string;
    title: string;
    lead?: string;
    languages: string[];
    articleCount: number;
    firstSeen: string | null;
    lastSeen: string | null;
  };
  isNewCluster: boolean;
  /** ISO time of the event. */
  now: string;
  /** The match was found by a back-fill over stored articles, not as the article arrived. */
  backfill?: boolean;
}

/** What an alert says about a cluster: its title and lead as the store keeps them, languages, size and span. */
export function clusterSummary(c: ClusterState & { title: string; lead: string }): AlertContext['cluster'] {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: c.id,
    title: c.title,
    lead: c.lead,
    languages: Object.keys(c.centroids),
    articleCount: Object.values(c.centroids).reduce((n, x) => n + x.count, 0),
    firstSeen: iso(c.firstSeen),
    lastSeen: iso(c.lastSeen),
  };
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/**
 * The deliveries one article's storyline matches cause: `storyline.matched` for each subscribed endpoint
 * (storyline chosen, score at least minScore), and `cluster.created` when the article opened a new
 * cluster within the storyline. Ids derive from storyline, article or cluster and endpoint, so the same
 * match never yields a second delivery.
 */
export function alertDeliveries(
  matches: StorylineMatch[],
  subscriptions: Subscription[],
  ctx: AlertContext,
): Delivery[] {
  const out: Delivery[] = [];
  for (const match of matches) {
    const storyline = { id: match.id, name: ctx.storylines.get(match.id) ?? match.id };
    for (const sub of subscriptions) {
      if ((sub.storylines.length && !sub.storylines.includes(match.id)) || match.score < sub.minScore) continue;
      const add = (type: 'storyline.matched' | 'cluster.created', subject: string, data: Record<string, unknown>) => {
        const eventId = `msg_${hash(type, match.id, subject).slice(0, 26)}`;
        out.push({
          id: `${eventId}-${hash(sub.url).slice(0, 12)}`,
          eventId,
          endpoint: sub.url,
          type,
          body: JSON.stringify({
            type,
            timestamp: ctx.now,
            data: { storyline, ...data, ...(ctx.backfill ? { backfill: true } : {}) },
          }),
          ...(sub.digestMinutes ? { held: true } : {}),
        });
      };
      if (sub.events.includes('storyline.matched')) {
        add('storyline.matched', ctx.article.id, {
          article: { ...ctx.article, score: match.score, evidence: match.evidence },
          cluster: ctx.cluster,
        });
      }
      if (sub.events.includes('cluster.created') && ctx.isNewCluster) {
        add('cluster.created', ctx.cluster.id, {
          cluster: ctx.cluster,
          article: {
            id: ctx.article.id,
            title: ctx.article.title,
            titleEn: ctx.article.titleEn,
            lang: ctx.article.lang,
            url: ctx.article.url,
          },
        });
      }
    }
  }
  return out;
}

/**
 * The delivery with its event's cluster replaced by `cluster`: the store fills in the cluster as it holds it
 * once the placement is written, so a webhook says what the report and the dashboard say.
 */
export function withCluster(d: Delivery, cluster: AlertContext['cluster']): Delivery {
  const event = JSON.parse(d.body) as { data?: { cluster?: unknown } };
  if (!event.data?.cluster) return d;
  event.data.cluster = cluster;
  return { ...d, body: JSON.stringify(event) };
}

/**
 * One `storyline.digest` delivery carrying held events (oldest first) for one endpoint. Its id derives from
 * the events it carries, so cutting the same digest twice cannot send it twice.
 */
export function digestDelivery(endpoint: string, held: Array<{ id: string; body: string }>, now: string): Delivery {
  const eventId = `msg_${hash('storyline.digest', endpoint, ...held.map((h) => h.id)).slice(0, 26)}`;
  const events = held.map((h) => JSON.parse(h.body) as unknown);
  return {
    id: `${eventId}-${hash(endpoint).slice(0, 12)}`,
    eventId,
    endpoint,
    type: 'storyline.digest',
    body: JSON.stringify({ type: 'storyline.digest', timestamp: now, data: { count: events.length, events } }),
  };
}

/** What a delivery is about, read from its event body: storyline and article (or the digest's size). */
export function describeEvent(d: Pick<Delivery, 'type' | 'body'>): { storyline: string; subject: string } {
  try {
    const event = JSON.parse(d.body) as {
      data?: {
        storyline?: { id?: string };
        article?: { id?: string; title?: string };
        cluster?: { title?: string };
        count?: number;
      };
    };
    if (d.type === 'storyline.digest') return { storyline: '', subject: `${event.data?.count ?? 0} events` };
    const subject = d.type === 'cluster.created' ? event.data?.cluster?.title : event.data?.article?.title;
    return { storyline: event.data?.storyline?.id ?? '', subject: subject ?? event.data?.article?.id ?? '' };
  } catch {
    return { storyline: '', subject: '' };
  }
}
