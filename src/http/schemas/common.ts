import { z } from 'zod';
import type { LocalizedText } from '../../db/schema.js';

/** Course ids and learner ids: what LMSs use as slugs and keys. */
export const externalId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'use letters, digits and . _ : @ -');

/** A text per language: `{"en": "...", "nb": "..."}`; English is required. */
export const localizedText = (max: number) =>
  z
    .record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'language tags like en, nb'), z.string().trim().min(1).max(max))
    .refine((m) => typeof m.en === 'string', { message: 'an "en" text is required', path: ['en'] })
    .transform((m) => m as LocalizedText);

/** Accepts either a plain string (English) or a per-language map; always yields a map. */
export const textOrLocalized = (max: number) =>
  z.union([z.string().trim().min(1).max(max).transform((en): LocalizedText => ({ en })), localizedText(max)]);

/** An absolute http(s) URL. */
export const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048);

/** An ISO 8601 date-time with an offset (e.g. `2026-11-23T10:00:00Z`). */
export const isoDateTime = z.iso.datetime({ offset: true });

/** A lowercase RFC 4122 UUID (certificate numbers). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** An absolute IRI (scheme and something after it, no spaces), as xAPI uses for ids. */
export const absoluteIri = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/, 'an absolute IRI such as https://example.com/tools/x');
