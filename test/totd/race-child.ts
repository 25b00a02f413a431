/**
 * One competing bot process for race.test.ts: opens the shared database file, waits for "go" on stdin
 * (the barrier), runs a few scheduler passes at a fixed time, and appends every post it makes to a
 * shared log file. Not a test file itself.
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { TotdScheduler } from '../../src/core/totd/scheduler.js';
import type { TotdPost, TotdPoster } from '../../src/core/totd/types.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { FakeClock, FakeTerms, MemoryLogger } from '../core/totd/helpers/fakes.js';

const [file, owner, logFile, at] = process.argv.slice(2) as [string, string, string, string];

const poster: TotdPoster = {
  platform: 'discord',
  async post(post: TotdPost) {
    // A slow platform widens the window in which a second poster could slip in.
    await new Promise((r) => setTimeout(r, 5));
    appendFileSync(logFile, `${post.slotKey} ${owner}\n`);
    return { messageId: `${owner}-${post.slotKey}` };
  },
  async findPosted() {
    return null;
  },
};

const store = new SqliteTotdStore(file);
const scheduler = new TotdScheduler({
  store,
  bot: new FakeTerms(5),
  posters: [poster],
  logger: new MemoryLogger(),
  clock: new FakeClock(at),
  owner,
});
process.stdout.write('ready\n');
const rl = createInterface({ input: process.stdin });
const watchdog = setTimeout(() => process.exit(3), 15_000);
rl.once('line', () => {
  void (async () => {
    for (let i = 0; i < 3; i++) await scheduler.runDue();
    await store.close();
    clearTimeout(watchdog);
    process.stdout.write('done\n');
    rl.close();
  })();
});
