import { renderTerminal } from '../core/answer/render-terminal.js';
import type { Depth } from '../core/answer/types.js';
import type { Termbot } from '../core/termbot.js';
import { promptCommand } from './commands/repl.js';
import { cliTermbot, readLines, terminalStyle } from './context.js';
import { EXIT, type CliIO } from './io.js';

/**
 * `termbot` with piped input and no command: each line is answered as `termbot explain <line>`
 * would answer it, as it arrives. Lines starting with ":" are the prompt's commands (`:full`,
 * `:list networking`, `:quit`), as in `termbot repl`, so a saved session replays the same way and
 * a command is never answered as a query. A line is never parsed as options: "--help" is a query.
 * Exit code 1 when any line got no answer or was an unknown command.
 */
export async function runPiped(io: CliIO): Promise<number> {
  let bot: Termbot | undefined;
  let depth: Depth = 'short';
  let code: number = EXIT.ok;
  for await (const line of readLines(io)) {
    const input = line.trim();
    if (!input) continue;
    // Loaded at the first line that needs it: empty input never reads the knowledge folder.
    bot ??= await cliTermbot(io);
    const command = promptCommand(bot, input, depth, io);
    if (command) {
      if (command.depth === null) break;
      depth = command.depth;
      if (!command.known) code = EXIT.problems;
      continue;
    }
    const { answer } = bot.ask(input, depth);
    io.stdout.write(renderTerminal(answer, terminalStyle(io)));
    if (answer.kind === 'none') code = EXIT.problems;
  }
  return code;
}
