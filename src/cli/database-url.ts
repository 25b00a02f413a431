import type { StoreError } from '../store/preflight.js';
import { cliConfig } from './config.js';
import type { CliIO } from './io.js';
import { OperatorError } from './operator.js';

/**
 * The bot's DATABASE_URL (environment or .env; empty is unset), checked: a bad one is a configuration
 * error (exit 2), not "no answer". Commands that read the bot's state (report, totd list, today) read
 * PostgreSQL when it is set, so they see what the running bot sees.
 */
export async function databaseUrlOf(io: CliIO): Promise<string | undefined> {
  const raw = cliConfig(io).env.DATABASE_URL?.trim() || undefined;
  if (raw === undefined) return undefined;
  // The bot's own schema for the variable (src/app/config.ts), so the CLI and `npm start` refuse the same values.
  const { envSchema } = await import('../app/config.js');
  const checked = envSchema.shape.DATABASE_URL.safeParse(raw);
  if (!checked.success) throw new OperatorError(`invalid configuration: DATABASE_URL: ${checked.error.issues[0]?.message ?? 'invalid'}`);
  return raw;
}

/** "db.internal:5432" from a PostgreSQL URL (never its password). */
export function hostPort(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}`;
}

/**
 * A server that cannot be reached, or that refuses us (password, database name), means DATABASE_URL is
 * wrong: an operator error (one line, exit 2) naming host and port, never the password. Null for any
 * other problem (a schema this termbot cannot read), which the command reports as it does for SQLite.
 */
export function connectProblem(err: StoreError, url: string): OperatorError | null {
  if (err.problem === 'unreachable') {
    const cause = err.cause instanceof Error ? ((err.cause as NodeJS.ErrnoException).code ?? err.cause.message.split('\n')[0]) : '';
    return new OperatorError(`cannot reach the database at ${hostPort(url)} (DATABASE_URL)${cause ? `: ${cause}` : ''}`, { cause: err });
  }
  return err.problem === 'cannot-create' ? new OperatorError(err.message, { cause: err }) : null;
}
