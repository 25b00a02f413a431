import type { Answer, CategoryOverview, TermRef } from '../answer/types.js';
import type { Category } from '../knowledge/types.js';
import type { FoundTerm } from '../termbot.js';
import type { Platform, SubscriptionStatus } from '../totd/types.js';
import type { ActionButton, ActionGroup } from './answer-actions.js';
import type { ActionRef } from './actions.js';
import type { StatusFacts } from './daily.js';

/**
 * The adapter contract: what the core's chat use cases (./chat.ts) hand a platform, and what
 * a platform must provide. The core decides what to say, to whom and with which buttons; an
 * adapter parses its events into the use cases' inputs, and renders these messages within its
 * own limits (Discord embeds and components, Slack Block Kit). test/adapters/contract.test.ts
 * runs the same scenarios against both platforms.
 */

/** A page of the term list. */
export interface BrowsePage {
  category: Category | null;
  label: string;
  /** The terms on this page. */
  terms: TermRef[];
  /** 0-based. */
  page: number;
  pages: number;
  total: number;
  open: ActionButton[];
  previous: ActionRef | null;
  next: ActionRef | null;
}

/** The result of `/explain-daily`, as sentences in plain Markdown (titles in **bold**; nothing from the user). */
export interface DailyReply {
  /** What the person who ran the command is told. */
  text: string;
  /** The schedule, for status and subscribe replies, with its facts in words. */
  status?: SubscriptionStatus;
  facts?: StatusFacts;
  /** On platforms where anyone may change the schedule, the public note about the change (after `by`). */
  announcement?: string;
}

export type ChatMessage =
  /** An answer with its buttons; `sharedBy` is the platform user id of whoever shared it. */
  | { kind: 'answer'; answer: Answer; actions: ActionGroup[]; sharedBy?: string }
  /** What termbot is and what it knows. */
  | { kind: 'help'; overview: CategoryOverview[] }
  | { kind: 'browse'; page: BrowsePage }
  /** The terms found in a message ("Explain terms"). */
  | { kind: 'found'; terms: FoundTerm[]; open: ActionButton[] }
  /** `/explain-daily`; `by` is the platform's mention of the actor, for announcements. */
  | { kind: 'daily'; reply: DailyReply; by?: string }
  /** A short sentence: a cooldown, a stale button, an error. */
  | { kind: 'notice'; text: string };

/** How a platform draws each kind of ChatMessage within its limits (the renderer's half of the contract). */
export interface MessageRenderers<R> {
  answer(message: Extract<ChatMessage, { kind: 'answer' }>): R;
  help(overview: CategoryOverview[]): R;
  browse(page: BrowsePage): R;
  found(terms: FoundTerm[], open: ActionButton[]): R;
  daily(reply: DailyReply, by?: string): R;
  notice(text: string): R;
}

/** Draws a message with the platform's renderer for its kind: the one dispatch both adapters share. */
export function renderChatMessage<R>(m: ChatMessage, r: MessageRenderers<R>): R {
  switch (m.kind) {
    case 'answer':
      return r.answer(m);
    case 'help':
      return r.help(m.overview);
    case 'browse':
      return r.browse(m.page);
    case 'found':
      return r.found(m.terms, m.open);
    case 'daily':
      return r.daily(m.reply, m.by);
    case 'notice':
      return r.notice(m.text);
  }
}

/**
 * What a platform provides for one incoming event. Every method renders the message within the
 * platform's limits and never pings anyone. A method may throw; the use case's error boundary
 * classifies the error (with the adapter's PlatformErrors) and tells the person privately.
 */
export interface ChatSurface {
  readonly platform: Platform;
  /** Answers where the event happened, visible like the event: a thread reply to a mention, a public slash reply. */
  reply(message: ChatMessage): Promise<void>;
  /** Only the person who acted sees it. Where a platform has no private reply for this event, it replies in place. */
  replyPrivately(message: ChatMessage): Promise<void>;
  /** Replaces the private message the clicked button was on. Only called when the event says it came from one. */
  update(message: ChatMessage): Promise<void>;
  /** A new public message in the event's channel. */
  post(message: ChatMessage): Promise<void>;
  /** Removes the private message the clicked button was on, where the platform can (after a share). */
  dismiss?(): Promise<void>;
  /** The reply may take a moment (the store): acknowledge privately now, where the platform needs that. */
  working?(): Promise<void>;
}

/** Who acted, for logs and cooldowns; `meta` goes into every log line about the event. */
export interface ChatEvent {
  surface: ChatSurface;
  user: string;
  meta: Record<string, unknown>;
}
