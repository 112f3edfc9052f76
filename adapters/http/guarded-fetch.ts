// The one HTTP client for feeds, pages and webhooks: time-outs, byte cap, redirect limit, address policy.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, fetch, type Dispatcher } from 'undici';
import { BlockedAddressError, checkAddress, type AddressPolicy } from './address-policy.js';
import { decodeBody } from './decode-body.js';
import { urlRefusal } from './endpoint-policy.js';

/** Limits of every outbound request (feeds, pages, webhooks). */
export interface FetchLimits extends AddressPolicy {
  /** @defaultValue 5000 */
  connectTimeoutMs: number;
  /** Whole request, body included. @defaultValue 20000 */
  totalTimeoutMs: number;
  /** Largest body accepted, after decompression. @defaultValue 5 MiB */
  maxBytes: number;
  /** @defaultValue 5 */
  maxRedirects: number;
  /** @defaultValue storywatch/<version> */
  userAgent: string;
}

export const DEFAULT_LIMITS: FetchLimits = {
  connectTimeoutMs: 5000,
  totalTimeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  userAgent: 'storywatch/0.1 (+news monitoring)',
  allowPrivateAddresses: false,
  allowList: [],
};

export type FetchFailure = 'blocked' | 'timeout' | 'too-large' | 'too-many-redirects' | 'network';

/** A request that did not produce a response; `kind` says why, the message names the URL and the `reason`. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly kind: FetchFailure,
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
  }
}

/** A request the policy refuses (scheme, credentials, address): never sent, and the same on every attempt. */
const blocked = (url: string, reason: string) => new FetchError('blocked', url, `blocked by policy: ${reason}`);

export interface FetchedResponse {
  /** Final URL, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** Body decoded with the detected charset (BOM, header, XML prolog, HTML meta). */
  text: string;
  charset: string;
}

export interface GuardedRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * The one HTTP client for every outbound request: connect and total time-outs, a byte cap, a redirect
 * limit (each hop checked again), gzip/br decompression, charset decoding, and no loopback, private,
 * link-local or metadata addresses — checked on every address a name resolves to and on literal IPs —
 * unless the policy allows them.
 */
export function createGuardedFetch(limits: Partial<FetchLimits> = {}) {
  const opts: FetchLimits = { ...DEFAULT_LIMITS, ...limits };
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      try {
        for (const a of addresses) checkAddress(hostname, a.address, opts);
      } catch (blocked) {
        return callback(blocked as NodeJS.ErrnoException, '', 4);
      }
      if ((options as { all?: boolean }).all)
        (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const dispatcher: Dispatcher = new Agent({ connect: { timeout: opts.connectTimeoutMs, lookup } });

  async function guardedFetch(url: string, request: GuardedRequest = {}): Promise<FetchedResponse> {
    const signal = AbortSignal.timeout(opts.totalTimeoutMs);
    let current = url;
    for (let hop = 0; ; hop++) {
      const refused = urlRefusal(current, opts);
      if (refused) throw blocked(current, refused);
      let res;
      try {
        res = await fetch(current, {
          method: request.method ?? 'GET',
          headers: { 'user-agent': opts.userAgent, 'accept-encoding': 'gzip, br, deflate', ...request.headers },
          body: request.body,
          redirect: 'manual',
          signal,
          dispatcher,
        });
      } catch (err) {
        throw toFetchError(err, current, opts);
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        const next = new URL(location, current).toString();
        if (hop >= opts.maxRedirects) {
          const why = opts.maxRedirects
            ? `more than ${opts.maxRedirects} redirects`
            : `HTTP ${res.status} redirect to ${next} (redirects are not followed)`;
          throw new FetchError('too-many-redirects', url, why);
        }
        current = next;
        continue;
      }
      const bytes = await readCapped(res, current, opts.maxBytes, signal).catch((err: unknown) => {
        throw err instanceof FetchError ? err : toFetchError(err, current, opts);
      });
      const { text, charset } = decodeBody(bytes, res.headers.get('content-type'));
      return { url: current, status: res.status, headers: res.headers as unknown as Headers, bytes, text, charset };
    }
  }

  return Object.assign(guardedFetch, { close: () => dispatcher.close(), limits: opts });
}

export type GuardedFetch = ReturnType<typeof createGuardedFetch>;

async function readCapped(
  res: Awaited<ReturnType<typeof fetch>>,
  url: string,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes && !res.headers.get('content-encoding')) {
    await res.body?.cancel();
    throw new FetchError('too-large', url, `body of ${declared} bytes is over the ${maxBytes}-byte limit`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body) {
    if (signal.aborted) throw signal.reason;
    total += chunk.byteLength;
    if (total > maxBytes) {
      await res.body.cancel().catch(() => {});
      throw new FetchError('too-large', url, `body over the ${maxBytes}-byte limit`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function toFetchError(err: unknown, url: string, limits: FetchLimits): FetchError {
  type Coded = Error & { code?: string };
  const e = err as Coded & { cause?: Coded };
  const cause: Coded = e.cause ?? e;
  if (cause instanceof BlockedAddressError) return blocked(url, cause.message);
  if (e.name === 'TimeoutError' || cause.name === 'TimeoutError')
    return new FetchError('timeout', url, `no complete answer within ${limits.totalTimeoutMs} ms`);
  if (cause.code === 'UND_ERR_CONNECT_TIMEOUT')
    return new FetchError('timeout', url, `no connection within ${limits.connectTimeoutMs} ms`);
  return new FetchError('network', url, cause.message || String(err));
}
