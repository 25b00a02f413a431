import { MessageFlags, PermissionFlagsBits, channelMention, time, type APIEmbed, type ChatInputCommandInteraction } from 'discord.js';
import { CATEGORY_LABELS } from '../../../core/answer/build.js';
import { UserError } from '../../../core/errors.js';
import type { SubscriptionSettings, SubscriptionStatus } from '../../../core/totd/types.js';
import { DAILY, OPTION, WEEKDAY_PRESETS } from '../commands.js';
import { fitEmbed } from '../fit-embed.js';
import { isCategory } from './browse.js';
import type { HandlerDeps } from './deps.js';

export const TOTD_DISABLED = 'The term of the day is not enabled on this bot.';
export const NEEDS_MANAGE_CHANNELS = 'Only members with the **Manage Channels** permission can change the term of the day here. Anyone can use `/explain-daily status`.';
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Options of `/explain-daily subscribe` to the core's settings; only what was given. */
export function settingsFrom(i: ChatInputCommandInteraction): Partial<SubscriptionSettings> {
  const s: Partial<SubscriptionSettings> = {};
  const t = i.options.getString(OPTION.time);
  const tz = i.options.getString(OPTION.timezone);
  const days = i.options.getString(OPTION.weekdays);
  const category = i.options.getString(OPTION.category);
  const thread = i.options.getBoolean(OPTION.thread);
  if (t) s.time = t.trim();
  if (tz) s.timeZone = tz.trim();
  if (days) {
    const preset = WEEKDAY_PRESETS[days];
    if (!preset) throw new UserError('Pick the days from the list, e.g. Monday to Friday.');
    s.weekdays = preset.days;
  }
  if (category) {
    if (category !== 'all' && !isCategory(category)) throw new UserError('Pick a category from the list.');
    s.category = category === 'all' ? null : category;
  }
  if (thread !== null) s.thread = thread;
  return s;
}

export function describeDays(days: number[]): string {
  const sorted = [...new Set(days)].sort();
  const preset = Object.values(WEEKDAY_PRESETS).find((p) => p.days.length === sorted.length && p.days.every((d, k) => d === sorted[k]));
  return preset?.label ?? sorted.map((d) => DAY_NAMES[d] ?? '?').join(', ');
}

export function statusEmbed(s: SubscriptionStatus, termTitle: (slug: string) => string): APIEmbed {
  const fields = [
    { name: 'Schedule', value: `${s.time} ${s.timeZone}, ${describeDays(s.weekdays)}`, inline: true },
    { name: 'Area', value: s.category ? CATEGORY_LABELS[s.category] : 'All areas', inline: true },
    { name: 'Thread', value: s.thread ? 'Yes' : 'No', inline: true },
    { name: 'Next post', value: s.nextRunAt ? `${time(s.nextRunAt, 'F')} (${time(s.nextRunAt, 'R')})` : 'Not scheduled' },
    { name: 'Last post', value: s.lastPost ? `${termTitle(s.lastPost.slug)} on ${s.lastPost.date}` : 'None yet' },
    { name: 'Left in this rotation', value: String(s.remainingInCycle), inline: true },
    { name: 'Set up from', value: s.source === 'env' ? 'Bot configuration (TOTD_DISCORD_CHANNELS)' : 'Chat', inline: true },
  ];
  if (s.broken) fields.push({ name: '⚠️ Paused', value: `${s.broken.reason} (since ${time(s.broken.since, 'f')}). Fix it, then subscribe again.`, inline: false });
  return fitEmbed({ title: 'Term of the day', description: `In ${channelMention(s.channelId)}`, fields, color: s.broken ? 0xed4245 : 0x3ba55d }, '');
}

/** `/explain-daily subscribe|unsubscribe|status|skip`, backed by the core's TotdService. */
export async function handleDaily(i: ChatInputCommandInteraction, { ctx }: HandlerDeps): Promise<void> {
  const totd = ctx.totd;
  if (!totd) {
    await i.reply({ content: TOTD_DISABLED, flags: MessageFlags.Ephemeral });
    return;
  }
  if (!i.inGuild()) {
    await i.reply({ content: 'The term of the day works in server channels.', flags: MessageFlags.Ephemeral });
    return;
  }
  const sub = i.options.getSubcommand();
  const changes = sub !== DAILY.status;
  if (changes && !i.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) {
    await i.reply({ content: NEEDS_MANAGE_CHANNELS, flags: MessageFlags.Ephemeral });
    return;
  }
  // Validate before deferring so mistakes get a plain reply; the store may be slow, so defer then.
  const settings = sub === DAILY.subscribe ? settingsFrom(i) : {};
  await i.deferReply({ flags: MessageFlags.Ephemeral });
  const channelId = i.channelId;
  const actor = `${i.user.username} (${i.user.id})`;
  const title = (slug: string): string => ctx.bot.kb.terms.get(slug)?.title ?? slug;

  switch (sub) {
    case DAILY.subscribe: {
      const status = await totd.subscribe('discord', channelId, settings, actor);
      await i.editReply({ content: `Subscribed ${channelMention(channelId)} to the term of the day.`, embeds: [statusEmbed(status, title)] });
      return;
    }
    case DAILY.unsubscribe: {
      const removed = await totd.unsubscribe('discord', channelId, actor);
      await i.editReply({ content: removed ? `No more terms of the day in ${channelMention(channelId)}.` : 'This channel had no term of the day.' });
      return;
    }
    case DAILY.status: {
      const status = await totd.status('discord', channelId);
      await i.editReply(status ? { embeds: [statusEmbed(status, title)] } : { content: 'No term of the day in this channel. Someone with Manage Channels can start one with `/explain-daily subscribe`.' });
      return;
    }
    case DAILY.skip: {
      const { skipped, next } = await totd.skip('discord', channelId, actor);
      await i.editReply({ content: `Skipped **${title(skipped)}**. Next up: **${title(next)}**.` });
      return;
    }
    default:
      throw new UserError('Unknown subcommand; try `/explain-daily status`.');
  }
}
