// The DeliverAlert processor: one signed Standard Webhooks POST per job, retried on transient failures.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { FetchError, type GuardedFetch } from '../adapters/http/guarded-fetch.js';
import { retryAfterMs } from './fetch-feed.worker.js';
import { timeStage } from '../runtime/stage-metrics.js';
import { deliverAlertSchema, parsePayload, QUEUES, type AlertResult } from '../queue/queues.js';

export interface AlertDeps {
  fetch: GuardedFetch;
  /** The secret of an endpoint; undefined when the endpoint is no longer subscribed. */
  secretOf(endpoint: string): string | undefined;
  /** Records an attempt's outcome on the delivery (the store's delivery record). */
  record?(
    deliveryId: string,
    outcome: { status: 'delivered' | 'retrying' | 'failed'; attempts: number; httpStatus?: number; error?: string },
  ): void;
}

/** An error carrying the receiver's HTTP status, for the delivery record. */
const withStatus = <E extends Error>(err: E, httpStatus: number) => Object.assign(err, { httpStatus });

/**
 * A request that failed in a way no retry changes: refused by the address policy (also a name that now
 * resolves to a private address), or answered with a redirect, which webhooks do not follow.
 */
function sendError(endpoint: string, err: unknown): Error {
  if (!(err instanceof FetchError)) return new Error(`${endpoint}: ${(err as Error).message}`);
  if (err.kind === 'blocked') return new UnrecoverableError(`${endpoint}: ${err.reason}; not retried`);
  if (err.kind === 'too-many-redirects')
    return new UnrecoverableError(`${endpoint}: ${err.reason}: subscribe the final URL; not retried`);
  return new Error(`${endpoint}: ${err.reason}`);
}

/**
 * DeliverAlert: one signed POST (Standard Webhooks: webhook-id stable across retries, webhook-timestamp,
 * webhook-signature) through the guarded client. 2xx delivers. 408, 429 and 5xx, time-outs and refused
 * connections retry with jittered exponential back-off (BullMQ attempts), a Retry-After is honoured; any
 * other 4xx stops at once (the receiver refuses the event), and so do a destination the address policy
 * refuses and a redirect (no attempt would fare better). Every attempt is recorded on the delivery;
 * after the last one it is `failed`, and `storywatch alerts failed` lists it, `alerts retry` replays it.
 */
export function createAlertProcessor(deps: AlertDeps) {
  const send = async (job: Job, token?: string): Promise<AlertResult> => {
    const d = parsePayload(deliverAlertSchema, QUEUES.alert, job.data);
    const secret = deps.secretOf(d.endpoint);
    if (!secret) throw new UnrecoverableError(`${d.endpoint}: no longer subscribed; event ${d.eventId} not sent`);
    const timestamp = new Date();
    const signature = new Webhook(secret).sign(d.eventId, timestamp, d.body);
    let res;
    const delivered = timeStage('deliver');
    try {
      res = await deps.fetch(d.endpoint, {
        method: 'POST',
        body: d.body,
        headers: {
          'content-type': 'application/json',
          'webhook-id': d.eventId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
      });
    } catch (err) {
      throw sendError(d.endpoint, err);
    } finally {
      delivered();
    }
    if (res.status >= 200 && res.status < 300) return { status: 'done', httpStatus: res.status };
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    if (!retryable)
      throw withStatus(
        new UnrecoverableError(`${d.endpoint}: HTTP ${res.status}, the receiver refuses the event; not retried`),
        res.status,
      );
    const after = retryAfterMs(res.headers.get('retry-after'));
    if (after !== undefined && job.attemptsMade + d.deferrals + 1 < (job.opts.attempts ?? 1)) {
      // The receiver said when to come back: that replaces this attempt's back-off, and still counts.
      await job.updateData({ ...d, deferrals: d.deferrals + 1 });
      deps.record?.(d.id, {
        status: 'retrying',
        attempts: job.attemptsMade + d.deferrals + 1,
        httpStatus: res.status,
        error: `HTTP ${res.status}, Retry-After ${after} ms`,
      });
      await job.moveToDelayed(Date.now() + after, token);
      throw new DelayedError();
    }
    throw withStatus(new Error(`${d.endpoint}: HTTP ${res.status}`), res.status);
  };

  return async (job: Job, token?: string): Promise<AlertResult> => {
    const id = (job.data as { id?: string }).id ?? String(job.id);
    const deferrals = Number((job.data as { deferrals?: number }).deferrals ?? 0);
    try {
      const result = await send(job, token);
      if (result.status === 'done')
        deps.record?.(id, {
          status: 'delivered',
          attempts: job.attemptsMade + deferrals + 1,
          httpStatus: result.httpStatus,
        });
      return result;
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const httpStatus = (err as { httpStatus?: number }).httpStatus;
      deps.record?.(id, {
        status: final ? 'failed' : 'retrying',
        attempts: job.attemptsMade + deferrals + 1,
        ...(httpStatus ? { httpStatus } : {}),
        error: (err as Error).message,
      });
      throw err;
    }
  };
}
