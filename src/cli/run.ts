import { KnowledgeError } from '../core/errors.js';
import { COMMANDS } from './commands/index.js';
import { readLines } from './context.js';
import { EXIT, UsageError, type CliIO } from './io.js';

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `termbot: infrastructure and architecture vocabulary, explained.

Usage: termbot <command> [options]      (no command in a terminal: interactive prompt)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run termbot <command> --help for a command's options.
`;
}

/** Runs the CLI in-process; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    const repl = COMMANDS.find((c) => c.name === 'repl')!;
    if (io.stdin.isTTY) return run(repl.name, () => repl.run([], io));
    // Piped input without a command: explain each line.
    const lookup = COMMANDS.find((c) => c.name === 'explain')!;
    return run('explain', async () => {
      let code: number = EXIT.ok;
      for (const line of await readLines(io)) code = Math.max(code, await lookup.run([line], io));
      return code;
    });
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    io.stdout.write(topic ? topic.usage + '\n' : mainHelp());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write('termbot 0.1.0\n');
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`termbot: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage + '\n');
    return EXIT.ok;
  }
  return run(name, () => command.run(rest, io));

  async function run(label: string, fn: () => Promise<number>): Promise<number> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
        io.stderr.write(`termbot ${label}: ${err.message}\nRun termbot ${label} --help for usage.\n`);
        return EXIT.usage;
      }
      if (err instanceof KnowledgeError) {
        io.stderr.write(`termbot ${label}: ${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}\n`);
        return EXIT.problems;
      }
      io.stderr.write(`termbot ${label}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      return EXIT.internal;
    }
  }
}
