import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { contentResponse } from '../operation-helpers.js';
import { problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { binary, compactJwt, verifiableCredential } from '../response-schemas/public-resources.js';

const tags = ['Public credentials'];
const number = z.string().meta({ description: 'The certificate number (a UUID).' });
const language = z.object({ lang: z.enum(['en', 'nb']).optional().meta({ description: 'Language of the rendering (else the learner’s locale from the completion, else `Accept-Language`, else English).' }) });
const NOT_FOUND = problemResponses(RATE_LIMIT_PROBLEMS, { 404: ['certificate_not_found'] });

/** Public, cacheable downloads of issued certificates: credential, versions, baked badge, PDF and preview image. */
export const publicCredentialPaths: ZodOpenApiPathsObject = {
  '/credentials/{file}': {
    get: {
      tags,
      operationId: 'getCredential',
      summary: 'Download a signed credential',
      description:
        '`/credentials/<number>` (or `<number>.json`) answers the Open Badges 3.0 credential exactly as signed (JSON-LD with an ' +
        '`eddsa-rdfc-2022` Data Integrity proof); `/credentials/<number>.jwt` the same credential as a VC-JWT. Public, CORS-enabled.',
      security: [],
      requestParams: { path: z.object({ file: z.string().meta({ description: 'The certificate number, optionally followed by `.json` or `.jwt`.' }) }) },
      responses: {
        200: {
          description: 'The credential.',
          content: { 'application/ld+json': { schema: verifiableCredential }, 'application/vc+jwt': { schema: compactJwt } },
        },
        ...NOT_FOUND,
      },
    },
  },
  '/credentials/{number}/versions/{version}': {
    get: {
      tags,
      operationId: 'getCredentialVersion',
      summary: 'Download one version of a renewed credential',
      security: [],
      requestParams: { path: z.object({ number, version: z.string().meta({ description: 'The version, 1 for the first issue.' }) }) },
      responses: {
        200: contentResponse('That version of the credential.', verifiableCredential, 'application/ld+json'),
        ...problemResponses(RATE_LIMIT_PROBLEMS, { 404: ['certificate_not_found', 'credential_version_not_found'] }),
      },
    },
  },
  '/credentials/{number}/badge.png': {
    get: {
      tags,
      operationId: 'getBadgePng',
      summary: 'Download the baked badge',
      description: 'A PNG image carrying the credential in an `iTXt` chunk (`openbadgecredential`), for backpacks and wallets.',
      security: [],
      requestParams: { path: z.object({ number }) },
      responses: { 200: contentResponse('The baked PNG.', binary, 'image/png'), ...NOT_FOUND },
    },
  },
  '/certificates/{file}': {
    get: {
      tags,
      operationId: 'getCertificatePdf',
      summary: 'Download the certificate PDF',
      security: [],
      requestParams: { path: z.object({ file: z.string().meta({ description: 'The certificate number followed by `.pdf`.' }) }), query: language },
      responses: { 200: contentResponse('The PDF.', binary, 'application/pdf'), 304: { description: 'Not modified (`If-None-Match`).' }, ...NOT_FOUND },
    },
  },
  '/verify/{number}/og.png': {
    get: {
      tags,
      operationId: 'getPreviewImage',
      summary: 'Link-preview image of a certificate',
      description: 'The 1200×627 Open Graph image the verify page names, showing the current status.',
      security: [],
      requestParams: { path: z.object({ number }), query: language },
      responses: { 200: contentResponse('The PNG.', binary, 'image/png'), 304: { description: 'Not modified (`If-None-Match`).' }, ...NOT_FOUND },
    },
  },
};
