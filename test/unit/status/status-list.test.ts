import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  STATUS_LIST_SIZE,
  InvalidStatusListError,
  buildStatusListCredential,
  createStatusList,
  decodeStatusList,
  encodeStatusList,
  getStatusBit,
  pickRandomFreeIndex,
  setStatusBit,
} from '../../../src/credentials/status-list.js';

describe('createStatusList', () => {
  it('creates the spec minimum of 131072 zero bits (16 KiB) by default', () => {
    const bits = createStatusList();
    expect(STATUS_LIST_SIZE).toBe(131072);
    expect(bits).toBeInstanceOf(Uint8Array);
    expect(bits.length).toBe(16384);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it('accepts larger multiples of 8', () => {
    expect(createStatusList(STATUS_LIST_SIZE * 2).length).toBe(32768);
  });

  it.each([0, 8, STATUS_LIST_SIZE - 8, STATUS_LIST_SIZE + 1, 1.5, Number.NaN, 2 ** 40])('rejects size %p', (size) => {
    expect(() => createStatusList(size)).toThrow(TypeError);
  });
});

describe('setStatusBit / getStatusBit', () => {
  it('numbers bits from the left-most bit of the first byte', () => {
    const bits = createStatusList();
    setStatusBit(bits, 0, true);
    expect(bits[0]).toBe(0x80);
    setStatusBit(bits, 7, true);
    expect(bits[0]).toBe(0x81);
    setStatusBit(bits, 8, true);
    expect(bits[1]).toBe(0x80);
    setStatusBit(bits, STATUS_LIST_SIZE - 1, true);
    expect(bits[16383]).toBe(0x01);
    expect(getStatusBit(bits, 0)).toBe(true);
    expect(getStatusBit(bits, 1)).toBe(false);
    expect(getStatusBit(bits, 7)).toBe(true);
    expect(getStatusBit(bits, STATUS_LIST_SIZE - 1)).toBe(true);
  });

  it('clears a bit without touching its neighbours', () => {
    const bits = createStatusList();
    bits[2] = 0xff;
    setStatusBit(bits, 19, false);
    expect(bits[2]).toBe(0b11101111);
    expect(getStatusBit(bits, 19)).toBe(false);
    expect(getStatusBit(bits, 18)).toBe(true);
  });

  it('setting twice is idempotent', () => {
    const bits = createStatusList();
    setStatusBit(bits, 42, true);
    setStatusBit(bits, 42, true);
    expect(getStatusBit(bits, 42)).toBe(true);
    expect(bits.reduce((n, b) => n + b, 0)).toBe(0x20);
  });

  it.each([-1, STATUS_LIST_SIZE, 1.5, Number.NaN])('rejects index %p with a TypeError', (index) => {
    const bits = createStatusList();
    expect(() => setStatusBit(bits, index, true)).toThrow(TypeError);
    expect(() => getStatusBit(bits, index)).toThrow(TypeError);
  });

  it('rejects a non-boolean value', () => {
    // @ts-expect-error deliberate misuse
    expect(() => setStatusBit(createStatusList(), 1, 1)).toThrow(TypeError);
  });
});

describe('encodeStatusList / decodeStatusList', () => {
  it('produces multibase base64url without padding of GZIP data', () => {
    const bits = createStatusList();
    setStatusBit(bits, 5, true);
    const encoded = encodeStatusList(bits);
    expect(encoded.startsWith('u')).toBe(true);
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/);
    const gz = Buffer.from(encoded.slice(1), 'base64url');
    expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]); // GZIP magic, not raw deflate/zlib
    expect(new Uint8Array(gunzipSync(gz))).toEqual(bits);
  });

  it('is deterministic and small for an empty list', () => {
    const a = encodeStatusList(createStatusList());
    expect(encodeStatusList(createStatusList())).toBe(a);
    expect(a.length).toBeLessThan(100);
  });

  it('decodes the all-zero 16 KiB list from the specification example', () => {
    const bits = decodeStatusList('uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA');
    expect(bits.length * 8).toBe(STATUS_LIST_SIZE);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it('round-trips any set of revoked indexes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: STATUS_LIST_SIZE - 1 }), { maxLength: 200 }), (indexes) => {
        const bits = createStatusList();
        for (const i of indexes) setStatusBit(bits, i, true);
        const decoded = decodeStatusList(encodeStatusList(bits));
        expect(Buffer.from(decoded).equals(Buffer.from(bits))).toBe(true);
        for (const i of indexes) expect(getStatusBit(decoded, i)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    ['no multibase prefix', gzipSync(Buffer.alloc(16384)).toString('base64url')],
    ['base64 padding/alphabet', 'u' + gzipSync(Buffer.alloc(16384)).toString('base64')],
    ['empty body', 'u'],
    ['not GZIP', 'u' + Buffer.from('hello world, not gzip').toString('base64url')],
    ['fewer bits than the minimum', 'u' + gzipSync(Buffer.alloc(100)).toString('base64url')],
    ['a decompression bomb', 'u' + gzipSync(Buffer.alloc(17 * 1024 * 1024)).toString('base64url')],
  ])('rejects %s with InvalidStatusListError', (_label, encoded) => {
    expect(() => decodeStatusList(encoded)).toThrow(InvalidStatusListError);
    try {
      decodeStatusList(encoded);
    } catch (error) {
      expect((error as InvalidStatusListError).code).toBe('invalid_status_list');
    }
  });

  it('rejects a non-string as a programmer mistake', () => {
    // @ts-expect-error deliberate misuse
    expect(() => decodeStatusList(42)).toThrow(TypeError);
  });
});

describe('pickRandomFreeIndex', () => {
  it('returns an index in range for an empty list', () => {
    const index = pickRandomFreeIndex(() => false);
    expect(Number.isInteger(index)).toBe(true);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(STATUS_LIST_SIZE);
  });

  it('never returns a taken index', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 63 }), (taken) => {
        const set = new Set(taken);
        const index = pickRandomFreeIndex((i) => set.has(i), 64);
        expect(index).not.toBeNull();
        expect(set.has(index as number)).toBe(false);
        expect(index).toBeLessThan(64);
      }),
    );
  });

  it('finds the single free index of a full list through the fallback scan', () => {
    const free = 98765;
    let calls = 0;
    const index = pickRandomFreeIndex((i) => {
      calls++;
      return i !== free;
    });
    expect(index).toBe(free);
    expect(calls).toBeGreaterThan(1);
  });

  it('returns null when every index is taken', () => {
    expect(pickRandomFreeIndex(() => true, 1000)).toBeNull();
  });

  it('spreads picks across the list rather than counting up', () => {
    const taken = new Set<number>();
    const picks: number[] = [];
    for (let n = 0; n < 200; n++) {
      const index = pickRandomFreeIndex((i) => taken.has(i));
      expect(index).not.toBeNull();
      taken.add(index as number);
      picks.push(index as number);
    }
    const ascending = picks.every((p, i) => i === 0 || p > (picks[i - 1] as number));
    expect(ascending).toBe(false);
    expect(picks.filter((p) => p >= STATUS_LIST_SIZE / 2).length).toBeGreaterThan(50);
    expect(picks.filter((p) => p < STATUS_LIST_SIZE / 2).length).toBeGreaterThan(50);
  });

  it('rejects bad arguments with TypeError', () => {
    // @ts-expect-error deliberate misuse
    expect(() => pickRandomFreeIndex(null)).toThrow(TypeError);
    expect(() => pickRandomFreeIndex(() => false, 0)).toThrow(TypeError);
  });
});

describe('buildStatusListCredential', () => {
  const base = {
    id: 'https://credence.example/status/acme/1',
    issuerId: 'did:web:credence.example:issuers:acme',
    encodedList: encodeStatusList(createStatusList()),
    statusPurpose: 'revocation' as const,
  };

  it('builds an unsigned VC 2.0 BitstringStatusListCredential', () => {
    const vc = buildStatusListCredential({ ...base, validFrom: new Date('2025-03-01T12:34:56.789Z') });
    expect(vc).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: base.id,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: base.issuerId,
      validFrom: '2025-03-01T12:34:56Z',
      credentialSubject: {
        id: `${base.id}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: base.encodedList,
      },
    });
    expect('validUntil' in vc).toBe(false);
  });

  it('keeps date strings and includes validUntil when given', () => {
    const vc = buildStatusListCredential({ ...base, validFrom: '2025-03-01T00:00:00Z', validUntil: '2025-03-02T00:00:00+01:00' });
    expect(vc.validFrom).toBe('2025-03-01T00:00:00Z');
    expect(vc.validUntil).toBe('2025-03-02T00:00:00+01:00');
    expect(Object.keys(vc)).toEqual(['@context', 'id', 'type', 'issuer', 'validFrom', 'validUntil', 'credentialSubject']);
  });

  it.each([
    ['relative id', { id: '/status/1' }],
    ['relative issuer', { issuerId: 'acme' }],
    ['date without timezone', { validFrom: '2025-03-01T00:00:00' }],
    ['invalid Date', { validFrom: new Date(Number.NaN) }],
    ['encodedList without prefix', { encodedList: 'H4sI' }],
    ['unsupported purpose', { statusPurpose: 'suspension' }],
  ])('rejects %s with TypeError', (_label, override) => {
    const input = { validFrom: '2025-03-01T00:00:00Z', ...base, ...override };
    // @ts-expect-error some overrides are deliberately ill-typed
    expect(() => buildStatusListCredential(input)).toThrow(TypeError);
  });
});
