import { translator, type Language } from '../i18n.js';
import { hexColorOr, imageKind, luminance } from '../pdf/branding.js';
import { formatLongDate } from '../pdf/format-date.js';
import { dataUri, escapeXml, rasteriseSvg } from './rasterise.js';
import { svgText } from './svg-text.js';
import { measureText } from '../fonts.js';

/** A credential's state as a verifier sees it. */
export type CredentialStatus = 'valid' | 'revoked' | 'expired';

/** What a link preview of a credential shows. */
export interface OgImageInput {
  learnerName: string;
  courseName: string;
  issuerName: string;
  status: CredentialStatus;
  /** ISO 8601 issuance time. */
  issuedAt: string;
  language: Language;
  /** `#rrggbb`; defaults to the certificate template's blue. */
  primaryColor?: string;
  /** Tenant logo, PNG or JPEG. */
  logo?: Buffer;
}

/** Open Graph / LinkedIn preview size in pixels. */
export const OG_IMAGE_WIDTH = 1200;
export const OG_IMAGE_HEIGHT = 627;

const DEFAULT_PRIMARY = '#1f3a5f';
const TEXT = '#1d1d1f';
const MUTED = '#5f6368';
const STATUS_COLORS: Record<CredentialStatus, string> = { valid: '#1e7a46', revoked: '#b3261e', expired: '#8a5a00' };

function statusPill(label: string, status: CredentialStatus): string {
  const size = 26;
  const width = Math.ceil(measureText(label, 'bold', size)) + 56;
  const x = OG_IMAGE_WIDTH - 64 - width;
  const text = svgText(label, { x: x + 28, y: 62, width: width - 56 + 1, weight: 'bold', size, align: 'left', color: '#ffffff' });
  return `<rect x="${x}" y="48" width="${width}" height="56" rx="28" fill="${STATUS_COLORS[status]}"/>${text.svg}`;
}

/**
 * Renders the 1200×627 PNG shown in LinkedIn and other Open Graph link previews: learner,
 * course, issuer, issue date, a localised status label and the tenant's logo and colour.
 * Same input, same bytes. Throws a TypeError for a malformed date, colour or logo.
 */
export async function renderOgImage(input: OgImageInput): Promise<Buffer> {
  if (!Object.hasOwn(STATUS_COLORS, input.status)) throw new TypeError(`unknown status ${String(input.status)}`);
  const t = translator(input.language);
  const primary = hexColorOr(input.primaryColor, DEFAULT_PRIMARY, 'primaryColor');
  const courseColor = luminance(primary) > 0.45 ? TEXT : primary;
  const date = formatLongDate(input.issuedAt, input.language);
  let logo = '';
  if (input.logo) {
    const kind = imageKind(input.logo);
    if (!kind) throw new TypeError('logo must be a PNG or JPEG image');
    logo = `<image x="88" y="44" width="320" height="72" preserveAspectRatio="xMinYMid meet" href="${escapeXml(dataUri(input.logo, kind))}"/>`;
  }
  const learner = svgText(input.learnerName, {
    x: 88, y: 168, width: 1024, height: 160, weight: 'bold', size: 68, minSize: 30, maxLines: 2,
    lineHeight: 1.15, align: 'left', valign: 'middle', color: TEXT,
  });
  const completed = svgText(t('image:og.hasCompleted'), {
    x: 88, y: 340, width: 1024, weight: 'regular', size: 28, minSize: 18, align: 'left', color: MUTED,
  });
  const course = svgText(input.courseName, {
    x: 88, y: 384, width: 1024, height: 110, weight: 'bold', size: 44, minSize: 24, maxLines: 2,
    lineHeight: 1.15, align: 'left', valign: 'top', color: courseColor,
  });
  const footer = svgText(t('image:og.issued', { issuer: input.issuerName, date }), {
    x: 88, y: 540, width: 1024, weight: 'regular', size: 26, minSize: 16, align: 'left', color: MUTED,
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_IMAGE_WIDTH}" height="${OG_IMAGE_HEIGHT}" viewBox="0 0 ${OG_IMAGE_WIDTH} ${OG_IMAGE_HEIGHT}">`,
    `<rect width="${OG_IMAGE_WIDTH}" height="${OG_IMAGE_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="24" height="${OG_IMAGE_HEIGHT}" fill="${primary}"/>`,
    `<rect x="88" y="520" width="1024" height="2" fill="${primary}" fill-opacity="0.25"/>`,
    logo,
    statusPill(t(`image:og.status.${input.status}`), input.status),
    learner.svg,
    completed.svg,
    course.svg,
    footer.svg,
    '</svg>',
  ].join('');
  return rasteriseSvg(svg);
}
