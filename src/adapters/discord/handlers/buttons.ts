import { MessageFlags, userMention, type ButtonInteraction } from 'discord.js';
import { decodeCustomId } from '../custom-id.js';
import { resolveTarget } from '../lookup.js';
import { renderAnswer } from '../render-answer.js';
import { termsPage } from './browse.js';
import type { HandlerDeps } from './deps.js';

export const STALE_BUTTON = "That button is from an older version of termbot. Run `/explain` again and it'll work.";

/**
 * Buttons redraw ephemeral replies in place (type 7 update). On public messages (mention
 * replies, shared cards, term of the day) a click must not change the post for everyone, so
 * the clicker gets their own ephemeral reply instead.
 */
export async function handleButton(i: ButtonInteraction, { ctx }: HandlerDeps): Promise<void> {
  const action = decodeCustomId(i.customId);
  if (!action) {
    await i.reply({ content: STALE_BUTTON, flags: MessageFlags.Ephemeral });
    return;
  }
  const ephemeralSource = i.message.flags.has(MessageFlags.Ephemeral);
  switch (action.kind) {
    case 'page': {
      const page = termsPage(ctx.bot, action.category, action.page);
      if (ephemeralSource) await i.update(page);
      else await i.reply({ ...page, flags: MessageFlags.Ephemeral });
      return;
    }
    case 'show': {
      const msg = renderAnswer(resolveTarget(ctx.bot, action.target, action.depth), { shareable: true });
      if (ephemeralSource) await i.update(msg);
      else await i.reply({ ...msg, flags: MessageFlags.Ephemeral });
      return;
    }
    case 'open': {
      await i.reply({ ...renderAnswer(resolveTarget(ctx.bot, action.target, action.depth), { shareable: true }), flags: MessageFlags.Ephemeral });
      return;
    }
    case 'share': {
      const answer = resolveTarget(ctx.bot, action.target, action.depth);
      // A public reply to the interaction: works without Send Messages permission in the channel.
      await i.reply({ content: `Shared by ${userMention(i.user.id)}`, ...renderAnswer(answer, { shareable: false }) });
      return;
    }
  }
}
