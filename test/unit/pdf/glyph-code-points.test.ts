import { renderCertificatePdf, type CertificateDocument } from '../../../src/pdf/render-certificate.js';
import { pdfText } from '../../helpers/pdf-tools.js';

/**
 * The fonts are parsed once per process and shared by every PDF. A TrueType composite glyph (ö is
 * o plus a diaeresis) brings in its parts when a PDF embeds it; those parts must still copy as
 * their letters in every later PDF. This file has its own module registry, so the fonts here are
 * fresh: the first certificate is Norwegian (a bold title without "o") for a name with "ö".
 */
const base: CertificateDocument = {
  number: '3f2a9c1e-7b4d-4e8a-9f10-2c5d6e7f8a9b',
  learnerName: 'Björn Bæk',
  courseName: 'Trygg løfting',
  issuerName: 'Lys Læring AS',
  completedAt: '2026-11-23T10:15:00Z',
  verifyUrl: 'https://credence.example.com/verify/3f2a9c1e-7b4d-4e8a-9f10-2c5d6e7f8a9b',
  language: 'nb',
};

test('letters first embedded as parts of composite glyphs still extract as text in later PDFs', async () => {
  expect(pdfText(await renderCertificatePdf(base))).toContain('Björn Bæk');
  const text = pdfText(
    await renderCertificatePdf({ ...base, language: 'en', learnerName: 'Ola Nordmann', courseName: 'Python for Operations', issuerName: 'Acme Corp' }),
  );
  expect(text).toContain('Certificate of Completion');
  expect(text).toContain('Ola Nordmann');
  expect(text).toContain('Python for Operations');
});
