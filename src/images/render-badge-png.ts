import { translator, type Language } from '../i18n.js';
import { hexColorOr, luminance } from '../pdf/branding.js';
import { rasteriseSvg } from './rasterise.js';
import { svgText } from './svg-text.js';

/** What a course badge shows. */
export interface BadgeInput {
  courseName: string;
  issuerName: string;
  /** `#rrggbb`; defaults to the certificate template's blue. */
  primaryColor?: string;
  language: Language;
}

/** Side of the square badge image in pixels. */
export const BADGE_SIZE = 600;
const DEFAULT_PRIMARY = '#1f3a5f';
const TEXT = '#1d1d1f';
const MUTED = '#5f6368';

/**
 * Renders a square 600×600 badge PNG (transparent outside the disc) with the course name and
 * issuer, in any script the bundled fonts cover. Same input, same bytes. The lead's baking
 * step adds the `openbadgecredential` iTXt chunk afterwards.
 */
export async function renderBadgePng(input: BadgeInput): Promise<Buffer> {
  const t = translator(input.language);
  const primary = hexColorOr(input.primaryColor, DEFAULT_PRIMARY, 'primaryColor');
  // A very light brand colour would vanish on white: use dark text then.
  const courseColor = luminance(primary) > 0.45 ? TEXT : primary;
  const c = BADGE_SIZE / 2;
  const label = svgText(t('image:badge.label').toLocaleUpperCase(input.language), {
    x: 150, y: 138, width: 300, weight: 'bold', size: 22, minSize: 14, align: 'center', color: '#ffffff',
  });
  const course = svgText(input.courseName, {
    x: 115, y: 205, width: 370, height: 170, weight: 'bold', size: 46, minSize: 20, maxLines: 3,
    lineHeight: 1.15, align: 'center', valign: 'middle', color: courseColor,
  });
  const issuer = svgText(input.issuerName, {
    x: 140, y: 402, width: 320, height: 60, weight: 'regular', size: 24, minSize: 14, maxLines: 2,
    align: 'center', valign: 'top', color: MUTED,
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_SIZE}" height="${BADGE_SIZE}" viewBox="0 0 ${BADGE_SIZE} ${BADGE_SIZE}">`,
    `<circle cx="${c}" cy="${c}" r="292" fill="${primary}"/>`,
    `<circle cx="${c}" cy="${c}" r="268" fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="3"/>`,
    `<circle cx="${c}" cy="${c}" r="250" fill="#ffffff"/>`,
    `<path d="M120 126 H480 L464 150 L480 174 H120 L136 150 Z" fill="${primary}"/>`,
    label.svg,
    `<path d="M270 88 l18 18 l42 -42" fill="none" stroke="${primary}" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"/>`,
    course.svg,
    `<path d="M230 392 H370" stroke="${primary}" stroke-opacity="0.5" stroke-width="2"/>`,
    issuer.svg,
    '</svg>',
  ].join('');
  return rasteriseSvg(svg);
}
