import type { Interaction } from 'discord.js';
import { COMMAND } from './commands.js';
import { handleExplainTerms, handleTerms } from './handlers/browse.js';
import { handleButton } from './handlers/buttons.js';
import { handleDaily } from './handlers/daily.js';
import type { HandlerDeps } from './handlers/deps.js';
import { replyWithError } from './handlers/errors.js';
import { handleAutocomplete, handleExplain } from './handlers/explain.js';

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
    deps.ctx.logger.debug({ interactionId: i.id, type: i.type }, 'ignored an interaction termbot does not handle');
  } catch (err) {
    await replyWithError(i, err, deps.ctx.logger);
  }
}
