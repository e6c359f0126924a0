import { createHash } from 'node:crypto';
import { canonicalJson, subjectDigest, subjectDigestKey } from '../../../src/vc-api/issuance-log.js';

const masterKey = Buffer.alloc(32, 7);
const subject = { id: 'mailto:ada@example.com', name: 'Ada' };

describe('subject digests in the issuance log', () => {
  it('is the same for equal subjects of one tenant, whatever the key order', () => {
    const key = subjectDigestKey(masterKey, 'tenant-a');
    expect(subjectDigest({ name: 'Ada', id: 'mailto:ada@example.com' }, key)).toBe(subjectDigest(subject, key));
    expect(subjectDigest({ ...subject, name: 'Grace' }, key)).not.toBe(subjectDigest(subject, key));
  });

  it('cannot be confirmed from a guessed subject without the master key', () => {
    const digest = subjectDigest(subject, subjectDigestKey(masterKey, 'tenant-a'));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toBe(createHash('sha256').update(canonicalJson(subject)).digest('hex'));
    expect(digest).not.toBe(subjectDigest(subject, subjectDigestKey(Buffer.alloc(32, 8), 'tenant-a')));
  });

  it('does not link the same subject across tenants', () => {
    expect(subjectDigest(subject, subjectDigestKey(masterKey, 'tenant-a'))).not.toBe(subjectDigest(subject, subjectDigestKey(masterKey, 'tenant-b')));
  });
});
