import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { contentResponse } from '../operation-helpers.js';
import { problemResponses, RATE_LIMIT_PROBLEMS } from '../problem-responses.js';
import { binary, verifiableCredential } from '../response-schemas/public-resources.js';
import { externalId } from '../../schemas/common.js';

const tags = ['Issuers and status lists'];
const slug = z.object({ slug: z.string().meta({ description: 'The tenant’s slug.' }) });
const jsonObject = (description: string) => z.looseObject({}).meta({ description });
const ISSUER_NOT_FOUND = problemResponses(RATE_LIMIT_PROBLEMS, { 404: ['issuer_not_found'] });

/** What verifiers fetch: issuer profiles, DID documents, keys, logos, status lists and contexts. */
export const issuerPaths: ZodOpenApiPathsObject = {
  '/issuers/{slug}': {
    get: {
      tags,
      operationId: 'getIssuerProfile',
      summary: 'The issuer’s Open Badges profile',
      security: [],
      requestParams: { path: slug },
      responses: { 200: contentResponse('The OB 3.0 Profile (JSON-LD).', jsonObject('An Open Badges 3.0 `Profile`.'), 'application/ld+json'), ...ISSUER_NOT_FOUND },
    },
  },
  '/issuers/{slug}/did.json': {
    get: {
      tags,
      operationId: 'getIssuerDidDocument',
      summary: 'The issuer’s did:web document',
      description: '`did:web:<host>:issuers:<slug>` resolves here: the verification methods (Multikey and JsonWebKey) of the tenant’s signing keys.',
      security: [],
      requestParams: { path: slug },
      responses: { 200: contentResponse('The DID document.', jsonObject('A DID document.'), 'application/did+json'), ...ISSUER_NOT_FOUND },
    },
  },
  '/issuers/{slug}/jwks.json': {
    get: {
      tags,
      operationId: 'getIssuerJwks',
      summary: 'The issuer’s public keys as a JWK Set',
      description: 'For VC-JWT verifiers: Ed25519 keys (`alg` EdDSA) whose `kid` is the DID URL in the JWT header.',
      security: [],
      requestParams: { path: slug },
      responses: { 200: contentResponse('The JWK Set.', z.object({ keys: z.array(z.looseObject({})) }), 'application/jwk-set+json'), ...ISSUER_NOT_FOUND },
    },
  },
  '/issuers/{slug}/logo': {
    get: {
      tags,
      operationId: 'getIssuerLogo',
      summary: 'The issuer’s logo',
      security: [],
      requestParams: { path: slug },
      responses: {
        200: { description: 'The logo.', content: { 'image/png': { schema: binary }, 'image/jpeg': { schema: binary } } },
        304: { description: 'Not modified (`If-None-Match`).' },
        ...problemResponses(RATE_LIMIT_PROBLEMS, { 404: ['logo_not_found'] }),
      },
    },
  },
  '/issuers/{slug}/achievements/{courseId}/image.png': {
    get: {
      tags,
      operationId: 'getAchievementImage',
      summary: 'A course’s default achievement image',
      description:
        'The course’s badge artwork (course name, issuer name and brand colour; 600×600 PNG): the `Achievement.image` of its credentials when the course sets no `image` of its own.',
      security: [],
      requestParams: { path: slug.extend({ courseId: externalId.meta({ description: 'The course id.' }) }) },
      responses: {
        200: { description: 'The image.', content: { 'image/png': { schema: binary } } },
        304: { description: 'Not modified (`If-None-Match`).' },
        ...problemResponses(RATE_LIMIT_PROBLEMS, { 404: ['issuer_not_found', 'course_not_found'] }),
      },
    },
  },
  '/status/{slug}/{listId}': {
    get: {
      tags,
      operationId: 'getStatusList',
      summary: 'A signed status list',
      description: 'The `BitstringStatusListCredential` that `credentialStatus` entries point at; revocations show here at once (cached 60 s).',
      security: [],
      requestParams: { path: slug.extend({ listId: z.string().meta({ description: 'The list number.' }) }) },
      responses: {
        200: contentResponse('The status list credential.', verifiableCredential, 'application/vc+ld+json'),
        ...problemResponses(RATE_LIMIT_PROBLEMS, { 404: ['status_list_not_found'] }),
      },
    },
  },
  '/status/{slug}/{listId}/{key}': {
    get: {
      tags,
      operationId: 'getDidKeyStatusList',
      summary: 'A status list signed as one of the issuer\'s did:key identifiers',
      description:
        'The same bits as `/status/{slug}/{listId}`, signed as `did:key:{key}`: credentials issued as a did:key point here, because common verifiers require a status list from the credential\'s own issuer. 404 unless the key is (or was) one of the issuer\'s signing keys.',
      security: [],
      requestParams: {
        path: slug.extend({
          listId: z.string().meta({ description: 'The list number.' }),
          key: z.string().meta({ description: 'The Ed25519 public key in Multikey form (`z6Mk…`), as in the did:key.' }),
        }),
      },
      responses: {
        200: contentResponse('The status list credential.', verifiableCredential, 'application/vc+ld+json'),
        ...problemResponses(RATE_LIMIT_PROBLEMS, { 404: ['status_list_not_found'] }),
      },
    },
  },
  '/contexts/usage-attestation-v1.json': {
    get: {
      tags,
      operationId: 'getUsageAttestationContext',
      summary: 'JSON-LD context of usage attestations',
      security: [],
      responses: { 200: contentResponse('The context.', jsonObject('A JSON-LD context.'), 'application/ld+json'), ...problemResponses(RATE_LIMIT_PROBLEMS) },
    },
  },
};
