import type { Config } from './config.js';
import { createInsights, INSIGHTS_TUNING, type Insights } from '../core/insights/service.js';
import type { Logger } from '../logger.js';
import type { InsightsStore } from '../core/ports/insights-store.js';
import { redactUrl } from '../store/pg/connection.js';
import { PgInsightsStore } from '../store/pg/pg-insights-store.js';
import { SqliteInsightsStore } from '../store/sqlite-insights-store.js';

export interface InsightsRuntime {
  insights: Insights;
  close(): Promise<void>;
}

/**
 * Insights in a running bot: the store in DATABASE_URL (PostgreSQL, shared by every replica) or in
 * DATA_DIR (SQLite), records past INSIGHTS_RETENTION_DAYS deleted at
 * start and then every few hours. INSIGHTS=off: null, nothing recorded and no Helpful? buttons. A
 * database that cannot be opened turns insights off with a warning: answering matters more.
 */
export async function openInsights(
  config: Pick<Config, 'INSIGHTS' | 'INSIGHTS_RETENTION_DAYS' | 'dataDir' | 'DATABASE_URL'>,
  logger: Logger,
): Promise<InsightsRuntime | null> {
  const log = logger.child({ module: 'insights' });
  if (!config.INSIGHTS) {
    log.info('insights off (INSIGHTS=off): nothing is recorded');
    return null;
  }
  let store: InsightsStore;
  const where = config.DATABASE_URL ? redactUrl(config.DATABASE_URL) : config.dataDir;
  try {
    store = config.DATABASE_URL
      ? await PgInsightsStore.open(config.DATABASE_URL, { poolSize: 2 })
      : SqliteInsightsStore.open(config.dataDir);
  } catch (err) {
    log.warn({ database: where, reason: (err as Error).message }, 'insights off: their database cannot be opened');
    return null;
  }
  const insights = createInsights({ store, retentionDays: config.INSIGHTS_RETENTION_DAYS, logger: log });
  const purge = (): void => {
    insights.purge().catch((err: unknown) => log.warn({ err }, 'insights: could not delete old records; will try again'));
  };
  purge();
  const timer = setInterval(purge, INSIGHTS_TUNING.purgeEveryMs);
  timer.unref();
  log.info({ retentionDays: config.INSIGHTS_RETENTION_DAYS }, 'insights on: misses and Helpful? votes are recorded');
  return {
    insights,
    async close() {
      clearInterval(timer);
      await store.close();
    },
  };
}
