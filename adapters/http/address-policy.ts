// Which addresses outbound requests may reach: public unicast only, unless the policy allows more.
import ipaddr from 'ipaddr.js';

/** Which destinations outbound requests may reach. */
export interface AddressPolicy {
  /** Allow loopback, private, link-local and other non-public addresses (tests, intranets). @defaultValue false */
  allowPrivateAddresses: boolean;
  /** Host names or CIDR ranges allowed even when not public (e.g. "feeds.intranet", "10.1.0.0/16"). */
  allowList: string[];
}

/** A request refused by the address policy; the message names the host and the address. */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
}

/** The range an address belongs to (`unicast` for public ones, else `loopback`, `private`, `linkLocal`…). */
function rangeOf(ip: string): string {
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  return addr.range();
}

/** True for globally routable unicast addresses; false for loopback, private, link-local (cloud metadata), etc. */
export function isPublicAddress(ip: string): boolean {
  return rangeOf(ip) === 'unicast';
}

function inAllowList(host: string, ip: string | null, allowList: string[]): boolean {
  for (const entry of allowList) {
    if (entry.includes('/')) {
      if (!ip) continue;
      try {
        const [range, bits] = ipaddr.parseCIDR(entry);
        const addr = ipaddr.parse(ip);
        if (addr.kind() === range.kind() && addr.match(range, bits)) return true;
      } catch {
        continue;
      }
    } else if (entry.toLowerCase() === host.toLowerCase() || (ip !== null && entry === ip)) return true;
  }
  return false;
}

/**
 * Throws BlockedAddressError unless `ip` (resolved for `host`, or `host` itself written as an address) may
 * be reached under the policy; the message says which setting allows it.
 */
export function checkAddress(host: string, ip: string, policy: AddressPolicy): void {
  if (policy.allowPrivateAddresses || isPublicAddress(ip) || inAllowList(host, ip, policy.allowList)) return;
  const literal = literalAddress(host) !== null;
  const what = literal ? `${ip} is a non-public address` : `${host} resolves to ${ip}, a non-public address`;
  const allow = `set http.allowPrivateAddresses: true or add ${literal ? 'it' : host} to http.allowList to allow it`;
  throw new BlockedAddressError(`${what} (${rangeOf(ip)}): ${allow}`);
}

/** The IP of a URL host written as a literal address, else null. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? bare : null;
}
