import type { Answer, Depth } from '../../core/answer/types.js';
import type { Termbot } from '../../core/termbot.js';
import type { Target } from './custom-id.js';

/** What the user typed or picked from autocomplete (a slug) to an answer. */
export function lookup(bot: Termbot, query: string, depth: Depth = 'short'): Answer {
  const q = query.trim();
  if (bot.kb.terms.has(q) || bot.kb.comparisons.has(q)) return bot.answerFor(q, depth);
  return bot.ask(q, depth).answer;
}

/** A button target back to an answer; `a,b` is a comparison the core builds from two terms. */
export function resolveTarget(bot: Termbot, target: Target, depth: Depth): Answer {
  if (target.includes(',')) return bot.ask(target.split(',').join(' vs '), depth).answer;
  return bot.answerFor(target, depth);
}
