import { Router } from 'express';
import { issueCredential, type IssueCredentialDeps } from '../../vc-api/issue-credential.js';
import { revokeIssuedCredential } from '../../vc-api/update-credential-status.js';
import { authOf } from '../auth-context.js';
import { requireApiKey } from '../middleware/auth.js';
import { issueCredentialBody, updateCredentialStatusBody } from '../schemas/vc-api-issue-input.js';
import { parseInput } from '../validate.js';

/**
 * VC-API issuer, per tenant: `POST /credentials/issue` (scope `credentials:issue`) answers 201
 * `{"verifiableCredential": …}`; `POST /credentials/status` (scope `credentials:status`)
 * revokes a credential issued with a status entry. Refusals are problem+json: 400 for a body
 * that is not an issue request, 422 naming the field for a credential that breaks the rules,
 * 403 `issuer_not_allowed` for an issuer that is not the caller's.
 */
export function vcApiIssueRouter(deps: IssueCredentialDeps): Router {
  const router = Router();
  router.post('/credentials/issue', requireApiKey(deps.db, 'credentials:issue'), async (req, res) => {
    const body = parseInput(issueCredentialBody, req.body);
    const verifiableCredential = await issueCredential(deps, {
      tenant: authOf(res).tenant,
      credential: body.credential,
      credentialStatus: body.options?.credentialStatus,
    });
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({ verifiableCredential });
  });
  router.post('/credentials/status', requireApiKey(deps.db, 'credentials:status'), async (req, res) => {
    const body = parseInput(updateCredentialStatusBody, req.body);
    res.json(await revokeIssuedCredential(deps, { tenant: authOf(res).tenant, credentialId: body.credentialId }));
  });
  return router;
}
