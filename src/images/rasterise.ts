import { renderAsync } from '@resvg/resvg-js';

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** An embedded image (PNG or JPEG bytes) as a data URI for an SVG `<image href>`. */
export function dataUri(data: Buffer, kind: 'png' | 'jpeg'): string {
  return `data:image/${kind};base64,${data.toString('base64')}`;
}

/**
 * Rasterises an SVG document to PNG bytes with resvg (a prebuilt native binary from npm),
 * off the main thread. System fonts are never consulted (text arrives as outlines), so the
 * same SVG gives the same bytes on every machine.
 */
export async function rasteriseSvg(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false },
    fitTo: { mode: 'original' },
    shapeRendering: 2,
    imageRendering: 0,
    logLevel: 'off',
  });
  return image.asPng();
}
