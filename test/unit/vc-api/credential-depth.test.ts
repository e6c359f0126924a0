import { AppError } from '../../../src/errors.js';
import { exceedsJsonDepth } from '../../../src/json-depth.js';
import { assertCredentialDepth, MAX_CREDENTIAL_DEPTH } from '../../../src/vc-api/credential-depth.js';

/** `levels` objects nested in one another: `{"a":{"a":…{"a":1}}}`. */
const nestedObjects = (levels: number): Record<string, unknown> => {
  let value: Record<string, unknown> = { a: 1 };
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
};

describe('exceedsJsonDepth', () => {
  it('counts objects and arrays, the top level being 1, scalars adding none', () => {
    expect(exceedsJsonDepth({ a: 'x', b: [1, 2] }, 2)).toBe(false);
    expect(exceedsJsonDepth({ a: 'x', b: [1, 2] }, 1)).toBe(true);
    expect(exceedsJsonDepth([[[]]], 3)).toBe(false);
    expect(exceedsJsonDepth([[[]]], 2)).toBe(true);
    expect(exceedsJsonDepth('text', 0)).toBe(false);
    expect(exceedsJsonDepth(nestedObjects(10), 10)).toBe(false);
    expect(exceedsJsonDepth(nestedObjects(11), 10)).toBe(true);
  });

  it('finds a deep branch beside shallow ones', () => {
    const value = { shallow: [1, 2, 3], deep: { x: nestedObjects(5) } };
    expect(exceedsJsonDepth(value, 7)).toBe(false);
    expect(exceedsJsonDepth(value, 6)).toBe(true);
  });

  it('measures nesting far beyond the call stack without overflowing it', () => {
    const deep = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)) as unknown;
    expect(exceedsJsonDepth(deep, MAX_CREDENTIAL_DEPTH)).toBe(true);
  });
});

describe('assertCredentialDepth', () => {
  it(`accepts ${MAX_CREDENTIAL_DEPTH} levels and refuses one more with a 422 naming the credential`, () => {
    expect(() => assertCredentialDepth(nestedObjects(MAX_CREDENTIAL_DEPTH))).not.toThrow();
    const error = (() => {
      try {
        assertCredentialDepth(nestedObjects(MAX_CREDENTIAL_DEPTH + 1));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'credential_too_deep', status: 422, field: 'credential' });
  });
});
