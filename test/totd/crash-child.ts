/**
 * A bot process that gets killed mid-post, for crash.test.ts: it runs one scheduler pass with a poster
 * that appends the message to a shared "channel" file (after-send) or not (before-send), reports it,
 * then hangs until the parent kills it with SIGKILL. Not a test file itself.
 */
import { appendFileSync } from 'node:fs';
import { TotdScheduler } from '../../src/core/totd/scheduler.js';
import type { TotdPost, TotdPoster } from '../../src/core/totd/types.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { createOwnerId } from '../../src/app/process-identity.js';
import { FakeClock, FakeTerms, MemoryLogger } from '../core/totd/helpers/fakes.js';

const [file, channelFile, at, mode] = process.argv.slice(2) as [string, string, string, 'after-send' | 'before-send'];

const poster: TotdPoster = {
  platform: 'discord',
  async post(post: TotdPost) {
    if (mode === 'after-send') appendFileSync(channelFile, `${post.slotKey} m-crashed\n`);
    process.stdout.write('posting\n');
    return new Promise(() => {});
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
  owner: createOwnerId(),
});
setTimeout(() => process.exit(3), 15_000);
void scheduler.runDue();
