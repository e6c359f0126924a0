import { describe, expect, it } from '@jest/globals';
import { buildAchievementCredential, hashIdentity } from '../../../src/credentials/build-achievement-credential.js';
import { validateAchievementCredential } from '../../../src/credentials/credential-schema.js';
import { acme, buildCredential, credentialInput, validateWithOfficialSchema } from './fixtures.js';

describe('buildAchievementCredential', () => {
  it('builds an OB 3.0 OpenBadgeCredential that the official schema accepts', () => {
    const credential = buildCredential();
    expect(credential).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:3f1c9a52-7a51-4d0b-9d55-0d5b6a0c1e01',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Safe use of AI assistants',
      issuer: { id: acme.did, type: ['Profile'], name: 'Acme Learning', url: 'https://acme.example', image: { id: 'https://credence.test/issuers/acme/logo.png', type: 'Image' } },
      validFrom: '2026-11-02T10:00:00Z',
      validUntil: '2028-11-02T10:00:00Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        name: 'Åse Nordmann',
        identifier: [{ type: 'IdentityObject', identityHash: hashIdentity('ase@example.com', 'c0ffee'), identityType: 'emailAddress', hashed: true, salt: 'c0ffee' }],
        achievement: {
          id: 'https://credence.test/issuers/acme/courses/safe-ai',
          type: ['Achievement'],
          name: 'Safe use of AI assistants',
          description: 'Uses AI coding assistants safely, including review of generated code.',
          criteria: { narrative: 'Completed all modules and passed the final assessment (≥ 80%).' },
          image: { id: 'https://credence.test/issuers/acme/courses/safe-ai/badge.png', type: 'Image' },
        },
      },
      credentialStatus: {
        id: 'https://credence.test/status/acme/1#4242',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '4242',
        statusListCredential: 'https://credence.test/status/acme/1',
      },
    });
    expect(validateWithOfficialSchema(credential)).toBe(true);
    expect(validateAchievementCredential(credential)).toEqual({ ok: true, errors: [] });
  });

  it('hashes identities as OB 3.0 specifies (spec example: a@example.com salted with Kosher)', () => {
    expect(hashIdentity('a@example.com', 'Kosher')).toBe('sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399');
  });

  it('normalises the email, uses a random salt by default, and falls back to the learner id', () => {
    const a = buildAchievementCredential({ ...credentialInput(), subject: { email: '  Ase@Example.COM ' } });
    const [id] = a.credentialSubject.identifier;
    expect(id?.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(id?.identityHash).toBe(hashIdentity('ase@example.com', id!.salt));
    const b = buildAchievementCredential({ ...credentialInput(), subject: { learnerId: 'emp-0042', salt: 's' } });
    expect(b.credentialSubject.identifier).toEqual([{ type: 'IdentityObject', identityHash: hashIdentity('emp-0042', 's'), identityType: 'identifier', hashed: true, salt: 's' }]);
    expect(b.credentialSubject).not.toHaveProperty('name');
    expect(validateWithOfficialSchema(b)).toBe(true);
  });

  it('leaves optional parts out and rejects bad input with TypeError', () => {
    const minimal = buildAchievementCredential({
      ...credentialInput(),
      validUntil: undefined as never,
      credentialStatus: undefined as never,
      issuer: { id: acme.did, name: 'Acme', url: 'https://acme.example' },
    });
    expect(minimal).not.toHaveProperty('validUntil');
    expect(minimal).not.toHaveProperty('credentialStatus');
    expect(minimal.issuer).not.toHaveProperty('image');
    expect(validateWithOfficialSchema(minimal)).toBe(true);
    expect(() => buildCredential(acme, { id: 'not a uri' })).toThrow(TypeError);
    expect(() => buildCredential(acme, { validFrom: '2026-11-02' })).toThrow(TypeError);
    expect(() => buildCredential(acme, { validUntil: new Date('2026-01-01T00:00:00Z') })).toThrow('validUntil must be after validFrom');
    expect(() => buildCredential(acme, { subject: {} })).toThrow(TypeError);
    expect(() => buildCredential(acme, { credentialStatus: { statusListIndex: -1, statusListCredential: 'https://x.test/s' } })).toThrow(TypeError);
  });
});
