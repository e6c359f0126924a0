/**
 * W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/):
 * the bitstring, its `encodedList` form, random index allocation and the unsigned
 * `BitstringStatusListCredential`. Pure: no I/O, no clock.
 */
import { randomInt } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { toDateTimeStamp } from './date-time.js';

/** Bits in a list: the spec's minimum (16 KiB), which gives holders herd privacy. */
export const STATUS_LIST_SIZE = 131072;

/** Largest list we build or decode (16 MiB of bits): also caps a decompression bomb. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** Random draws before falling back to a scan; at 90% full 64 draws all miss ~0.1% of the time. */
const RANDOM_ATTEMPTS = 64;

/** Raised when an `encodedList` is not a valid multibase/GZIP bitstring of an allowed length. */
export class InvalidStatusListError extends Error {
  /** Stable machine-readable code, for mapping to an `AppError`. */
  readonly code = 'invalid_status_list';
  override readonly name = 'InvalidStatusListError';
}

function assertSize(size: number): void {
  if (!Number.isInteger(size) || size < STATUS_LIST_SIZE || size % 8 !== 0 || size / 8 > MAX_LIST_BYTES) {
    throw new TypeError(`status list size must be a multiple of 8 between ${STATUS_LIST_SIZE} and ${MAX_LIST_BYTES * 8}, got ${size}`);
  }
}

function assertIndex(bits: Uint8Array, index: number): void {
  if (!(bits instanceof Uint8Array)) throw new TypeError('bits must be a Uint8Array');
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new TypeError(`status list index must be an integer in [0, ${bits.length * 8}), got ${index}`);
  }
}

/**
 * Creates a status list of `size` bits (default {@link STATUS_LIST_SIZE}), all zero
 * (nothing revoked).
 * @throws TypeError when `size` is not a multiple of 8 within the allowed range.
 */
export function createStatusList(size: number = STATUS_LIST_SIZE): Uint8Array {
  assertSize(size);
  return new Uint8Array(size / 8);
}

/**
 * Sets (`true`) or clears (`false`) the status bit at `index`, in place.
 * Index 0 is the left-most (most significant) bit of the first byte, as the spec requires.
 * @throws TypeError for an index outside the list or a non-boolean value.
 */
export function setStatusBit(bits: Uint8Array, index: number, value: boolean): void {
  assertIndex(bits, index);
  if (typeof value !== 'boolean') throw new TypeError('status value must be a boolean');
  const mask = 0x80 >> (index % 8);
  const byteIndex = index >> 3;
  const current = bits[byteIndex] ?? 0;
  bits[byteIndex] = value ? current | mask : current & ~mask;
}

/**
 * Reads the status bit at `index` (index 0 = left-most bit of the first byte).
 * @throws TypeError for an index outside the list.
 */
export function getStatusBit(bits: Uint8Array, index: number): boolean {
  assertIndex(bits, index);
  return ((bits[index >> 3] ?? 0) & (0x80 >> (index % 8))) !== 0;
}

/**
 * Encodes a bitstring as the spec's `encodedList`: GZIP, then multibase base64url
 * without padding (prefix `u`).
 */
export function encodeStatusList(bits: Uint8Array): string {
  if (!(bits instanceof Uint8Array)) throw new TypeError('bits must be a Uint8Array');
  // Node writes a zero mtime in the GZIP header, so the same bits always encode identically.
  return 'u' + gzipSync(bits).toString('base64url');
}

/**
 * Decodes an `encodedList` back to its bitstring.
 * @throws InvalidStatusListError when the prefix, base64url, GZIP data or length is invalid
 *   (the spec requires at least {@link STATUS_LIST_SIZE} bits).
 */
export function decodeStatusList(encoded: string): Uint8Array {
  if (typeof encoded !== 'string') throw new TypeError('encodedList must be a string');
  if (!encoded.startsWith('u')) {
    throw new InvalidStatusListError('encodedList must be multibase base64url (prefix "u")');
  }
  const body = encoded.slice(1);
  // Buffer.from silently skips invalid characters, so check the alphabet first.
  if (!/^[A-Za-z0-9_-]+$/.test(body) || body.length % 4 === 1) {
    throw new InvalidStatusListError('encodedList is not valid base64url without padding');
  }
  let inflated: Buffer;
  try {
    inflated = gunzipSync(Buffer.from(body, 'base64url'), { maxOutputLength: MAX_LIST_BYTES });
  } catch (cause) {
    throw new InvalidStatusListError('encodedList is not valid GZIP data or is too large', { cause });
  }
  if (inflated.length * 8 < STATUS_LIST_SIZE) {
    throw new InvalidStatusListError(`status list has ${inflated.length * 8} bits, fewer than the required ${STATUS_LIST_SIZE}`);
  }
  return new Uint8Array(inflated);
}

/**
 * Picks a free index uniformly at random with a CSPRNG, so an index reveals nothing
 * about issuance order. After a few missed draws (a nearly full list) it scans from a
 * random starting point instead. `isTaken` must be synchronous and cheap (e.g. `Set#has`).
 * @returns a free index in `[0, size)`, or `null` when every index is taken.
 */
export function pickRandomFreeIndex(isTaken: (index: number) => boolean, size: number = STATUS_LIST_SIZE): number | null {
  if (typeof isTaken !== 'function') throw new TypeError('isTaken must be a function');
  if (!Number.isSafeInteger(size) || size <= 0) throw new TypeError(`size must be a positive integer, got ${size}`);
  for (let attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
    const candidate = randomInt(0, size);
    if (!isTaken(candidate)) return candidate;
  }
  const start = randomInt(0, size);
  for (let offset = 0; offset < size; offset++) {
    const candidate = (start + offset) % size;
    if (!isTaken(candidate)) return candidate;
  }
  return null;
}

/** The only purpose Credence publishes; `suspension` would need its own list. */
export type StatusPurpose = 'revocation';

/** Input of {@link buildStatusListCredential}. */
export interface StatusListCredentialInput {
  /** URL where the status list credential is served. */
  id: string;
  /** Issuer id (e.g. the tenant's `did:web`). */
  issuerId: string;
  /** Start of validity: a `Date` or an XML Schema dateTimeStamp string (with timezone). */
  validFrom: Date | string;
  /** Optional end of validity, same forms as `validFrom`. */
  validUntil?: Date | string | undefined;
  /** Output of {@link encodeStatusList}. */
  encodedList: string;
  statusPurpose: StatusPurpose;
}

/** An unsigned VC 2.0 `BitstringStatusListCredential`. */
export interface BitstringStatusListCredential {
  '@context': ['https://www.w3.org/ns/credentials/v2'];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
}

function assertAbsoluteUri(value: string, field: string): void {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) {
    throw new TypeError(`${field} must be an absolute URI`);
  }
}

/**
 * Builds the unsigned `BitstringStatusListCredential` for a list; sign it like any VC.
 * The subject id is `${id}#list`; the VC 2.0 context alone defines every term used.
 * @throws TypeError for a non-absolute id, a bad date or an `encodedList` without the `u` prefix.
 */
export function buildStatusListCredential(input: StatusListCredentialInput): BitstringStatusListCredential {
  const { id, issuerId, encodedList, statusPurpose } = input;
  assertAbsoluteUri(id, 'id');
  assertAbsoluteUri(issuerId, 'issuerId');
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new TypeError('encodedList must come from encodeStatusList (prefix "u")');
  }
  if (statusPurpose !== 'revocation') throw new TypeError(`unsupported statusPurpose: ${String(statusPurpose)}`);
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerId,
    validFrom: toDateTimeStamp(input.validFrom, 'validFrom'),
    ...(input.validUntil === undefined ? {} : { validUntil: toDateTimeStamp(input.validUntil, 'validUntil') }),
    credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose, encodedList },
  };
}
