import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../../src/adapters/slack/cooldown.js';

describe('Cooldown', () => {
  it('allows one per window per user, tells the user once, and reopens after the window', () => {
    let now = 1_000_000;
    const c = new Cooldown(10_000, () => now);
    expect(c.check('U1')).toEqual({ ok: true });
    expect(c.check('U2')).toEqual({ ok: true });
    now += 4000;
    expect(c.check('U1')).toEqual({ ok: false, retryInMs: 6000, notify: true });
    expect(c.check('U1')).toEqual({ ok: false, retryInMs: 6000, notify: false });
    now += 6000;
    expect(c.check('U1')).toEqual({ ok: true });
  });

  it('stays bounded under a flood of distinct users', () => {
    let now = 0;
    const c = new Cooldown(1000, () => now, 100);
    for (let i = 0; i < 1000; i++) {
      now += 1;
      expect(c.check(`U${i}`).ok).toBe(true);
    }
    expect((c as unknown as { last: Map<string, unknown> }).last.size).toBeLessThanOrEqual(100);
  });
});
