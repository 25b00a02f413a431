import type { DailyReply } from '../../core/chat/index.js';
import type { SubscriptionStatus } from '../../core/totd/types.js';
import { fit } from './limits.js';
import { section, type RenderedMessage } from './render.js';
import { escapeText, markdownToMrkdwn } from './text.js';

function formatInstant(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/** The schedule's facts, one per line; the core words them, this only formats the next post in the channel's zone. */
function statusLines(s: SubscriptionStatus, facts: NonNullable<DailyReply['facts']>): string {
  const lines = [escapeText(facts.schedule)];
  if (s.nextRunAt) lines.push(`Next post: ${formatInstant(s.nextRunAt, s.timeZone)}`);
  if (facts.lastPost) lines.push(`Last post: ${escapeText(facts.lastPost)}`);
  lines.push(escapeText(facts.remaining));
  if (facts.paused) lines.push(`:warning: ${escapeText(facts.paused)}`);
  return lines.join('\n');
}

/**
 * `/explain-daily`'s reply as mrkdwn. The core's Markdown is escaped before it is converted, so
 * nothing in it can ping; `by` is our own mention of the actor, made from Slack's user id.
 */
export function renderDaily(reply: DailyReply, by?: string): RenderedMessage {
  const head = markdownToMrkdwn(reply.text);
  const text = [by ? `${by} ${head}` : head, reply.status && reply.facts ? statusLines(reply.status, reply.facts) : '']
    .filter(Boolean)
    .join('\n');
  // Already escaped mrkdwn: the notification text is the same, only bounded.
  return { text: fit(text, 3000), blocks: [section(text)] };
}
