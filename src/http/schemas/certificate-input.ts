import { z } from 'zod';

/** Body of `POST /v1/certificates/:number/revoke`. */
export const revokeCertificateBody = z.strictObject({
  reason: z.string().trim().min(1).max(500).meta({ description: 'Why the certificate is revoked; shown on the public verify page.' }),
});
