import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { securityLoader } from '@digitalcredentials/security-document-loader';
import * as vc from '@digitalcredentials/vc';
import jsigs from '@digitalcredentials/jsonld-signatures';
import type { Express } from 'express';
import request from 'supertest';

const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const ob303 = JSON.parse(readFileSync(new URL('../fixtures/ob3/context-3.0.3.json', import.meta.url), 'utf8')) as object;

/**
 * The stock Digital Credentials Consortium verifier stack (@digitalcredentials/vc with the
 * security-document-loader's bundled contexts), independent of Credence's own verifier. Only
 * did:web resolution is redirected: to the app's served `/issuers/:slug/did.json`, over HTTP.
 */
export function independentVerifier(app: Express, publicHost: string) {
  const loader = securityLoader({ fetchRemoteContexts: false });
  loader.addStatic(OB_303, ob303);
  loader.setProtocolHandler({
    protocol: 'did',
    handler: {
      async get({ url }: { url: string }) {
        const [did, fragment] = url.split('#');
        const path = did!.replace(`did:web:${publicHost}`, '').split(':').join('/');
        const res = await request(app).get(`${path}/did.json`);
        if (res.status !== 200) throw new Error(`NotFoundError: ${url}`);
        const doc = JSON.parse(res.text) as { verificationMethod: Array<{ id: string }> };
        if (!fragment) return doc;
        const method = doc.verificationMethod.find((m) => m.id === url || m.id === `#${fragment}`);
        if (!method) throw new Error(`NotFoundError: ${url}`);
        return { '@context': 'https://w3id.org/security/multikey/v1', ...method };
      },
    },
  });
  const documentLoader = loader.build();
  return async (credential: object, now: Date): Promise<{ verified: boolean; error?: unknown }> =>
    vc.verifyCredential({
      credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader,
      checkStatus: async () => ({ verified: true }),
      now,
    });
}
