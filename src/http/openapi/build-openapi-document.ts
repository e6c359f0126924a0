import { createDocument, type oas31, type ZodOpenApiPathsObject } from 'zod-openapi';
import { analyticsPaths } from './operations/analytics.js';
import { certificatePaths } from './operations/certificates.js';
import { coursePaths } from './operations/courses.js';
import { issuerPaths } from './operations/issuers.js';
import { oauthPaths } from './operations/oauth.js';
import { publicCredentialPaths } from './operations/public-credentials.js';
import { sitePaths } from './operations/site.js';
import { tenantPaths } from './operations/tenant.js';
import { usagePaths } from './operations/usage.js';
import { vcApiIssuePaths } from './operations/vc-api-issue.js';
import { vcApiVerifyPaths } from './operations/vc-api-verify.js';
import { verificationPaths } from './operations/verification.js';
import { securitySchemes } from './security-schemes.js';

/** Tags in reading order: what an integrator needs first comes first. */
const TAGS: oas31.TagObject[] = [
  { name: 'Getting a token', description: 'OAuth 2.0 client credentials: exchange a client id and secret for a short-lived access token.' },
  { name: 'Issuing (VC-API)', description: 'Issue W3C verifiable credentials (VC 2.0 or 1.1) as the tenant, and revoke them.' },
  { name: 'Verifying', description: 'Verify credentials and presentations from any issuer, and Credence’s own certificates.' },
  { name: 'Courses', description: 'What certificates attest: name, description, criteria, validity and usage rules.' },
  { name: 'Completions and certificates', description: 'The LMS completion webhook issues Open Badges 3.0 certificates; list, read and revoke them.' },
  { name: 'Tenant settings', description: 'Branding, usage visibility and the issuer identifier (`did:web` or `did:key`).' },
  { name: 'Usage evidence', description: 'xAPI statements that show learners apply what they learned.' },
  { name: 'Analytics', description: 'Adoption after 30, 60 and 90 days, by cohort, team, manager or course.' },
  { name: 'Public credentials', description: 'Public, cacheable downloads of issued certificates.' },
  { name: 'Issuers and status lists', description: 'What verifiers fetch: issuer profiles, DID documents, keys and status lists.' },
  { name: 'Pages', description: 'Server-rendered pages for people.' },
  { name: 'API description', description: 'This description, as JSON and as a page.' },
];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Joins the paths of every area; two areas describing the same operation is a programming mistake. */
function mergePaths(...groups: ZodOpenApiPathsObject[]): ZodOpenApiPathsObject {
  const merged: ZodOpenApiPathsObject = {};
  for (const group of groups) {
    for (const [path, item] of Object.entries(group)) {
      const existing = merged[path] ?? {};
      for (const method of METHODS) {
        if (existing[method] && item[method]) throw new TypeError(`${method.toUpperCase()} ${path} is described twice`);
      }
      merged[path] = { ...existing, ...item };
    }
  }
  return merged;
}

/**
 * The OpenAPI 3.1 description of every route, generated from the zod schemas the routes
 * validate with. `publicUrl` becomes the server URL.
 */
export function buildOpenApiDocument(options: { publicUrl: string }): oas31.OpenAPIObject {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Credence API',
      version: '1',
      description:
        'Credence issues Open Badges 3.0 and W3C verifiable credentials for your organisation (a tenant), verifies credentials ' +
        'from anyone, and shows whether learners still apply what they learned. Every refusal is an `application/problem+json` ' +
        'body with a stable `code` and the `errors[].field` at fault.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.publicUrl }],
    tags: TAGS,
    paths: mergePaths(
      oauthPaths,
      vcApiIssuePaths,
      vcApiVerifyPaths,
      verificationPaths,
      coursePaths,
      certificatePaths,
      tenantPaths,
      usagePaths,
      analyticsPaths,
      publicCredentialPaths,
      issuerPaths,
      sitePaths,
    ),
    components: { securitySchemes },
  });
}
