/**
 * Format checks for `relatedResource` digests (VC Data Model 2.0 §5.3 "Integrity of Related
 * Resources"): `digestSRI` is Subresource Integrity metadata, `digestMultibase` a multibase-encoded
 * multihash. Only the shape is checked here; the resource itself is not fetched.
 */
import { base58btcDecode } from '../credentials/multibase.js';

/** Digest length in bytes per SRI algorithm (SRI allows exactly these three). */
const SRI_DIGEST_BYTES: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };
/** One SRI hash expression: algorithm, base64 digest, optional `?` options (W3C SRI §3.5). */
const SRI_EXPRESSION = /^(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})(\?[\x21-\x7e]*)?$/;

/** Multihash codes of the SHA-2 and SHA-3 digests, with their digest length in bytes. */
const MULTIHASH_DIGEST_BYTES = new Map<number, number>([
  [0x12, 32], // sha2-256
  [0x13, 64], // sha2-512
  [0x20, 48], // sha2-384
  [0x16, 32], // sha3-256
  [0x15, 48], // sha3-384
  [0x14, 64], // sha3-512
]);

/** Whether `value` is SRI metadata: one or more space-separated hash expressions with digests of the right length. */
export function isSriDigest(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const expressions = value.trim().split(/\s+/);
  return (
    expressions[0] !== '' &&
    expressions.every((expression) => {
      const match = SRI_EXPRESSION.exec(expression);
      return match !== null && Buffer.from(match[2]!, 'base64').length === SRI_DIGEST_BYTES[match[1]!];
    })
  );
}

/** The bytes of multibase text in base64url (`u`, no padding) or base58btc (`z`); undefined otherwise. */
function multibaseBytes(text: string): Uint8Array | undefined {
  const body = text.slice(1);
  if (text.startsWith('u') && /^[A-Za-z0-9_-]+$/.test(body)) return Buffer.from(body, 'base64url');
  if (text.startsWith('z') && body.length > 0) {
    try {
      return base58btcDecode(body);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Whether `value` is a multibase-encoded multihash of a SHA-2 or SHA-3 digest (length as its header says). */
export function isMultibaseDigest(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const bytes = multibaseBytes(value);
  if (!bytes || bytes.length < 2) return false;
  const expected = MULTIHASH_DIGEST_BYTES.get(bytes[0]!);
  return expected !== undefined && bytes[1] === expected && bytes.length === 2 + expected;
}
