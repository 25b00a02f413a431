import type { Termbot } from '../termbot.js';
import type { Category } from '../knowledge/types.js';

/** What the rotation needs from the knowledge base: the current terms (optionally of one category). */
export type TermSource = Pick<Termbot, 'list' | 'answerFor'>;

/** Slugs currently in the knowledge base for a channel's filter; removed terms drop out, new ones join. */
export function eligibleSlugs(bot: TermSource, category: Category | null): string[] {
  return bot.list(category ?? undefined).map((t) => t.slug);
}
