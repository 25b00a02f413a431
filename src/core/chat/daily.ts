import { categoryLabel } from '../answer/build.js';
import { UserError } from '../errors.js';
import type { Termbot } from '../termbot.js';
import { formatWeekdays, parseCategory, parseWeekdays } from '../totd/settings.js';
import type { Platform, SubscriptionSettings, SubscriptionStatus, TotdService } from '../totd/types.js';
import type { DailyReply } from './contract.js';

/**
 * `/explain-daily subscribe|unsubscribe|status|skip`, written once. Adapters parse their
 * options or text into DailyInput; the TotdService acts; the reply is neutral (./contract.ts).
 */
export const DAILY = { subscribe: 'subscribe', unsubscribe: 'unsubscribe', status: 'status', skip: 'skip' } as const;

export const TOTD_DISABLED = 'The term of the day is not enabled on this bot. Ask whoever runs it to turn it on.';
export const CHANNEL_ONLY = 'The term of the day works in channels, not in direct messages.';
export const NEEDS_PERMISSION =
  'Only members who may manage this channel can change the term of the day here. Anyone can use `/explain-daily status`.';
export const DAILY_USAGE = [
  '**Term of the day in this channel**',
  '`/explain-daily subscribe [HH:MM] [time zone] [weekdays] [category]`, e.g. `/explain-daily subscribe 09:30 Europe/Berlin mon-fri security`',
  '`/explain-daily status`: the schedule and what comes next',
  '`/explain-daily skip`: skip the next term',
  '`/explain-daily unsubscribe`: stop posting here',
].join('\n');

/**
 * May this person change the schedule? `unchecked` is for platforms without a permission to
 * check (Slack: anyone in the channel may), where every change is announced in the channel.
 */
export type DailyPermission = 'granted' | 'denied' | 'unchecked';

export interface DailyInput {
  platform: Platform;
  /** Null outside a channel (a direct message). */
  channelId: string | null;
  /** Who acted, for the store's audit trail. */
  actor: string;
  sub: string;
  /** The subscribe settings, parsed from the platform's options or text; throws UserError. */
  settings: () => Partial<SubscriptionSettings>;
  permission: DailyPermission;
  /** The platform's mention of the actor, credited in announcements (made from the platform's ids, never user text). */
  by?: string;
}

/** What the use case decided: a private reply, or a public announcement with a private fallback. */
export type DailyOutcome =
  | { kind: 'private'; reply: DailyReply }
  | {
      kind: 'announce';
      announcement: string;
      reply: DailyReply;
      /** Told privately when the announcement cannot be posted. */ fallback: string;
    };

/** "mon-fri at 09:30 (Europe/Berlin)": one weekday table, the core's. */
export const describeDays = (s: SubscriptionSettings): string => `${formatWeekdays(s.weekdays)} at ${s.time} (${s.timeZone})`;

/** describeDays plus the area and thread: "mon-fri at 09:30 (Europe/Berlin), Security and identity terms only, with a discussion thread". */
export function describeSchedule(s: SubscriptionSettings): string {
  const extras = [s.category ? `${categoryLabel(s.category)} terms only` : null, s.thread ? 'with a discussion thread' : null].filter(
    Boolean,
  );
  return [describeDays(s), ...extras].join(', ');
}

/** Typed options (Discord) to settings; only what was given. Free text (Slack) goes through TotdService.parseSettings. */
export function settingsFromOptions(o: {
  time?: string | null;
  timeZone?: string | null;
  weekdays?: string | null;
  category?: string | null;
  thread?: boolean | null;
}): Partial<SubscriptionSettings> {
  const s: Partial<SubscriptionSettings> = {};
  if (o.time) s.time = o.time.trim();
  if (o.timeZone) s.timeZone = o.timeZone.trim();
  if (o.weekdays) {
    const days = parseWeekdays(o.weekdays);
    if (!days) throw new UserError('Pick the days from the list, e.g. Monday to Friday.');
    s.weekdays = days;
  }
  if (o.category) {
    const category = parseCategory(o.category);
    if (category === undefined) throw new UserError('Pick a category from the list.');
    s.category = category;
  }
  if (typeof o.thread === 'boolean') s.thread = o.thread;
  return s;
}

const text = (t: string): DailyOutcome => ({ kind: 'private', reply: { text: t } });

/** Validates, acts through the service, and says what to reply. `working` is called before the store is touched. */
export async function runDaily(
  totd: TotdService | undefined,
  bot: Pick<Termbot, 'title'>,
  input: DailyInput,
  working: () => Promise<void>,
): Promise<DailyOutcome> {
  if (!totd) return text(TOTD_DISABLED);
  const channel = input.channelId;
  if (!channel) return text(CHANNEL_ONLY);
  const sub = input.sub.trim().toLowerCase() || DAILY.status;
  if (!(Object.values(DAILY) as string[]).includes(sub)) return text(DAILY_USAGE);
  const changes = sub !== DAILY.status;
  if (changes && input.permission === 'denied') return text(NEEDS_PERMISSION);
  // Mistakes in the settings get their reply before anything slow happens.
  const settings = sub === DAILY.subscribe ? input.settings() : {};
  await working();
  const announce = input.permission === 'unchecked';
  const { platform, actor } = input;
  const title = (slug: string): string => `**${bot.title(slug)}**`;

  if (sub === DAILY.subscribe) {
    const status = await totd.subscribe(platform, channel, settings, actor);
    const schedule = describeSchedule(status);
    const reply = { text: `Subscribed this channel to the term of the day: ${schedule}.`, status, facts: statusFacts(status, bot) };
    return announce
      ? { kind: 'announce', announcement: `set up the term of the day here: ${schedule}.`, reply, fallback: `Subscribed: ${schedule}.` }
      : { kind: 'private', reply };
  }
  if (sub === DAILY.unsubscribe) {
    const removed = await totd.unsubscribe(platform, channel, actor);
    if (!removed) return text('This channel has no term of the day subscription.');
    const reply = { text: 'No more terms of the day in this channel.' };
    return announce
      ? { kind: 'announce', announcement: 'turned off the term of the day here.', reply, fallback: 'Unsubscribed.' }
      : { kind: 'private', reply };
  }
  if (sub === DAILY.skip) {
    const { skipped, next } = await totd.skip(platform, channel, actor);
    const reply = { text: `Skipped ${title(skipped)}. Next up: ${title(next)}.` };
    return announce
      ? {
          kind: 'announce',
          announcement: `skipped ${title(skipped)} in the term of the day; next up: ${title(next)}.`,
          reply,
          fallback: 'Skipped.',
        }
      : { kind: 'private', reply };
  }
  const status = await totd.status(platform, channel);
  return status
    ? { kind: 'private', reply: { text: '**Term of the day here**', status, facts: statusFacts(status, bot) } }
    : text(`No term of the day in this channel yet.\n\n${DAILY_USAGE}`);
}

export interface StatusFacts {
  schedule: string;
  lastPost: string | null;
  remaining: string;
  paused: string | null;
}

/** A status's facts in reading order; platforms format the instants their own way. */
export function statusFacts(s: SubscriptionStatus, bot: Pick<Termbot, 'title'>): StatusFacts {
  return {
    schedule: describeSchedule(s),
    lastPost: s.lastPost ? `${bot.title(s.lastPost.slug)} on ${s.lastPost.date}` : null,
    remaining: `${s.remainingInCycle} terms left before the rotation starts over`,
    paused: s.broken
      ? `Posting is paused since ${s.broken.since.toISOString().slice(0, 10)}: ${s.broken.reason}. Fix it, then subscribe again.`
      : null,
  };
}
