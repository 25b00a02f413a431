import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster } from '../../../src/adapters/discord/poster.js';
import type { TermAnswer } from '../../../src/core/answer/types.js';
import { PostError, type TotdPost, type TotdPoster } from '../../../src/core/totd/types.js';
import { FakeDiscord } from '../../support/fakes/discord/fake-discord.js';
import { memoryLogger, realTermbot, alice } from './harness.js';

let fake: FakeDiscord;
let poster: TotdPoster;
let logs: ReturnType<typeof memoryLogger>['lines'];
let answer: TermAnswer;
const otherChannel = '700000000000000002';

beforeAll(async () => {
  fake = new FakeDiscord({
    guilds: [
      {
        id: '800000000000000001',
        name: 'S',
        channels: [
          { id: '700000000000000001', name: 'general' },
          { id: otherChannel, name: 'random' },
        ],
      },
    ],
  });
  await fake.start();
  const { logger, lines } = memoryLogger();
  logs = lines;
  const rest = new REST({ api: fake.apiUrl, retries: 1, timeout: 5_000, rejectOnRateLimit: ['/channels'] }).setToken(fake.token);
  poster = createDiscordPoster({ rest, logger, botUserId: async () => fake.bot.id });
  const a = (await realTermbot()).answerFor('load-balancer');
  if (a.kind !== 'term') throw new Error('expected the load-balancer term in the bundled knowledge');
  answer = a;
});
afterAll(async () => {
  await fake?.stop();
});

const post = (over: Partial<TotdPost> = {}): TotdPost => ({
  platform: 'discord',
  channelId: fake.channelId,
  slotKey: `discord:${fake.channelId}:2026-11-30`,
  date: '2026-11-30',
  answer,
  thread: false,
  ...over,
});

async function rejection(p: Promise<unknown>): Promise<PostError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PostError);
  return err as PostError;
}

describe('Discord term-of-the-day poster', () => {
  it('posts the term card with a More detail button and the slot key in the footer, pinging nobody', async () => {
    const { messageId } = await poster.post(post());
    const call = fake.callsTo('POST', `/channels/${fake.channelId}/messages`).at(-1)!;
    expect(fake.messages.get(fake.channelId)?.at(-1)?.id).toBe(messageId);
    expect(call.body.embeds[0].title).toMatch(/load balancer/i);
    expect(call.body.embeds[0].footer.text).toBe(`Term of the day · 2026-11-30 · discord:${fake.channelId}:2026-11-30`);
    expect(call.body.components[0].components[0]).toMatchObject({ label: 'More detail', custom_id: 'tb1:o:load-balancer:f' });
    expect(call.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('opens a thread on the post when asked', async () => {
    const { messageId } = await poster.post(post({ thread: true, slotKey: `discord:${fake.channelId}:2026-12-01`, date: '2026-12-01' }));
    const thread = fake.callsTo('POST', `/channels/${fake.channelId}/messages/${messageId}/threads`);
    expect(thread).toHaveLength(1);
    expect(thread[0]!.body.name).toMatch(/^Term of the day: /);
  });

  it('still reports the post when only the thread fails, so the scheduler does not post twice', async () => {
    fake.errorNext('POST', /\/threads$/, 403, 50013, 'Missing Permissions');
    const { messageId } = await poster.post(post({ thread: true, slotKey: `discord:${fake.channelId}:2026-12-02`, date: '2026-12-02' }));
    expect(messageId).toMatch(/^\d+$/);
    expect(logs.some((l) => l.msg === 'could not open the term-of-the-day thread' && l.messageId === messageId)).toBe(true);
  });

  it('findPosted finds its own post by slot key, and nothing for another day, channel or author', async () => {
    const slot = `discord:${fake.channelId}:2026-12-03`;
    const { messageId } = await poster.post(post({ slotKey: slot, date: '2026-12-03' }));
    fake.sendMessage({ author: alice, content: 'chatter' });
    expect(await poster.findPosted(fake.channelId, slot)).toBe(messageId);
    expect(await poster.findPosted(fake.channelId, `discord:${fake.channelId}:2026-12-04`)).toBeNull();
    expect(await poster.findPosted(otherChannel, slot)).toBeNull();
    // Someone quoting the footer does not count.
    const forged = `discord:${otherChannel}:2026-12-05`;
    fake.sendMessage({
      author: alice,
      channelId: otherChannel,
      embeds: [{ footer: { text: `Term of the day · 2026-12-05 · ${forged}` } }],
    });
    expect(await poster.findPosted(otherChannel, forged)).toBeNull();
  });

  it('maps Missing Access, Missing Permissions and Unknown Channel to permanent errors', async () => {
    for (const [status, code, name] of [
      [403, 50001, 'Missing Access'],
      [403, 50013, 'Missing Permissions'],
      [404, 10003, 'Unknown Channel'],
    ] as const) {
      fake.errorNext('POST', /\/messages$/, status, code, name);
      const err = await rejection(poster.post(post()));
      expect(err.kind).toBe('permanent');
      expect(err.message).toContain(name);
    }
  });

  it('maps rate limits to transient errors with the retry delay', async () => {
    fake.rateLimitNext('POST', /\/messages$/, 3);
    const err = await rejection(poster.post(post()));
    expect(err.kind).toBe('transient');
    expect(err.retryAfterSeconds).toBeCloseTo(3, 0);
  });

  it('maps server errors and network failures to transient errors', async () => {
    fake.failNext('POST', /\/messages$/, { status: 503 }, 2);
    expect((await rejection(poster.post(post()))).kind).toBe('transient');
    fake.failNext('GET', /\/messages$/, { status: 500 }, 2);
    expect((await rejection(poster.findPosted(fake.channelId, 'x'))).kind).toBe('transient');

    const dead = new FakeDiscord();
    await dead.start();
    const deadUrl = dead.apiUrl;
    await dead.stop();
    const offline = createDiscordPoster({
      rest: new REST({ api: deadUrl, retries: 0, timeout: 2_000 }).setToken('t'),
      logger: memoryLogger().logger,
      botUserId: async () => '1',
    });
    expect((await rejection(offline.post(post()))).kind).toBe('transient');
  });
});
