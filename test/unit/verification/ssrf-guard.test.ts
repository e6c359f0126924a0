import { createSocket, type Socket } from 'node:dgram';
import ipaddr from 'ipaddr.js';
import { addressRange, BlockedAddressError, createPublicAddressResolver, isPublicAddress, pinnedLookup, resolvePublicAddress } from '../../../src/verification/ssrf-guard.js';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '240.0.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a00:1', '::7f00:1', '::a00:1', '::808:808',
  ])('refuses %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it('classifies IPv4-mapped IPv6 addresses as the IPv4 address they carry', () => {
    expect(addressRange('::ffff:192.168.0.1')).toBe('private');
  });

  it('classifies IPv4-compatible IPv6 addresses (::/96) as such, whatever they carry', () => {
    expect(addressRange('::7f00:1')).toBe('ipv4Compatible');
    expect(addressRange('::808:808')).toBe('ipv4Compatible');
  });

  it('is false for text that is not an IP address', () => {
    expect(isPublicAddress('example.com')).toBe(false);
  });
});

describe('resolvePublicAddress', () => {
  it.each(['127.0.0.1', '10.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '[::7f00:1]', 'localhost'])('refuses %s', async (host) => {
    await expect(resolvePublicAddress(host)).rejects.toBeInstanceOf(BlockedAddressError);
  });

  it('checks a literal public IP without a lookup', async () => {
    await expect(resolvePublicAddress('8.8.8.8')).resolves.toEqual({ address: '8.8.8.8', family: 4 });
    await expect(resolvePublicAddress('[2606:4700:4700::1111]')).resolves.toEqual({ address: '2606:4700:4700::1111', family: 6 });
  });
});

describe('pinnedLookup', () => {
  const lookup = pinnedLookup({ address: '93.184.215.14', family: 4 });

  it('answers single-address queries with the pinned address', (done) => {
    lookup('attacker.example', {}, (error, address, family) => {
      expect([error, address, family]).toEqual([null, '93.184.215.14', 4]);
      done();
    });
  });

  it('answers all-address queries with only the pinned address', (done) => {
    lookup('attacker.example', { all: true }, (error, addresses) => {
      expect([error, addresses]).toEqual([null, [{ address: '93.184.215.14', family: 4 }]]);
      done();
    });
  });
});

describe('createPublicAddressResolver over DNS (a real name server on loopback)', () => {
  /** A, AAAA answers per name; a name not listed gets NXDOMAIN, `silent.test` no answer at all. */
  const zone: Record<string, { 1?: string[]; 28?: string[] }> = {
    'public.test': { 1: ['93.184.215.14'], 28: ['2606:4700:4700::1111'] },
    'inward.test': { 1: ['93.184.215.14'], 28: ['::1'] },
    'compat.test': { 28: ['::7f00:1'] },
    'private.test': { 1: ['10.0.0.7'] },
  };
  let server: Socket;
  let servers: string[];

  function answer(query: Buffer): Buffer | null {
    let end = 12;
    const labels: string[] = [];
    while (query[end]! > 0) {
      labels.push(query.subarray(end + 1, end + 1 + query[end]!).toString());
      end += query[end]! + 1;
    }
    const name = labels.join('.').toLowerCase();
    const type = query.readUInt16BE(end + 1) as 1 | 28;
    if (name === 'silent.test') return null;
    const records = zone[name]?.[type] ?? [];
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(zone[name] ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(records.length, 6);
    const answers = records.map((ip) => {
      const data = Buffer.from(ipaddr.parse(ip).toByteArray());
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(type, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(data.length, 10);
      return Buffer.concat([rr, data]);
    });
    return Buffer.concat([header, query.subarray(12, end + 5), ...answers]);
  }

  beforeAll(async () => {
    server = createSocket('udp4', (query, peer) => {
      const reply = answer(query);
      if (reply) server.send(reply, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    servers = [`127.0.0.1:${server.address().port}`];
  });
  afterAll(() => server.close());

  const resolve = (host: string) => createPublicAddressResolver({ servers, queryTimeoutMs: 200, tries: 1 })(host);

  it('pins the first address of a name whose every address is public', async () => {
    await expect(resolve('public.test')).resolves.toEqual({ address: '93.184.215.14', family: 4 });
  });

  it.each([
    ['a name that also points at loopback', 'inward.test'],
    ['an IPv4-compatible IPv6 address', 'compat.test'],
    ['a private address', 'private.test'],
    ['a name without addresses', 'missing.test'],
  ])('refuses %s', async (_name, host) => {
    await expect(resolve(host)).rejects.toBeInstanceOf(BlockedAddressError);
  });

  it('gives up on a name server that does not answer after the query timeout', async () => {
    const started = Date.now();
    await expect(resolve('silent.test')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
