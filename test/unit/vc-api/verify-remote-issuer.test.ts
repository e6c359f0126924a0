import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentLoader } from '../../../src/credentials/document-loader.js';
import { generateSigningKey } from '../../../src/credentials/issuer-keys.js';
import { signVcJwt } from '../../../src/credentials/sign-jwt.js';
import { openDatabase, type DatabaseHandle } from '../../../src/db/client.js';
import { createVerifierDocumentLoader } from '../../../src/vc-api/verifier-document-loader.js';
import { verifyCredentialRequest } from '../../../src/vc-api/verify-credential-request.js';
import { verifyPresentationRequest } from '../../../src/vc-api/verify-presentation.js';
import { createRemoteDidWebResolver } from '../../../src/verification/remote-did-web-resolver.js';
import { externalKeyFor, signExternally, unsignedCredential, VC2 } from '../../fixtures/vc-api/external-signing.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/vc-api/${name}`, import.meta.url), 'utf8');
const cert = fixture('localhost-cert.pem');

let dir: string;
let database: DatabaseHandle;
let server: Server;
let didDocument: object = {};
let did: string;
let requestedPaths: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credence-remote-issuer-'));
  database = openDatabase(join(dir, 'credence.db'));
  // A path under /stall/ is a hostile host's: it never answers.
  server = createServer({ cert, key: fixture('localhost-key.pem') }, (req, res) => {
    requestedPaths.push(req.url ?? '');
    if (!req.url?.startsWith('/stall/')) res.end(JSON.stringify(didDocument));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  did = `did:web:localhost%3A${(server.address() as AddressInfo).port}:issuers:remote`;
});
afterAll(async () => {
  server.closeAllConnections();
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

describe('VC-JWTs of did:web issuers on other hosts', () => {
  async function jwtWithKeyListedUnder(relationships: string[]) {
    const pair = await generateSigningKey();
    didDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: '#key-1', type: 'Multikey', controller: did, publicKeyMultibase: pair.publicKeyMultibase }],
      ...Object.fromEntries(relationships.map((relationship) => [relationship, ['#key-1']])),
    };
    return signVcJwt({ credential: unsignedCredential(did), kid: `${did}#key-1`, ...pair });
  }

  it('verifies a VC-JWT whose kid is an assertionMethod of the issuer', async () => {
    expect(await verifierFor('2026-11-02T10:00:00Z')(await jwtWithKeyListedUnder(['assertionMethod']))).toMatchObject({ verified: true, errors: [] });
  });

  it('refuses a VC-JWT whose kid the issuer lists only for authentication', async () => {
    const result = await verifierFor('2026-11-02T10:00:00Z')(await jwtWithKeyListedUnder(['authentication']));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'issuer_mismatch', check: 'issuer', detail: expect.stringContaining('assertionMethod') })]);
  });
});

describe('the remote resolution budget of one verification request', () => {
  const stalling = (name: string) => `${did.split(':').slice(0, 3).join(':')}:stall:${name}`;
  /** A presentation whose every DID is on the stalling host: resolved one after another. */
  async function hostilePresentation(credentials: number) {
    const issued = await Promise.all(Array.from({ length: credentials }, async (_, i) => {
      const credential = await signExternally(unsignedCredential(stalling(`issuer-${i}`)), await externalKeyFor(stalling(`key-${i}`)));
      return credential;
    }));
    return { '@context': [VC2], type: ['VerifiablePresentation'], verifiableCredential: issued };
  }
  const resolveRemoteDid = () => createRemoteDidWebResolver({ resolveAddress: async () => ({ address: '127.0.0.1', family: 4 }), ca: cert, timeoutMs: 1000 });
  const verifyWith = (loader: () => DocumentLoader, presentation: unknown) =>
    verifyPresentationRequest({ documentLoader: loader(), checkStatus: async () => ({ revoked: false }), now: () => new Date('2026-11-02T10:00:00Z') }, { presentation });

  beforeEach(() => {
    requestedPaths = [];
  });

  it('shares one deadline among every DID a request resolves, so a host that never answers holds it no longer', async () => {
    const loader = createVerifierDocumentLoader({ db: database.db, publicUrl: 'https://credence.test', resolveRemoteDid: resolveRemoteDid(), budget: { totalMs: 600 } });
    const started = Date.now();
    const result = await verifyWith(loader, await hostilePresentation(1));
    // Two DIDs (key, then issuer) at 1 s each would take 2 s without the shared deadline.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.errors.map((e) => e.code)).toEqual(['invalid_signature', 'issuer_not_resolvable']);
  });

  it('resolves at most the budgeted number of distinct remote DIDs per request', async () => {
    const loader = createVerifierDocumentLoader({ db: database.db, publicUrl: 'https://credence.test', resolveRemoteDid: resolveRemoteDid(), budget: { maxDids: 3, totalMs: 2000 } });
    const result = await verifyWith(loader, await hostilePresentation(4));
    expect(result.verified).toBe(false);
    expect(new Set(requestedPaths).size).toBe(3);
  });

  it('never fetches its own host name, however spelled and on any port', async () => {
    const loader = createVerifierDocumentLoader({ db: database.db, publicUrl: 'https://localhost', resolveRemoteDid: resolveRemoteDid() });
    const port = did.split('%3A')[1]!.split(':')[0]!;
    for (const host of [`localhost%3A${port}`, `LOCALHOST%3A${port}`, `localhost.%3A${port}`, 'localhost%3A443', 'LocalHost.']) {
      await expect(loader()(`did:web:${host}:issuers:remote`)).rejects.toThrow();
    }
    expect(requestedPaths).toEqual([]);
  });
});
