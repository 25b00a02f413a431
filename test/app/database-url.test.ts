import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/app/config.js';
import { openConfiguredStore } from '../../src/app/totd-store.js';
import { StoreError } from '../../src/store/preflight.js';
import { FakeDiscord } from '../support/fakes/discord/fake-discord.js';
import { freePort } from '../support/postgres/cluster.js';
import { freshDatabase } from '../support/postgres/databases.js';
import { tempDir } from '../store/helpers.js';
import { BotProcess } from './bot-process.js';
import { memoryLogger } from '../adapters/discord/harness.js';

/** DATABASE_URL: malformed stops startup naming it; unreachable is retried with backoff, then a clear error; set, the bot uses PostgreSQL. */
const tmp = tempDir('termbot-dburl-');
const bots: BotProcess[] = [];
let discord: FakeDiscord | null = null;
afterAll(async () => {
  await Promise.all(bots.map((b) => b.dispose()));
  await discord?.stop();
  tmp.cleanup();
});

describe('DATABASE_URL', () => {
  it('a malformed value is a configuration error naming the variable', () => {
    for (const bad of ['mysql://db/termbot', 'localhost:5432', 'postgres://']) {
      let caught: unknown;
      try {
        parseConfig({ DATABASE_URL: bad });
      } catch (err) {
        caught = err;
      }
      expect(caught, bad).toBeInstanceOf(ConfigError);
      expect((caught as ConfigError).problems[0]).toMatchObject({
        variable: 'DATABASE_URL',
        message: expect.stringMatching(/PostgreSQL URL/),
      });
    }
    expect(parseConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/termbot' }).DATABASE_URL).toBe('postgresql://u:p@db:5432/termbot');
    expect(parseConfig({}).DATABASE_URL).toBeUndefined();
  });

  it('the bot stops at startup with one fatal line naming DATABASE_URL when it is malformed', async () => {
    discord = new FakeDiscord();
    await discord.start();
    const b = new BotProcess(
      { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DATABASE_URL: 'mysql://db/termbot' },
      tmp.dir,
    );
    bots.push(b);
    expect((await b.exited).code).toBe(1);
    const fatal = b.lines.filter((l) => l.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ variable: 'DATABASE_URL' });
  });

  it('an unreachable server is retried with backoff, then fails with one clear line (no password)', async () => {
    const port = await freePort();
    const { logger, lines } = memoryLogger();
    const err = await openConfiguredStore(
      { dataDir: tmp.dir, DATABASE_URL: `postgres://termbot:hunter2@127.0.0.1:${port}/termbot` },
      logger,
      {
        backoff: { initialMs: 10, maxMs: 40, attempts: 4 },
      },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toMatch(/cannot reach PostgreSQL at .*\(DATABASE_URL\).*gave up after 4 attempts/);
    expect((err as StoreError).message).not.toContain('hunter2');
    expect(lines.filter((l) => /not reachable yet/.test(String(l.msg)))).toHaveLength(3);
  });

  it('set and reachable: the store is PostgreSQL', async () => {
    const url = await freshDatabase();
    const { logger } = memoryLogger();
    const opened = await openConfiguredStore({ dataDir: tmp.dir, DATABASE_URL: url }, logger);
    expect(opened.engine).toBe('postgres');
    await opened.store.close();
  });
});
