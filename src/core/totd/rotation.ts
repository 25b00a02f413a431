/**
 * Per-channel rotation: every eligible term once, in a shuffled order, before any repeats.
 * The order is a sort by a seeded hash of each slug, so adding or removing a term leaves the
 * relative order of the others unchanged, and the same channel always gets the same order.
 */
export interface RotationState {
  cycle: number;
  /** Slugs already used (posted or skipped) in this cycle, oldest first. */
  used: string[];
}

export interface RotationPick {
  slug: string;
  /** The cycle the pick belongs to; one more than the state's when the cycle started over. */
  cycle: number;
}

/** cyrb53: a small, well-mixed, deterministic string hash. */
function hash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The shuffled order of `slugs` for a channel seed and cycle. */
export function rotationOrder(slugs: readonly string[], seed: string, cycle: number): string[] {
  const keyed = slugs.map((slug) => ({ slug, key: hash(`${seed}\u0000${cycle}\u0000${slug}`) }));
  keyed.sort((a, b) => a.key - b.key || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return keyed.map((k) => k.slug);
}

/**
 * The next term, or null when nothing is eligible. Removed terms are simply not in `eligible`.
 * `lastPosted` is the term the channel saw last: a round whose first pick was given back (the post
 * failed) or skipped must still not open with it.
 */
export function pickNext(eligible: readonly string[], state: RotationState, seed: string, lastPosted?: string | null): RotationPick | null {
  if (eligible.length === 0) return null;
  const used = new Set(state.used);
  const unused = rotationOrder(eligible, seed, state.cycle).filter((s) => !used.has(s));
  if (unused[0] !== undefined) {
    // Within a round the last posted term is used already, so this only matters at a round's start.
    const slug = unused[0] === lastPosted && unused.length > 1 ? unused[1]! : unused[0];
    return { slug, cycle: state.cycle };
  }
  // Every eligible term was used: start over, but never repeat the last term back to back.
  const cycle = state.cycle + 1;
  const order = rotationOrder(eligible, seed, cycle);
  const last = state.used[state.used.length - 1];
  const slug = order[0] === last && order.length > 1 ? order[1]! : order[0]!;
  return { slug, cycle };
}

/** Eligible terms not yet used in this cycle. */
export function remainingInCycle(eligible: readonly string[], state: RotationState): number {
  const used = new Set(state.used);
  return eligible.filter((s) => !used.has(s)).length;
}

/** The seed of a channel's rotation: stable, so a preview matches what the bot will post. */
export function rotationSeed(platform: string, channelId: string): string {
  return `${platform}:${channelId}`;
}
