/**
 * Minimal typings for fontkit 2.x (the font engine behind pdfkit), covering only what the
 * rendering layer uses: opening a font, glyph coverage, shaping and glyph outlines.
 */
declare module 'fontkit' {
  /** One drawing command of a glyph outline, in font units (y axis up). */
  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    args: number[];
  }

  export interface Path {
    commands: PathCommand[];
  }

  export interface Glyph {
    id: number;
    codePoints: number[];
    path: Path;
    advanceWidth: number;
  }

  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }

  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }

  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    numGlyphs: number;
    /** Every code point the font's cmap maps. */
    characterSet: number[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** The glyph for a code point (created once per glyph id, with this code point). */
    glyphForCodePoint(codePoint: number): Glyph;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
  }

  /** Parses a TTF/OTF/WOFF/WOFF2 buffer; collections (TTC/DFONT) are not used here. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
