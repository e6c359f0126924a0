import { describe, expect, it } from '@jest/globals';
import { randomSaltHex } from '../../../src/security/random-salt.js';

describe('randomSaltHex', () => {
  it('gives 16 random bytes as hex, never the same salt twice across pool refills', () => {
    const salts = Array.from({ length: 2000 }, () => randomSaltHex());
    for (const salt of salts) expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(salts).size).toBe(salts.length);
  });

  it('spreads its bytes evenly (each hex digit about 1/16 of the output)', () => {
    const text = Array.from({ length: 4000 }, () => randomSaltHex()).join('');
    const counts = new Map<string, number>();
    for (const digit of text) counts.set(digit, (counts.get(digit) ?? 0) + 1);
    const expected = text.length / 16;
    expect(counts.size).toBe(16);
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.05);
  });
});
