import { z } from 'zod';
import { luminance } from '../../pdf/branding.js';
import { LogoError, parseLogoDataUrl } from '../../tenants/logo-image.js';
import { httpUrl } from './common.js';

/** WCAG AA for normal text: the primary colour carries white button text and coloured headings on white. */
const MIN_TEXT_CONTRAST = 4.5;

/** Contrast ratio (1–21) of a `#rrggbb` colour against white. */
function contrastOnWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

const hexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')
  .transform((c) => c.toLowerCase());

const primaryColor = hexColor.superRefine((color, ctx) => {
  const ratio = contrastOnWhite(color);
  if (ratio < MIN_TEXT_CONTRAST) {
    ctx.addIssue({
      code: 'custom',
      message: `contrast with white is ${ratio.toFixed(2)}:1; choose a darker colour (at least ${MIN_TEXT_CONTRAST}:1)`,
    });
  }
});

const logo = z.string().transform((value, ctx) => {
  try {
    return parseLogoDataUrl(value);
  } catch (error) {
    if (!(error instanceof LogoError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
    return z.NEVER;
  }
});

const settingsFields = {
  displayName: z.string().trim().min(1).max(120).nullable(),
  primaryColor: primaryColor.nullable(),
  // Decorative only (frames, rules), never behind text, so any colour is allowed.
  accentColor: hexColor.nullable(),
  linkedinOrganizationId: z.string().regex(/^[0-9]{1,19}$/, 'must be the digits of a LinkedIn organisation id').nullable(),
  websiteUrl: httpUrl.max(500).nullable(),
  logo: logo.nullable(),
  usagePublic: z.boolean(),
  /** Which identifier new credentials carry as issuer: the tenant's did:web or its key's did:key. */
  issuerIdentifier: z.enum(['did:web', 'did:key']),
  /** Keep the credentialSubject of VC-API issued credentials in the issuance log. */
  storeIssuedSubjects: z.boolean(),
};

// Reports each unknown field under its own name (a strict object would blame the whole body).
const onlyKnownFields = z.looseObject({}).superRefine((body, ctx) => {
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(settingsFields, key)) ctx.addIssue({ code: 'custom', path: [key], message: 'is not a tenant setting' });
  }
});

/** Body of `PATCH /v1/tenant`: any subset of the settings; `null` clears one. */
export const updateTenantBody = onlyKnownFields.pipe(
  z
    .object(settingsFields)
    .partial()
    .refine((b) => Object.keys(b).length > 0, { message: 'send at least one setting to change' }),
);
