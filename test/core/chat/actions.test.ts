import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction, MAX_ACTION_LENGTH, type ActionRef } from '../../../src/core/chat/actions.js';

describe('action references', () => {
  it("round-trip, are versioned and stay within Discord's 100 characters", () => {
    const refs: ActionRef[] = [
      { kind: 'show', slugs: ['load-balancer'], depth: 'full' },
      { kind: 'open', slugs: ['cdn'], depth: 'short' },
      { kind: 'share', slugs: ['tcp', 'udp'], depth: 'short' },
      { kind: 'page', category: 'security', page: 3 },
      { kind: 'page', category: null, page: 0 },
    ];
    for (const r of refs) {
      const id = encodeAction(r)!;
      expect(id.startsWith('tb1:')).toBe(true);
      expect(id.length).toBeLessThanOrEqual(MAX_ACTION_LENGTH);
      expect(decodeAction(id)).toEqual(r);
    }
    expect(encodeAction({ kind: 'show', slugs: ['load-balancer'], depth: 'short' })).toBe('tb1:t:load-balancer:s');
    expect(encodeAction({ kind: 'show', slugs: ['a'.repeat(200)], depth: 'short' })).toBeNull();
  });

  it('reject old versions, old Slack values and forged ids', () => {
    for (const id of [
      undefined,
      42,
      'tb0:t:cdn:s',
      'tb1:t:cdn:x',
      'tb1:t:CDN:s',
      'tb1:t:../x:s',
      'tb1:pg:all:-1',
      'tb1:pg:all:abc',
      // A page's category may be a team's own (checked against those in use when clicked), but always kebab-case.
      'tb1:pg:Nope:1',
      'tb1:pg:../x:1',
      'tb1:t:cdn:s:extra',
      'tb1:zz:cdn:s',
      '',
      'short|s:cdn',
      '<!channel>',
      'x'.repeat(101),
    ]) {
      expect(decodeAction(id)).toBeNull();
    }
  });

  it('property: decoding never throws, and whatever decodes encodes back to the same string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        const a = decodeAction(s);
        if (a) expect(encodeAction(a)).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});
