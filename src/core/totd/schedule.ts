import { Cron } from 'croner';
import type { Platform, SubscriptionSettings } from './types.js';

/**
 * Calendar arithmetic for schedules. croner does the time-zone and DST work (a time in a
 * spring-forward gap runs once right after the gap, a repeated autumn time runs once), so a
 * local day is neither skipped nor doubled.
 */
type Schedule = Pick<SubscriptionSettings, 'time' | 'timeZone' | 'weekdays'>;

function cronFor(s: Schedule): Cron {
  const [h = '9', m = '0'] = s.time.split(':');
  const days = s.weekdays.length > 0 ? [...s.weekdays].sort((a, b) => a - b).join(',') : '*';
  return new Cron(`${Number(m)} ${Number(h)} * * ${days}`, { timezone: s.timeZone, paused: true });
}

/** The first run strictly after `from`. */
export function nextRunAfter(s: Schedule, from: Date): Date | null {
  return cronFor(s).nextRun(from);
}

/** The latest run at or before `at`, or null if none within the last `lookbackDays`. */
export function latestRunAtOrBefore(s: Schedule, at: Date, lookbackDays = 8): Date | null {
  // croner includes runs earlier in the same second as the reference, so 1 ms past `at` includes `at` itself.
  const [run] = cronFor(s).previousRuns(1, new Date(at.getTime() + 1));
  if (!run || at.getTime() - run.getTime() > lookbackDays * 86_400_000) return null;
  return run;
}

/** Up to `count` runs strictly before `before`, latest first. */
export function runsBefore(s: Schedule, before: Date, count: number): Date[] {
  return cronFor(s).previousRuns(count, before);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  return f.format(at);
}

/** One slot per channel and local day; adapters embed it in the message so a crashed post can be found again. */
export function slotKey(platform: Platform, channelId: string, date: string): string {
  return `${platform}:${channelId}:${date}`;
}
