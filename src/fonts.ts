import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/**
 * Fonts for certificates and images, all shipped by npm packages (no system fonts):
 * DejaVu Sans (`dejavu-fonts-ttf`: Latin, Greek, Cyrillic and more) first, then Noto Sans
 * Hans (`@embedpdf/fonts-sc`: Chinese ideographs, kana) as the fallback for what DejaVu lacks.
 * Each font file is read and parsed once, lazily, and shared by every render.
 */

/** The two font roles a layout can ask for. */
export type FontWeight = 'regular' | 'bold';

/** One font file in a fallback chain. `key` is also the font's name inside a PDF. */
export interface FontFace {
  readonly key: string;
  readonly weight: FontWeight;
  readonly file: string;
}

/** A piece of text that one face draws completely. */
export interface TextRun {
  readonly text: string;
  readonly face: FontFace;
}

const require = createRequire(import.meta.url);

function packageDir(name: string, entry: string): string {
  // The CJK package's `exports` hides package.json, so resolve its entry and walk up.
  let dir = dirname(require.resolve(entry));
  while (safeReadName(join(dir, 'package.json')) !== name) {
    const parent = dirname(dir);
    if (parent === dir) throw new TypeError(`font package ${name} not found`);
    dir = parent;
  }
  return dir;
}

function safeReadName(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

const DEJAVU = packageDir('dejavu-fonts-ttf', 'dejavu-fonts-ttf/package.json');
const NOTO_SC = packageDir('@embedpdf/fonts-sc', '@embedpdf/fonts-sc');

const LATIN_REGULAR: FontFace = { key: 'DejaVuSans', weight: 'regular', file: join(DEJAVU, 'ttf', 'DejaVuSans.ttf') };
const LATIN_BOLD: FontFace = { key: 'DejaVuSans-Bold', weight: 'bold', file: join(DEJAVU, 'ttf', 'DejaVuSans-Bold.ttf') };
const CJK_REGULAR: FontFace = { key: 'NotoSansHans-Regular', weight: 'regular', file: join(NOTO_SC, 'fonts', 'NotoSansHans-Regular.otf') };
const CJK_BOLD: FontFace = { key: 'NotoSansHans-Bold', weight: 'bold', file: join(NOTO_SC, 'fonts', 'NotoSansHans-Bold.otf') };

/** Fallback chains: for each character, the first face that has a glyph for it draws it. */
export const FONT_FALLBACK: Readonly<Record<FontWeight, readonly FontFace[]>> = Object.freeze({
  regular: Object.freeze([LATIN_REGULAR, CJK_REGULAR]),
  bold: Object.freeze([LATIN_BOLD, CJK_BOLD]),
});

/** Every face the renderers may use (the PDF renderer registers them all by `key`). */
export const ALL_FONT_FACES: readonly FontFace[] = Object.freeze([LATIN_REGULAR, LATIN_BOLD, CJK_REGULAR, CJK_BOLD]);

/** Names and versions of the font packages in use (part of the PDF cache key). */
export function fontPackageVersions(): Record<string, string> {
  const version = (dir: string): string =>
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  return { 'dejavu-fonts-ttf': version(DEJAVU), '@embedpdf/fonts-sc': version(NOTO_SC) };
}

const buffers = new Map<string, Buffer>();
const parsed = new Map<string, fontkit.Font>();

/** The raw bytes of a face's font file, read once. */
export function fontBuffer(face: FontFace): Buffer {
  let buffer = buffers.get(face.key);
  if (!buffer) {
    buffer = readFileSync(face.file);
    buffers.set(face.key, buffer);
  }
  return buffer;
}

/**
 * fontkit keeps one glyph object per glyph id, holding the code points of the call that created
 * it, and a PDF's text layer maps each glyph back to those code points. Embedding or drawing a
 * TrueType composite (ö is o plus a diaeresis, å is a plus a ring) creates its parts without code
 * points, so in a font shared across renders every later PDF would copy such a letter as nothing
 * ("C mpleti n"), depending on what the process drew first. Creating every mapped glyph from its
 * code point as soon as the font is parsed rules that out (≈ 50 ms and 2 MB per DejaVu face, once).
 * The CFF faces (Noto) have no composite glyphs.
 */
function createMappedGlyphs(font: fontkit.Font): void {
  for (const codePoint of font.characterSet) {
    const character = String.fromCodePoint(codePoint);
    // Not presentation forms such as U+FB01 "ﬁ": the shaper puts that glyph in for "f" + "i", and
    // it should copy as those two letters, not as the ligature character.
    if (character.normalize('NFKD') === character.normalize('NFD')) font.glyphForCodePoint(codePoint);
  }
}

/** The parsed (fontkit) font of a face, parsed once; pdfkit accepts it as a font source. */
export function loadFont(face: FontFace): fontkit.Font {
  let font = parsed.get(face.key);
  if (!font) {
    font = fontkit.create(fontBuffer(face));
    if (face.file.endsWith('.ttf')) createMappedGlyphs(font);
    parsed.set(face.key, font);
  }
  return font;
}

/**
 * Loads fonts ahead of the first render, e.g. at start-up. The CJK faces are large (about
 * 8 MB each) and are otherwise only loaded when a text needs them.
 */
export function preloadFonts(options: { cjk?: boolean } = {}): void {
  for (const face of ALL_FONT_FACES) {
    if (options.cjk || face === LATIN_REGULAR || face === LATIN_BOLD) loadFont(face);
  }
}

const MARK = /\p{M}/u;
const NEUTRAL = /[\p{White_Space}\p{P}\p{S}\p{N}]/u;

function hasGlyph(face: FontFace, codePoint: number): boolean {
  return loadFont(face).hasGlyphForCodePoint(codePoint);
}

/**
 * Splits text (normalised to NFC) into runs that each come from one face of the weight's
 * chain. Spaces, punctuation, digits and combining marks stay in the current face when it can
 * draw them, so a name in one script is one run. Characters no face covers go to the first face.
 */
export function splitRuns(text: string, weight: FontWeight): TextRun[] {
  const chain = FONT_FALLBACK[weight];
  const runs: { text: string; face: FontFace }[] = [];
  let current: { text: string; face: FontFace } | undefined;
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    let face: FontFace;
    if (current && (MARK.test(ch) || (NEUTRAL.test(ch) && hasGlyph(current.face, cp)))) face = current.face;
    else face = chain.find((f) => hasGlyph(f, cp)) ?? (chain[0] as FontFace);
    if (current && current.face === face) current.text += ch;
    else {
      current = { text: ch, face };
      runs.push(current);
    }
  }
  return runs;
}

/** Width in points (or pixels) of one run at `size`, as pdfkit measures it. */
export function runWidth(run: TextRun, size: number): number {
  const font = loadFont(run.face);
  return (font.layout(run.text).advanceWidth / font.unitsPerEm) * size;
}

/** Width of `text` at `size` when drawn with the weight's fallback chain. */
export function measureText(text: string, weight: FontWeight, size: number): number {
  return splitRuns(text, weight).reduce((sum, run) => sum + runWidth(run, size), 0);
}
