import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type BaseInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import { settingsFromOptions, type Chat, type ChatEvent, type ChatLogger } from '../../core/chat/index.js';
import type { Termbot } from '../../core/termbot.js';
import { truncate } from '../../core/text/truncate.js';
import { COMMAND, OPTION } from './commands.js';
import { CHOICES } from './limits.js';
import { interactionSurface, messageSurface } from './surface.js';

export const UNKNOWN_COMMAND = "I don't know that command (any more). An admin can refresh the commands with `npm run register-commands`.";

/** Who, where and what, for every log line about an interaction. */
export function interactionContext(i: BaseInteraction): Record<string, unknown> {
  return {
    interactionId: i.id,
    type: i.type,
    command: i.isCommand() || i.isAutocomplete() ? i.commandName : undefined,
    customId: i.isMessageComponent() ? i.customId : undefined,
    userId: i.user.id,
    guildId: i.guildId,
    channelId: i.channelId,
  };
}

/** Autocomplete for `term`: the core's ranking, within Discord's limits. */
export function termChoices(bot: Termbot, typed: string): { name: string; value: string }[] {
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const c of bot.complete(typed, CHOICES.max)) {
    const value = c.value.slice(0, CHOICES.value);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name: truncate(c.label, CHOICES.name) || value, value });
  }
  return out.slice(0, CHOICES.max);
}

let zones: string[] | null = null;

/** IANA zones matching what was typed, for `/explain-daily subscribe timezone`. */
export function timeZoneChoices(typed: string): { name: string; value: string }[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  const q = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const hits = q ? zones.filter((z) => z.toLowerCase().includes(q)) : zones;
  return hits.slice(0, CHOICES.max).map((z) => ({ name: z, value: z }));
}

async function autocomplete(i: AutocompleteInteraction, bot: Termbot, logger: ChatLogger): Promise<void> {
  try {
    const focused = i.options.getFocused(true);
    const typed = String(focused.value ?? '');
    await i.respond(
      focused.name === OPTION.timezone ? timeZoneChoices(typed) : focused.name === OPTION.term ? termChoices(bot, typed) : [],
    );
  } catch (err) {
    logger.warn({ err, ...interactionContext(i) }, 'autocomplete failed');
    if (!i.responded) await i.respond([]).catch(() => undefined);
  }
}

/** Every interaction to its use case; nothing rejects (the use cases' error boundary answers failures). */
export async function onInteraction(i: Interaction, chat: Chat, bot: () => Termbot, logger: ChatLogger): Promise<void> {
  if (i.isAutocomplete()) return autocomplete(i, bot(), logger);
  if (!i.isRepliable()) return;
  const ev: ChatEvent = { surface: interactionSurface(i), user: i.user.id, meta: interactionContext(i) };
  if (i.isButton()) return chat.click(ev, { raw: i.customId, fromPrivateMessage: i.message.flags.has(MessageFlags.Ephemeral) });
  if (i.isMessageContextMenuCommand() && i.commandName === COMMAND.explainTerms) return chat.findTerms(ev, i.targetMessage.content ?? '');
  if (i.isChatInputCommand()) {
    const o = i.options;
    if (i.commandName === COMMAND.explain)
      return chat.explain(ev, { text: o.getString(OPTION.term) ?? '', visibility: o.getBoolean(OPTION.public) ? 'public' : 'private' });
    if (i.commandName === COMMAND.terms) return chat.browse(ev, o.getString(OPTION.category));
    if (i.commandName === COMMAND.daily) {
      return chat.daily(ev, {
        platform: 'discord',
        channelId: i.inGuild() ? i.channelId : null,
        actor: `${i.user.username} (${i.user.id})`,
        sub: o.getSubcommand(false) ?? '',
        permission: i.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ? 'granted' : 'denied',
        settings: () =>
          settingsFromOptions({
            time: o.getString(OPTION.time),
            timeZone: o.getString(OPTION.timezone),
            weekdays: o.getString(OPTION.weekdays),
            category: o.getString(OPTION.category),
            thread: o.getBoolean(OPTION.thread),
          }),
      });
    }
  }
  // A command removed from commands.ts but still registered with Discord: say so rather than time out.
  return chat.run(ev, 'unknown-command', async () => {
    logger.warn({ ...ev.meta }, 'interaction termbot does not handle');
    await i.reply({ content: UNKNOWN_COMMAND, flags: MessageFlags.Ephemeral });
  });
}

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
 * `@termbot what is a CDN?` in a channel (or anything in a DM). Ignores bots (including itself),
 * webhooks and server messages that do not mention the bot or its managed role (Discord's
 * @-picker offers the role next to the bot user under the same name, and people pick either).
 */
export async function onMessage(message: Message, chat: Chat, botId: string): Promise<void> {
  if (message.author.bot || message.webhookId || message.author.id === botId) return;
  const role = message.inGuild() ? message.guild.roles.botRoleFor(botId) : null;
  const roleId = role && message.content.includes(`<@&${role.id}>`) ? role.id : undefined;
  if (message.inGuild() && !mentionsBot(message.content, botId) && !roleId) return;
  const meta = { messageId: message.id, channelId: message.channelId, guildId: message.guildId, userId: message.author.id };
  await chat.mention(
    { surface: messageSurface(message), user: message.author.id, meta },
    { text: questionText(message.content, botId, roleId) },
  );
}
