import type { PathCommand } from 'fontkit';
import { loadFont, splitRuns, type FontWeight } from '../fonts.js';
import { fitInBox, type FittedText } from '../pdf/fit-text.js';

/** A text box in an SVG, in pixels: like a certificate template text box. */
export interface SvgTextBox {
  x: number;
  y: number;
  width: number;
  height?: number;
  weight: FontWeight;
  size: number;
  minSize?: number;
  maxLines?: number;
  lineHeight?: number;
  align: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle';
  /** Fill colour, already validated (`#rrggbb`). */
  color: string;
}

const ASCENT = 0.9;
const LETTERS: Record<PathCommand['command'], string> = {
  moveTo: 'M',
  lineTo: 'L',
  quadraticCurveTo: 'Q',
  bezierCurveTo: 'C',
  closePath: 'Z',
};

const num = (value: number): string => String(Math.round(value * 100) / 100);

/** Outlines of one line of text as SVG path data, starting at `x` on `baseline`. */
function linePath(line: string, weight: FontWeight, size: number, x: number, baseline: number): string {
  const parts: string[] = [];
  let pen = x;
  for (const run of splitRuns(line, weight)) {
    const font = loadFont(run.face);
    const scale = size / font.unitsPerEm;
    const { glyphs, positions } = font.layout(run.text);
    glyphs.forEach((glyph, i) => {
      const pos = positions[i];
      const ox = pen + (pos?.xOffset ?? 0) * scale;
      const oy = baseline - (pos?.yOffset ?? 0) * scale;
      for (const { command, args } of glyph.path.commands) {
        const points: string[] = [];
        for (let j = 0; j + 1 < args.length; j += 2) {
          points.push(`${num(ox + (args[j] ?? 0) * scale)} ${num(oy - (args[j + 1] ?? 0) * scale)}`);
        }
        parts.push(LETTERS[command] + points.join(' '));
      }
      pen += (pos?.xAdvance ?? 0) * scale;
    });
  }
  return parts.join('');
}

/** Width of a fitted line, from the same shaping as its outlines. */
function lineWidth(line: string, weight: FontWeight, size: number): number {
  return splitRuns(line, weight).reduce((sum, run) => {
    const font = loadFont(run.face);
    return sum + (font.layout(run.text).advanceWidth * size) / font.unitsPerEm;
  }, 0);
}

/**
 * Renders text into a box as glyph outlines (one `<path>`), fitted like certificate text
 * (shrink, wrap, truncate) and drawn with the font fallback chain. Outlines instead of SVG
 * `<text>` make the rasterised image independent of font lookup in the rasteriser, and no
 * user text reaches the SVG markup at all.
 */
export function svgText(text: string, box: SvgTextBox): { svg: string; fitted: FittedText } {
  const { fitted, top } = fitInBox(text, box);
  const d = fitted.lines
    .map((line, index) => {
      const width = lineWidth(line, box.weight, fitted.size);
      let x = box.x;
      if (box.align === 'center') x += (box.width - width) / 2;
      else if (box.align === 'right') x += box.width - width;
      return linePath(line, box.weight, fitted.size, x, top + index * fitted.lineHeight + fitted.size * ASCENT);
    })
    .join('');
  return { svg: d === '' ? '' : `<path fill="${box.color}" d="${d}"/>`, fitted };
}
