import { UserError } from '../errors.js';
import { stripInvisible } from '../text/normalize.js';
import { CATEGORIES, type Category } from '../knowledge/types.js';
import type { SubscriptionSettings } from './types.js';

/** Parsing and validation of subscription settings, from slash-command options or free text. */

const DAY_NAMES: Record<string, number> = {
  sun: 0,
  sunday: 0,
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
};
const DAY_SHORT = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_PRESETS: Record<string, number[]> = {
  daily: [0, 1, 2, 3, 4, 5, 6],
  everyday: [0, 1, 2, 3, 4, 5, 6],
  weekdays: [1, 2, 3, 4, 5],
  workdays: [1, 2, 3, 4, 5],
  weekends: [0, 6],
};

export const DEFAULT_SETTINGS: Omit<SubscriptionSettings, 'timeZone'> = {
  time: '09:00',
  weekdays: [1, 2, 3, 4, 5],
  category: null,
  thread: false,
};

const TIME_HELP = 'Give the time as HH:MM in 24-hour form (e.g. 09:30 or 17:00), or like 9am / 5:30pm.';
const ZONE_HELP = 'Give an IANA time zone such as Europe/Berlin, America/New_York or UTC.';
const DAYS_HELP = 'Give weekdays like mon-fri, mon,wed,fri, daily, weekdays or weekends.';
const CATEGORY_HELP = `Categories: ${CATEGORIES.join(', ')} (or "all").`;

/** Echoes a user's word in an error only when it is short and harmless (no mentions, no markup). */
function quote(token: string): string {
  return /^[\w:/+.,-]{1,40}$/.test(token) ? `"${token}"` : 'one of the words';
}

/** "9:30", "09:30", "9am", "5:30pm" -> "HH:MM"; null if it is not a time. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined)) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[3]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** "mon-fri", "mon,wed,fri", "fri-mon", "daily", "weekdays" -> sorted day numbers (0 = Sunday); null if not weekdays. */
export function parseWeekdays(text: string): number[] | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/\s*([,-])\s*/g, '$1');
  if (WEEKDAY_PRESETS[t]) return [...WEEKDAY_PRESETS[t]];
  if (t === '') return null;
  const days = new Set<number>();
  for (const part of t.split(',')) {
    const range = part.split('-');
    if (range.length === 1) {
      const d = DAY_NAMES[range[0]!];
      if (d === undefined) return null;
      days.add(d);
    } else if (range.length === 2) {
      const from = DAY_NAMES[range[0]!];
      const to = DAY_NAMES[range[1]!];
      if (from === undefined || to === undefined) return null;
      // Ranges may wrap the week end: fri-mon is fri, sat, sun, mon.
      for (let d = from, n = 0; n < 7; d = (d + 1) % 7, n++) {
        days.add(d);
        if (d === to) break;
      }
    } else {
      return null;
    }
  }
  return [...days].sort((a, b) => a - b);
}

export function formatWeekdays(days: readonly number[]): string {
  const key = [...days].sort((a, b) => a - b).join(',');
  if (key === '0,1,2,3,4,5,6') return 'daily';
  if (key === '1,2,3,4,5') return 'mon-fri';
  if (key === '0,6') return 'weekends';
  return days.map((d) => DAY_SHORT[d] ?? '?').join(',');
}

/** The canonical IANA name ("europe/berlin" -> "Europe/Berlin"), or null. Offsets like +02:00 are refused: they ignore DST. */
export function parseTimeZone(text: string): string | null {
  const t = text.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(t)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: t }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** A category, "all"/"any" (-> null), or undefined when the word is not one. */
export function parseCategory(text: string): Category | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'all' || t === 'any') return null;
  return (CATEGORIES as readonly string[]).includes(t) ? t : undefined;
}

/**
 * Free text like "09:30 Europe/Berlin mon-fri security thread" into settings.
 * Each word may appear in any order; anything not understood is a UserError naming what to write.
 */
export function parseSettingsText(text: string): Partial<SubscriptionSettings> {
  if (text.length > 500) throw new UserError(`That is too long for schedule settings. Example: 09:30 Europe/Berlin mon-fri security`);
  const words = stripInvisible(text)
    .replace(/[\u2013\u2014]/g, '-')
    .trim()
    .replace(/\s*,\s*/g, ',')
    .replace(/\s+-\s+/g, '-')
    .split(/\s+/)
    .filter(Boolean);
  const out: Partial<SubscriptionSettings> = {};
  const set = <K extends keyof SubscriptionSettings>(key: K, value: SubscriptionSettings[K], word: string): void => {
    if (key in out)
      throw new UserError(`You gave the ${key === 'timeZone' ? 'time zone' : key} twice (${quote(word)}). Give each setting once.`);
    out[key] = value;
  };
  for (const word of words) {
    const lower = word.toLowerCase();
    const time = parseTime(word);
    if (time) {
      set('time', time, word);
      continue;
    }
    const days = parseWeekdays(word);
    if (days) {
      set('weekdays', days, word);
      continue;
    }
    const category = parseCategory(word);
    if (category !== undefined) {
      set('category', category, word);
      continue;
    }
    if (lower === 'thread' || lower === 'no-thread' || lower === 'nothread') {
      set('thread', lower === 'thread', word);
      continue;
    }
    const zone = parseTimeZone(word);
    if (zone) {
      set('timeZone', zone, word);
      continue;
    }
    if (/^\d{1,2}(:\d{1,2})?(am|pm)?$/i.test(word)) throw new UserError(`${quote(word)} is not a valid time. ${TIME_HELP}`);
    if (word.includes('/')) throw new UserError(`${quote(word)} is not a time zone I know. ${ZONE_HELP}`);
    throw new UserError(
      `I did not understand ${quote(word)}. Write settings like: 09:30 Europe/Berlin mon-fri security thread. ${DAYS_HELP} ${CATEGORY_HELP}`,
    );
  }
  return out;
}

/** Checks settings (as given by a slash command or the parser) and fills defaults; throws UserError. */
export function resolveSettings(given: Partial<SubscriptionSettings>, base: SubscriptionSettings): SubscriptionSettings {
  const out: SubscriptionSettings = { ...base, weekdays: [...base.weekdays] };
  if (given.time !== undefined) {
    const time = typeof given.time === 'string' ? parseTime(given.time) : null;
    if (!time) throw new UserError(`That is not a valid time. ${TIME_HELP}`);
    out.time = time;
  }
  if (given.timeZone !== undefined) {
    const zone = typeof given.timeZone === 'string' ? parseTimeZone(given.timeZone) : null;
    if (!zone) throw new UserError(`That is not a time zone I know. ${ZONE_HELP}`);
    out.timeZone = zone;
  }
  if (given.weekdays !== undefined) {
    const raw: unknown = given.weekdays;
    const days = typeof raw === 'string' ? parseWeekdays(raw) : Array.isArray(raw) ? raw : null;
    if (!days || days.length === 0 || !days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6)) {
      throw new UserError(`Those are not weekdays I understand. ${DAYS_HELP}`);
    }
    out.weekdays = [...new Set(days as number[])].sort((a, b) => a - b);
  }
  if (given.category !== undefined) {
    const category = given.category === null ? null : typeof given.category === 'string' ? parseCategory(given.category) : undefined;
    if (category === undefined) throw new UserError(`That is not a category. ${CATEGORY_HELP}`);
    out.category = category;
  }
  if (given.thread !== undefined) out.thread = Boolean(given.thread);
  return out;
}
