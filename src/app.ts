import express, { type Express, type Request } from 'express';
import type { LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import type { Db } from './db/client.js';
import type { UsageLogStore } from './usage/usage-log-store.js';
import type { CredentialSigner } from './credentials/credential-signer.js';
import { createDocumentLoader } from './credentials/document-loader.js';
import { AppError } from './errors.js';
import { exceedsJsonDepth } from './json-depth.js';
import { verifiedCaller } from './http/middleware/auth.js';
import { errorHandler } from './http/middleware/error-handler.js';
import { rateLimiter } from './http/middleware/rate-limit.js';
import { requestLog } from './http/middleware/request-log.js';
import { analyticsRouter } from './http/routes/analytics.js';
import { apiDocsRouter } from './http/routes/api-docs.js';
import { certificatePdfRouter } from './http/routes/certificate-pdf.js';
import { certificatesRouter } from './http/routes/certificates.js';
import { completionsRouter } from './http/routes/completions.js';
import { coursesRouter } from './http/routes/courses.js';
import { credentialsRouter } from './http/routes/credentials.js';
import { dashboardRouter } from './http/routes/dashboard.js';
import { homeRouter } from './http/routes/home.js';
import { oauthRouter } from './http/routes/oauth.js';
import { issuerLogoRouter } from './http/routes/issuer-logo.js';
import { achievementImageRouter } from './http/routes/achievement-image.js';
import { issuersRouter } from './http/routes/issuers.js';
import { ogImageRouter } from './http/routes/og-image.js';
import { publicVerifierRouter } from './http/routes/public-verifier.js';
import { statusListsRouter } from './http/routes/status-lists.js';
import { tenantRouter } from './http/routes/tenant.js';
import { usageRouter, statementsBodyParser } from './http/routes/usage.js';
import { verifyRouter } from './http/routes/verify.js';
import { vcApiIssueRouter } from './http/routes/vc-api-issue.js';
import { vcApiVerifyRouter } from './http/routes/vc-api-verify.js';
import { xapiRouter } from './http/routes/xapi.js';
import { contextsRouter } from './http/routes/contexts.js';
import { privacyRouter } from './http/routes/privacy.js';
import { registerUsageContext } from './usage/usage-context.js';
import { createEvidenceCache } from './usage/usage-evidence.js';
import { createLocalDidResolver } from './verification/local-did-resolver.js';
import { createLocalStatusCheck } from './verification/local-status-check.js';
import { createStaticCheckCache } from './verification/verify-certificate.js';

/** Everything the HTTP app needs, injected (tests pass a temp database, fixed clock, test keys). */
export interface AppDeps {
  db: Db;
  /** Where ingest appends usage (the database handle's `usageLog`). */
  usageLog: UsageLogStore;
  now: () => Date;
  masterKey: Buffer;
  signer: CredentialSigner;
  logger: Logger;
  publicUrl: string;
  /** Bounds concurrent issuances (signing and storing) so verification keeps low latency. */
  issuanceLimit?: LimitFunction;
  /** A read-only connection for analytics and the dashboard (defaults to `db`). */
  analyticsDb?: Db;
  /** Requests per minute per client on public routes; API routes allow ten times as many. */
  rateLimitPerMinute: number;
  /** Lifetime of OAuth access tokens in seconds (default one hour). */
  accessTokenLifetimeSeconds?: number;
}

/** JSON bodies are capped at about 1 MB. */
const JSON_LIMIT = '1mb';
/** Deeper than any real request nests (a VC-API body with a credential: under 40 levels). */
const MAX_BODY_DEPTH = 64;

/** Where the tenant API lives (mount paths: each also covers the paths below it). */
const TENANT_API_PATHS = ['/v1', '/credentials/issue', '/credentials/status', '/xapi'];

function isTenantApiPath(path: string): boolean {
  // Express routes paths case-insensitively, so the budgets are chosen the same way.
  const lower = path.toLowerCase();
  return TENANT_API_PATHS.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}

/** Builds the Express app from injected dependencies. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('etag', false);
  app.use(requestLog(deps.logger));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    next();
  });
  // Statement batches get a larger body limit; parsed here, the generic parser below skips them.
  app.use(['/v1/usage/statements', '/xapi/statements'], statementsBodyParser);
  app.use(
    express.json({
      limit: JSON_LIMIT,
      type: ['application/json', 'application/*+json'],
      verify: (req, _res, buf) => {
        (req as Request & { rawBody?: Buffer }).rawBody = buf;
      },
    }),
  );

  // Recursive code downstream (validation, structuredClone, JSON-LD) would overflow the stack.
  app.use((req, _res, next) => {
    if (typeof req.body === 'object' && req.body !== null && exceedsJsonDepth(req.body, MAX_BODY_DEPTH)) {
      throw new AppError('json_too_deep', 400, `The JSON body nests objects and arrays more than ${MAX_BODY_DEPTH} levels deep.`, { field: 'body' });
    }
    next();
  });

  const documentLoader = createDocumentLoader({ resolveDid: createLocalDidResolver(deps.db, deps.publicUrl) });
  const checkStatus = createLocalStatusCheck(deps);
  const staticChecks = createStaticCheckCache();
  const evidenceCache = createEvidenceCache();
  registerUsageContext(deps.publicUrl);

  // Public pages and documents: one budget per client IP. The busiest public routes come first,
  // so their requests pass the fewest routers.
  app.use(rateLimiter({ perMinute: deps.rateLimitPerMinute, skip: (req) => isTenantApiPath(req.path) }));
  app.use(verifyRouter({ ...deps, documentLoader, checkStatus, staticChecks, evidenceCache }));
  app.use(certificatePdfRouter(deps));

  // The tenant API (/v1, the VC-API issuer routes, xAPI): one budget per verified API key or
  // OAuth client, else per client IP.
  const apiRateLimit = rateLimiter({ perMinute: deps.rateLimitPerMinute * 10, identify: (req) => verifiedCaller(deps.db, req) });
  app.use(TENANT_API_PATHS, apiRateLimit);
  app.use('/v1/verify', publicVerifierRouter({ documentLoader, checkStatus, now: deps.now }));
  app.use('/v1', (req, _res, next) => {
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('application/json') && !req.is('application/*+json')) {
      throw new AppError('unsupported_media_type', 415, 'Send the body as application/json.', { field: 'Content-Type' });
    }
    next();
  });
  app.use('/v1/courses', coursesRouter(deps));
  app.use('/v1/completions', completionsRouter(deps));
  app.use('/v1/certificates', certificatesRouter(deps));
  app.use('/v1/tenant', tenantRouter(deps));
  const analyticsDeps = { ...deps, db: deps.analyticsDb ?? deps.db };
  app.use('/v1/analytics', analyticsRouter(analyticsDeps));
  app.use('/v1', usageRouter(deps));
  app.use(vcApiIssueRouter(deps));
  app.use(xapiRouter(deps));

  app.use(oauthRouter(deps));
  app.use(homeRouter());
  app.use(apiDocsRouter(deps));
  app.use(vcApiVerifyRouter({ ...deps, checkStatus }));
  app.use('/dashboard', dashboardRouter(deps));
  app.use(contextsRouter());
  app.use(privacyRouter(deps));
  app.use(credentialsRouter(deps));
  app.use(issuersRouter(deps));
  app.use(statusListsRouter(deps));
  app.use(ogImageRouter(deps));
  app.use(issuerLogoRouter(deps));
  app.use(achievementImageRouter(deps));

  app.use(() => {
    throw new AppError('not_found', 404, 'There is nothing at this address.');
  });
  app.use(errorHandler(deps.logger));
  return app;
}
