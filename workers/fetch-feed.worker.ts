// The FetchFeed processor: a conditional GET of one feed, then one IngestItem per entry.
import { createHash } from 'node:crypto';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { extractArticles, fromHtml } from '../pipeline/extract/extract-articles.js';
import type { ArticleDraft } from '../pipeline/types.js';
import type { FeedStateStore } from '../queue/feed-state.js';
import type { GuardedFetch } from '../adapters/http/guarded-fetch.js';
import { fetchFeedSchema, parsePayload, QUEUES, type FetchResult, type IngestItem } from '../queue/queues.js';

export interface FetchDeps {
  fetch: GuardedFetch;
  state: FeedStateStore;
  /** Hands the feed's items on as IngestItem jobs; returns their job ids. */
  next(items: IngestItem[]): Promise<string[]>;
  /** Poll interval of a feed, in ms (the base of its error back-off). */
  intervalOf(url: string): number;
  /** Minimum time between two requests to one host, across all workers. @defaultValue 1000 */
  hostIntervalMs?: number;
}

const MAX_BACKOFF_MS = 24 * 3600_000;
/** Entries with less text than this carry only a summary. */
const SUMMARY_CHARS = 400;
/** Pages fetched for full text in one poll; the rest keep their summaries until the next. */
const MAX_PAGES_PER_POLL = 20;

/**
 * Replaces the summary of summary-only entries with the article of their page (same guarded client,
 * same per-host interval; Readability extraction). A page that cannot be fetched or is not an article (a home
 * page or listing, judged with the address it was served from after redirects) leaves the entry's summary in place.
 */
async function withFullText(drafts: ArticleDraft[], deps: FetchDeps): Promise<ArticleDraft[]> {
  let budget = MAX_PAGES_PER_POLL;
  const out: ArticleDraft[] = [];
  for (const d of drafts) {
    if (!d.url || d.text.length >= SUMMARY_CHARS || budget-- <= 0) {
      out.push(d);
      continue;
    }
    try {
      const host = new URL(d.url).host;
      for (
        let wait = await deps.state.hostSlot(host, deps.hostIntervalMs ?? 1000);
        wait > 0;
        wait = await deps.state.hostSlot(host, deps.hostIntervalMs ?? 1000)
      ) {
        await new Promise((r) => setTimeout(r, wait));
      }
      const page = await deps.fetch(d.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
      const article = page.status < 400 ? await fromHtml(page.text, page.url) : null;
      out.push(
        article && article.text.length > d.text.length
          ? { ...d, text: article.text, publishedAt: d.publishedAt ?? article.publishedAt }
          : d,
      );
    } catch {
      out.push(d);
    }
  }
  return out;
}
/** An entry's link made absolute against the feed's address; null when it is no http(s) address. */
export function absoluteLink(link: string | null, feedUrl: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link, feedUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const MAX_RETRY_AFTER_MS = 6 * 3600_000;

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), capped; undefined if absent. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(1000, ms));
}

/**
 * FetchFeed: a conditional GET through the guarded client, then one IngestItem per entry. 304 is
 * "not modified"; 429/503 with Retry-After and a busy host delay the job without spending an attempt;
 * any other failure raises the feed's error count and pushes its next poll back exponentially (the next
 * scheduled poll is the retry), with the last error kept for `feeds list`.
 */
export function createFetchProcessor(deps: FetchDeps) {
  return async (job: Job, token?: string): Promise<FetchResult> => {
    const { url, fullText } = parsePayload(fetchFeedSchema, QUEUES.fetch, job.data);
    const state = await deps.state.get(url);
    const now = Date.now();
    if (state.nextPollAt && now < state.nextPollAt) {
      return {
        status: 'skipped',
        reason: `backing off after ${state.errorCount} error(s) until ${new Date(state.nextPollAt).toISOString()}`,
      };
    }
    const delay = async (ms: number): Promise<never> => {
      await job.moveToDelayed(Date.now() + ms, token);
      throw new DelayedError();
    };
    const wait = await deps.state.hostSlot(new URL(url).host, deps.hostIntervalMs ?? 1000);
    if (wait > 0) return delay(wait);

    const fail = async (message: string): Promise<never> => {
      const errorCount = state.errorCount + 1;
      const backoff = Math.min(MAX_BACKOFF_MS, deps.intervalOf(url) * 2 ** errorCount);
      await deps.state.update(url, {
        errorCount,
        lastError: message,
        lastFetchAt: Date.now(),
        nextPollAt: Date.now() + backoff,
      });
      throw new UnrecoverableError(message);
    };
    const headers: Record<string, string> = {
      accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
    };
    if (state.etag) headers['if-none-match'] = state.etag;
    if (state.lastModified) headers['if-modified-since'] = state.lastModified;
    let res;
    try {
      res = await deps.fetch(url, { headers });
    } catch (err) {
      return fail((err as Error).message);
    }
    if (res.status === 429 || res.status === 503) {
      const after = retryAfterMs(res.headers.get('retry-after'));
      if (after !== undefined) {
        await deps.state.update(url, { lastStatus: res.status, lastFetchAt: Date.now() });
        return delay(after);
      }
    }
    if (res.status === 304) {
      await deps.state.update(url, {
        lastStatus: 304,
        lastFetchAt: Date.now(),
        errorCount: 0,
        lastError: undefined,
        nextPollAt: undefined,
      });
      return { status: 'skipped', reason: 'not modified' };
    }
    if (res.status >= 400) return fail(`${url}: HTTP ${res.status}`);
    let drafts;
    try {
      drafts = await extractArticles('feed', res.text);
    } catch (err) {
      return fail(`${url}: ${(err as Error).message}`);
    }
    // Feeds may give links relative to themselves (RSS says absolute, real feeds differ): resolve them against
    // the address the feed was served from, so the article keeps a link and full text can be fetched.
    drafts = drafts.map((d) => ({ ...d, url: absoluteLink(d.url, res.url) }));
    if (fullText) drafts = await withFullText(drafts, deps);
    const items: IngestItem[] = drafts.map((d) => ({
      kind: 'record',
      source: url,
      idBase: `${new URL(url).hostname}-${createHash('sha256')
        .update(d.url ?? `${d.title}\n${d.publishedAt}`)
        .digest('hex')
        .slice(0, 12)}`,
      content: JSON.stringify({
        title: d.title,
        text: d.text,
        url: d.url ?? undefined,
        publishedAt: d.publishedAt ?? undefined,
        lang: d.declaredLang ?? undefined,
      }),
    }));
    const ingestJobIds = await deps.next(items);
    await deps.state.update(url, {
      etag: res.headers.get('etag') ?? undefined,
      lastModified: res.headers.get('last-modified') ?? undefined,
      lastStatus: res.status,
      lastFetchAt: Date.now(),
      items: items.length,
      errorCount: 0,
      lastError: undefined,
      nextPollAt: undefined,
    });
    return { status: 'done', items: items.length, ingestJobIds };
  };
}
