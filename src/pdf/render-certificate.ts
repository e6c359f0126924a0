import PDFDocument from 'pdfkit';
import { translator, type Language } from '../i18n.js';
import { hexColorOr, imageKind } from './branding.js';
import { drawFittedText } from './draw-text.js';
import { formatLongDate, localeTag, parseIsoDate } from './format-date.js';
import { CERTIFICATE_TEMPLATE, resolveColor, type CertificateTemplate, type Palette, type TextSlot } from './layout.js';
import { drawQrCode } from './qr.js';

export { CERTIFICATE_TEMPLATE_VERSION } from './layout.js';

/** A tenant's look: colours as `#rrggbb`, logo as PNG or JPEG bytes. */
export interface CertificateBranding {
  primaryColor?: string;
  accentColor?: string;
  logo?: Buffer;
}

/** Everything printed on a certificate. */
export interface CertificateDocument {
  /** Certificate number (a UUID). */
  number: string;
  learnerName: string;
  courseName: string;
  issuerName: string;
  /** ISO 8601 completion time; also the PDF's creation and modification date. */
  completedAt: string;
  verifyUrl: string;
  language: Language;
  branding?: CertificateBranding;
}

function slotTexts(cert: CertificateDocument): Record<TextSlot, string> {
  const t = translator(cert.language);
  return {
    title: t('pdf:title'),
    presentedTo: t('pdf:presentedTo'),
    learnerName: cert.learnerName,
    hasCompleted: t('pdf:hasCompleted'),
    courseName: cert.courseName,
    completedOn: t('pdf:completedOn', { date: formatLongDate(cert.completedAt, cert.language) }),
    issuedByLabel: t('pdf:issuedByLabel'),
    issuerName: cert.issuerName,
    certificateNumber: t('pdf:certificateNumber', { number: cert.number }),
    verifyUrl: t('pdf:verifyUrl', { url: cert.verifyUrl }),
    scanToVerify: t('pdf:scanToVerify'),
  };
}

function documentInfo(cert: CertificateDocument): PDFKit.DocumentInfo {
  const t = translator(cert.language);
  const values = { learner: cert.learnerName, course: cert.courseName, issuer: cert.issuerName, number: cert.number };
  const date = parseIsoDate(cert.completedAt, 'completedAt');
  // Fixed dates (and so a fixed document ID, which pdfkit derives from the info) make the
  // bytes depend on the certificate alone.
  return {
    Title: t('pdf:meta.title', values),
    Author: cert.issuerName,
    Subject: t('pdf:meta.subject', values),
    Keywords: t('pdf:meta.keywords', values),
    Creator: 'Credence',
    Producer: 'Credence',
    CreationDate: date,
    ModDate: date,
  };
}

function palette(template: CertificateTemplate, branding: CertificateBranding | undefined): Palette {
  return {
    ...template.colors,
    primary: hexColorOr(branding?.primaryColor, template.colors.primary, 'branding.primaryColor'),
    accent: hexColorOr(branding?.accentColor, template.colors.accent, 'branding.accentColor'),
  };
}

function drawPage(pdf: PDFKit.PDFDocument, cert: CertificateDocument, template: CertificateTemplate): void {
  const colors = palette(template, cert.branding);
  const { width, height } = pdf.page;
  pdf.rect(0, 0, width, height).fill(colors.background);
  for (const shape of template.shapes) {
    pdf.lineWidth(shape.lineWidth).strokeColor(resolveColor(shape.color, colors));
    if (shape.kind === 'frame') {
      pdf.rect(shape.inset, shape.inset, width - 2 * shape.inset, height - 2 * shape.inset).stroke();
    } else {
      pdf.moveTo(shape.x1, shape.y1).lineTo(shape.x2, shape.y2).stroke();
    }
  }
  const logo = cert.branding?.logo;
  if (logo) {
    if (!imageKind(logo)) throw new TypeError('branding.logo must be a PNG or JPEG image');
    const box = template.logo;
    pdf.image(logo, box.x, box.y, { fit: [box.width, box.height], valign: 'center' });
  }
  const texts = slotTexts(cert);
  for (const box of template.texts) drawFittedText(pdf, texts[box.slot], box, resolveColor(box.color, colors));
  drawQrCode(pdf, cert.verifyUrl, { ...template.qr, color: resolveColor(template.qr.color, colors) });
}

/**
 * Renders a one-page certificate PDF (A4 landscape with the default template). The same
 * input always gives the same bytes (see `CERTIFICATE_TEMPLATE_VERSION` for what else they
 * depend on). Text stays extractable in any script the bundled fonts cover; the QR code to
 * `verifyUrl` is vector. Throws a TypeError for a malformed date, colour or logo.
 */
export async function renderCertificatePdf(cert: CertificateDocument): Promise<Buffer> {
  const template = CERTIFICATE_TEMPLATE;
  const pdf = new PDFDocument({
    size: template.page.size,
    layout: template.page.layout,
    margin: 0,
    pdfVersion: '1.7',
    lang: localeTag(cert.language),
    displayTitle: true,
    info: documentInfo(cert),
    // No default font: pdfkit would otherwise parse Helvetica's AFM metrics for every
    // document (≈2 ms) although all text uses the embedded fonts. @types/pdfkit omits null.
    font: null as unknown as string,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  try {
    drawPage(pdf, cert, template);
  } finally {
    pdf.end();
  }
  return done;
}
