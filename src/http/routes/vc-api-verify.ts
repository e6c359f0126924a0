import { Router, type Response } from 'express';
import type { DocumentLoader } from '../../credentials/document-loader.js';
import type { StatusChecker } from '../../credentials/verification-checks.js';
import type { Db } from '../../db/client.js';
import { createVerifierDocumentLoader } from '../../vc-api/verifier-document-loader.js';
import type { VcApiVerificationResult } from '../../vc-api/verification-result.js';
import { verifyCredentialRequest } from '../../vc-api/verify-credential-request.js';
import { verifyPresentationRequest } from '../../vc-api/verify-presentation.js';
import { verifyCredentialBody, verifyPresentationBody } from '../schemas/vc-api-verify-input.js';
import { parseInput } from '../validate.js';

/** Dependencies of {@link vcApiVerifyRouter}. */
export interface VcApiVerifyRouterDeps {
  db: Db;
  publicUrl: string;
  now: () => Date;
  /** Status lookups against this instance's lists. */
  checkStatus: StatusChecker;
  /** Defaults to the verifier loader (bundled contexts, did:key, local and guarded remote did:web). */
  documentLoader?: DocumentLoader;
}

function send(res: Response, result: VcApiVerificationResult): void {
  res.setHeader('Cache-Control', 'no-store');
  res.status(result.verified ? 200 : 422).json(result);
}

/**
 * VC-API verifier (public, behind the public rate limiter): `POST /credentials/verify` and
 * `POST /presentations/verify` answer 200 with `{verified: true, checks, warnings, errors}`,
 * or 422 with `verified: false` and one problem detail per failed check. A body that is not a
 * verification request (not an object, no credential, a credential as JSON text) is a 400
 * problem+json `validation_failed`.
 */
export function vcApiVerifyRouter(deps: VcApiVerifyRouterDeps): Router {
  const router = Router();
  const { documentLoader, checkStatus, now } = deps;
  const loaderPerRequest = documentLoader ? () => documentLoader : createVerifierDocumentLoader({ db: deps.db, publicUrl: deps.publicUrl });
  const verifierDeps = () => ({ documentLoader: loaderPerRequest(), checkStatus, now });
  router.post('/credentials/verify', async (req, res) => {
    const body = parseInput(verifyCredentialBody, req.body);
    send(res, await verifyCredentialRequest(verifierDeps(), { credential: body.verifiableCredential }));
  });
  router.post('/presentations/verify', async (req, res) => {
    const body = parseInput(verifyPresentationBody, req.body);
    send(res, await verifyPresentationRequest(verifierDeps(), { presentation: body.verifiablePresentation, ...body.options }));
  });
  return router;
}
