import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../core/package-paths.js';
import { KnowledgeError } from '../core/errors.js';
import { COMMANDS } from './commands/index.js';
import { snapshotDir } from '../app/cache-dir.js';
import { CliConfigError, prepareCliConfig } from './config.js';
import { EXIT, UsageError, type CliIO } from './io.js';

/** The version in termbot's package.json. */
export function cliVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `termbot: infrastructure and architecture vocabulary, explained.

Usage: termbot <command> [options]
       termbot            (in a terminal: the interactive prompt; piped: answers each line,
                           and runs the prompt's :commands such as :full)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run termbot <command> --help for a command's options.
`;
}

/** Runs the CLI in-process; returns the exit code. Never throws. */
export async function runCli(argv: string[], rawIo: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  let io = rawIo;
  const needsConfig = !(
    name === '--help' ||
    name === '-h' ||
    name === 'help' ||
    name === '--version' ||
    name === '-v' ||
    rest.includes('--help') ||
    rest.includes('-h')
  );
  if (needsConfig) {
    // .env and the environment, checked by the bot's own schema before any command runs.
    try {
      io = { ...rawIo, env: (await prepareCliConfig(rawIo, snapshotDir)).env };
    } catch (err) {
      if (!(err instanceof CliConfigError)) throw err;
      for (const p of err.problems) rawIo.stderr.write(`termbot: invalid configuration: ${p.variable}: ${p.message}\n`);
      return EXIT.usage;
    }
  }
  if (name === undefined) {
    const repl = COMMANDS.find((c) => c.name === 'repl')!;
    if (io.stdin.isTTY) return run(repl.name, async () => (await repl.load()).run([], io));
    // Piped input without a command: explain each line as it arrives; colon commands as in the prompt.
    const { runPiped } = await import('./piped.js');
    return run('explain', () => runPiped(io));
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    io.stdout.write(topic ? (await topic.load()).usage + '\n' : mainHelp());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`termbot ${cliVersion()}\n`);
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`termbot: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  const command = await entry.load();
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
      // A knowledge folder that cannot be read, or has no usable term, is a configuration error (exit 2).
      if (err instanceof KnowledgeError) {
        const cause = err.cause instanceof Error && !err.message.includes(err.cause.message) ? ` (${err.cause.message})` : '';
        io.stderr.write(`termbot ${label}: ${err.message}${cause}\nCheck KNOWLEDGE_DIR, TEAM_KNOWLEDGE_DIR or --knowledge.\n`);
        return EXIT.usage;
      }
      io.stderr.write(`termbot ${label}: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      return EXIT.internal;
    }
  }
}
