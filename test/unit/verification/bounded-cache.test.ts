import { describe, expect, it } from '@jest/globals';
import { approximateJsonBytes, BoundedCache } from '../../../src/verification/bounded-cache.js';

const weighed = (maxBytes: number) => new BoundedCache<string>(100, { maxBytes, sizeOf: (value) => value.length });

describe('BoundedCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('evicts the oldest entry when every entry was read since', () => {
    const cache = new BoundedCache<number>(3);
    for (const [i, key] of ['a', 'b', 'c'].entries()) cache.set(key, i);
    for (const key of ['c', 'b', 'a']) cache.get(key);
    cache.set('d', 3);
    expect(['a', 'b', 'c', 'd'].map((key) => cache.get(key))).toEqual([undefined, 1, 2, 3]);
  });

  it('with a byte budget, evicts the least recently used entries until the new one fits', () => {
    const cache = weighed(10);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    cache.get('a');
    cache.set('c', 'cccccc');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    cache.set('d', 'dddddddd');
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('d')).toBe('dddddddd');
  });

  it('counts a replaced value once', () => {
    const cache = weighed(10);
    cache.set('a', 'aaaaaa');
    cache.set('a', 'aaaaaa');
    cache.set('b', 'bbbb');
    expect(cache.get('a')).toBe('aaaaaa');
    expect(cache.get('b')).toBe('bbbb');
  });

  it('does not keep a value heavier than the whole budget, nor the value it replaced', () => {
    const cache = weighed(10);
    cache.set('a', 'aaaa');
    cache.set('b', 'b'.repeat(11));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    cache.set('a', 'a'.repeat(11));
    expect(cache.get('a')).toBeUndefined();
  });

  it('rejects impossible limits', () => {
    expect(() => new BoundedCache(0)).toThrow(TypeError);
    expect(() => new BoundedCache(1, { maxBytes: 0, sizeOf: () => 1 })).toThrow(TypeError);
  });
});

describe('approximateJsonBytes', () => {
  it('counts two bytes per character of the JSON form', () => {
    expect(approximateJsonBytes({ a: 'xyz' })).toBe(2 * '{"a":"xyz"}'.length);
    expect(approximateJsonBytes(undefined)).toBe(0);
  });
});
