import type { TermRef } from '../../core/answer/types.js';
import { previewDefault } from '../../core/totd/preview.js';
import type { Termbot } from '../../core/termbot.js';

export { localDate } from '../../core/totd/schedule.js';

/** The default term of a date, the same one `termbot today` previews, so Home and the CLI agree. */
export function termForDate(bot: Termbot, date: string): TermRef | null {
  const pick = previewDefault(bot, date);
  const term = pick ? bot.kb.terms.get(pick.slug) : undefined;
  return term ? { slug: term.slug, title: term.title, summary: term.summary } : null;
}
