import { linkedinAddToProfileUrl, linkedinShareUrl, type AddToProfileInput } from '../../../src/sharing/linkedin.js';

const base: AddToProfileInput = {
  name: 'Python 101',
  organizationName: 'Acme Corp',
  issuedAt: '2026-11-02T10:00:00.000Z',
  validUntil: null,
  certUrl: 'https://credence.test/verify/0b7c2f9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f',
  certId: '0b7c2f9e-1d2a-4c3b-8e4f-5a6b7c8d9e0f',
};

const paramsOf = (url: string) => [...new URL(url).searchParams.entries()];

describe('linkedinAddToProfileUrl', () => {
  it('builds the official add-to-profile URL with parameters in the documented order', () => {
    const url = linkedinAddToProfileUrl(base);
    expect(url.startsWith('https://www.linkedin.com/profile/add?')).toBe(true);
    expect(paramsOf(url)).toEqual([
      ['startTask', 'CERTIFICATION_NAME'],
      ['name', 'Python 101'],
      ['organizationName', 'Acme Corp'],
      ['issueYear', '2026'],
      ['issueMonth', '11'],
      ['certUrl', base.certUrl],
      ['certId', base.certId],
    ]);
  });

  it('uses organizationId instead of organizationName when the tenant has one', () => {
    const params = new URL(linkedinAddToProfileUrl({ ...base, organizationId: '1337' })).searchParams;
    expect(params.get('organizationId')).toBe('1337');
    expect(params.has('organizationName')).toBe(false);
  });

  it('adds expirationYear/expirationMonth only when the credential expires', () => {
    const params = new URL(linkedinAddToProfileUrl({ ...base, validUntil: '2027-11-02T10:00:00.000Z' })).searchParams;
    expect(params.get('expirationYear')).toBe('2027');
    expect(params.get('expirationMonth')).toBe('11');
  });

  it.each([
    ['2026-01-01T00:00:00Z', '2026', '1'],
    ['2026-12-31T23:59:59Z', '2026', '12'],
    // Months follow UTC, as the verify page's dates do: this is still December in UTC.
    ['2027-01-01T00:30:00+01:00', '2026', '12'],
  ])('months are 1–12 in UTC (%s → %s-%s)', (issuedAt, year, month) => {
    const params = new URL(linkedinAddToProfileUrl({ ...base, issuedAt })).searchParams;
    expect([params.get('issueYear'), params.get('issueMonth')]).toEqual([year, month]);
  });

  it('percent-encodes non-ASCII names as UTF-8, spaces as %20, and the verify URL completely', () => {
    const url = linkedinAddToProfileUrl({ ...base, name: 'Sikker løfting & truck', organizationName: 'Nordlys Læring AS' });
    expect(url).toContain('name=Sikker%20l%C3%B8fting%20%26%20truck');
    expect(url).toContain('organizationName=Nordlys%20L%C3%A6ring%20AS');
    expect(url).toContain(`certUrl=${encodeURIComponent(base.certUrl)}`);
    expect(url).not.toContain('+');
    expect(new URL(url).searchParams.get('name')).toBe('Sikker løfting & truck');
  });

  it('refuses a malformed date (a programmer error)', () => {
    expect(() => linkedinAddToProfileUrl({ ...base, issuedAt: 'soon' })).toThrow(TypeError);
  });
});

describe('linkedinShareUrl', () => {
  it('points the share dialog at the encoded page URL', () => {
    expect(linkedinShareUrl('https://credence.test/verify/x?lang=nb')).toBe(
      'https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fcredence.test%2Fverify%2Fx%3Flang%3Dnb',
    );
  });
});
