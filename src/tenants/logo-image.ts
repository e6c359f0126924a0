import { PNG } from 'pngjs';
import { imageKind } from '../pdf/branding.js';

/** A tenant logo that passed every check: real PNG or JPEG bytes of a sane size. */
export interface LogoImage {
  bytes: Buffer;
  mediaType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

/** Largest logo accepted, in bytes after base64 decoding. */
export const MAX_LOGO_BYTES = 256 * 1024;
/** Largest logo side in pixels: logos are decoded when rendered, so a small file must not hide a huge image. */
export const MAX_LOGO_SIDE = 2048;

const DATA_URL = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/]*={0,2})$/;

/** Why a logo was refused; the route reports it against the `logo` field. */
export class LogoError extends Error {}

// JPEG start-of-frame markers (baseline, extended, progressive, lossless...), which carry the size.
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Width and height from a JPEG's first SOF segment, or undefined when the segment chain is broken. */
function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 9 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (SOF_MARKERS.has(marker)) return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    if (length < 2) return undefined;
    offset += 2 + length;
  }
  return undefined;
}

/** Decodes a PNG fully (CRCs, zlib stream) after checking its declared size, so renderers never meet a broken one. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24) return undefined;
  const declared = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (declared.width > MAX_LOGO_SIDE || declared.height > MAX_LOGO_SIDE) return declared;
  try {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height };
  } catch {
    return undefined;
  }
}

/**
 * Parses a `data:image/png;base64,…` or `data:image/jpeg;base64,…` URL into logo bytes. The
 * declared type must match the file's signature, the file must decode (PNG) or have a frame
 * header (JPEG), and be at most 256 KB and 2048 px a side. Throws a LogoError saying what is wrong.
 */
export function parseLogoDataUrl(value: string): LogoImage {
  const match = DATA_URL.exec(value);
  if (!match) throw new LogoError('must be a data URL: data:image/png;base64,… or data:image/jpeg;base64,…');
  const mediaType = match[1] as LogoImage['mediaType'];
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length > MAX_LOGO_BYTES) throw new LogoError(`is ${bytes.length} bytes; the limit is ${MAX_LOGO_BYTES} bytes (256 KB)`);
  const kind = imageKind(bytes);
  if (!kind) throw new LogoError('is not a PNG or JPEG image');
  if (`image/${kind}` !== mediaType) throw new LogoError(`is declared as ${mediaType} but is a ${kind.toUpperCase()} file`);
  const size = kind === 'png' ? pngSize(bytes) : jpegSize(bytes);
  if (!size || size.width < 1 || size.height < 1) throw new LogoError(`is not a readable ${kind.toUpperCase()} image`);
  if (size.width > MAX_LOGO_SIDE || size.height > MAX_LOGO_SIDE) {
    throw new LogoError(`is ${size.width}×${size.height} pixels; the limit is ${MAX_LOGO_SIDE} pixels a side`);
  }
  return { bytes, mediaType, ...size };
}
