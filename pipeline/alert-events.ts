import { createHash } from 'node:crypto';
import type { StorylineMatch } from './match-storylines.js';

/** A subscription as event building needs it (the secret stays with the sender). */
export interface Subscription {
  url: string;
  storylines: string[];
  minScore: number;
  events: Array<'storyline.matched' | 'cluster.created'>;
}

/** One event for one endpoint. `eventId` is the Standard Webhooks `webhook-id`: stable across retries. */
export interface Delivery {
  id: string;
  eventId: string;
  endpoint: string;
  type: 'storyline.matched' | 'cluster.created';
  body: string;
}

export interface AlertContext {
  storylines: Map<string, string>;
  article: { id: string; title: string; titleEn: string; lang: string; url: string | null; source: string; publishedAt: string | null };
  cluster: { id: string; title: string; languages: string[]; articleCount: number; firstSeen: string | null; lastSeen: string | null };
  isNewCluster: boolean;
  /** ISO time of the event. */
  now: string;
}

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/**
 * The deliveries one article's storyline matches cause: `storyline.matched` for each subscribed endpoint
 * (storyline chosen, score at least minScore), and `cluster.created` when the article opened a new
 * cluster within the storyline. Ids derive from storyline, article or cluster and endpoint, so the same
 * match never yields a second delivery.
 */
export function alertDeliveries(matches: StorylineMatch[], subscriptions: Subscription[], ctx: AlertContext): Delivery[] {
  const out: Delivery[] = [];
  for (const match of matches) {
    const storyline = { id: match.id, name: ctx.storylines.get(match.id) ?? match.id };
    for (const sub of subscriptions) {
      if ((sub.storylines.length && !sub.storylines.includes(match.id)) || match.score < sub.minScore) continue;
      const add = (type: Delivery['type'], subject: string, data: Record<string, unknown>) => {
        const eventId = `msg_${hash(type, match.id, subject).slice(0, 26)}`;
        out.push({
          id: `${eventId}-${hash(sub.url).slice(0, 12)}`,
          eventId,
          endpoint: sub.url,
          type,
          body: JSON.stringify({ type, timestamp: ctx.now, data: { storyline, ...data } }),
        });
      };
      if (sub.events.includes('storyline.matched')) {
        add('storyline.matched', ctx.article.id, {
          article: { ...ctx.article, score: match.score, evidence: match.evidence },
          cluster: ctx.cluster,
        });
      }
      if (sub.events.includes('cluster.created') && ctx.isNewCluster) {
        add('cluster.created', ctx.cluster.id, { cluster: ctx.cluster, article: { id: ctx.article.id, title: ctx.article.title, titleEn: ctx.article.titleEn, lang: ctx.article.lang, url: ctx.article.url } });
      }
    }
  }
  return out;
}
