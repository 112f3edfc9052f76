// Checks a feed or webhook URL when it is added: scheme, credentials and every address its host resolves to.
import { lookup } from 'node:dns/promises';
import { within } from '../../queue/time-limit.js';
import { checkAddress, literalAddress, type AddressPolicy } from './address-policy.js';

/** The verdict on a feed or webhook URL: refused with the reason, or accepted (perhaps with a warning). */
export interface EndpointCheck {
  refused?: string;
  warning?: string;
}

/** How long a name may take to resolve when a subscription is added. */
const LOOKUP_TIMEOUT_MS = 5000;

/**
 * Why a URL may not be requested, judged on the URL alone: a scheme other than http or https, a user
 * name or password in it (the HTTP client cannot send them), or a literal address the policy refuses.
 * Undefined when it may be requested; host names are left to `checkEndpointUrl` and the guarded client.
 */
export function urlRefusal(url: string | URL, policy: AddressPolicy): string | undefined {
  let target: URL;
  try {
    target = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return 'not a URL';
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return `unsupported scheme ${target.protocol} (only http and https URLs are allowed)`;
  }
  if (target.username || target.password) return 'a user name or password in the URL (user:password@) is not allowed';
  const ip = literalAddress(target.hostname);
  if (ip === null) return undefined;
  try {
    checkAddress(target.hostname, ip, policy);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Checks a feed or webhook URL when it is added or changed: `urlRefusal`, then every address its host
 * name resolves to, as the guarded client does on each request. A name that does not resolve here (a typo,
 * or a machine offline) is accepted with a warning: the guarded client checks it again on every request.
 */
export async function checkEndpointUrl(url: string, policy: AddressPolicy): Promise<EndpointCheck> {
  const refused = urlRefusal(url, policy);
  if (refused) return { refused };
  const host = new URL(url).hostname;
  if (policy.allowPrivateAddresses || literalAddress(host) !== null) return {};
  let addresses: Array<{ address: string }>;
  try {
    addresses = await within(lookup(host, { all: true }), LOOKUP_TIMEOUT_MS);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { warning: `${host} does not resolve here (${why}); accepted: its addresses are checked on every request` };
  }
  try {
    for (const a of addresses) checkAddress(host, a.address, policy);
    return {};
  } catch (err) {
    return { refused: (err as Error).message };
  }
}

/** The entries (e.g. `{ key: 'feeds.0.url', url }` of a config file) whose URL is refused, as `key: reason`. */
export async function refusedEndpoints(
  entries: Array<{ key: string; url: string }>,
  policy: AddressPolicy,
): Promise<string[]> {
  const checks = await Promise.all(entries.map(async (e) => ({ ...e, ...(await checkEndpointUrl(e.url, policy)) })));
  return checks.flatMap((c) => (c.refused ? [`${c.key}: ${c.refused}`] : []));
}
