import * as zlib from 'node:zlib';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import {
  BAKED_CREDENTIAL_KEYWORD,
  BakedCredentialTooLargeError,
  InvalidPngError,
  MAX_BAKED_CREDENTIAL_BYTES,
  bakePng,
  crc32,
  isPng,
  unbakePng,
} from '../../../src/credentials/bake-png.js';

function makePng(width = 4, height = 3): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i++) png.data[i] = (i * 37) & 0xff;
  return PNG.sync.write(png);
}

interface RawChunk {
  type: string;
  data: Buffer;
}

function chunksOf(png: Buffer): RawChunk[] {
  const out: RawChunk[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    out.push({ type: png.toString('latin1', offset + 4, offset + 8), data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return out;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Inserts a raw chunk just after IHDR (8-byte signature + 25-byte IHDR chunk). */
function insertAfterIhdr(png: Buffer, extra: Buffer): Buffer {
  return Buffer.concat([png.subarray(0, 33), extra, png.subarray(33)]);
}

const bigCredential = JSON.stringify({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:credence.example:issuers:acme', type: ['Profile'], name: 'Åse & Søn — Ελληνικά 中文 🎓' },
  validFrom: '2025-01-01T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: { id: 'https://credence.example/a/1', type: ['Achievement'], name: 'Rust', criteria: { narrative: 'x'.repeat(6000) } },
  },
  proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z' + 'A'.repeat(86) }],
});
const jwt = 'eyJhbGciOiJFZERTQSIsInR5cCI6InZjK2p3dCJ9.eyJpc3MiOiJkaWQ6d2ViOmNyZWRlbmNlLmV4YW1wbGUifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';

describe('crc32', () => {
  it('matches the standard check value and the IEND constant', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('agrees with zlib.crc32 where Node provides it', () => {
    const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
    if (!native) return;
    const data = Buffer.from(bigCredential);
    expect(crc32(data)).toBe(native(data));
  });
});

describe('isPng', () => {
  it('recognises the PNG signature only', () => {
    expect(isPng(makePng())).toBe(true);
    expect(isPng(Buffer.from('GIF89a....'))).toBe(false);
    expect(isPng(Buffer.alloc(3))).toBe(false);
    expect(isPng(new Uint8Array(makePng()))).toBe(true);
  });
});

describe('bakePng / unbakePng', () => {
  it.each([
    ['a multi-KB JSON credential', bigCredential],
    ['a compact JWT', jwt],
  ])('round-trips %s and stays a valid PNG', (_label, text) => {
    const original = makePng();
    const baked = bakePng(original, text);
    expect(unbakePng(baked)).toBe(text);
    const decoded = PNG.sync.read(baked);
    expect(decoded.width).toBe(4);
    expect(Buffer.compare(decoded.data, PNG.sync.read(original).data)).toBe(0);
  });

  it('writes one uncompressed iTXt chunk, keyword openbadgecredential, right before IEND', () => {
    const baked = bakePng(makePng(), jwt);
    const chunks = chunksOf(baked);
    expect(chunks.map((c) => c.type).slice(-2)).toEqual(['iTXt', 'IEND']);
    const data = chunks.at(-2)?.data as Buffer;
    const expected = Buffer.concat([Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\0\0\0\0`, 'latin1'), Buffer.from(jwt)]);
    expect(data.equals(expected)).toBe(true);
  });

  it('replaces an existing baked credential, keeping exactly one', () => {
    const once = bakePng(makePng(), bigCredential);
    const twice = bakePng(once, jwt);
    expect(unbakePng(twice)).toBe(jwt);
    expect(chunksOf(twice).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(twice.length).toBeLessThan(once.length);
  });

  it('replaces a baked chunk found anywhere, and leaves other text chunks alone', () => {
    const stale = chunk('iTXt', Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\0\0en\0\0old`, 'utf8'));
    const other = chunk('tEXt', Buffer.from('Software\0pngjs', 'latin1'));
    const otherITxt = chunk('iTXt', Buffer.from('openbadges\0\0\0\0\0{"v":2}', 'utf8'));
    const input = insertAfterIhdr(makePng(), Buffer.concat([stale, other, otherITxt]));
    expect(unbakePng(input)).toBe('old');
    const baked = bakePng(input, jwt);
    expect(unbakePng(baked)).toBe(jwt);
    const types = chunksOf(baked).map((c) => c.type);
    expect(types.filter((t) => t === 'iTXt')).toHaveLength(2);
    expect(types).toContain('tEXt');
    expect(() => PNG.sync.read(baked)).not.toThrow();
  });

  it('keeps every non-credential byte: unbaked image bytes are preserved', () => {
    const original = makePng();
    const baked = bakePng(original, jwt);
    const withoutITxt = chunksOf(baked).filter((c) => c.type !== 'iTXt');
    expect(withoutITxt).toEqual(chunksOf(original));
  });

  it('reads a compressed iTXt written by another baker', () => {
    const data = Buffer.concat([Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\x01\0\0\0`, 'latin1'), deflateSync(Buffer.from(bigCredential))]);
    expect(unbakePng(insertAfterIhdr(makePng(), chunk('iTXt', data)))).toBe(bigCredential);
  });

  it('inflates a compressed iTXt only up to the cap: a small "zip bomb" is refused, not expanded', () => {
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // 64 MB of spaces in ≈ 64 KB
    expect(bomb.byteLength).toBeLessThan(128 * 1024);
    const data = Buffer.concat([Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\x01\0\0\0`, 'latin1'), bomb]);
    const png = insertAfterIhdr(makePng(), chunk('iTXt', data));
    expect(() => unbakePng(png)).toThrow(BakedCredentialTooLargeError);
    expect(MAX_BAKED_CREDENTIAL_BYTES).toBe(1024 * 1024);
    // The cap is the caller's: the same chunk is read whole when allowed.
    expect(unbakePng(png, 64 * 1024 * 1024)).toHaveLength(64 * 1024 * 1024);
  });

  it('refuses an uncompressed baked credential over the cap', () => {
    expect(() => unbakePng(bakePng(makePng(), 'x'.repeat(2000)), 1000)).toThrow(BakedCredentialTooLargeError);
  });

  it('returns null for a PNG without a baked credential', () => {
    expect(unbakePng(makePng())).toBeNull();
  });

  it('accepts a plain Uint8Array', () => {
    const baked = bakePng(new Uint8Array(makePng()) as Buffer, jwt);
    expect(unbakePng(new Uint8Array(baked) as Buffer)).toBe(jwt);
  });

  it('rejects an empty or non-string credential with TypeError', () => {
    expect(() => bakePng(makePng(), '')).toThrow(TypeError);
    // @ts-expect-error deliberate misuse
    expect(() => bakePng(makePng(), { a: 1 })).toThrow(TypeError);
  });

  it('rejects invalid UTF-8 in the baked chunk', () => {
    const data = Buffer.concat([Buffer.from(`${BAKED_CREDENTIAL_KEYWORD}\0\0\0\0\0`, 'latin1'), Buffer.from([0xff, 0xfe])]);
    expect(() => unbakePng(insertAfterIhdr(makePng(), chunk('iTXt', data)))).toThrow(InvalidPngError);
  });
});

describe('malformed PNGs', () => {
  const good = makePng();
  const corruptCrc = Buffer.from(good);
  corruptCrc[30] = (corruptCrc[30] ?? 0) ^ 0xff; // inside IHDR's CRC
  const cases: Array<[string, Buffer]> = [
    ['not a PNG', Buffer.from('definitely not a png')],
    ['truncated', good.subarray(0, good.length - 6)],
    ['signature only', good.subarray(0, 8)],
    ['a bad CRC', corruptCrc],
    ['trailing data after IEND', Buffer.concat([good, Buffer.from('junk')])],
    ['no IHDR first', Buffer.concat([good.subarray(0, 8), chunk('tEXt', Buffer.from('a\0b')), good.subarray(8)])],
    ['a chunk length past the end', Buffer.concat([good.subarray(0, 8), Buffer.from([0x7f, 0, 0, 0]), Buffer.from('IHDR')])],
  ];

  it.each(cases)('bakePng and unbakePng reject %s with InvalidPngError', (_label, bytes) => {
    expect(() => bakePng(bytes, jwt)).toThrow(InvalidPngError);
    expect(() => unbakePng(bytes)).toThrow(InvalidPngError);
  });

  it('InvalidPngError carries a stable code and is not a TypeError', () => {
    try {
      unbakePng(Buffer.from('nope'));
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPngError);
      expect(error).not.toBeInstanceOf(TypeError);
      expect((error as InvalidPngError).code).toBe('invalid_png');
      expect((error as InvalidPngError).name).toBe('InvalidPngError');
    }
  });

  it('rejects a non-buffer argument with TypeError', () => {
    // @ts-expect-error deliberate misuse
    expect(() => unbakePng('iVBORw0KGgo=')).toThrow(TypeError);
  });
});
