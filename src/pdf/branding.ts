/** Validation helpers for tenant branding (colours and logos), shared by the PDF and PNG renderers. */

/** `#rrggbb`, the only colour form tenants and templates may use (it goes into PDF and SVG). */
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** True when `value` is a `#rrggbb` colour. */
export function isHexColor(value: string): boolean {
  return HEX_COLOR.test(value);
}

/**
 * Returns `value` (lower-cased) when it is a `#rrggbb` colour, `fallback` when it is undefined,
 * and throws a TypeError otherwise: branding is validated where tenants set it.
 */
export function hexColorOr(value: string | undefined, fallback: string, field: string): string {
  if (value === undefined) return fallback;
  if (!isHexColor(value)) throw new TypeError(`${field} must be a #rrggbb colour, got ${JSON.stringify(value)}`);
  return value.toLowerCase();
}

/** Relative luminance (0 black … 1 white) of a `#rrggbb` colour, to pick readable text on it. */
export function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The image kind of a logo buffer by its signature, or undefined if it is neither PNG nor JPEG. */
export function imageKind(data: Buffer): 'png' | 'jpeg' | undefined {
  if (data.length > 8 && data.readUInt32BE(0) === 0x89504e47 && data.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  return undefined;
}
