import { PNG } from 'pngjs';

/** Decodes a PNG and counts its visible pixels that are not (near) white. */
export function inspectPng(data: Buffer): { width: number; height: number; inked: number; distinctColors: number } {
  const png = PNG.sync.read(data);
  let inked = 0;
  const colors = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b, a] = [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0, png.data[i + 3] ?? 0];
    if (a > 128 && (r < 230 || g < 230 || b < 230)) inked++;
    colors.add((r << 24) | (g << 16) | (b << 8) | a);
  }
  return { width: png.width, height: png.height, inked, distinctColors: colors.size };
}

/** The RGBA of one pixel. */
export function pixelAt(data: Buffer, x: number, y: number): [number, number, number, number] {
  const png = PNG.sync.read(data);
  const i = (y * png.width + x) * 4;
  return [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0, png.data[i + 3] ?? 0];
}
