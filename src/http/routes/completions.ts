import { Router } from 'express';
import type { IssuanceDeps } from '../../issuance/issue-certificate.js';
import { presentCertificate } from '../../issuance/present-certificate.js';
import { recordCompletion } from '../../issuance/record-completion.js';
import { authOf } from '../auth-context.js';
import { requireApiKeyOrWebhookSignature } from '../middleware/auth.js';
import { completionBody, idempotencyKeyHeader } from '../schemas/completion-input.js';
import { parseInput } from '../validate.js';

/** `POST /v1/completions`: the LMS completion webhook (API key or HMAC-signed). */
export function completionsRouter(deps: IssuanceDeps): Router {
  const router = Router();
  router.post('/', requireApiKeyOrWebhookSignature(deps), async (req, res) => {
    const input = parseInput(completionBody, req.body);
    const idempotencyKey = parseInput(idempotencyKeyHeader, req.get('idempotency-key'), 'Idempotency-Key');
    const { certificate, created } = await recordCompletion(deps, { tenant: authOf(res).tenant, input, idempotencyKey });
    const body = presentCertificate(certificate, { publicUrl: deps.publicUrl, now: deps.now(), masterKey: deps.masterKey });
    if (created) res.status(201).location(`/v1/certificates/${certificate.number}`);
    res.json(body);
  });
  return router;
}
