import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Runs a poppler tool (pdftotext, pdfinfo) on PDF bytes; poppler-utils must be installed. */
function poppler(tool: 'pdftotext' | 'pdfinfo', pdf: Buffer, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'credence-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} not found: install poppler-utils (apt-get install -y poppler-utils)`);
    }
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext extracts it, whitespace collapsed. */
export function pdfText(pdf: Buffer): string {
  return poppler('pdftotext', pdf, ['-enc', 'UTF-8']).replace(/\s+/g, ' ');
}

/** pdfinfo's fields (`Title`, `Author`, `Page size`, ...) of a PDF. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of poppler('pdfinfo', pdf, ['-enc', 'UTF-8']).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) fields[match[1]] = match[2];
  }
  return fields;
}

/** A small solid-colour PNG, e.g. a stand-in tenant logo. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    png.data[i * 4] = rgb[0];
    png.data[i * 4 + 1] = rgb[1];
    png.data[i * 4 + 2] = rgb[2];
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}
