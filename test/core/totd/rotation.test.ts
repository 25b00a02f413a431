import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickNext, remainingInCycle, rotationOrder, type RotationState } from '../../../src/core/totd/rotation.js';

const slugs = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);

/** Applies picks the way the store does: a new cycle forgets the old one. */
function use(state: RotationState, pick: { slug: string; cycle: number }): RotationState {
  return pick.cycle === state.cycle ? { cycle: state.cycle, used: [...state.used, pick.slug] } : { cycle: pick.cycle, used: [pick.slug] };
}

describe('rotation', () => {
  it('is a deterministic shuffle per channel', () => {
    const all = slugs(30);
    expect(rotationOrder(all, 'discord:1', 0)).toEqual(rotationOrder([...all].reverse(), 'discord:1', 0));
    expect(rotationOrder(all, 'discord:1', 0)).not.toEqual(rotationOrder(all, 'discord:2', 0));
    expect(rotationOrder(all, 'discord:1', 0)).not.toEqual(all);
    expect(rotationOrder(all, 'discord:1', 1)).not.toEqual(rotationOrder(all, 'discord:1', 0));
  });

  it('posts every term once before any repeats, over several cycles', () => {
    const all = slugs(12);
    let state: RotationState = { cycle: 0, used: [] };
    const seen: string[] = [];
    for (let i = 0; i < 36; i++) {
      const pick = pickNext(all, state, 'slack:C1')!;
      seen.push(pick.slug);
      state = use(state, pick);
    }
    for (let c = 0; c < 3; c++) expect(new Set(seen.slice(c * 12, c * 12 + 12)).size).toBe(12);
    // No term twice in a row across a cycle boundary.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).not.toBe(seen[i - 1]);
  });

  it("does not open a round with the term posted last, even when the round's first pick was given back", () => {
    const all = slugs(5);
    const seed = Array.from({ length: 500 }, (_, i) => `s${i}`).find((s) => rotationOrder(all, s, 1)[0] === 't3')!;
    // Round 1 has started but holds nothing (its first post failed); t3 was the last term posted.
    expect(pickNext(all, { cycle: 1, used: [] }, seed)?.slug).toBe('t3');
    expect(pickNext(all, { cycle: 1, used: [] }, seed, 't3')).toEqual({ slug: rotationOrder(all, seed, 1)[1], cycle: 1 });
    // Within a round the last posted term is used already: no effect. A single term still posts.
    expect(pickNext(all, { cycle: 1, used: ['t3'] }, seed, 't3')?.slug).toBe(rotationOrder(all, seed, 1)[1]);
    expect(pickNext(['t3'], { cycle: 1, used: [] }, seed, 't3')?.slug).toBe('t3');
  });

  it('skips removed terms and lets new terms join the current cycle', () => {
    let all = slugs(6);
    let state: RotationState = { cycle: 0, used: [] };
    const first = pickNext(all, state, 's')!;
    state = use(state, first);
    const removed = rotationOrder(all, 's', 0).find((s) => !state.used.includes(s))!;
    all = all.filter((s) => s !== removed).concat('fresh');
    const rest: string[] = [];
    for (let i = 0; i < 5; i++) {
      const p = pickNext(all, state, 's')!;
      expect(p.cycle).toBe(0);
      rest.push(p.slug);
      state = use(state, p);
    }
    expect(rest).not.toContain(removed);
    expect(rest).toContain('fresh');
    expect(new Set([first.slug, ...rest]).size).toBe(6);
    expect(remainingInCycle(all, state)).toBe(0);
    expect(pickNext(all, state, 's')!.cycle).toBe(1);
  });

  it('returns null when nothing is eligible, and a single term repeats each cycle', () => {
    expect(pickNext([], { cycle: 0, used: [] }, 's')).toBeNull();
    expect(pickNext(['only'], { cycle: 3, used: ['only'] }, 's')).toEqual({ slug: 'only', cycle: 4 });
  });

  it('property: for any term count and seed, each cycle is a permutation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.string(), (n, seed) => {
        const all = slugs(n);
        let state: RotationState = { cycle: 0, used: [] };
        const seen: string[] = [];
        for (let i = 0; i < 2 * n; i++) {
          const pick = pickNext(all, state, seed)!;
          seen.push(pick.slug);
          state = use(state, pick);
        }
        return new Set(seen.slice(0, n)).size === n && new Set(seen.slice(n)).size === n;
      }),
      { numRuns: 100 },
    );
  });
});
