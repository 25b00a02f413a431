import { TotdScheduler, type SchedulerOptions } from '../../../../src/core/totd/scheduler.js';
import { DefaultTotdService } from '../../../../src/core/totd/service.js';
import { SqliteTotdStore } from '../../../../src/store/sqlite-totd-store.js';
import { FakeClock, FakePoster, FakeTerms, MemoryLogger } from './fakes.js';

export interface Harness {
  clock: FakeClock;
  store: SqliteTotdStore;
  terms: FakeTerms;
  discord: FakePoster;
  slack: FakePoster;
  logger: MemoryLogger;
  scheduler: TotdScheduler;
  service: DefaultTotdService;
  /** Moves the clock to `at`, firing the scheduler's timers on the way. */
  advanceTo(at: string): Promise<number>;
  close(): Promise<void>;
}

/** A scheduler and service over a SQLite store (a file when given, so restarts can reopen it) with fakes for everything else. */
export function harness(opts: {
  start: string;
  file?: string;
  clock?: FakeClock;
  terms?: FakeTerms;
  discord?: FakePoster;
  slack?: FakePoster;
  owner?: string;
  scheduler?: Partial<SchedulerOptions>;
}): Harness {
  const clock = opts.clock ?? new FakeClock(opts.start);
  const store = new SqliteTotdStore(opts.file ?? ':memory:');
  const terms = opts.terms ?? new FakeTerms(5);
  const discord = opts.discord ?? new FakePoster('discord');
  const slack = opts.slack ?? new FakePoster('slack');
  const logger = new MemoryLogger();
  const scheduler = new TotdScheduler({
    store,
    bot: terms,
    posters: [discord, slack],
    logger,
    clock,
    owner: opts.owner ?? 'test-host:1:a',
    retry: { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 },
    maxSleepMs: 60 * 60_000,
    ...opts.scheduler,
  });
  const service = new DefaultTotdService({ store, bot: terms, defaultTimeZone: 'UTC', clock, onChange: () => scheduler.refresh() });
  return {
    clock,
    store,
    terms,
    discord,
    slack,
    logger,
    scheduler,
    service,
    advanceTo: (at) => clock.advanceTo(at, () => scheduler.idle()),
    async close() {
      await scheduler.stop();
      await store.close();
    },
  };
}
