import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionPattern, decodeValue, encodeValue } from '../../../src/adapters/slack/ids.js';

describe('button values', () => {
  it('round-trip slugs and queries with the depth', () => {
    expect(decodeValue(encodeValue({ ref: { slug: 'load-balancer' }, depth: 'full' }))).toEqual({ ref: { slug: 'load-balancer' }, depth: 'full' });
    expect(decodeValue(encodeValue({ ref: { query: 'DNS vs CDN | odd' }, depth: 'short' }))).toEqual({ ref: { query: 'DNS vs CDN | odd' }, depth: 'short' });
  });

  it('reject anything termbot did not produce', () => {
    for (const v of [undefined, 42, '', 'load-balancer', 'deep|s:x', 'short|s:Bad Slug', 'short|x:y', 'short|s:' + 'a'.repeat(200), 'x'.repeat(3000)]) {
      expect(decodeValue(v)).toBeNull();
    }
  });

  it('property: decoding arbitrary strings never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2100 }), (s) => void decodeValue(s)), { numRuns: 300 });
  });

  it('encoded values stay under the 2000-character button limit', () => {
    expect(encodeValue({ ref: { query: 'q'.repeat(10_000) }, depth: 'short' }).length).toBeLessThanOrEqual(2000);
  });
});

describe('actionPattern', () => {
  it('matches the base id with or without an index, nothing else', () => {
    const p = actionPattern('tb1:term');
    expect(p.test('tb1:term')).toBe(true);
    expect(p.test('tb1:term:12')).toBe(true);
    expect(p.test('tb1:terms')).toBe(false);
    expect(p.test('tb0:term:1')).toBe(false);
  });
});
