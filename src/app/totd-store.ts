import type { TotdStore } from '../core/ports/totd-store.js';
import type { Logger } from '../logger.js';
import { PgTotdStore } from '../store/pg/pg-totd-store.js';
import { redactUrl } from '../store/pg/connection.js';
import { StoreError } from '../store/preflight.js';
import { SqliteTotdStore } from '../store/sqlite-totd-store.js';

/** Waits between attempts to reach PostgreSQL at startup: 1, 2, 4, 8, 16, then 30 s; about 2.5 minutes in all. */
export interface DbBackoff {
  initialMs: number;
  maxMs: number;
  attempts: number;
}
export const DB_STARTUP_BACKOFF: DbBackoff = { initialMs: 1_000, maxMs: 30_000, attempts: 9 };

export interface OpenedStore {
  store: TotdStore;
  /** For log lines: the SQLite file's folder, or the redacted DATABASE_URL. */
  where: string;
  engine: 'sqlite' | 'postgres';
}

/**
 * The store the configuration asks for: PostgreSQL when DATABASE_URL is set (an unreachable server is
 * retried with backoff for a bounded time, as a database container may start after the bot), else the
 * SQLite file in DATA_DIR. Throws StoreError (the last one, for PostgreSQL).
 */
export async function openConfiguredStore(
  config: { dataDir: string; DATABASE_URL?: string | undefined },
  logger: Logger,
  opts: { signal?: AbortSignal; backoff?: DbBackoff } = {},
): Promise<OpenedStore> {
  const url = config.DATABASE_URL;
  if (!url) return { store: SqliteTotdStore.open(config.dataDir), where: config.dataDir, engine: 'sqlite' };
  const where = redactUrl(url);
  const b = opts.backoff ?? DB_STARTUP_BACKOFF;
  let wait = b.initialMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const store = await PgTotdStore.open(url, {
        // A connection dropped while idle (the server restarted) is replaced by the pool; the scheduler logs the outage once.
        onIdleError: (err) => logger.debug({ err: err.message }, 'term of the day: an idle PostgreSQL connection closed'),
      });
      if (attempt > 1) logger.info({ database: where, attempt }, 'PostgreSQL reached');
      return { store, where, engine: 'postgres' };
    } catch (err) {
      const last = attempt >= b.attempts || opts.signal?.aborted === true;
      if (!(err instanceof StoreError) || err.problem !== 'unreachable' || last) {
        if (err instanceof StoreError && err.problem === 'unreachable')
          throw new StoreError('unreachable', where, `${err.message} (gave up after ${attempt} attempts)`, { cause: err });
        throw err;
      }
      logger.warn({ database: where, attempt, retryInMs: wait, reason: err.message }, 'PostgreSQL not reachable yet; retrying');
      await sleep(wait, opts.signal);
      wait = Math.min(wait * 2, b.maxMs);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
