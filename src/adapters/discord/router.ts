import { MessageFlags, type Interaction } from 'discord.js';
import { COMMAND } from './commands.js';
import { handleExplainTerms, handleTerms } from './handlers/browse.js';
import { handleButton } from './handlers/buttons.js';
import { handleDaily } from './handlers/daily.js';
import type { HandlerDeps } from './handlers/deps.js';
import { interactionContext, replyWithError } from './handlers/errors.js';
import { handleAutocomplete, handleExplain } from './handlers/explain.js';

export const UNKNOWN_COMMAND = "I don't know that command (any more). An admin can refresh the commands with `npm run register-commands`.";

/** Sends each interaction to its handler; every failure ends in replyWithError, never a rejection. */
export async function routeInteraction(i: Interaction, deps: HandlerDeps): Promise<void> {
  try {
    if (i.isAutocomplete()) return await handleAutocomplete(i, deps);
    if (i.isChatInputCommand()) {
      if (i.commandName === COMMAND.explain) return await handleExplain(i, deps);
      if (i.commandName === COMMAND.terms) return await handleTerms(i, deps);
      if (i.commandName === COMMAND.daily) return await handleDaily(i, deps);
    }
    if (i.isMessageContextMenuCommand() && i.commandName === COMMAND.explainTerms) return await handleExplainTerms(i, deps);
    if (i.isButton()) return await handleButton(i, deps);
    // A command removed from commands.ts but still registered with Discord: say so rather than time out.
    deps.ctx.logger.warn({ ...interactionContext(i) }, 'interaction termbot does not handle');
    if (i.isRepliable()) await i.reply({ content: UNKNOWN_COMMAND, flags: MessageFlags.Ephemeral });
  } catch (err) {
    await replyWithError(i, err, deps.ctx.logger);
  }
}
