import { describe, expect, it } from 'vitest';
import { Cooldown, COOLDOWN_MS, cooldownNotice } from '../../../src/core/chat/cooldown.js';

describe('Cooldown (one limit for every platform)', () => {
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
    now += 1000;
    expect(c.check('U1')).toMatchObject({ ok: false, notify: true });
  });

  it('defaults to the one window and says how long to wait', () => {
    let now = 0;
    const c = new Cooldown(undefined, () => now);
    c.check('a');
    now = 1000;
    const v = c.check('a');
    expect(v).toEqual({ ok: false, retryInMs: COOLDOWN_MS - 1000, notify: true });
    expect(cooldownNotice(4000)).toMatch(/try again in 4 seconds/);
    expect(cooldownNotice(1)).toMatch(/try again in 1 seconds/);
  });

  it('stays bounded under a flood of distinct users', () => {
    let now = 0;
    const c = new Cooldown(1000, () => now, 100);
    for (let i = 0; i < 1000; i++) {
      now += 1;
      expect(c.check(`U${i}`).ok).toBe(true);
    }
    expect(c.size).toBeLessThanOrEqual(100);
  });
});
