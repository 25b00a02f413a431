import type { Readable } from 'node:stream';

/** Everything a command touches, injected so tests can run commands in-process. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock (default: the system's); tests pass a fixed time so date-dependent output can be checked. */
  now?: () => Date;
}

/** A usage mistake: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text, shown by `termbot <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const;
