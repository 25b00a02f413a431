import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordBot, type DiscordBot } from '../../src/adapters/discord/index.js';
import type { AppContext } from '../../src/adapters/types.js';
import { parseConfig } from '../../src/app/config.js';
import type { TotdScheduler } from '../../src/core/totd/scheduler.js';
import { openTotd, type TotdRuntime } from '../../src/app/totd-runtime.js';
import { FakeDiscord, type RestCall } from '../support/fakes/discord/fake-discord.js';
import { MANAGER_PERMISSIONS } from '../support/fakes/discord/payloads.js';
import { memoryLogger, realTermbot } from '../adapters/discord/harness.js';
import { FakeClock } from '../core/totd/helpers/fakes.js';
import { tempDir } from '../store/helpers.js';

/**
 * The whole term of the day on Discord: env subscriptions and a slash-command subscription stored in
 * SQLite, the scheduler on a fake clock, the real discord.js client posting to a local fake Discord.
 */
const GUILD = '800000000000000001';
const A = '700000000000000011';
const B = '700000000000000012';
const NO_PERMS = '700000000000000013';
const C = '700000000000000014';
const DELETED = '700000000000000099'; // not in the guild: the fake answers 404 Unknown Channel
const alice = { id: '600000000000000001', username: 'alice' };

const tmp = tempDir('termbot-e2e-discord-');
let fake: FakeDiscord;
let bot: DiscordBot;
let runtime: TotdRuntime;
let scheduler: TotdScheduler;
const clock = new FakeClock('2026-11-30T07:00:00Z'); // Monday 08:00 in Berlin

beforeAll(async () => {
  fake = new FakeDiscord({ guilds: [{ id: GUILD, name: 'Test', channels: [C, A, B, NO_PERMS].map((id, i) => ({ id, name: `c${i}` })) }] });
  await fake.start();
  const { logger } = memoryLogger();
  const config = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DATA_DIR: path.join(tmp.dir, 'data'),
    TOTD_TZ: 'Europe/Berlin',
    TOTD_TIME: '09:00',
    TOTD_DISCORD_CHANNELS: [A, B, NO_PERMS, DELETED].join(','),
  });
  const termbot = await realTermbot();
  runtime = await openTotd({ config, bot: termbot, logger, clock, owner: 'e2e:1:discord' });
  const ctx: AppContext = { config, logger, bot: termbot, totd: runtime.service };
  bot = createDiscordBot({ ctx });
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
const advanceTo = (at: string) => clock.advanceTo(at, () => scheduler.idle());

describe('term of the day e2e on the fake Discord', () => {
  it('at the scheduled time posts exactly one card per subscribed channel; failing channels do not stop the others', async () => {
    fake.errorNext('POST', new RegExp(`^/channels/${NO_PERMS}/messages$`), 403, 50013, 'Missing Permissions');
    await advanceTo('2026-11-30T07:59:00Z');
    expect(posts(A)).toHaveLength(0);
    await advanceTo('2026-11-30T08:00:00Z');

    for (const channel of [A, B]) {
      const [post] = posts(channel);
      expect(posts(channel)).toHaveLength(1);
      const body = post!.body;
      const slot = `discord:${channel}:2026-11-30`;
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.embeds[0].footer.text).toContain(slot);
      // The right content: the term the store recorded for this slot, with its card and a More detail button.
      const stored = await runtime.store.getSlot(slot);
      expect(stored).toMatchObject({ status: 'posted', messageId: (fake.messages.get(channel)!.at(-1) as { id: string }).id });
      const term = (await realTermbot()).kb.terms.get(stored!.slug!)!;
      expect(body.content).toContain(term.title);
      expect(body.embeds[0].title).toContain(term.title);
      expect(JSON.stringify(body.embeds[0])).toContain(term.summary.slice(0, 40));
      expect(JSON.stringify(body.components)).toContain('More detail');
    }

    const noPerms = await runtime.service.status('discord', NO_PERMS);
    expect(noPerms?.broken?.reason).toMatch(/Missing Permissions/);
    const deleted = await runtime.service.status('discord', DELETED);
    expect(deleted?.broken?.reason).toMatch(/Unknown Channel/);
    expect(posts(NO_PERMS)).toHaveLength(0);
  });

  it('does not post again the same day, and posts the next term the next day', async () => {
    await scheduler.runDue();
    await advanceTo('2026-11-30T20:00:00Z');
    expect(posts(A)).toHaveLength(1);
    const first = (await runtime.store.getSlot(`discord:${A}:2026-11-30`))!.slug;
    await advanceTo('2026-12-01T08:00:00Z');
    expect(posts(A)).toHaveLength(2);
    expect((await runtime.store.getSlot(`discord:${A}:2026-12-01`))!.slug).not.toBe(first);
    // Broken channels are not tried again until someone subscribes anew.
    expect(fake.callsTo('POST', `/channels/${NO_PERMS}/messages`)).toHaveLength(1);
  });

  it('posts through a 429 once, and a /explain-daily subscribe from chat is scheduled in its own zone', async () => {
    expect(fake.channelId).toBe(C); // slash commands come from the guild's first channel
    const sub = fake.subcommand('explain-daily', 'subscribe', { time: '07:30', timezone: 'America/New_York' }, alice, MANAGER_PERMISSIONS);
    await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(sub.token));
    expect(await runtime.service.status('discord', C)).toMatchObject({ source: 'chat', time: '07:30', timeZone: 'America/New_York' });
    fake.rateLimitNext('POST', new RegExp(`^/channels/${C}/messages$`), 0.05);
    // It is 03:00 on Tuesday in New York; 07:30 there is 12:30 UTC.
    await advanceTo('2026-12-01T12:29:00Z');
    expect(posts(C)).toHaveLength(0);
    await advanceTo('2026-12-01T12:30:00Z');
    expect(fake.callsTo('POST', `/channels/${C}/messages`).map((c) => c.status)).toEqual([429, 200]);
    expect(posts(C)).toHaveLength(1);
    expect(posts(C)[0]!.body.embeds[0].footer.text).toContain(`discord:${C}:2026-12-01`);
    expect(await runtime.store.getSlot(`discord:${C}:2026-12-01`)).toMatchObject({ status: 'posted' });
  });

  it('sends the slot nonce with enforce_nonce: a retried send of the same slot returns the existing message', async () => {
    const answer = (await realTermbot()).answerFor('cdn');
    if (answer.kind !== 'term') throw new Error('expected a term');
    const post = {
      platform: 'discord' as const,
      channelId: B,
      slotKey: `discord:${B}:2026-12-25`,
      date: '2026-12-25',
      answer,
      thread: false,
    };
    const before = fake.messages.get(B)!.length;
    const first = await bot.poster.post(post);
    const again = await bot.poster.post(post);
    expect(again.messageId).toBe(first.messageId);
    expect(fake.messages.get(B)!.length - before).toBe(1);
    const sent = fake.callsTo('POST', `/channels/${B}/messages`).at(-1)!.body;
    expect(sent).toMatchObject({ enforce_nonce: true, nonce: expect.stringMatching(/^[0-9a-f]{25}$/) });
    // Another day's slot has another nonce: a new message.
    const next = await bot.poster.post({ ...post, slotKey: `discord:${B}:2026-12-26`, date: '2026-12-26' });
    expect(next.messageId).not.toBe(first.messageId);
  });

  it('the poster never re-sends a card on a 5xx itself (the answer may be lost after Discord stored it)', async () => {
    const answer = (await realTermbot()).answerFor('dns');
    if (answer.kind !== 'term') throw new Error('expected a term');
    const before = fake.callsTo('POST', `/channels/${B}/messages`).length;
    fake.errorNext('POST', new RegExp(`^/channels/${B}/messages$`), 502, 0, 'Bad Gateway');
    const post = {
      platform: 'discord' as const,
      channelId: B,
      slotKey: `discord:${B}:2026-12-24`,
      date: '2026-12-24',
      answer,
      thread: false,
    };
    await expect(bot.poster.post(post)).rejects.toMatchObject({ kind: 'transient' });
    // One attempt only: the scheduler decides about retrying, after looking in the channel.
    expect(fake.callsTo('POST', `/channels/${B}/messages`).length - before).toBe(1);
  });
});
