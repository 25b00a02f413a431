import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot, type DiscordBot } from '../../../src/adapters/discord/index.js';
import type { AppContext } from '../../../src/adapters/types.js';
import { parseConfig } from '../../../src/app/config.js';
import { openTotd, type TotdRuntime } from '../../../src/app/totd-runtime.js';
import type { TotdScheduler } from '../../../src/core/totd/scheduler.js';
import { FakeDiscord, shardOf, type RestCall } from '../../support/fakes/discord/fake-discord.js';
import { FakeClock } from '../../core/totd/helpers/fakes.js';
import { tempDir } from '../../store/helpers.js';
import { alice, memoryLogger, realTermbot } from './harness.js';

/**
 * DISCORD_SHARDS (issue 12): the real discord.js client runs the shards Discord recommends (the
 * fake reports 2), each guild's events arrive on its own shard and are answered, and the term of
 * the day still posts once per channel, whatever the number of shards.
 */
const GUILD_ON_0 = '800000000004194305';
const GUILD_ON_1 = '800000000000000001';
const CH_0 = '700000000000000021';
const CH_1 = '700000000000000022';

const tmp = tempDir('termbot-e2e-shards-');
let fake: FakeDiscord;
let bot: DiscordBot;
let runtime: TotdRuntime;
let scheduler: TotdScheduler;
const clock = new FakeClock('2026-11-30T07:00:00Z');

beforeAll(async () => {
  fake = new FakeDiscord({
    shards: 2,
    guilds: [
      { id: GUILD_ON_0, name: 'Zero', channels: [{ id: CH_0, name: 'general' }] },
      { id: GUILD_ON_1, name: 'One', channels: [{ id: CH_1, name: 'general' }] },
    ],
  });
  await fake.start();
  const { logger } = memoryLogger();
  const config = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_SHARDS: 'auto',
    DATA_DIR: path.join(tmp.dir, 'data'),
    TOTD_TZ: 'UTC',
    TOTD_TIME: '09:00',
    TOTD_DISCORD_CHANNELS: `${CH_0},${CH_1}`,
  });
  const termbot = await realTermbot();
  runtime = await openTotd({ config, bot: termbot, logger, clock, owner: 'e2e:shards' });
  const ctx: AppContext = { config, logger, bot: termbot, totd: runtime.service };
  bot = createDiscordBot({ ctx, clientOptions: { rest: { api: fake.apiUrl } } });
  await bot.start();
  scheduler = await runtime.start([bot.poster]);
});

afterAll(async () => {
  await runtime?.stop();
  await bot?.stop();
  await runtime?.close();
  await fake?.stop();
  tmp.cleanup();
});

const posts = (channelId: string): RestCall[] => fake.callsTo('POST', `/channels/${channelId}/messages`).filter((c) => c.status === 200);

describe('a sharded Discord bot (DISCORD_SHARDS=auto, the fake recommends 2)', () => {
  it('identifies once per shard with [id, count] and sees the guilds of both shards', () => {
    expect(shardOf(GUILD_ON_0, 2)).toBe(0);
    expect(shardOf(GUILD_ON_1, 2)).toBe(1);
    expect([...fake.identifiedShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(bot.client.ws.shards.size).toBe(2);
    expect([...bot.client.guilds.cache.keys()].sort()).toEqual([GUILD_ON_1, GUILD_ON_0].sort());
  });

  it('answers a mention that arrives on shard 1', async () => {
    fake.sendMessage({
      author: alice,
      content: `<@${fake.bot.id}> what is dns`,
      guildId: GUILD_ON_1,
      channelId: CH_1,
      mentions: [fake.bot],
    });
    const reply = await fake.waitForCall((c) => c.method === 'POST' && c.path === `/channels/${CH_1}/messages`);
    expect(JSON.stringify(reply.body)).toContain('DNS');
  });

  it('answers a slash command that arrives on shard 0', async () => {
    const i = fake.slashCommand('explain', { term: 'load balancer' }, alice);
    const cb = await fake.waitForCallback(i);
    expect(JSON.stringify(cb.body)).toContain('Load Balancer');
  });

  it('posts the term of the day exactly once per channel, on both shards', async () => {
    await clock.advanceTo('2026-11-30T09:00:00Z', () => scheduler.idle());
    await scheduler.runDue();
    expect(posts(CH_0)).toHaveLength(1);
    expect(posts(CH_1).filter((c) => JSON.stringify(c.body).includes(`discord:${CH_1}:2026-11-30`))).toHaveLength(1);
  });
});

describe('shards spread over two bot processes (DISCORD_SHARDS=2, DISCORD_SHARD_IDS=0 and =1)', () => {
  it('each connects only its own shard, and the shared store keeps the term of the day to one post per channel', async () => {
    const spread = new FakeDiscord({
      shards: 2,
      guilds: [
        { id: GUILD_ON_0, name: 'Zero', channels: [{ id: CH_0, name: 'general' }] },
        { id: GUILD_ON_1, name: 'One', channels: [{ id: CH_1, name: 'general' }] },
      ],
    });
    await spread.start();
    const dir = tempDir('termbot-e2e-shards-spread-');
    const spreadClock = new FakeClock('2026-11-30T07:00:00Z');
    const replicas: { bot: DiscordBot; runtime: TotdRuntime; scheduler: TotdScheduler }[] = [];
    try {
      for (const ids of ['0', '1']) {
        const { logger } = memoryLogger();
        const config = parseConfig({
          DISCORD_TOKEN: spread.token,
          DISCORD_API_URL: spread.apiUrl,
          DISCORD_SHARDS: '2',
          DISCORD_SHARD_IDS: ids,
          DATA_DIR: path.join(dir.dir, 'data'),
          TOTD_TZ: 'UTC',
          TOTD_TIME: '09:00',
          TOTD_DISCORD_CHANNELS: `${CH_0},${CH_1}`,
        });
        const termbot = await realTermbot();
        const rt = await openTotd({ config, bot: termbot, logger, clock: spreadClock, owner: `e2e:shard-${ids}` });
        const b = createDiscordBot({ ctx: { config, logger, bot: termbot, totd: rt.service } });
        await b.start();
        replicas.push({ bot: b, runtime: rt, scheduler: await rt.start([b.poster]) });
      }
      expect(replicas.map((r) => [...r.bot.client.ws.shards.keys()])).toEqual([[0], [1]]);
      expect(replicas.map((r) => [...r.bot.client.guilds.cache.keys()])).toEqual([[GUILD_ON_0], [GUILD_ON_1]]);

      await spreadClock.advanceTo('2026-11-30T09:00:00Z', () => Promise.all(replicas.map((r) => r.scheduler.idle())).then(() => undefined));
      await Promise.all(replicas.map((r) => r.scheduler.runDue()));
      for (const ch of [CH_0, CH_1])
        expect(spread.callsTo('POST', `/channels/${ch}/messages`).filter((c) => c.status === 200)).toHaveLength(1);
    } finally {
      for (const r of replicas) {
        await r.runtime.stop();
        await r.bot.stop();
        await r.runtime.close();
      }
      await spread.stop();
      dir.cleanup();
    }
  });
});
