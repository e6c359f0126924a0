/**
 * SSRF guard for outbound requests to hosts named in submitted data (e.g. did:web issuers):
 * a host is reachable only when every address it resolves to is public unicast, and the
 * connection is then pinned to the address that was checked (no DNS-rebinding window).
 */
import { Resolver } from 'node:dns/promises';
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

/** `::/96`: deprecated IPv4-compatible IPv6 (RFC 4291 §2.5.5.1), e.g. `::7f00:1` for 127.0.0.1. */
const IPV4_COMPATIBLE: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('::'), 96];

/**
 * The address's special-purpose range (`loopback`, `private`, `linkLocal`, `uniqueLocal`,
 * `carrierGradeNat`, `multicast`, `unspecified`, `reserved`, `ipv4Compatible`, ...) or
 * `unicast` for a public address; IPv4-mapped IPv6 addresses are classified as the IPv4
 * address they carry.
 * @throws TypeError when `ip` is not an IP address.
 */
export function addressRange(ip: string): string {
  if (!ipaddr.isValid(ip)) throw new TypeError(`not an IP address: ${ip}`);
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv4') return parsed.range();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range();
  const range = v6.range();
  return range === 'unicast' && v6.match(IPV4_COMPATIBLE) ? 'ipv4Compatible' : range;
}

/** True only for public unicast addresses (every special-purpose range is refused). */
export function isPublicAddress(ip: string): boolean {
  return ipaddr.isValid(ip) && addressRange(ip) === 'unicast';
}

function checked(host: string, address: string): PinnedAddress {
  if (!isPublicAddress(address)) throw new BlockedAddressError(host, `${address} is a ${addressRange(address)} address`);
  return { address, family: ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4 };
}

/** Options of {@link createPublicAddressResolver}. */
export interface PublicAddressResolverOptions {
  /** Name servers (`ip` or `ip:port`); the system's otherwise. */
  servers?: string[];
  /** Time one DNS query may take, in milliseconds (default 1000). */
  queryTimeoutMs?: number;
  /** Attempts per query (default 2). */
  tries?: number;
}

function isNoRecord(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ENODATA' || code === 'ENOTFOUND';
}

/**
 * An {@link AddressResolver} that queries DNS (A and AAAA records) through c-ares
 * (`dns.Resolver`), never getaddrinfo (`dns.lookup`): a slow name server then cannot occupy
 * libuv's small thread pool, which file and crypto work share. It returns the first address
 * after checking that *every* address is public (a name that also points inward is refused as
 * a whole). Literal IPs (with or without IPv6 brackets) are checked without a query; names are
 * never looked up in the hosts file (`localhost` has no public DNS record).
 * The resolver rejects with BlockedAddressError for a guarded address or a name without
 * addresses, or with the DNS error (e.g. ETIMEOUT).
 */
export function createPublicAddressResolver(options: PublicAddressResolverOptions = {}): AddressResolver {
  const dns = new Resolver({ timeout: options.queryTimeoutMs ?? 1000, tries: options.tries ?? 2 });
  if (options.servers) dns.setServers(options.servers);
  const records = (query: Promise<string[]>) => query.catch((error: unknown) => {
    if (isNoRecord(error)) return [];
    throw error;
  });
  return async (host) => {
    const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
    if (ipaddr.isValid(bare)) return checked(host, bare);
    const [v4, v6] = await Promise.all([records(dns.resolve4(bare)), records(dns.resolve6(bare))]);
    const addresses = [...v4, ...v6];
    if (addresses.length === 0) throw new BlockedAddressError(host, 'no address');
    return addresses.map((address) => checked(host, address))[0]!;
  };
}

/** The default guard: public addresses only, resolved with the system's name servers. */
export const resolvePublicAddress: AddressResolver = createPublicAddressResolver();

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
