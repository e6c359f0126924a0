/**
 * Open Badges 3.0 PNG baking: the credential (JSON or compact JWT) travels inside the
 * image as one `iTXt` chunk with keyword `openbadgecredential`. Pure byte manipulation.
 */
import { inflateSync } from 'node:zlib';

/** The keyword Open Badges 3.0 assigns to the baked credential chunk. */
export const BAKED_CREDENTIAL_KEYWORD = 'openbadgecredential';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The PNG spec caps a chunk's length at 2^31 − 1. */
const MAX_CHUNK_LENGTH = 0x7fffffff;

/** Raised when bytes handed in as a PNG are not a well-formed PNG. */
export class InvalidPngError extends Error {
  /** Stable machine-readable code, for mapping to an `AppError`. */
  readonly code = 'invalid_png';
  override readonly name = 'InvalidPngError';
}

// Table-driven CRC-32 (ISO-HDLC, as PNG uses): zlib.crc32 only exists from Node 20.15,
// and package.json allows 20.11.
const CRC_TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c >>> 0;
}

/** CRC-32 of `data`, as stored after every PNG chunk (computed over type + data). */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface Chunk {
  type: string;
  data: Buffer;
  /** The chunk's complete bytes (length, type, data, CRC), reused when writing unchanged. */
  raw: Buffer;
}

/** Whether `buffer` starts with the 8-byte PNG signature (no further validation). */
export function isPng(buffer: Uint8Array): boolean {
  if (!(buffer instanceof Uint8Array) || buffer.length < PNG_SIGNATURE.length) return false;
  return PNG_SIGNATURE.every((byte, i) => buffer[i] === byte);
}

function toBuffer(png: Uint8Array): Buffer {
  if (!(png instanceof Uint8Array)) throw new TypeError('png must be a Buffer or Uint8Array');
  return Buffer.isBuffer(png) ? png : Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}

/** Splits a PNG into chunks, checking structure and CRCs so we never bake into garbage. */
function readChunks(png: Buffer): Chunk[] {
  if (!isPng(png)) throw new InvalidPngError('not a PNG: signature missing');
  const chunks: Chunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset < png.length) {
    if (offset + 12 > png.length) throw new InvalidPngError(`truncated chunk header at byte ${offset}`);
    const length = png.readUInt32BE(offset);
    if (length > MAX_CHUNK_LENGTH || offset + 12 + length > png.length) {
      throw new InvalidPngError(`chunk at byte ${offset} runs past the end of the file`);
    }
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    const type = typeAndData.subarray(0, 4).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) throw new InvalidPngError(`invalid chunk type at byte ${offset}`);
    if (crc32(typeAndData) !== png.readUInt32BE(offset + 8 + length)) {
      throw new InvalidPngError(`CRC mismatch in ${type} chunk at byte ${offset}`);
    }
    chunks.push({ type, data: typeAndData.subarray(4), raw: png.subarray(offset, offset + 12 + length) });
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new InvalidPngError('first chunk is not IHDR');
  if (chunks.at(-1)?.type !== 'IEND') throw new InvalidPngError('IEND chunk missing');
  if (offset !== png.length) throw new InvalidPngError('unexpected data after IEND');
  return chunks;
}

function encodeChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Parsed `iTXt` payload; `null` when the chunk is not well-formed. */
function parseITxt(data: Buffer): { keyword: string; compressed: boolean; text: Buffer } | null {
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1 || keywordEnd + 3 > data.length) return null;
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  if (languageEnd < 0) return null;
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  return { keyword: data.subarray(0, keywordEnd).toString('latin1'), compressed, text: data.subarray(translatedEnd + 1) };
}

function isCredentialChunk(chunk: Chunk): boolean {
  return chunk.type === 'iTXt' && parseITxt(chunk.data)?.keyword === BAKED_CREDENTIAL_KEYWORD;
}

/**
 * Returns a copy of `png` carrying `credentialText` in exactly one uncompressed
 * `openbadgecredential` `iTXt` chunk just before `IEND`, replacing any earlier one.
 * @throws InvalidPngError when `png` is not a well-formed PNG.
 * @throws TypeError when `credentialText` is not a non-empty string.
 */
export function bakePng(png: Buffer, credentialText: string): Buffer {
  const input = toBuffer(png);
  if (typeof credentialText !== 'string' || credentialText.length === 0) {
    throw new TypeError('credentialText must be a non-empty string');
  }
  const chunks = readChunks(input).filter((chunk) => !isCredentialChunk(chunk));
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text
  const data = Buffer.concat([
    Buffer.from(BAKED_CREDENTIAL_KEYWORD, 'latin1'),
    Buffer.from([0, 0, 0, 0, 0]),
    Buffer.from(credentialText, 'utf8'),
  ]);
  const baked = encodeChunk('iTXt', data);
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (const chunk of chunks) {
    if (chunk.type === 'IEND') parts.push(baked);
    parts.push(chunk.raw);
  }
  return Buffer.concat(parts);
}

/** Thrown when a baked credential is larger than the caller allows (e.g. a compressed chunk that inflates without end). */
export class BakedCredentialTooLargeError extends Error {
  override readonly name = 'BakedCredentialTooLargeError';
}

/** Default cap on a baked credential's text: signed credentials are a few KB; 1 MB leaves room for large ones. */
export const MAX_BAKED_CREDENTIAL_BYTES = 1024 * 1024;

/**
 * Extracts the baked credential text, or `null` when the PNG carries none.
 * Also reads a compressed `iTXt`, which other bakers may write; it is inflated only up to
 * `maxBytes`, so a small upload cannot expand into gigabytes (a "zip bomb").
 * @throws InvalidPngError when `png` is malformed or the chunk's text is not valid UTF-8.
 * @throws BakedCredentialTooLargeError when the text is longer than `maxBytes`.
 */
export function unbakePng(png: Buffer, maxBytes = MAX_BAKED_CREDENTIAL_BYTES): string | null {
  const chunk = readChunks(toBuffer(png)).find(isCredentialChunk);
  if (!chunk) return null;
  const parsed = parseITxt(chunk.data);
  if (!parsed) return null; // unreachable: isCredentialChunk parsed it already
  const tooLarge = () => new BakedCredentialTooLargeError(`the baked credential is larger than ${maxBytes} bytes`);
  if (!parsed.compressed && parsed.text.byteLength > maxBytes) throw tooLarge();
  let bytes: Uint8Array;
  try {
    bytes = parsed.compressed ? inflateSync(parsed.text, { maxOutputLength: maxBytes }) : parsed.text;
  } catch (cause) {
    if ((cause as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw new InvalidPngError('baked credential chunk holds invalid compressed data', { cause });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new InvalidPngError('baked credential chunk is not valid UTF-8', { cause });
  }
}
