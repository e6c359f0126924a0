import { loadFont, runWidth, splitRuns, type FontFace } from '../fonts.js';
import { fitInBox } from './fit-text.js';
import type { TemplateText } from './layout.js';

// Baseline of a line below its top, as a share of the size: matches DejaVu's ascent closely
// and keeps CJK runs (Noto, ascent 0.88) on the same baseline as Latin ones.
const ASCENT = 0.9;

const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>();

/** Selects a face on the document, registering it on first use (so unused CJK fonts stay out). */
function useFace(doc: PDFKit.PDFDocument, face: FontFace): void {
  let keys = registered.get(doc);
  if (!keys) {
    keys = new Set();
    registered.set(doc, keys);
  }
  if (!keys.has(face.key)) {
    // pdfkit accepts a parsed fontkit font (it checks for `layout`), which @types/pdfkit omits;
    // passing the shared parsed font avoids re-parsing megabytes of font data per PDF.
    doc.registerFont(face.key, loadFont(face) as unknown as PDFKit.Mixins.PDFFontSource);
    keys.add(face.key);
  }
  doc.font(face.key);
}

/**
 * Draws `text` into a template text box: fits it (shrink, wrap, truncate), aligns each line and
 * draws it run by run, switching fonts by script, all runs on one baseline. The text stays
 * real text in the PDF, so it can be searched, copied and extracted.
 */
export function drawFittedText(doc: PDFKit.PDFDocument, text: string, box: TemplateText, color: string): void {
  const { fitted, top } = fitInBox(text, { ...box, weight: box.font });
  doc.fillColor(color);
  fitted.lines.forEach((line, index) => {
    const runs = splitRuns(line, box.font);
    const widths = runs.map((run) => runWidth(run, fitted.size));
    const lineWidth = widths.reduce((a, b) => a + b, 0);
    let x = box.x;
    if (box.align === 'center') x += (box.width - lineWidth) / 2;
    else if (box.align === 'right') x += box.width - lineWidth;
    const baseline = top + index * fitted.lineHeight + fitted.size * ASCENT;
    runs.forEach((run, i) => {
      useFace(doc, run.face);
      doc.fontSize(fitted.size).text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
      x += widths[i] ?? 0;
    });
  });
}
