import QRCode from 'qrcode';

/** QR error correction levels (L 7%, M 15%, Q 25%, H 30% of the code can be damaged). */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** A horizontal run of dark modules: `row`, first `col` and `length`, in modules. */
export interface QrRun {
  row: number;
  col: number;
  length: number;
}

/** The QR symbol for `text` as its module count and the runs of dark modules, row by row. */
export function qrRuns(text: string, errorCorrection: QrErrorCorrection): { size: number; runs: QrRun[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: errorCorrection });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push({ row, col: start, length: col - start });
    }
  }
  return { size: modules.size, runs };
}

/** Where and how to draw a QR code, in points. */
export interface QrPlacement {
  x: number;
  y: number;
  /** Width and height of the symbol (without quiet zone: leave white space around it). */
  size: number;
  color: string;
  errorCorrection: QrErrorCorrection;
}

/**
 * Draws a QR code for `text` as vector rectangles (one filled path), so it stays sharp at any
 * zoom and print resolution and adds no raster image to the PDF.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, placement: QrPlacement): void {
  const { size, runs } = qrRuns(text, placement.errorCorrection);
  const module = placement.size / size;
  doc.save();
  for (const run of runs) {
    doc.rect(placement.x + run.col * module, placement.y + run.row * module, run.length * module, module);
  }
  doc.fill(placement.color);
  doc.restore();
}
