import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Db } from '../../db/client.js';
import { acceptAccessTokens } from '../../oauth/access-token-auth.js';
import { isOAuthError, oauthError } from '../../oauth/oauth-error.js';
import { grantClientCredentials, type OAuthDeps } from '../../oauth/token-request.js';
import { loadOrCreateTokenSigningKey, tokenKeySet } from '../../oauth/token-signing-key.js';
import { problemDetails } from '../middleware/error-handler.js';
import { SCOPES } from '../scopes.js';
import { readTokenRequest } from './oauth-token-request.js';

/** Token requests are a handful of short fields. */
const formParser = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 20 });

/** The form parser, with its refusals (too large, bad charset) as `invalid_request`. */
const parseForm: RequestHandler = (req, res, next) => {
  formParser(req, res, (error?: unknown) => next(error ? oauthError('invalid_request', 'The form body could not be read (at most 4 KB, UTF-8).', 'body') : undefined));
};

/** Token responses and refusals must never be cached (RFC 6749 §5.1). */
const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  next();
};

/**
 * Renders token-endpoint refusals as RFC 6749 §5.2 JSON (`error`, `error_description`) that
 * OAuth clients understand, with the problem-details members beside them.
 */
const renderOAuthError: ErrorRequestHandler = (error, req, res, next) => {
  if (!isOAuthError(error)) return next(error);
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).type('application/json').json({ error: error.code, error_description: error.message, ...problemDetails(req, error) });
};

/**
 * The OAuth 2.0 authorization server: `POST /oauth/token` (client credentials grant),
 * `GET /oauth/jwks.json` (token keys) and `GET /.well-known/oauth-authorization-server`
 * (RFC 8414 metadata). Also lets tenant routes on `db` (and `analyticsDb`) accept its tokens.
 */
export function oauthRouter(deps: OAuthDeps & { analyticsDb?: Db }): Router {
  for (const db of new Set([deps.db, deps.analyticsDb ?? deps.db])) acceptAccessTokens(db, { issuer: deps.publicUrl, now: deps.now });
  const router = Router();

  router.post('/oauth/token', noStore, parseForm, async (req, res) => {
    res.json(await grantClientCredentials(deps, readTokenRequest(req)));
  });

  router.get('/oauth/jwks.json', (_req, res) => {
    loadOrCreateTokenSigningKey(deps);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/jwk-set+json').json(tokenKeySet(deps.db));
  });

  router.get('/.well-known/oauth-authorization-server', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.json({
      issuer: deps.publicUrl,
      token_endpoint: `${deps.publicUrl}/oauth/token`,
      jwks_uri: `${deps.publicUrl}/oauth/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: SCOPES,
      // No authorization endpoint: no response type is supported (the member is required).
      response_types_supported: [],
    });
  });

  router.use('/oauth/token', renderOAuthError);
  return router;
}
