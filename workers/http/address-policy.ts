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

/** True for globally routable unicast addresses; false for loopback, private, link-local (cloud metadata), etc. */
export function isPublicAddress(ip: string): boolean {
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return addr.range() === 'unicast';
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

/** Throws BlockedAddressError unless `ip` (resolved for `host`) may be reached under the policy. */
export function checkAddress(host: string, ip: string, policy: AddressPolicy): void {
  if (policy.allowPrivateAddresses || isPublicAddress(ip) || inAllowList(host, ip, policy.allowList)) return;
  throw new BlockedAddressError(`${host} resolves to ${ip}, a non-public address (set http.allowPrivateAddresses or http.allowList to allow it)`);
}

/** The IP of a URL host written as a literal address, else null. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? bare : null;
}
