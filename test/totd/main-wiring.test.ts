import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { loadTermbot } from '../../src/core/termbot.js';
import { DefaultTotdService } from '../../src/core/totd/service.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { FakeDiscord } from '../support/fakes/discord/fake-discord.js';
import { FakeClock } from '../core/totd/helpers/fakes.js';
import { tempDir } from '../store/helpers.js';
import { childArgs, childCacheEnv } from '../support/child-build.js';

/**
 * `npm start` as a real process against the fake Discord: main opens the store, hands the service to
 * the adapter, starts the scheduler with the adapter's poster (which catches up today's due post),
 * and on SIGTERM stops everything and exits 0.
 */
const tmp = tempDir('termbot-main-');
const GUILD = '800000000000000001';
const CHANNEL = '700000000000000021';
let fake: FakeDiscord | null = null;
let child: ChildProcess | null = null;
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fake?.stop();
  tmp.cleanup();
});

describe('main wiring', () => {
  it('posts a due term of the day through the Discord adapter and shuts down cleanly', async () => {
    fake = new FakeDiscord({ guilds: [{ id: GUILD, name: 'Test', channels: [{ id: CHANNEL, name: 'general' }] }] });
    await fake.start();

    // Subscribed yesterday from chat, daily at a time that has just passed: due now, not yet posted.
    const dataDir = path.join(tmp.dir, 'data');
    const now = new Date();
    const minute = Math.max(0, now.getUTCHours() * 60 + now.getUTCMinutes() - 1);
    const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    const store = SqliteTotdStore.open(dataDir);
    const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
    const service = new DefaultTotdService({
      store,
      bot,
      defaultTimeZone: 'UTC',
      clock: new FakeClock(new Date(now.getTime() - 86_400_000)),
    });
    await service.subscribe('discord', CHANNEL, { time, weekdays: [0, 1, 2, 3, 4, 5, 6] }, 'alice');
    await store.close();

    let stderr = '';
    child = spawn(process.execPath, childArgs('app/main'), {
      cwd: tmp.dir, // no stray .env
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        TOTD_TZ: 'UTC',
        ...childCacheEnv(),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    const post = await fake.waitForCall(
      (c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`,
      15_000,
      'the term-of-the-day post',
    );
    const slotKey = `discord:${CHANNEL}:${now.toISOString().slice(0, 10)}`;
    expect(post.body.embeds[0].footer.text).toContain(slotKey);

    // The scheduler logs "running" after its first pass, which records the post; wait for it (bounded), then stop the bot.
    for (let i = 0; i < 150 && !stderr.includes('term of the day: scheduler running'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(stderr).toContain('term of the day: posted');
    expect(stderr).toContain('term of the day: scheduler running');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const after = new SqliteTotdStore(path.join(dataDir, 'termbot.db'));
    expect(await after.getSlot(slotKey)).toMatchObject({ status: 'posted', messageId: String(fake.messages.get(CHANNEL)!.at(-1)!.id) });
    await after.close();
    expect(fake.callsTo('POST', `/channels/${CHANNEL}/messages`)).toHaveLength(1);
  });
});
