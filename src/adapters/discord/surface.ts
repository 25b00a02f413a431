import { MessageFlags, type Message, type RepliableInteraction } from 'discord.js';
import type { ChatMessage, ChatSurface } from '../../core/chat/index.js';
import { renderMessage } from './render.js';
import { NO_PINGS } from './text.js';

const EPHEMERAL = { flags: MessageFlags.Ephemeral } as const;

/**
 * The adapter contract for an interaction (slash command, context menu, button). Discord allows
 * one first response (reply, deferral or update); everything after it is a follow-up.
 */
export function interactionSurface(i: RepliableInteraction): ChatSurface {
  const send = async (m: ChatMessage, hidden: boolean): Promise<void> => {
    const body = { ...renderMessage(m), allowedMentions: NO_PINGS };
    // A deferred reply is already private (./events.ts defers ephemerally): fill it in.
    if (i.deferred && !i.replied) await i.editReply(body);
    else if (i.replied || i.deferred) await i.followUp(hidden ? { ...body, ...EPHEMERAL } : body);
    else await i.reply(hidden ? { ...body, ...EPHEMERAL } : body);
  };
  return {
    platform: 'discord',
    reply: (m) => send(m, false),
    replyPrivately: (m) => send(m, true),
    async update(m) {
      if (!i.isMessageComponent()) throw new Error('only a button can update its message');
      await i.update({ ...renderMessage(m), allowedMentions: NO_PINGS });
    },
    // A public reply to the interaction: works without Send Messages permission in the channel.
    post: (m) => send(m, false),
    async working() {
      if (!i.deferred && !i.replied) await i.deferReply(EPHEMERAL);
    },
  };
}

/** The adapter contract for a message (a mention or a DM): every reply references it; there is no private reply. */
export function messageSurface(message: Message): ChatSurface {
  const send = async (m: ChatMessage): Promise<void> => {
    await message.reply({ ...renderMessage(m), allowedMentions: NO_PINGS });
  };
  return {
    platform: 'discord',
    reply: send,
    replyPrivately: send,
    update: () => Promise.reject(new Error('a message event has no message of ours to update')),
    post: send,
  };
}
