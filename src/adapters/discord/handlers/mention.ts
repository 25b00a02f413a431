import type { Message } from 'discord.js';
import { lookup } from '../lookup.js';
import { NO_PINGS } from '../no-pings.js';
import { renderAnswer } from '../render-answer.js';
import { renderHelp } from '../render-browse.js';
import type { HandlerDeps } from './deps.js';

/** True when the text addresses this bot with an explicit user mention (`<@id>` or `<@!id>`). */
export function mentionsBot(content: string, botId: string): boolean {
  return content.includes(`<@${botId}>`) || content.includes(`<@!${botId}>`);
}

/** The question without the bot's mention(s), including a mention of its managed role when given. */
export function questionText(content: string, botId: string, botRoleId?: string): string {
  const mentions = botRoleId ? `<@!?${botId}>|<@&${botRoleId}>` : `<@!?${botId}>`;
  return content.replace(new RegExp(mentions, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The bot's managed role in this server, when the text mentions it: Discord's @-picker offers
 * the role next to the bot user under the same name, and people pick either.
 */
function mentionedBotRole(message: Message<true>, botId: string): string | undefined {
  const role = message.guild.roles.botRoleFor(botId);
  return role && message.content.includes(`<@&${role.id}>`) ? role.id : undefined;
}

/**
 * `@termbot what is a CDN?` in a channel (or anything in a DM): reply to that message. Ignores
 * bots (including itself), webhooks and server messages that do not mention the bot; a
 * per-user cooldown stops spam.
 */
export async function handleMessage(message: Message, { ctx, cooldown }: HandlerDeps, botId: string): Promise<void> {
  if (message.author.bot || message.webhookId || message.author.id === botId) return;
  // In a server only questions addressed to the bot (its user or its role); in a DM every message is one.
  const roleId = message.inGuild() ? mentionedBotRole(message, botId) : undefined;
  if (message.inGuild() && !mentionsBot(message.content, botId) && !roleId) return;

  const verdict = cooldown.hit(message.author.id);
  if (verdict === 'silent') return;
  if (verdict === 'notify') {
    await message.reply({
      content: `One question every few seconds, please: try again in ${cooldown.secondsLeft(message.author.id)} s.`,
      allowedMentions: NO_PINGS,
    });
    return;
  }

  const question = questionText(message.content, botId, roleId);
  const body = question ? renderAnswer(lookup(ctx.bot, question), { shareable: false }) : renderHelp(ctx.bot.overview());
  ctx.logger.debug({ event: 'mention', user: message.author.id, channel: message.channelId }, 'mention');
  await message.reply({ ...body, allowedMentions: NO_PINGS });
}
