import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { createVerifierDocumentLoader } from '../../../src/vc-api/verifier-document-loader.js';
import { verifyCredentialRequest } from '../../../src/vc-api/verify-credential-request.js';
import { createRemoteDidWebResolver } from '../../../src/verification/remote-did-web-resolver.js';
import { externalKeyFor, signExternally, unsignedCredential } from '../../fixtures/vc-api/external-signing.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/vc-api/${name}`, import.meta.url), 'utf8');
const cert = fixture('localhost-cert.pem');

let dir: string;
let database: DatabaseHandle;
let server: Server;
let didDocument: object = {};
let did: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-remote-issuer-'));
  database = openDatabase(join(dir, 'credence.db'));
  server = createServer({ cert, key: fixture('localhost-key.pem') }, (_req, res) => res.end(JSON.stringify(didDocument)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  did = `did:web:localhost%3A${(server.address() as AddressInfo).port}:issuers:remote`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

function verifierFor(now: string) {
  // The test host is on loopback, which the production guard refuses; here it is the one allowed address.
  const resolveRemoteDid = createRemoteDidWebResolver({ resolveAddress: async () => ({ address: '127.0.0.1', family: 4 }), ca: cert });
  const loader = createVerifierDocumentLoader({ db: database.db, publicUrl: 'https://credence.test', resolveRemoteDid });
  return (credential: unknown) => verifyCredentialRequest({ documentLoader: loader(), checkStatus: async () => ({ revoked: false }), now: () => new Date(now) }, { credential });
}

describe('credentials of did:web issuers on other hosts', () => {
  it('verifies against the DID document fetched over HTTPS (relative key ids included)', async () => {
    const key = await externalKeyFor(did);
    didDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: '#key-1', type: 'Multikey', controller: did, publicKeyMultibase: key.keyPair.publicKeyMultibase }],
      assertionMethod: ['#key-1'],
    };
    const credential = await signExternally(unsignedCredential(did), key);
    expect(await verifierFor('2026-11-02T10:00:00Z')(credential)).toMatchObject({ verified: true, errors: [] });
  });

  it('fails when the remote DID document does not list the key', async () => {
    const key = await externalKeyFor(did);
    didDocument = { id: did, verificationMethod: [], assertionMethod: [] };
    const result = await verifierFor('2026-11-02T10:00:00Z')(await signExternally(unsignedCredential(did), key));
    expect(result.verified).toBe(false);
    expect(result.errors.map((e) => e.check)).toEqual(['signature', 'issuer']);
  });
});
