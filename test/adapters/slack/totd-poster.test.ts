import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import type { TermAnswer } from '../../../src/core/answer/types.js';
import type { Termbot } from '../../../src/core/termbot.js';
import { PostError, type TotdPost } from '../../../src/core/totd/types.js';
import { FakeSlack } from '../../support/fakes/slack/fake-slack.js';
import { blockKitViolations } from './block-kit-limits.js';
import { httpOptions, loadBot, memoryLogger, testContext } from './helpers.js';

/** The Slack TotdPoster against the fake Web API: what it posts, how it finds its post again, how it fails. */
const fake = new FakeSlack();
let adapter: SlackAdapter;
let bot: Termbot;

const post = (over: Partial<TotdPost> = {}): TotdPost => {
  const answer = bot.answerFor('load-balancer') as TermAnswer;
  return {
    platform: 'slack',
    channelId: 'C0DAILY',
    slotKey: 'slack:C0DAILY:2026-11-30',
    date: '2026-11-30',
    answer,
    thread: false,
    ...over,
  };
};

beforeAll(async () => {
  await fake.start();
  bot = await loadBot();
  adapter = createSlackApp(testContext(bot, memoryLogger().logger), httpOptions(fake));
  await adapter.start(); // learns its bot_id from auth.test
});

afterAll(async () => {
  await adapter?.stop();
  await fake.stop();
});

describe('Slack TotdPoster', () => {
  it('posts the card with a More detail button and the slot key in metadata and block_id', async () => {
    const from = fake.calls.length;
    const { messageId } = await adapter.poster.post(post());
    const calls = fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage');
    expect(calls).toHaveLength(1);
    const args = calls[0]!.args;
    expect(messageId).toBe(fake.messagesIn('C0DAILY')[0]?.ts);
    expect(args.channel).toBe('C0DAILY');
    expect(args.metadata).toEqual({
      event_type: 'termbot_totd',
      event_payload: { slot_key: 'slack:C0DAILY:2026-11-30', slug: 'load-balancer' },
    });
    expect(args.blocks[0]).toMatchObject({
      type: 'header',
      block_id: 'tb1:totd:slack:C0DAILY:2026-11-30',
      text: { text: 'Term of the day: Load Balancer' },
    });
    expect(JSON.stringify(args.blocks)).toContain('More detail');
    expect(blockKitViolations(args.blocks)).toEqual([]);
  });

  it('adds a thread prompt under the card when thread is on', async () => {
    const from = fake.calls.length;
    const { messageId } = await adapter.poster.post(post({ channelId: 'C0THREAD', slotKey: 'slack:C0THREAD:2026-11-30', thread: true }));
    const calls = fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args).toMatchObject({ channel: 'C0THREAD', thread_ts: messageId });
    expect(calls[1]!.args.text).toMatch(/thread/);
  });

  it('a failed thread prompt does not fail the post (the card is already out)', async () => {
    fake.replyOnce('chat.postMessage', { body: { ok: true, channel: 'C0T2', ts: '1700002000.000100' } });
    fake.failNext('chat.postMessage', 'internal_error');
    const { messageId } = await adapter.poster.post(post({ channelId: 'C0T2', slotKey: 'slack:C0T2:2026-11-30', thread: true }));
    expect(messageId).toBe('1700002000.000100');
  });

  it('findPosted finds its own post by slot key, and only that one', async () => {
    const { messageId } = await adapter.poster.post(post({ channelId: 'C0FIND', slotKey: 'slack:C0FIND:2026-12-01' }));
    fake.seedMessage('C0FIND', {
      text: 'someone else',
      bot_id: 'B0OTHER',
      metadata: { event_type: 'termbot_totd', event_payload: { slot_key: 'slack:C0FIND:2026-12-02' } },
    });
    expect(await adapter.poster.findPosted('C0FIND', 'slack:C0FIND:2026-12-01')).toBe(messageId);
    expect(await adapter.poster.findPosted('C0FIND', 'slack:C0FIND:2026-12-02')).toBeNull();
    expect(await adapter.poster.findPosted('C0FIND', 'slack:C0FIND:2026-12-03')).toBeNull();
    const history = fake.callsTo('conversations.history').at(-1)!;
    expect(history.args).toMatchObject({ channel: 'C0FIND', include_all_metadata: 'true' });
  });

  it('findPosted pages back through a busy channel, a bounded number of pages', async () => {
    const page = (n: number, cursor: string) => ({
      body: {
        ok: true,
        messages: Array.from({ length: 3 }, (_, i) => ({ type: 'message', ts: `${n}.${i}`, text: 'chatter', user: 'U0BOB' })),
        has_more: true,
        response_metadata: { next_cursor: cursor },
      },
    });
    fake.replyOnce('conversations.history', page(1, 'c2'));
    fake.replyOnce('conversations.history', {
      body: {
        ok: true,
        messages: [
          {
            type: 'message',
            ts: '2.5',
            bot_id: fake.botId,
            metadata: { event_type: 'termbot_totd', event_payload: { slot_key: 'slack:CBUSY:2026-12-01' } },
          },
        ],
        has_more: true,
        response_metadata: { next_cursor: 'c3' },
      },
    });
    const from = fake.calls.length;
    expect(await adapter.poster.findPosted('CBUSY', 'slack:CBUSY:2026-12-01')).toBe('2.5');
    expect(fake.calls.slice(from).map((c) => c.args.cursor)).toEqual([undefined, 'c2']);
    // Never found: gives up after a few pages instead of reading the whole history.
    for (let i = 0; i < 3; i++) fake.replyOnce('conversations.history', page(10 + i, `n${i}`));
    const before = fake.callsTo('conversations.history').length;
    expect(await adapter.poster.findPosted('CBUSY', 'slack:CBUSY:2026-12-09')).toBeNull();
    expect(fake.callsTo('conversations.history').length - before).toBe(3);
  });

  it('findPosted also recognises the block_id when metadata was dropped', async () => {
    fake.seedMessage('C0BLK', { text: 'card', blocks: [{ type: 'header', block_id: 'tb1:totd:slack:C0BLK:2026-12-01' }] });
    expect(await adapter.poster.findPosted('C0BLK', 'slack:C0BLK:2026-12-01')).not.toBeNull();
  });

  it('maps Slack errors to permanent and transient PostErrors', async () => {
    for (const code of ['channel_not_found', 'not_in_channel', 'is_archived', 'missing_scope', 'account_inactive', 'invalid_auth']) {
      fake.failNext('chat.postMessage', code);
      const err = await adapter.poster.post(post()).catch((e: unknown) => e);
      expect(err, code).toBeInstanceOf(PostError);
      expect((err as PostError).kind, code).toBe('permanent');
      expect((err as PostError).message).toContain(code);
    }
    fake.rateLimitNext('chat.postMessage', 42);
    const limited = (await adapter.poster.post(post()).catch((e: unknown) => e)) as PostError;
    expect(limited).toMatchObject({ kind: 'transient', retryAfterSeconds: 42 });
    fake.httpErrorNext('chat.postMessage', 503);
    expect(await adapter.poster.post(post()).catch((e: unknown) => e)).toMatchObject({ kind: 'transient' });
    fake.failNext('conversations.history', 'channel_not_found');
    expect(await adapter.poster.findPosted('C0GONE', 'x').catch((e: unknown) => e)).toMatchObject({ kind: 'permanent' });
  });

  it('a network failure is transient', async () => {
    const offline = createSlackApp(testContext(bot, memoryLogger().logger), {
      mode: 'http',
      botToken: 'xoxb-test',
      signingSecret: 's',
      apiUrl: 'http://127.0.0.1:9/api/',
      apiRetries: 0,
    });
    const err = await offline.poster.post(post()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as PostError).kind).toBe('transient');
  });
});
