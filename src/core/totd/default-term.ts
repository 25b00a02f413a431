import { eligibleSlugs, type TermSource } from './eligible.js';
import { rotationOrder } from './rotation.js';

// Apart from preview.ts (which replays schedules with croner): the core API offers this pick, and a
// one-shot CLI answer should not load the scheduling library.

/** A deterministic term for a date when no channel is configured: every term once per cycle, like a channel's rotation. */
export function previewDefault(bot: TermSource, date: string): { date: string; slug: string } | null {
  const all = eligibleSlugs(bot, null);
  if (all.length === 0) return null;
  const day = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  const order = rotationOrder(all, 'termbot:preview', Math.floor(day / all.length));
  return { date, slug: order[day % all.length]! };
}
