import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import type { GuardedFetch } from './http/guarded-fetch.js';
import { retryAfterMs } from './fetch-feed.worker.js';
import { deliverAlertSchema, parsePayload, QUEUES, type AlertResult } from './queues.js';

export interface AlertDeps {
  fetch: GuardedFetch;
  /** The secret of an endpoint, from the config; undefined when the endpoint is no longer configured. */
  secretOf(endpoint: string): string | undefined;
}

/** Shows a secret without revealing it: `whsec_abcd…` (for logs and listings). */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}

/**
 * DeliverAlert: one signed POST (Standard Webhooks: webhook-id stable across retries, webhook-timestamp,
 * webhook-signature) through the guarded client. 2xx delivers. 408, 429 and 5xx, time-outs and refused
 * connections retry with jittered exponential back-off (BullMQ attempts), a Retry-After is honoured; any
 * other 4xx stops at once (the receiver refuses the event). After the last attempt the job stays in the
 * failed set, where `storywatch alerts failed` lists it and `alerts retry` replays it.
 */
export function createAlertProcessor(deps: AlertDeps) {
  return async (job: Job, token?: string): Promise<AlertResult> => {
    const d = parsePayload(deliverAlertSchema, QUEUES.alert, job.data);
    const secret = deps.secretOf(d.endpoint);
    if (!secret) throw new UnrecoverableError(`${d.endpoint}: no longer configured as a webhook; event ${d.eventId} not sent`);
    const timestamp = new Date();
    const signature = new Webhook(secret).sign(d.eventId, timestamp, d.body);
    let res;
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
      throw new Error(`${d.endpoint}: ${(err as Error).message}`);
    }
    if (res.status >= 200 && res.status < 300) return { status: 'done', httpStatus: res.status };
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    if (!retryable) throw new UnrecoverableError(`${d.endpoint}: HTTP ${res.status}, the receiver refuses the event; not retried`);
    const after = retryAfterMs(res.headers.get('retry-after'));
    if (after !== undefined && job.attemptsMade + d.deferrals + 1 < (job.opts.attempts ?? 1)) {
      // The receiver said when to come back: that replaces this attempt's back-off, and still counts.
      await job.updateData({ ...d, deferrals: d.deferrals + 1 });
      await job.moveToDelayed(Date.now() + after, token);
      throw new DelayedError();
    }
    throw new Error(`${d.endpoint}: HTTP ${res.status}`);
  };
}
