import { channelMention, time, type APIEmbed } from 'discord.js';
import { categoryLabel, describeDays, type DailyReply, type StatusFacts } from '../../core/chat/index.js';
import type { SubscriptionStatus } from '../../core/totd/types.js';
import { fitEmbed } from './fit-embed.js';
import { CONTENT_MAX } from './limits.js';
import type { RenderedMessage } from './render.js';
import { truncate } from '../../core/text/truncate.js';

/** The schedule of a channel as an embed; instants as Discord timestamps, shown in each reader's zone. */
export function statusEmbed(s: SubscriptionStatus, facts?: StatusFacts): APIEmbed {
  const fields = [
    { name: 'Schedule', value: describeDays(s), inline: true },
    { name: 'Area', value: s.category ? categoryLabel(s.category) : 'All areas', inline: true },
    { name: 'Thread', value: s.thread ? 'Yes' : 'No', inline: true },
    { name: 'Next post', value: s.nextRunAt ? `${time(s.nextRunAt, 'F')} (${time(s.nextRunAt, 'R')})` : 'Not scheduled' },
    { name: 'Last post', value: facts?.lastPost ?? 'None yet' },
    { name: 'Left in this rotation', value: String(s.remainingInCycle), inline: true },
    { name: 'Set up from', value: s.source === 'env' ? 'Bot configuration (TOTD_DISCORD_CHANNELS)' : 'Chat', inline: true },
  ];
  if (s.broken)
    fields.push({
      name: '⚠️ Paused',
      value: `${s.broken.reason} (since ${time(s.broken.since, 'f')}). Fix it, then subscribe again.`,
      inline: false,
    });
  return fitEmbed(
    { title: 'Term of the day', description: `In ${channelMention(s.channelId)}`, fields, color: s.broken ? 0xed4245 : 0x3ba55d },
    '',
  );
}

/** `/explain-daily`'s reply: the core's sentence (Markdown, which Discord renders) and the schedule when there is one. */
export function renderDaily(reply: DailyReply, by?: string): RenderedMessage {
  const text = by ? `${by} ${reply.text}` : reply.text;
  return { content: truncate(text, CONTENT_MAX), embeds: reply.status ? [statusEmbed(reply.status, reply.facts)] : [], components: [] };
}
