import { MessageFlags, type BaseInteraction, type Interaction } from 'discord.js';
import { UserError } from '../../../core/errors.js';
import type { Logger } from '../../../logger.js';

export const SOMETHING_WENT_WRONG = 'Something went wrong on my side while answering that. It has been logged; please try again in a moment.';

/** Who, where and what, for the log line of a failed interaction. */
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

/**
 * Last line of defence for every interaction: user mistakes get their friendly message,
 * anything else is logged with context and answered with an ephemeral apology. Never throws.
 */
export async function replyWithError(i: Interaction, err: unknown, logger: Logger): Promise<void> {
  const friendly = err instanceof UserError;
  if (friendly) logger.debug({ ...interactionContext(i), problem: err.message }, 'user error');
  else logger.error({ err, ...interactionContext(i) }, 'interaction handler failed');
  try {
    if (i.isAutocomplete()) {
      if (!i.responded) await i.respond([]);
      return;
    }
    if (!i.isRepliable()) return;
    const body = { content: friendly ? err.message : SOMETHING_WENT_WRONG, flags: MessageFlags.Ephemeral as const, allowedMentions: { parse: [] } };
    if (i.replied || i.deferred) await i.followUp(body);
    else await i.reply(body);
  } catch (replyErr) {
    // The interaction may have expired (3 s) or the channel vanished; nothing more to tell the user.
    logger.warn({ err: replyErr, ...interactionContext(i) }, 'could not send the error reply');
  }
}
