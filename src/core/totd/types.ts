import type { TermAnswer } from '../answer/types.js';
import type { Category } from '../knowledge/types.js';

/**
 * The term-of-the-day contract between the core scheduler and the platform adapters.
 * The core decides what and when; an adapter only knows how to post to its platform.
 */
export type Platform = 'discord' | 'slack';

export interface TotdPost {
  platform: Platform;
  channelId: string;
  /** Unique per channel and local day, e.g. "discord:123:2026-11-30". Adapters embed it in the message so `findPosted` can recognise it. */
  slotKey: string;
  /** Local date of the slot, YYYY-MM-DD. */
  date: string;
  answer: TermAnswer;
  /** Open a discussion thread (Discord) / add a thread prompt (Slack). */
  thread: boolean;
}

/** Why a post failed, so the scheduler can retry or mark the subscription broken. */
export class PostError extends Error {
  constructor(
    message: string,
    /** transient: retry with backoff (rate limit, 5xx, network); permanent: mark the subscription broken. */
    readonly kind: 'transient' | 'permanent',
    /** Seconds the platform asked us to wait, when it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PostError';
  }
}

export interface TotdPoster {
  readonly platform: Platform;
  /** Posts the card and returns the platform's message id (Discord message id, Slack ts). Throws PostError. */
  post(post: TotdPost): Promise<{ messageId: string }>;
  /**
   * After a crash between claiming a slot and recording its message, looks in the channel's
   * recent messages for one this bot posted for `slotKey`. Returns its id, or null if none.
   */
  findPosted(channelId: string, slotKey: string): Promise<string | null>;
}

export interface SubscriptionSettings {
  /** HH:MM, 24h, in timeZone. */
  time: string;
  /** IANA zone, e.g. Europe/Berlin. */
  timeZone: string;
  /** 0 = Sunday ... 6 = Saturday. */
  weekdays: number[];
  /** Only terms of this category, or all. */
  category: Category | null;
  thread: boolean;
}

export interface SubscriptionStatus extends SubscriptionSettings {
  platform: Platform;
  channelId: string;
  /** Where it came from: a chat command or the TOTD_*_CHANNELS environment. */
  source: 'chat' | 'env';
  /** Null when the subscription is broken or its platform is not running in this bot. */
  nextRunAt: Date | null;
  /** Set when the bot does not run this platform (no token configured), so nothing is posted there. */
  platformNotRunning?: boolean;
  lastPost: { slug: string; date: string; messageId: string | null } | null;
  /** Set when posting failed permanently (channel deleted, bot removed, missing permission). */
  broken: { reason: string; since: Date } | null;
  /** Terms left before the rotation starts over. */
  remainingInCycle: number;
}

/** What chat commands call. Implemented in the core; adapters only parse options and render replies. */
export interface TotdService {
  /** Creates or updates a subscription; invalid settings throw UserError with a friendly message. */
  subscribe(platform: Platform, channelId: string, settings: Partial<SubscriptionSettings>, actor: string): Promise<SubscriptionStatus>;
  unsubscribe(platform: Platform, channelId: string, actor: string): Promise<boolean>;
  status(platform: Platform, channelId: string): Promise<SubscriptionStatus | null>;
  /** Skips the next term in this channel's rotation; returns the skipped and the new next slug. */
  skip(platform: Platform, channelId: string, actor: string): Promise<{ skipped: string; next: string }>;
  /** Parses free text like "09:30 Europe/Berlin mon-fri security" (Slack) into settings; throws UserError. */
  parseSettings(text: string): Partial<SubscriptionSettings>;
  /** Set when the term of the day is deliberately off, with why (e.g. its database could not be opened); every method then throws UserError saying so. */
  readonly disabled?: { reason: string };
}
