/**
 * Builds unsigned Open Badges 3.0 `OpenBadgeCredential`s (VC Data Model 2.0).
 */
import { createHash } from 'node:crypto';
import { randomSaltHex } from '../security/random-salt.js';
import { toDateTimeStamp } from './date-time.js';
import { CONTEXT_URLS } from './document-loader.js';


/** An OB 3.0 `IdentityObject` (hashed learner identifier). */
export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress' | 'identifier';
  hashed: true;
  salt: string;
}

/** An OB 3.0 `Image`. */
export interface ImageObject {
  id: string;
  type: 'Image';
  caption?: string;
}

/** A W3C Bitstring Status List entry. */
export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

/** An unsigned OB 3.0 credential as built by {@link buildAchievementCredential}. */
export interface AchievementCredential {
  '@context': [typeof CONTEXT_URLS.credentialsV2, typeof CONTEXT_URLS.openBadgesV3];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  description?: string;
  issuer: { id: string; type: ['Profile']; name: string; url: string; image?: ImageObject };
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    type: ['AchievementSubject'];
    name?: string;
    identifier: IdentityObject[];
    achievement: {
      id: string;
      type: ['Achievement'];
      name: string;
      description: string;
      criteria: { narrative: string };
      image?: ImageObject;
    };
  };
  credentialStatus?: BitstringStatusListEntry;
}

/** Input of {@link buildAchievementCredential}. */
export interface AchievementCredentialInput {
  /** Credential id, e.g. `urn:uuid:...` or the public credential URL. */
  id: string;
  /** Credential name; defaults to the achievement name. */
  name?: string;
  description?: string;
  issuer: { id: string; name: string; url: string; image?: string };
  validFrom: Date | string;
  validUntil?: Date | string;
  /** The learner: `email` (preferred) or `learnerId` is hashed with `salt` (random when absent). */
  subject: { name?: string; email?: string; learnerId?: string; salt?: string };
  achievement: { id: string; name: string; description: string; criteriaNarrative: string; image?: string; imageCaption?: string };
  /** Revocation entry; its id is `statusListCredential#index`. */
  credentialStatus?: { statusListIndex: number | string; statusListCredential: string };
}

/**
 * OB 3.0 identity hash: `sha256$` + hex SHA-256 of the UTF-8 value followed by the salt.
 */
export function hashIdentity(value: string, salt: string): string {
  if (typeof value !== 'string' || typeof salt !== 'string') throw new TypeError('value and salt must be strings');
  return 'sha256$' + createHash('sha256').update(value + salt, 'utf8').digest('hex');
}

/** Normalises an email before hashing, so verifiers can reproduce the hash: trimmed, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

function uri(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ABSOLUTE_URI.test(value)) throw new TypeError(`${field} must be an absolute URI`);
  return value;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${field} must be a non-empty string`);
  return value;
}

function image(id: string | undefined, field: string, caption?: string): ImageObject | undefined {
  if (id === undefined) return undefined;
  return { id: uri(id, field), type: 'Image', ...(caption === undefined ? {} : { caption: text(caption, `${field}Caption`) }) };
}

function identifier(subject: AchievementCredentialInput['subject']): IdentityObject {
  const salt = subject.salt ?? randomSaltHex();
  if (subject.email !== undefined) {
    const email = normalizeEmail(text(subject.email, 'subject.email'));
    return { type: 'IdentityObject', identityHash: hashIdentity(email, salt), identityType: 'emailAddress', hashed: true, salt };
  }
  const learnerId = text(subject.learnerId, 'subject.learnerId (or subject.email)');
  return { type: 'IdentityObject', identityHash: hashIdentity(learnerId, salt), identityType: 'identifier', hashed: true, salt };
}

/**
 * Builds an unsigned OB 3.0 `OpenBadgeCredential` (contexts VC 2.0 + OB 3.0.3), ready for
 * {@link signCredential} or {@link signVcJwt}. Property order is fixed so equal inputs give
 * byte-identical JSON.
 * @throws TypeError for missing names, non-absolute ids, bad dates or validUntil ≤ validFrom.
 */
export function buildAchievementCredential(input: AchievementCredentialInput): AchievementCredential {
  const { issuer, subject, achievement } = input;
  const validFrom = toDateTimeStamp(input.validFrom, 'validFrom');
  const validUntil = input.validUntil === undefined ? undefined : toDateTimeStamp(input.validUntil, 'validUntil');
  if (validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom)) throw new TypeError('validUntil must be after validFrom');
  const issuerImage = image(issuer.image, 'issuer.image');
  const achievementImage = image(achievement.image, 'achievement.image', achievement.imageCaption);
  let status: BitstringStatusListEntry | undefined;
  if (input.credentialStatus) {
    const index = String(input.credentialStatus.statusListIndex);
    if (!/^(0|[1-9]\d*)$/.test(index)) throw new TypeError('statusListIndex must be a non-negative integer');
    const list = uri(input.credentialStatus.statusListCredential, 'statusListCredential');
    status = { id: `${list}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: index, statusListCredential: list };
  }
  return {
    '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.openBadgesV3],
    id: uri(input.id, 'id'),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: text(input.name ?? achievement.name, 'name'),
    ...(input.description === undefined ? {} : { description: text(input.description, 'description') }),
    issuer: {
      id: uri(issuer.id, 'issuer.id'),
      type: ['Profile'],
      name: text(issuer.name, 'issuer.name'),
      url: uri(issuer.url, 'issuer.url'),
      ...(issuerImage ? { image: issuerImage } : {}),
    },
    validFrom,
    ...(validUntil === undefined ? {} : { validUntil }),
    credentialSubject: {
      type: ['AchievementSubject'],
      ...(subject.name === undefined ? {} : { name: text(subject.name, 'subject.name') }),
      identifier: [identifier(subject)],
      achievement: {
        id: uri(achievement.id, 'achievement.id'),
        type: ['Achievement'],
        name: text(achievement.name, 'achievement.name'),
        description: text(achievement.description, 'achievement.description'),
        criteria: { narrative: text(achievement.criteriaNarrative, 'achievement.criteriaNarrative') },
        ...(achievementImage ? { image: achievementImage } : {}),
      },
    },
    ...(status ? { credentialStatus: status } : {}),
  };
}
