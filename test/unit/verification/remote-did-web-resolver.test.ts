import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { createRemoteDidWebResolver } from '../../../src/verification/remote-did-web-resolver.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/vc-api/${name}`, import.meta.url), 'utf8');
const cert = fixture('localhost-cert.pem');
const key = fixture('localhost-key.pem');
/** The test server lives on loopback, which the default guard refuses: these tests allow it. */
const loopbackOnly = async () => ({ address: '127.0.0.1', family: 4 as const });

let handler: RequestListener;
let server: Server;
let requests = 0;
let did: string;

beforeAll(async () => {
  server = createHttpsServer({ cert, key }, (req, res) => {
    requests += 1;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  did = `did:web:localhost%3A${(server.address() as AddressInfo).port}:issuers:remote`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = 0;
});

const serveJson = (body: unknown, status = 200): RequestListener => (_req, res) => {
  res.writeHead(status, { 'Content-Type': 'application/did+json' }).end(JSON.stringify(body));
};
const resolver = (options = {}) => createRemoteDidWebResolver({ resolveAddress: loopbackOnly, ca: cert, ...options });

describe('createRemoteDidWebResolver over HTTPS', () => {
  it('fetches the DID document at /PATH/did.json, makes fragment ids absolute and caches it', async () => {
    let path = '';
    handler = (req, res) => {
      path = req.url ?? '';
      serveJson({ id: did, verificationMethod: [{ id: '#key-1', type: 'Multikey', controller: did, publicKeyMultibase: 'z6Mk' }], assertionMethod: ['#key-1'] })(req, res);
    };
    const resolve = resolver();
    const document = await resolve(did);
    expect(path).toBe('/issuers/remote/did.json');
    expect(document).toMatchObject({ id: did, verificationMethod: [{ id: `${did}#key-1` }], assertionMethod: [`${did}#key-1`] });
    await resolve(did);
    expect(requests).toBe(1);
  });

  it.each([
    ['a document for another DID', serveJson({ id: 'did:web:elsewhere.example' })],
    ['a 404', serveJson({}, 404)],
    ['a redirect', ((_req, res) => res.writeHead(302, { Location: 'https://127.0.0.1/' }).end()) as RequestListener],
    ['a body that is not JSON', ((_req, res) => res.end('<html>')) as RequestListener],
    ['a body over the size cap', ((_req, res) => res.end(JSON.stringify({ id: did, padding: 'x'.repeat(2000) }))) as RequestListener],
  ])('resolves %s to null', async (_name, answer) => {
    handler = answer;
    expect(await resolver({ maxBytes: 1000 })(did)).toBeNull();
  });

  it('gives up on a host that never answers after the timeout', async () => {
    handler = () => undefined;
    const started = Date.now();
    expect(await resolver({ timeoutMs: 300 })(did)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a certificate it does not trust', async () => {
    handler = serveJson({ id: did });
    expect(await createRemoteDidWebResolver({ resolveAddress: loopbackOnly })(did)).toBeNull();
  });
});

describe('createRemoteDidWebResolver with the default SSRF guard', () => {
  it('never connects to a DID host on loopback', async () => {
    let connections = 0;
    const tcp = createTcpServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const port = (tcp.address() as AddressInfo).port;
    const resolve = createRemoteDidWebResolver();
    expect(await resolve(`did:web:127.0.0.1%3A${port}:issuers:x`)).toBeNull();
    expect(await resolve(`did:web:localhost%3A${port}`)).toBeNull();
    expect(await resolve('did:web:%5B%3A%3A1%5D')).toBeNull();
    await new Promise((done) => tcp.close(done));
    expect(connections).toBe(0);
  });

  it('refuses a private address at once instead of timing out', async () => {
    const started = Date.now();
    expect(await createRemoteDidWebResolver({ timeoutMs: 3000 })('did:web:10.0.0.1:issuers:x')).toBeNull();
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe('createRemoteDidWebResolver: caller deadlines and the concurrency cap', () => {
  const didFor = (name: string) => did.replace(':remote', `:${name}`);
  let inFlight = 0;
  let mostInFlight = 0;
  /** Answers after `ms` (never when `ms` is null), counting requests in flight. */
  const answerAfter = (ms: number | null): RequestListener => (req, res) => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    if (ms !== null) setTimeout(() => serveJson({ id: didFor(req.url!.split('/')[2]!) })(req, res), ms);
  };
  beforeEach(() => {
    mostInFlight = 0;
  });

  it('gives up when the caller aborts, without caching that as a failure of the host', async () => {
    handler = answerAfter(null);
    const resolve = resolver({ timeoutMs: 5000 });
    const started = Date.now();
    expect(await resolve(didFor('slow'), { signal: AbortSignal.timeout(200) })).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
    handler = answerAfter(0);
    expect(await resolve(didFor('slow'))).toMatchObject({ id: didFor('slow') });
  });

  it('keeps at most maxConcurrent resolutions in flight; the others wait for a slot', async () => {
    handler = answerAfter(150);
    const resolve = resolver({ maxConcurrent: 2, timeoutMs: 2000 });
    const documents = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => resolve(didFor(name))));
    expect(documents.map((d) => d?.id)).toEqual(['a', 'b', 'c', 'd', 'e'].map(didFor));
    expect(mostInFlight).toBe(2);
  });

  it('fails a resolution that finds no free slot before its deadline, without a request', async () => {
    handler = answerAfter(null);
    const resolve = resolver({ maxConcurrent: 1, timeoutMs: 300 });
    const results = await Promise.all([resolve(didFor('held')), resolve(didFor('waiting'))]);
    expect(results).toEqual([null, null]);
    expect(requests).toBe(1);
  });
});
