/** Example requests of the VC-API issuer: shown on `/docs` and used in its curl examples. */

/** A VC Data Model 2.0 credential, with a revocation entry requested. */
export const ISSUE_VC2_EXAMPLE = {
  credential: {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:0b9e1e4c-3f5e-4a2a-9a53-6a0f8a7c2d11',
    type: ['VerifiableCredential', 'ExampleAlumniCredential'],
    validFrom: '2026-01-15T09:30:00Z',
    credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', alumniOf: 'Example University' },
  },
  options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } },
};

/** A VC Data Model 1.1 credential (`issuanceDate` is filled in when left out). */
export const ISSUE_VC1_EXAMPLE = {
  credential: {
    '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:5f2a0c1e-8d4b-4c7e-b1a9-2e6d3c4f5a60',
    type: ['VerifiableCredential', 'UniversityDegreeCredential'],
    credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', degree: { type: 'BachelorDegree', name: 'Bachelor of Science' } },
  },
};

/** Revoking a credential issued with a status entry. */
export const REVOKE_EXAMPLE = {
  credentialId: 'urn:uuid:0b9e1e4c-3f5e-4a2a-9a53-6a0f8a7c2d11',
  credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
};
