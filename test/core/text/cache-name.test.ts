import { describe, expect, it } from 'vitest';
import { cacheName } from '../../../src/core/text/cache-name.js';

describe('cacheName', () => {
  it('is 16 hex digits, the same for the same text, different for nearby texts', () => {
    expect(cacheName('["bundled","/k"]')).toMatch(/^[0-9a-f]{16}$/);
    expect(cacheName('["bundled","/k"]')).toBe(cacheName('["bundled","/k"]'));
    const names = new Set(['', 'a', 'b', 'ab', 'ba', '/knowledge', '/knowledge2', '/knowledgf', 'ü', 'ý'].map(cacheName));
    expect(names.size).toBe(10);
  });
});
