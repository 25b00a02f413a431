import { StoreError } from '../preflight.js';

/** DATABASE_URL without its password, for log lines and errors. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Connection failures that may pass (the server is starting, restarting or briefly unreachable): worth
 * retrying. Anything else (wrong password, no such database, no permission) needs a person.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND', // a compose service name that does not resolve yet
  'EAI_AGAIN',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isTransientPgError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  if (code && TRANSIENT_CODES.has(code)) return true;
  const message = err instanceof Error ? err.message : '';
  return /timeout|terminated|Connection terminated|ECONNREFUSED/i.test(message);
}

/** A one-line StoreError naming DATABASE_URL (redacted) and the cause. */
export function connectionError(err: unknown, where: string): StoreError {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: string }).code;
  const cause = `${code ? `${code}: ` : ''}${err instanceof Error ? err.message : String(err)}`.split('\n')[0]!;
  return isTransientPgError(err)
    ? new StoreError('unreachable', where, `cannot reach PostgreSQL at ${where} (DATABASE_URL): ${cause}`, { cause: err })
    : new StoreError('cannot-create', where, `cannot use PostgreSQL at ${where} (DATABASE_URL): ${cause}`, { cause: err });
}
