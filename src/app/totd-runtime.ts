import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { FatalError } from './fatal.js';
import type { Termbot } from '../core/termbot.js';
import type { Clock } from '../core/totd/clock.js';
import { TotdScheduler, type RetryPolicy } from '../core/totd/scheduler.js';
import { DefaultTotdService } from '../core/totd/service.js';
import type { TotdStore } from '../core/ports/totd-store.js';
import type { Platform, TotdPoster } from '../core/totd/types.js';
import type { Logger } from '../logger.js';
import { DB_FILE } from '../store/sqlite-totd-store.js';
import { createOwnerId, ownerLiveness } from './process-identity.js';
import { openConfiguredStore, type DbBackoff } from './totd-store.js';

export interface TotdRuntimeOptions {
  config: Pick<Config, 'dataDir' | 'TOTD_TIME' | 'TOTD_TZ' | 'TOTD_DISCORD_CHANNELS' | 'TOTD_SLACK_CHANNELS'> &
    Partial<Pick<Config, 'DATABASE_URL' | 'TOTD_LEASE_SECONDS' | 'discordEnabled' | 'slackEnabled'>>;
  bot: Termbot;
  logger: Logger;
  /** Defaults to PostgreSQL when DATABASE_URL is set, else the SQLite file in DATA_DIR. */
  store?: TotdStore;
  /** Aborted at shutdown: stops waiting for PostgreSQL at startup. */
  signal?: AbortSignal;
  dbBackoff?: DbBackoff;
  clock?: Clock;
  owner?: string;
  retry?: Partial<RetryPolicy>;
}

/**
 * The term of the day in a running bot, in two steps because adapters need the service before
 * they start and the scheduler needs the adapters' posters after:
 * `openTotd` (store, service, env subscriptions) -> start adapters with `service` -> `start(posters)`.
 */
export interface TotdRuntime {
  readonly service: DefaultTotdService;
  readonly store: TotdStore;
  /** Starts the scheduler; resolves after its first pass (reconcile and catch-up). */
  start(posters: TotdPoster[]): Promise<TotdScheduler>;
  /** Stops posting; waits for the pass in progress. */
  stop(): Promise<void>;
  /** Closes the database; after stop() and after the adapters stopped. */
  close(): Promise<void>;
}

export async function openTotd(opts: TotdRuntimeOptions): Promise<TotdRuntime> {
  const { config, logger } = opts;
  const log = logger.child({ module: 'totd' });
  const opened = opts.store
    ? { store: opts.store, where: config.dataDir, engine: 'given' }
    : await openConfiguredStore(config, log, {
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.dbBackoff ? { backoff: opts.dbBackoff } : {}),
      });
  const store = opened.store;
  const owner = opts.owner ?? createOwnerId();
  let scheduler: TotdScheduler | null = null;
  let platforms: Platform[] | null = null;
  const service = new DefaultTotdService({
    store,
    bot: opts.bot,
    defaultTimeZone: config.TOTD_TZ,
    defaultTime: config.TOTD_TIME,
    ...(opts.clock ? { clock: opts.clock } : {}),
    // A chat subscribe re-plans at once; the pass it runs also posts today's term if it is already due.
    onChange: () => {
      void scheduler?.refresh();
    },
    // Status shows no next run for a platform whose adapter is not running (its posts would never go out).
    activePlatforms: () => platforms,
  });
  let synced: Awaited<ReturnType<DefaultTotdService['syncEnv']>>;
  try {
    // Only the platforms this process runs: a replica serving Slack alone leaves Discord's env channels to the one running Discord.
    synced = await service.syncEnv(
      {
        ...(config.discordEnabled !== false ? { discord: config.TOTD_DISCORD_CHANNELS } : {}),
        ...(config.slackEnabled !== false ? { slack: config.TOTD_SLACK_CHANNELS } : {}),
      },
      { time: config.TOTD_TIME, timeZone: config.TOTD_TZ },
    );
  } catch (err) {
    if (!opts.store) await store.close();
    throw err;
  }
  const { invalid, ...counts } = synced;
  if (invalid.length > 0) log.warn({ invalid }, 'term of the day: ignoring TOTD_*_CHANNELS entries that are not channel ids');
  log.info({ ...counts, store: opened.engine, at: opened.where }, 'term of the day: store open, env subscriptions synced');

  return {
    service,
    store,
    async start(posters) {
      platforms = posters.map((p) => p.platform);
      scheduler = new TotdScheduler({
        store,
        bot: opts.bot,
        posters,
        logger: log,
        owner,
        isOwnerAlive: ownerLiveness(owner),
        ...(config.TOTD_LEASE_SECONDS ? { claimTimeoutMs: config.TOTD_LEASE_SECONDS * 1000 } : {}),
        ...(opts.clock ? { clock: opts.clock } : {}),
        ...(opts.retry ? { retry: opts.retry } : {}),
      });
      await scheduler.start();
      log.info(
        { platforms: posters.map((p) => p.platform), nextWake: scheduler.nextWake()?.toISOString() },
        'term of the day: scheduler running',
      );
      return scheduler;
    },
    async stop() {
      await scheduler?.stop();
    },
    async close() {
      await store.close();
    },
  };
}

/** The term of the day at startup: running, or deliberately off with why. */
export type TotdStartup =
  { runtime: TotdRuntime; disabled?: undefined } | { runtime?: undefined; disabled: { reason: string; detail: string } };

/**
 * Opens the term of the day, or decides it is off. If its database cannot be opened and channels
 * are configured (TOTD_*_CHANNELS) or a database already exists, that is fatal (FatalError naming
 * DATA_DIR and the cause): posting must not stop silently. Otherwise the bot runs without it;
 * `/readyz` and `/explain-daily` say why.
 */
export async function openTotdOrDisable(opts: TotdRuntimeOptions): Promise<TotdStartup> {
  const { config } = opts;
  try {
    return { runtime: await openTotd(opts) };
  } catch (err) {
    const cause = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
    if (config.DATABASE_URL) {
      // Shared state was asked for explicitly: running without it (or on a local file) would be wrong.
      throw new FatalError(`the term-of-the-day database cannot be opened: ${cause}`, 'DATABASE_URL', { cause: err });
    }
    const channels = config.TOTD_DISCORD_CHANNELS.length + config.TOTD_SLACK_CHANNELS.length > 0;
    const exists = existsSync(path.join(config.dataDir, DB_FILE));
    if (channels || exists) {
      const why = channels ? 'TOTD_DISCORD_CHANNELS / TOTD_SLACK_CHANNELS are set' : 'a database already exists there';
      throw new FatalError(
        `the term-of-the-day database in DATA_DIR (${config.dataDir}) cannot be opened: ${cause}. It is needed because ${why}; fix DATA_DIR (a writable folder of the bot's user) and restart`,
        'DATA_DIR',
        { cause: err },
      );
    }
    // Chat users get the short reason (no server paths); /readyz and the log get the detail.
    return { disabled: { reason: 'its database in DATA_DIR could not be opened', detail: `DATA_DIR (${config.dataDir}): ${cause}` } };
  }
}
