import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, type CliIO } from './io.js';

/**
 * An operator's mistake in a path or a setting (a folder that does not exist, a file where a
 * folder belongs, a DATABASE_URL that is not a URL, a database that cannot be reached). It is
 * printed as one plain line naming the path or variable, with exit code 2 (README: "usage or
 * configuration error"), never as an internal error with a stack.
 */
export class OperatorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OperatorError';
  }
}

/** Plain words for the file-system errors a path given by an operator causes. */
const FS_PROBLEMS: Record<string, string> = {
  ENOTDIR: 'part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EEXIST: 'something is in the way (a file where a folder should be)',
};

/**
 * A Node file-system error on a path the operator gave, as one line naming the path and the
 * problem ("cannot write /x/r.html: the folder /x does not exist"); null for anything else.
 * `verb` is what the command was doing (a failed open does not say whether it was for reading).
 */
export function fsProblem(err: unknown, io: CliIO, verb?: 'read' | 'write', file?: string): OperatorError | null {
  const e = err as NodeJS.ErrnoException | null;
  if (!(e instanceof Error) || typeof e.code !== 'string') return null;
  const target = file ?? e.path;
  if (typeof target !== 'string') return null;
  const doing = verb ?? (e.syscall === 'mkdir' ? 'create' : 'open');
  let problem: string | undefined;
  if (e.code === 'ENOENT')
    problem = verb === 'write' ? `the folder ${shownPath(io, path.dirname(path.resolve(io.cwd, target)))} does not exist` : 'no such file';
  else if (e.code === 'EISDIR') problem = 'that is a folder; give a file name';
  else problem = FS_PROBLEMS[e.code];
  return problem ? new OperatorError(`cannot ${doing} ${shownPath(io, target)}: ${problem}`, { cause: err }) : null;
}

/**
 * Runs a command's body: an OperatorError, or a file-system error on a path the operator gave,
 * becomes one line on stderr and exit code 2. Anything else is left to the caller (a bug stays
 * an internal error).
 */
export async function operatorErrors(label: string, io: CliIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    const problem = err instanceof OperatorError ? err : fsProblem(err, io);
    if (!problem) throw err;
    io.stderr.write(`termbot ${label}: ${problem.message}\n`);
    return EXIT.usage;
  }
}

/**
 * A path as an operator wants to read it: relative to the working folder when it is inside it
 * ("team/payments/x.md"), else absolute ("/tmp/team/x.md", never "../../../tmp/team/x.md").
 */
export function shownPath(io: CliIO, file: string): string {
  const abs = path.resolve(io.cwd, file);
  const rel = path.relative(io.cwd, abs);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}

/**
 * A folder the operator named (DATA_DIR, --data-dir) that must be a folder when it exists:
 * a file there is a configuration error (exit 2), not an empty result.
 */
export function checkFolder(dir: string, setting: string, io: CliIO): string {
  const st = statSync(dir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) throw new OperatorError(`${setting} ${shownPath(io, dir)} is a file, not a folder; point it at a folder`);
  return dir;
}

/**
 * node:util parseArgs, except that a string option's value may start with a dash
 * (`--limit -1`, `--since -5d`): the command then refuses the value in its own words instead
 * of parseArgs' "argument is ambiguous".
 */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const options = config.options ?? {};
  const args = [...(config.args ?? [])];
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.startsWith('--') ? a.slice(2) : null;
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${a}=${next}`);
      i++;
    } else joined.push(a);
    if (a === '--') {
      joined.push(...args.slice(i + 1));
      break;
    }
  }
  const rewritten: T = { ...config, args: joined };
  return parseArgs(rewritten);
}

/**
 * `mkdir -p`, one level at a time from the nearest folder that exists. Node's own recursive mkdir
 * never returns where a level cannot be created yet its parent exists (`/proc/x/y` spins forever on
 * Node 20); here that is an ENOENT naming the level.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!statSync(at, { throwIfNoEntry: false })) {
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const level of missing) {
    try {
      await mkdir(level);
    } catch (err) {
      // Made meanwhile by someone else: fine.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
