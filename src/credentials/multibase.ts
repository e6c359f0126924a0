/**
 * Base58btc multibase and Ed25519 Multikey encoding (the `z6Mk...` public and `z3u2...`
 * secret key strings of the Multikey / did:key specs).
 */

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ALPHABET_MAP = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Multicodec varint headers of Ed25519 keys. */
const ED25519_PUB_HEADER = [0xed, 0x01] as const;
const ED25519_PRIV_HEADER = [0x80, 0x26] as const;

/** Encodes bytes as base58btc (Bitcoin alphabet), without multibase prefix. */
export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)] + out;
    value /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

/**
 * Decodes base58btc text (without multibase prefix).
 * @throws TypeError on a character outside the alphabet.
 */
export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  let value = 0n;
  for (const char of text) {
    const digit = ALPHABET_MAP.get(char);
    if (digit === undefined) throw new TypeError(`invalid base58btc character: ${JSON.stringify(char)}`);
    value = value * 58n + BigInt(digit);
  }
  const body: number[] = [];
  while (value > 0n) {
    body.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...body]);
}

function decodeMultikey(multibase: string, header: readonly [number, number], what: string): Uint8Array {
  if (typeof multibase !== 'string' || !multibase.startsWith('z')) {
    throw new TypeError(`${what} must be a base58btc multibase string (prefix "z")`);
  }
  const bytes = base58btcDecode(multibase.slice(1));
  if (bytes.length !== 34 || bytes[0] !== header[0] || bytes[1] !== header[1]) {
    throw new TypeError(`${what} is not an Ed25519 Multikey`);
  }
  return bytes.slice(2);
}

function encodeMultikey(raw: Uint8Array, header: readonly [number, number]): string {
  if (raw.length !== 32) throw new TypeError('Ed25519 keys are 32 bytes');
  return 'z' + base58btcEncode(Uint8Array.from([...header, ...raw]));
}

/** Raw 32-byte Ed25519 public key from a `publicKeyMultibase` (`z6Mk...`). */
export function decodeEd25519PublicKey(publicKeyMultibase: string): Uint8Array {
  return decodeMultikey(publicKeyMultibase, ED25519_PUB_HEADER, 'publicKeyMultibase');
}

/** Raw 32-byte Ed25519 seed from a `secretKeyMultibase` (`z3u2...`). */
export function decodeEd25519SecretKey(secretKeyMultibase: string): Uint8Array {
  return decodeMultikey(secretKeyMultibase, ED25519_PRIV_HEADER, 'secretKeyMultibase');
}

/** `publicKeyMultibase` for a raw 32-byte Ed25519 public key. */
export function encodeEd25519PublicKey(raw: Uint8Array): string {
  return encodeMultikey(raw, ED25519_PUB_HEADER);
}

/** `secretKeyMultibase` for a raw 32-byte Ed25519 seed. */
export function encodeEd25519SecretKey(raw: Uint8Array): string {
  return encodeMultikey(raw, ED25519_PRIV_HEADER);
}
