import { createHash } from 'node:crypto';
import {
  CERTIFICATE_TEMPLATE_VERSION,
  renderCertificatePdf,
  type CertificateDocument,
} from '../../../src/pdf/render-certificate.js';
import { pdfInfo, pdfText, solidPng } from '../../helpers/pdf-tools.js';

const base: CertificateDocument = {
  number: '3f2a9c1e-7b4d-4e8a-9f10-2c5d6e7f8a9b',
  learnerName: 'Åse Ødegård',
  courseName: 'Safe Lifting in the Warehouse',
  issuerName: 'Nordlys Læring AS',
  completedAt: '2026-11-23T10:15:00Z',
  verifyUrl: 'https://credence.example.com/verify/3f2a9c1e-7b4d-4e8a-9f10-2c5d6e7f8a9b',
  language: 'en',
};
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('renderCertificatePdf', () => {
  test.each([
    ['Norwegian', 'Åse Ødegård'],
    ['Polish', 'Zoë Łukasiewicz'],
    ['Chinese', '王芳'],
    ['Greek', 'Αλέξανδρος Παπαδόπουλος'],
    ['Cyrillic', 'Дмитрий Шостакович'],
  ])('the %s name %s is extractable text, with course, number and issuer', async (_, learnerName) => {
    const text = pdfText(await renderCertificatePdf({ ...base, learnerName }));
    expect(text).toContain(learnerName);
    expect(text).toContain(base.courseName);
    expect(text).toContain(base.number);
    expect(text).toContain(base.issuerName);
    expect(text).toContain(base.verifyUrl);
  });

  test('Chinese course and issuer names are extractable too', async () => {
    const text = pdfText(await renderCertificatePdf({ ...base, courseName: '数据保护基础', issuerName: '北京学习中心' }));
    expect(text).toContain('数据保护基础');
    expect(text).toContain('北京学习中心');
  });

  test('English wording and an en-GB date', async () => {
    const text = pdfText(await renderCertificatePdf(base));
    expect(text).toContain('Certificate of Completion');
    expect(text).toContain('Completed on 23 November 2026');
    expect(text).toContain('Issued by');
  });

  test('Norwegian wording and an nb-NO date when the language is nb', async () => {
    const pdf = await renderCertificatePdf({ ...base, language: 'nb' });
    const text = pdfText(pdf);
    expect(text).toContain('Kursbevis');
    expect(text).toContain('Fullført 23. november 2026');
    expect(text).toContain('Utstedt av');
    expect(text).not.toContain('Certificate of Completion');
    expect(pdf.toString('latin1')).toContain('/Lang (nb-NO)');
  });

  test('the same certificate gives byte-identical PDFs', async () => {
    const first = await renderCertificatePdf({ ...base, learnerName: '王芳' });
    const second = await renderCertificatePdf({ ...base, learnerName: '王芳' });
    expect(first.equals(second)).toBe(true);
    expect(sha256(first)).toBe(sha256(second));
  });

  test('a different number or language gives different bytes', async () => {
    const original = await renderCertificatePdf(base);
    const renumbered = await renderCertificatePdf({ ...base, number: '00000000-0000-4000-8000-000000000000' });
    const norwegian = await renderCertificatePdf({ ...base, language: 'nb' });
    expect(sha256(renumbered)).not.toBe(sha256(original));
    expect(sha256(norwegian)).not.toBe(sha256(original));
  });

  test('is one A4 landscape page with title, author, subject and dates set', async () => {
    const info = pdfInfo(await renderCertificatePdf(base));
    expect(info['Pages']).toBe('1');
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    expect(info['Title']).toBe('Certificate of Completion: Safe Lifting in the Warehouse');
    expect(info['Author']).toBe('Nordlys Læring AS');
    expect(info['Subject']).toContain('Åse Ødegård');
    expect(info['Subject']).toContain(base.number);
    expect(info['CreationDate']).toMatch(/Nov 23 10:15:00 2026/);
  });

  test('draws the QR code as vectors: no raster image without a logo', async () => {
    const pdf = await renderCertificatePdf(base);
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
  });

  test('embeds a tenant logo and colours', async () => {
    const logo = solidPng(40, 20, [200, 30, 30]);
    const branded = await renderCertificatePdf({
      ...base,
      branding: { primaryColor: '#0B6E4F', accentColor: '#f2a900', logo },
    });
    expect(branded.toString('latin1')).toContain('/Subtype /Image');
    expect(pdfText(branded)).toContain(base.learnerName);
    expect(branded.equals(await renderCertificatePdf({ ...base, branding: { primaryColor: '#0B6E4F', accentColor: '#f2a900', logo } }))).toBe(true);
  });

  test('rejects malformed branding and dates with a TypeError', async () => {
    await expect(renderCertificatePdf({ ...base, branding: { primaryColor: 'red' } })).rejects.toThrow(TypeError);
    await expect(renderCertificatePdf({ ...base, branding: { logo: Buffer.from('GIF89a...') } })).rejects.toThrow(TypeError);
    await expect(renderCertificatePdf({ ...base, completedAt: 'yesterday' })).rejects.toThrow(TypeError);
  });

  test('very long names and course titles still render in full or fitted', async () => {
    const learnerName = 'Maximiliane Alexandra Wilhelmina von Hohenzollern-Sigmaringen Brandenburg';
    const courseName = 'Advanced Occupational Health, Safety and Environmental Management for Multi-Site Logistics Operations';
    const text = pdfText(await renderCertificatePdf({ ...base, learnerName, courseName }));
    expect(text).toContain('Hohenzollern-Sigmaringen');
    expect(text).toContain('Multi-Site Logistics');
  });

  test('exports a template version to key caches on', () => {
    expect(CERTIFICATE_TEMPLATE_VERSION).toMatch(/^1-[0-9a-f]{12}$/);
  });
});
