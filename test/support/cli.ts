import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output and optional stdin text. */
export async function cli(
  args: string[],
  opts: { stdin?: string; env?: Record<string, string>; tty?: boolean; cwd?: string } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stdin = Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]) as CliIO['stdin'];
  stdin.isTTY = opts.tty ?? false;
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false, columns: 80 },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
    // The snapshot folder test/support/global-setup.ts compiled (unless a test names its own).
    env: {
      LOG_LEVEL: 'silent',
      ...(process.env.TERMBOT_CACHE_DIR ? { TERMBOT_CACHE_DIR: process.env.TERMBOT_CACHE_DIR } : {}),
      ...opts.env,
    },
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
