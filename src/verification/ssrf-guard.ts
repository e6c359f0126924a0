/**
 * SSRF guard for outbound requests to hosts named in submitted data (e.g. did:web issuers):
 * a host is reachable only when every address it resolves to is public unicast, and the
 * connection is then pinned to the address that was checked (no DNS-rebinding window).
 */
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** An address a host resolved to and that passed the guard. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name (or literal IP) to one address that may be connected to. */
export type AddressResolver = (host: string) => Promise<PinnedAddress>;

/** The host resolves to (or is) an address outbound requests must never reach. */
export class BlockedAddressError extends Error {
  constructor(host: string, reason: string) {
    super(`refusing to connect to ${host}: ${reason}`);
    this.name = 'BlockedAddressError';
  }
}

/**
 * The address's special-purpose range (`loopback`, `private`, `linkLocal`, `uniqueLocal`,
 * `carrierGradeNat`, `multicast`, `unspecified`, `reserved`, ...) or `unicast` for a public
 * address; IPv4-mapped IPv6 addresses are classified as the IPv4 address they carry.
 * @throws TypeError when `ip` is not an IP address.
 */
export function addressRange(ip: string): string {
  if (!ipaddr.isValid(ip)) throw new TypeError(`not an IP address: ${ip}`);
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().range();
  return parsed.range();
}

/** True only for public unicast addresses (every special-purpose range is refused). */
export function isPublicAddress(ip: string): boolean {
  return ipaddr.isValid(ip) && addressRange(ip) === 'unicast';
}

function checked(host: string, address: string): PinnedAddress {
  if (!isPublicAddress(address)) throw new BlockedAddressError(host, `${address} is a ${addressRange(address)} address`);
  return { address, family: ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4 };
}

/**
 * Resolves `host` with the system resolver (all addresses) and returns the first one, after
 * checking that *every* address is public (a name that also points inward is refused as a
 * whole). Literal IPs (with or without IPv6 brackets) are checked without a lookup.
 * @throws BlockedAddressError for a guarded address, or the resolver's error (e.g. ENOTFOUND).
 */
export async function resolvePublicAddress(host: string): Promise<PinnedAddress> {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (ipaddr.isValid(bare)) return checked(host, bare);
  const addresses = await lookup(bare, { all: true, verbatim: true });
  if (addresses.length === 0) throw new BlockedAddressError(host, 'no address');
  const pinned = addresses.map((entry) => checked(host, entry.address));
  return pinned[0]!;
}

/**
 * A `net`/`tls` lookup function that answers every query with the already checked address,
 * so the socket connects exactly where the guard looked (TLS still verifies the host name).
 */
export function pinnedLookup(pinned: PinnedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (error: null, addresses: PinnedAddress[]) => void)(null, [pinned]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
}
