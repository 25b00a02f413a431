import type { TermRef } from '../../core/answer/types.js';
import type { Termbot } from '../../core/termbot.js';

/** YYYY-MM-DD of an instant in UTC or a time zone. */
export function localDate(now: Date, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A stable pick per date (FNV-1a over the date), so every Home tab shows the same term all day. */
export function termForDate(bot: Termbot, date: string): TermRef | null {
  const terms = bot.list();
  if (terms.length === 0) return null;
  let h = 0x811c9dc5;
  for (const ch of date) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return terms[h % terms.length] ?? null;
}
