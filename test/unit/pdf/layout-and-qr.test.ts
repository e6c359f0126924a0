import { readFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { CERTIFICATE_TEMPLATE, parseCertificateTemplate } from '../../../src/pdf/layout.js';
import { qrRuns } from '../../../src/pdf/qr.js';
import { formatLongDate } from '../../../src/pdf/format-date.js';
import { projectPath } from '../../../src/paths.js';

describe('certificate template', () => {
  test('the default template is A4 landscape and places every name the certificate needs', () => {
    expect(CERTIFICATE_TEMPLATE.page).toEqual({ size: 'A4', layout: 'landscape' });
    const slots = CERTIFICATE_TEMPLATE.texts.map((t) => t.slot);
    for (const slot of ['learnerName', 'courseName', 'issuerName', 'certificateNumber', 'verifyUrl', 'completedOn']) {
      expect(slots).toContain(slot);
    }
  });

  test('rejects a template with a bad colour or an unknown slot, naming the field', () => {
    const json = JSON.parse(readFileSync(projectPath('templates/certificate/default.json'), 'utf8')) as {
      colors: Record<string, string>;
      texts: { slot: string }[];
    };
    expect(() => parseCertificateTemplate(JSON.stringify({ ...json, colors: { ...json.colors, primary: 'navy' } }))).toThrow(
      /colors\.primary/,
    );
    const texts = [{ ...json.texts[0], slot: 'nickname' }];
    expect(() => parseCertificateTemplate(JSON.stringify({ ...json, texts }))).toThrow(TypeError);
  });
});

describe('vector QR code', () => {
  test('the dark-module runs reproduce the QR matrix exactly', () => {
    const url = 'https://credence.example.com/verify/3f2a9c1e-7b4d-4e8a-9f10-2c5d6e7f8a9b';
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const { size, runs } = qrRuns(url, 'M');
    expect(size).toBe(modules.size);
    const drawn = new Set<string>();
    for (const run of runs) for (let c = run.col; c < run.col + run.length; c++) drawn.add(`${run.row},${c}`);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) expect(drawn.has(`${r},${c}`)).toBe(Boolean(modules.get(r, c)));
    }
  });
});

describe('formatLongDate', () => {
  test('formats dates the British and Norwegian way, in UTC', () => {
    expect(formatLongDate('2026-11-23T23:30:00Z', 'en')).toBe('23 November 2026');
    expect(formatLongDate('2026-11-23T23:30:00Z', 'nb')).toBe('23. november 2026');
    expect(() => formatLongDate('not a date', 'en')).toThrow(TypeError);
  });
});
