import { FONT_FALLBACK, measureText, splitRuns } from '../../../src/fonts.js';
import { fitText, wrapText } from '../../../src/pdf/fit-text.js';

describe('font fallback', () => {
  test('Latin, Greek and Cyrillic names are one DejaVu run', () => {
    for (const name of ['Åse Ødegård', 'Zoë Łukasiewicz', 'Αλέξανδρος', 'Дмитрий Шостакович']) {
      const runs = splitRuns(name, 'regular');
      expect(runs).toHaveLength(1);
      expect(runs[0]?.face).toBe(FONT_FALLBACK.regular[0]);
    }
  });

  test('Chinese falls back to the CJK face, per weight, and text is kept in order', () => {
    const runs = splitRuns('Wang 王芳 (Fang)', 'bold');
    expect(runs.map((r) => r.text).join('')).toBe('Wang 王芳 (Fang)');
    expect(runs.map((r) => r.face.key)).toEqual(['DejaVuSans-Bold', 'NotoSansHans-Bold', 'DejaVuSans-Bold']);
  });

  test('decomposed input is normalised so ë stays one glyph in one run', () => {
    const runs = splitRuns('Zoe\u0308', 'regular');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.text).toBe('Zoë');
  });

  test('measures wider text as wider and scales with size', () => {
    expect(measureText('WWWW', 'regular', 10)).toBeGreaterThan(measureText('iiii', 'regular', 10));
    expect(measureText('王芳', 'regular', 20)).toBeCloseTo(2 * measureText('王芳', 'regular', 10), 5);
  });
});

describe('fitText', () => {
  test('keeps short text on one line at full size', () => {
    expect(fitText('Åse Ødegård', { weight: 'bold', width: 500, size: 30 })).toEqual({
      size: 30,
      lines: ['Åse Ødegård'],
      lineHeight: 36,
    });
  });

  test('shrinks, then wraps long text within the width and line limit', () => {
    const text = 'Maximiliane Alexandra Wilhelmina von Hohenzollern-Sigmaringen Brandenburg';
    const fitted = fitText(text, { weight: 'bold', width: 400, size: 38, minSize: 16, maxLines: 2 });
    expect(fitted.lines.length).toBeLessThanOrEqual(2);
    expect(fitted.lines.join(' ')).toBe(text);
    for (const line of fitted.lines) expect(measureText(line, 'bold', fitted.size)).toBeLessThanOrEqual(400);
  });

  test('wraps Chinese between ideographs', () => {
    const lines = wrapText('数据保护与信息安全高级课程', 'regular', 20, 100);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('数据保护与信息安全高级课程');
  });

  test('truncates with an ellipsis when even the minimum size is too big', () => {
    const fitted = fitText('word '.repeat(100), { weight: 'regular', width: 100, size: 12, minSize: 10, maxLines: 2 });
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]?.endsWith('…')).toBe(true);
    expect(measureText(fitted.lines[1] ?? '', 'regular', 10)).toBeLessThanOrEqual(100);
  });
});
