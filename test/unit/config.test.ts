import { loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, 2);
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: './data/credence.db',
      dataDir: './data',
      seedDemo: true,
      signerThreads: 1,
      signerNiceness: 10,
      accessTokenLifetimeSeconds: 3600,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('leaves one core to the request thread: a signer thread per other core, at least one', () => {
    expect(loadConfig({}, 1).signerThreads).toBe(1);
    expect(loadConfig({}, 8).signerThreads).toBe(7);
    expect(loadConfig({ SIGNER_THREADS: '4' }, 8).signerThreads).toBe(4);
  });

  it('derives PUBLIC_URL from PORT and strips a trailing slash', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://creds.example/' }).publicUrl).toBe('https://creds.example');
  });

  it('accepts file: URLs for SQLite', () => {
    expect(loadConfig({ DATABASE_URL: 'file:/tmp/x/y.db' }).dataDir).toBe('/tmp/x');
  });

  it('reads the OAuth access-token lifetime within one minute to one day', () => {
    expect(loadConfig({ OAUTH_TOKEN_TTL_SECONDS: '900' }).accessTokenLifetimeSeconds).toBe(900);
    expect(() => loadConfig({ OAUTH_TOKEN_TTL_SECONDS: '5' })).toThrow(/OAUTH_TOKEN_TTL_SECONDS/);
  });

  it('lists every invalid setting', () => {
    expect(() => loadConfig({ PORT: 'abc', PUBLIC_URL: 'not a url' })).toThrow(/PORT.*PUBLIC_URL|PUBLIC_URL.*PORT/s);
  });
});
