import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { renderTerminal } from '../../core/answer/render-terminal.js';
import type { Depth } from '../../core/answer/types.js';
import type { Termbot } from '../../core/termbot.js';
import { cliTermbot, terminalStyle } from '../context.js';
import { EXIT, type CliIO, type Command } from '../io.js';

const HELP = `Type a term or a question ("what's a CDN?", "SLA vs SLO"). Commands:
  :full / :short   switch between the full and the short answer
  :list [category] list terms        :help   this help        :quit   leave (or Ctrl-D)
`;

/** Answers one line of the REPL; returns the new depth (commands can change it) or null to quit. */
export function replLine(bot: Termbot, line: string, depth: Depth, io: CliIO, color: boolean): Depth | null {
  const input = line.trim();
  const style = { ...terminalStyle(io), color };
  if (!input) return depth;
  if (input === ':quit' || input === ':q' || input === ':exit') return null;
  if (input === ':help' || input === '?') {
    io.stdout.write(HELP);
    return depth;
  }
  if (input === ':full' || input === ':short') {
    io.stdout.write(`Depth: ${input.slice(1)}\n`);
    return input.slice(1) as Depth;
  }
  if (input.startsWith(':list')) {
    const category = input.slice(5).trim() || undefined;
    const terms = bot.list(category as never);
    io.stdout.write(terms.length ? terms.map((t) => `  ${t.title} (${t.slug})`).join('\n') + '\n' : 'No such category.\n');
    return depth;
  }
  io.stdout.write(renderTerminal(bot.ask(input, depth).answer, style) + '\n');
  return depth;
}

/** Interactive prompt with tab completion over the knowledge base. */
export async function runRepl(bot: Termbot, io: CliIO, noColor = false): Promise<number> {
  const color = terminalStyle(io, noColor).color;
  const rl = createInterface({
    input: io.stdin,
    output: io.stdout as NodeJS.WritableStream,
    terminal: Boolean(io.stdin.isTTY && io.stdout.isTTY),
    completer: (line: string) => {
      const hits = bot.complete(line, 10).map((c) => c.value);
      return [hits, line];
    },
  });
  let depth: Depth = 'short';
  io.stdout.write(`termbot: ${bot.stats().terms} terms, ${bot.stats().comparisons} comparisons. ${HELP}`);
  rl.setPrompt('termbot> ');
  rl.prompt();
  for await (const line of rl) {
    const next = replLine(bot, line, depth, io, color);
    if (next === null) break;
    depth = next;
    rl.prompt();
  }
  rl.close();
  return EXIT.ok;
}

export const replCommand: Command = {
  name: 'repl',
  summary: 'Interactive prompt (the default when you run termbot in a terminal)',
  usage: `Usage: termbot repl [--no-color] [--knowledge DIR]\n\n${HELP}`,
  async run(args, io) {
    const { values } = parseArgs({ args, options: { 'no-color': { type: 'boolean', default: false }, knowledge: { type: 'string' } } });
    return runRepl(await cliTermbot(io, values.knowledge), io, values['no-color']);
  },
};
