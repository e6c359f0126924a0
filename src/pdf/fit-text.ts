import { measureText, type FontWeight } from '../fonts.js';

/** How a text must fit its box; sizes are in points (PDF) or pixels (PNG). */
export interface FitOptions {
  weight: FontWeight;
  /** Box width. */
  width: number;
  /** Preferred font size. */
  size: number;
  /** Smallest size to shrink to before truncating (default: `size`). */
  minSize?: number;
  /** Most lines allowed (default 1). */
  maxLines?: number;
  /** Line height as a factor of the size (default 1.2). */
  lineHeight?: number;
  /** Box height, if the lines must also fit vertically. */
  height?: number;
}

/** The result: the chosen size, the lines to draw and the distance between baselines. */
export interface FittedText {
  size: number;
  lines: string[];
  lineHeight: number;
}

const ELLIPSIS = '…';
// Break opportunities: runs of whitespace, single ideographs/kana/hangul (with any trailing
// punctuation, which must not start a line), and anything else up to the next whitespace.
const TOKENS =
  /\s+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]\p{P}*|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/**
 * Fits text into a box: first shrinks it on one line (down to three quarters of the size),
 * then wraps it at word (or ideograph) boundaries at decreasing sizes, and at the minimum size
 * truncates the last allowed line with an ellipsis. Whitespace is collapsed.
 */
export function fitText(text: string, options: FitOptions): FittedText {
  const clean = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const minSize = Math.min(options.minSize ?? options.size, options.size);
  const maxLines = Math.max(1, options.maxLines ?? 1);
  const factor = options.lineHeight ?? 1.2;
  const fitsHeight = (lines: number, size: number): boolean =>
    options.height === undefined || lines === 1 || lines * size * factor <= options.height;
  const result = (size: number, lines: string[]): FittedText => ({ size, lines, lineHeight: size * factor });

  const oneLineFloor = Math.max(minSize, Math.round(options.size * 0.75));
  for (let size = options.size; size >= oneLineFloor; size -= 1) {
    if (measureText(clean, options.weight, size) <= options.width) return result(size, [clean]);
  }
  for (let size = options.size; size >= minSize; size -= 1) {
    const lines = wrapText(clean, options.weight, size, options.width);
    if (lines.length <= maxLines && fitsHeight(lines.length, size)) return result(size, lines);
  }
  const lines = wrapText(clean, options.weight, minSize, options.width);
  if (lines.length <= maxLines) return result(minSize, lines);
  const kept = lines.slice(0, maxLines);
  const last = lines.slice(maxLines - 1).join(' ');
  kept[maxLines - 1] = truncate(last, options.weight, minSize, options.width);
  return result(minSize, kept);
}

/** Greedy line breaking at the token boundaries above; over-long tokens break anywhere. */
export function wrapText(text: string, weight: FontWeight, size: number, width: number): string[] {
  const fits = (s: string): boolean => measureText(s, weight, size) <= width;
  const lines: string[] = [];
  let line = '';
  let space = false;
  for (const token of text.match(TOKENS) ?? []) {
    if (/^\s+$/.test(token)) {
      space = line !== '';
      continue;
    }
    const candidate = line + (space ? ' ' : '') + token;
    space = false;
    if (line === '' || fits(candidate)) {
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
    } else {
      lines.push(line);
      if (fits(token)) {
        line = token;
        continue;
      }
    }
    // The token alone is wider than the box: break it between characters.
    line = '';
    for (const ch of token) {
      if (line !== '' && !fits(line + ch)) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function truncate(text: string, weight: FontWeight, size: number, width: number): string {
  const chars = [...text];
  while (chars.length > 0 && measureText(chars.join('').trimEnd() + ELLIPSIS, weight, size) > width) chars.pop();
  return chars.join('').trimEnd() + ELLIPSIS;
}

/** A box with a position and optional vertical centring, as templates describe text slots. */
export interface PlacedBox extends FitOptions {
  y: number;
  valign?: 'top' | 'middle';
}

/** Fits text into a placed box and returns the fit with the top of the text block (centred if asked). */
export function fitInBox(text: string, box: PlacedBox): { fitted: FittedText; top: number } {
  const fitted = fitText(text, box);
  const blockHeight = fitted.lines.length * fitted.lineHeight;
  const top = box.valign === 'middle' && box.height !== undefined ? box.y + (box.height - blockHeight) / 2 : box.y;
  return { fitted, top };
}
