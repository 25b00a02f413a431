import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { renderTerminal } from '../../core/answer/render-terminal.js';
import type { Depth } from '../../core/answer/types.js';
import { CATEGORIES } from '../../core/knowledge/types.js';
import type { Termbot } from '../../core/termbot.js';
import { cliTermbot, terminalStyle } from '../context.js';
import { EXIT, type CliIO, type Command } from '../io.js';

const HELP = `Type a term or a question ("what's a CDN?", "SLA vs SLO"); Tab completes names. Commands:
  :full / :short   switch between the full and the short answer
  :list [category] browse: the categories, or the terms of one (:list networking)
  :tools [category] the tools and products we know, by category
  :help   this help        :quit   leave (or Ctrl-D)
`;

/** "1 term", "2 terms". */
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const PROMPT_COMMANDS = [':full', ':short', ':list', ':tools', ':help', ':quit'];

/** How the prompt's cards point to more: its own commands, not the shell's flags. */
const promptHints = {
  moreHint: (): string => 'More: type :full, then ask again',
  browseHint: `Browse: :list <category> (${CATEGORIES.join(', ')})`,
};

/**
 * Tab completion: names that start with what was typed (any case) complete the line, keeping
 * what was typed ("load b" -> "load balancer"); several complete to their common prefix and are
 * listed on a second Tab. When nothing starts that way, the closest names are listed.
 */
export function replCompleter(bot: Termbot, line: string): [string[], string] {
  const typed = line.trimStart();
  const lower = typed.toLowerCase();
  if (typed.startsWith(':')) {
    const [cmd = '', arg] = typed.split(/\s+/, 2);
    if ((cmd === ':list' || cmd === ':tools') && arg !== undefined) {
      const hits = CATEGORIES.filter((c) => c.startsWith(arg.toLowerCase())).map((c) => `${cmd} ${c}`);
      return [hits.length ? hits : CATEGORIES.map((c) => `${cmd} ${c}`), typed];
    }
    const hits = PROMPT_COMMANDS.filter((c) => c.startsWith(lower));
    return [hits.length ? hits : PROMPT_COMMANDS, typed];
  }
  const completions = bot.complete(typed, 25);
  const names: string[] = [];
  for (const c of completions) {
    const parts = /^(.*?) \((.*)\)$/.exec(c.label);
    for (const name of [...(parts ? [parts[1]!, parts[2]!] : [c.label]), c.value.replace(/-/g, ' ')]) {
      if (!names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
    }
  }
  // Typed in lower case: complete in lower case too, so the line reads as one phrase.
  const tail = (n: string): string => (typed === lower ? n.slice(typed.length).toLowerCase() : n.slice(typed.length));
  const prefixed = names.filter((n) => lower && n.toLowerCase().startsWith(lower)).map((n) => typed + tail(n));
  if (prefixed.length > 0) return [[...new Set(prefixed)], typed];
  return [completions.slice(0, 10).map((c) => c.label), typed];
}

/**
 * Runs one of the prompt's colon commands (`:full`, `:list networking`, `:quit`...). Returns the
 * new depth (null to quit) and whether the command was known, or undefined when the line is not a
 * command but a query. Piped input without `repl` runs the same commands, so a saved session
 * replays the same way with or without a terminal.
 */
export function promptCommand(bot: Termbot, input: string, depth: Depth, io: CliIO): { depth: Depth | null; known: boolean } | undefined {
  if (input === ':quit' || input === ':q' || input === ':exit') return { depth: null, known: true };
  if (input === ':help' || input === '?') {
    io.stdout.write(HELP);
    return { depth, known: true };
  }
  if (input === ':full' || input === ':short') {
    io.stdout.write(`Depth: ${input.slice(1)}\n`);
    return { depth: input.slice(1) as Depth, known: true };
  }
  const list = /^:(list|tools)(?:\s+(.*))?$/.exec(input);
  if (list) {
    const kind = list[1] === 'tools' ? 'tool' : 'concept';
    const arg = list[2]?.trim().toLowerCase();
    if (!arg) {
      const counts = bot.overview();
      io.stdout.write(
        `Categories (type :${list[1]} <category>):\n${counts.map((c) => `  ${c.category.padEnd(13)} ${c.label}: ${kind === 'tool' ? plural(c.tools, 'tool') : plural(c.count, 'term')}`).join('\n')}\n`,
      );
      return { depth, known: true };
    }
    if (!bot.categories().includes(arg)) {
      io.stdout.write(`No such category. Categories: ${bot.categories().join(', ')}.\n`);
      return { depth, known: false };
    }
    const terms = bot.list(arg, kind);
    io.stdout.write(
      terms.length
        ? terms.map((t) => `  ${t.title} (${t.slug})`).join('\n') + '\n'
        : `No ${kind === 'tool' ? 'tools' : 'terms'} in ${arg} yet.\n`,
    );
    return { depth, known: true };
  }
  if (input.startsWith(':')) {
    io.stdout.write(`Unknown command. Commands: ${PROMPT_COMMANDS.join(', ')}.\n`);
    return { depth, known: false };
  }
  return undefined;
}

/** Answers one line of the REPL; returns the new depth (commands can change it) or null to quit. */
export function replLine(bot: Termbot, line: string, depth: Depth, io: CliIO, color: boolean): Depth | null {
  const input = line.trim();
  if (!input) return depth;
  const command = promptCommand(bot, input, depth, io);
  if (command) return command.depth;
  const style = { ...terminalStyle(io), color, ...promptHints };
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
    completer: (line: string) => replCompleter(bot, line),
  });
  let depth: Depth = 'short';
  io.stdout.write(`termbot: ${bot.stats().terms} terms, ${bot.stats().tools} tools, ${bot.stats().comparisons} comparisons. ${HELP}`);
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
