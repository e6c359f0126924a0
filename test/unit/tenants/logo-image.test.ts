import { LogoError, MAX_LOGO_BYTES, parseLogoDataUrl } from '../../../src/tenants/logo-image.js';
import { solidPng } from '../../helpers/pdf-tools.js';

const dataUrl = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`;

/** A minimal JPEG header: SOI, an APP0 segment, then a baseline SOF0 frame of width×height. */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

const reason = (value: string): string => {
  try {
    parseLogoDataUrl(value);
  } catch (error) {
    if (error instanceof LogoError) return error.message;
    throw error;
  }
  return 'accepted';
};

describe('parseLogoDataUrl', () => {
  it('accepts a PNG and reads its size', () => {
    const png = solidPng(120, 40, [20, 40, 90]);
    expect(parseLogoDataUrl(dataUrl(png))).toEqual({ bytes: png, mediaType: 'image/png', width: 120, height: 40 });
  });

  it('accepts a JPEG and reads its frame size', () => {
    const logo = parseLogoDataUrl(dataUrl(jpegHeader(300, 100), 'image/jpeg'));
    expect([logo.mediaType, logo.width, logo.height]).toEqual(['image/jpeg', 300, 100]);
  });

  it.each([
    ['not a data URL', 'https://example.com/logo.png', /data URL/],
    ['SVG', `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`, /data URL/],
    ['text', dataUrl(Buffer.from('hello, world')), /not a PNG or JPEG/],
    ['a type mismatch', dataUrl(solidPng(4, 4, [0, 0, 0]), 'image/jpeg'), /declared as image\/jpeg but is a PNG/],
    ['a truncated PNG', dataUrl(solidPng(40, 40, [0, 0, 0]).subarray(0, 60)), /not a readable PNG/],
    ['a JPEG without a frame', dataUrl(Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0, 0, 0, 0, 0]), 'image/jpeg'), /not a readable JPEG/],
    ['a huge JPEG', dataUrl(jpegHeader(10_000, 100), 'image/jpeg'), /10000×100 pixels/],
  ])('refuses %s', (_label, value, message) => {
    expect(reason(value)).toMatch(message);
  });

  it('refuses files over 256 KB and images over 2048 px a side, before decoding them', () => {
    const big = Buffer.concat([solidPng(1, 1, [0, 0, 0]), Buffer.alloc(MAX_LOGO_BYTES)]);
    expect(reason(dataUrl(big))).toMatch(/limit is 262144 bytes/);
    const wide = solidPng(1, 1, [0, 0, 0]);
    wide.writeUInt32BE(50_000, 16); // declared width in IHDR; the CRC no longer matches, which must not matter
    expect(reason(dataUrl(wide))).toMatch(/50000×1 pixels/);
  });
});
