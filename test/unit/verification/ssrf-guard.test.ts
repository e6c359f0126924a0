import { addressRange, BlockedAddressError, isPublicAddress, pinnedLookup, resolvePublicAddress } from '../../../src/verification/ssrf-guard.js';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '240.0.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a00:1',
  ])('refuses %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts %s', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it('classifies IPv4-mapped IPv6 addresses as the IPv4 address they carry', () => {
    expect(addressRange('::ffff:192.168.0.1')).toBe('private');
  });

  it('is false for text that is not an IP address', () => {
    expect(isPublicAddress('example.com')).toBe(false);
  });
});

describe('resolvePublicAddress', () => {
  it.each(['127.0.0.1', '10.0.0.1', '[::1]', '[::ffff:127.0.0.1]', 'localhost'])('refuses %s', async (host) => {
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
