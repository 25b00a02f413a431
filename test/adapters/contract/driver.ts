import type { AppContext } from '../../../src/adapters/types.js';
import type { LogLine } from '../slack/helpers.js';

/** One message the bot sent, reduced to what the contract is about: who sees it, its text, its buttons. */
export interface Seen {
  visibility: 'private' | 'public';
  /** How it arrived: a new message, or in place of the one a button was on. */
  how: 'new' | 'update';
  /** Every visible text, joined. */
  text: string;
  /** Each button's label and its encoded action reference (Discord's custom_id, Slack's value). */
  buttons: { label: string; ref: string }[];
  /** What the driver needs to click a button on this message. */
  handle: unknown;
}

/** A platform as the contract suite drives it: the real library against its fake server. */
export interface Driver {
  readonly name: 'discord' | 'slack';
  readonly logs: LogLine[];
  /** The person's private slash command (`/explain <text>`). */
  ask(text: string, user?: string): Promise<Seen>;
  /** A mention in a channel; resolves with what the asker got, or null when the bot stayed silent. */
  mention(text: string, user: string): Promise<Seen | null>;
  /** Clicks a button (by its encoded reference) on a message. */
  click(on: Seen, ref: string, user?: string): Promise<Seen>;
  /** `/explain-daily <sub>` by someone allowed to change it; every message the bot sent about it. */
  daily(sub: 'subscribe' | 'unsubscribe' | 'status', settings?: { time: string; timeZone: string; category: string }): Promise<Seen[]>;
  stop(): Promise<void>;
}

export interface DriverOptions {
  ctx: Pick<AppContext, 'bot' | 'totd' | 'insights'>;
  /** The mention cooldown's clock. */
  now: () => number;
  cooldownMs: number;
}
