import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { fontPackageVersions } from '../fonts.js';
import { SUPPORTED_LANGUAGES } from '../i18n.js';
import { projectPath } from '../paths.js';

/**
 * The certificate template: positions (points, origin top-left), sizes, colours and font roles
 * of everything on the page, read from `templates/certificate/*.json` and validated here.
 */

/**
 * Bump when a change to the rendering code changes the bytes of a PDF for the same input
 * (template, wording and library changes are already part of the template version hash).
 * 2: every glyph keeps its code points (see `fonts.ts`), so PDFs cached by revision 1, whose
 * text layer could lack letters, are rendered again.
 */
const RENDERER_REVISION = '2';

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected #rrggbb');
const paletteName = z.enum(['primary', 'accent', 'text', 'muted', 'background']);
const colorRef = z.union([paletteName, hex]);
const coord = z.number().finite();
const positive = z.number().finite().positive();

/** The text slots a template can place; the renderer fills each from the certificate and locale. */
export const TEXT_SLOTS = [
  'title',
  'presentedTo',
  'learnerName',
  'hasCompleted',
  'courseName',
  'completedOn',
  'issuedByLabel',
  'issuerName',
  'certificateNumber',
  'verifyUrl',
  'scanToVerify',
] as const;
export type TextSlot = (typeof TEXT_SLOTS)[number];

const textSchema = z.object({
  slot: z.enum(TEXT_SLOTS),
  x: coord,
  y: coord,
  width: positive,
  height: positive.optional(),
  font: z.enum(['regular', 'bold']),
  size: positive,
  minSize: positive.optional(),
  maxLines: z.number().int().min(1).max(4).optional(),
  lineHeight: positive.optional(),
  color: colorRef,
  align: z.enum(['left', 'center', 'right']),
  valign: z.enum(['top', 'middle']).optional(),
});

const shapeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('frame'), inset: coord, lineWidth: positive, color: colorRef }),
  z.object({ kind: z.literal('line'), x1: coord, y1: coord, x2: coord, y2: coord, lineWidth: positive, color: colorRef }),
]);

const templateSchema = z.object({
  version: z.string().min(1),
  page: z.object({ size: z.enum(['A4', 'LETTER']), layout: z.enum(['landscape', 'portrait']) }),
  colors: z.object({ primary: hex, accent: hex, text: hex, muted: hex, background: hex }),
  shapes: z.array(shapeSchema),
  logo: z.object({ x: coord, y: coord, width: positive, height: positive }),
  texts: z.array(textSchema).min(1),
  qr: z.object({
    x: coord,
    y: coord,
    size: positive,
    color: colorRef,
    errorCorrection: z.enum(['L', 'M', 'Q', 'H']),
  }),
});

/** A validated certificate template. */
export type CertificateTemplate = z.infer<typeof templateSchema>;
/** One text element of a template. */
export type TemplateText = z.infer<typeof textSchema>;
/** A colour reference: a palette entry name or `#rrggbb`. */
export type ColorRef = z.infer<typeof colorRef>;
/** The template palette (`primary`, `accent`, `text`, `muted`, `background`). */
export type Palette = CertificateTemplate['colors'];

/** Parses and validates template JSON text; throws a TypeError naming the bad field. */
export function parseCertificateTemplate(json: string, source = 'template'): CertificateTemplate {
  const result = templateSchema.safeParse(JSON.parse(json));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TypeError(`${source}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Resolves a colour reference against a palette to `#rrggbb`. */
export function resolveColor(ref: ColorRef, palette: Palette): string {
  return ref.startsWith('#') ? ref : palette[ref as keyof Palette];
}

const TEMPLATE_FILE = projectPath('templates', 'certificate', 'default.json');
const templateText = readFileSync(TEMPLATE_FILE, 'utf8');

/** The default certificate template, loaded and validated once at import. */
export const CERTIFICATE_TEMPLATE: CertificateTemplate = Object.freeze(
  parseCertificateTemplate(templateText, TEMPLATE_FILE),
);

/** The installed version of a package, or `?` (then the key simply omits it). */
export function packageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    const file = require.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

function templateVersion(): string {
  const hash = createHash('sha256');
  // zlib compresses the PDF streams: another zlib may pick other (equally valid) bytes.
  hash.update(`renderer ${RENDERER_REVISION} zlib ${process.versions.zlib ?? '?'}\n`).update(templateText);
  for (const lng of SUPPORTED_LANGUAGES) hash.update(readFileSync(projectPath('locales', lng, 'pdf.json')));
  for (const pkg of ['pdfkit', 'fontkit', 'qrcode']) hash.update(`${pkg}@${packageVersion(pkg)}\n`);
  for (const [pkg, version] of Object.entries(fontPackageVersions())) hash.update(`${pkg}@${version}\n`);
  return `${CERTIFICATE_TEMPLATE.version}-${hash.digest('hex').slice(0, 12)}`;
}

/**
 * Identifies everything besides the certificate's own data that shapes the PDF bytes: the
 * template, the PDF wording in every language, the renderer revision and the versions of the
 * PDF, font, QR and zlib libraries. Key PDF caches on it, e.g. `${number}:${language}:${version}`.
 */
export const CERTIFICATE_TEMPLATE_VERSION: string = templateVersion();
