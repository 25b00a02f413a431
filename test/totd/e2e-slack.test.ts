import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAdapter } from '../../src/adapters/slack/index.js';
import type { AppContext } from '../../src/adapters/types.js';
import { parseConfig } from '../../src/app/config.js';
import type { TotdScheduler } from '../../src/core/totd/scheduler.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { openTotd, type TotdRuntime } from '../../src/app/totd-runtime.js';
import { FakeSlack, type Json } from '../support/fakes/slack/fake-slack.js';
import { slashCommand } from '../support/fakes/slack/payloads.js';
import { loadBot, memoryLogger } from '../adapters/slack/helpers.js';
import { FakeClock } from '../core/totd/helpers/fakes.js';
import { tempDir } from '../store/helpers.js';

/**
 * The whole term of the day on Slack: env and slash-command subscriptions in SQLite, the scheduler on a
 * fake clock, the real Bolt app (HTTP mode) posting to a local fake Slack.
 */
const tmp = tempDir('termbot-e2e-slack-');
const DATA_DIR = path.join(tmp.dir, 'data');
const fake = new FakeSlack();
const clock = new FakeClock('2026-11-30T07:00:00Z'); // Monday 08:00 in Berlin
let adapter: SlackAdapter;
let url: string;
let runtime: TotdRuntime;
let scheduler: TotdScheduler;
const postAttempts = new Map<string, number>();

const totdCards = (channel: string): Json[] => fake.messagesIn(channel).filter((m) => m.metadata?.event_type === 'termbot_totd');
const advanceTo = (at: string) => clock.advanceTo(at, () => scheduler.idle());

beforeAll(async () => {
  await fake.start();
  // CGONE was deleted; CFLAKY answers 503 once; everything else is normal.
  fake.setResponder('chat.postMessage', (call) => {
    const channel = String(call.args.channel);
    postAttempts.set(channel, (postAttempts.get(channel) ?? 0) + 1);
    if (channel === 'CGONE') return { body: { ok: false, error: 'channel_not_found' } };
    if (channel === 'CFLAKY' && postAttempts.get(channel) === 1) return { status: 503, body: { ok: false, error: 'service_unavailable' } };
    // CLOST: Slack stores the first card, then the answer is lost (a 503 from a proxy in front of it).
    if (channel === 'CLOST' && postAttempts.get(channel) === 1 && !call.args.thread_ts) {
      fake.seedMessage(channel, { text: String(call.args.text), blocks: call.args.blocks, metadata: call.args.metadata });
      return { status: 503, body: { ok: false, error: 'service_unavailable' } };
    }
    return undefined;
  });
  const { logger } = memoryLogger();
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: fake.signingSecret,
    SLACK_API_URL: fake.apiUrl,
    DATA_DIR,
    TOTD_TZ: 'Europe/Berlin',
    TOTD_SLACK_CHANNELS: 'C1,CFLAKY,CGONE,CLOST',
  });
  const bot = await loadBot();
  runtime = await openTotd({
    config,
    bot,
    logger,
    clock,
    owner: 'e2e:1:slack',
    retry: { attempts: 3, baseDelayMs: 1000, maxDelayMs: 5000 },
  });
  const ctx: AppContext = { config, logger, bot, totd: runtime.service };
  // Production retry settings: the poster itself must never re-send a card.
  adapter = createSlackApp(ctx, { mode: 'http', botToken: 'xoxb-test', signingSecret: fake.signingSecret, port: 0, apiUrl: fake.apiUrl });
  const { port } = await adapter.start();
  url = `http://127.0.0.1:${port}`;
  scheduler = await runtime.start([adapter.poster]);
});

afterAll(async () => {
  await runtime?.stop();
  await adapter?.stop();
  await runtime?.close();
  await fake.stop();
  tmp.cleanup();
});

describe('term of the day e2e on the fake Slack', () => {
  it('at the scheduled time posts exactly one card per channel; a failing channel does not stop the others', async () => {
    await advanceTo('2026-11-30T07:59:00Z');
    expect(totdCards('C1')).toHaveLength(0);
    await advanceTo('2026-11-30T08:00:00Z');

    for (const channel of ['C1', 'CFLAKY']) {
      const cards = totdCards(channel);
      expect(cards).toHaveLength(1);
      const slot = await runtime.store.getSlot(`slack:${channel}:2026-11-30`);
      expect(slot).toMatchObject({ status: 'posted', messageId: cards[0].ts });
      const term = (await loadBot()).kb.terms.get(slot!.slug!)!;
      expect(cards[0].metadata.event_payload).toEqual({ slot_key: `slack:${channel}:2026-11-30`, slug: term.slug });
      expect(JSON.stringify(cards[0].blocks)).toContain(term.title);
      expect(cards[0].text).toContain(term.title);
      expect(cards[0].thread_ts).toBeUndefined();
    }
    expect(postAttempts.get('CFLAKY')).toBe(2); // the 503 was retried once
    expect(totdCards('CGONE')).toHaveLength(0);
    expect((await runtime.service.status('slack', 'CGONE'))?.broken?.reason).toMatch(/channel_not_found/);
  });

  it('a card Slack stored before the answer was lost is found in the history, not posted twice', async () => {
    // The real adapter reports the 503 as a transient PostError; the scheduler looks before retrying.
    expect(postAttempts.get('CLOST')).toBe(1);
    const cards = totdCards('CLOST');
    expect(cards).toHaveLength(1);
    expect(await runtime.store.getSlot('slack:CLOST:2026-11-30')).toMatchObject({ status: 'posted', messageId: cards[0].ts });
    expect(fake.callsTo('conversations.history').some((c) => c.args.channel === 'CLOST')).toBe(true);
  });

  it('does not post again that day, nor to the broken channel the next day', async () => {
    await scheduler.runDue();
    await advanceTo('2026-12-01T08:00:00Z');
    expect(totdCards('C1')).toHaveLength(2);
    expect(totdCards('CFLAKY')).toHaveLength(2);
    expect(postAttempts.get('CGONE')).toBe(1);
  });

  it('a /explain-daily subscribe from chat is stored, announced, and posts at its own time with a thread prompt', async () => {
    const responseUrl = fake.newResponseUrl();
    const res = await fake.send(
      url,
      slashCommand({ command: '/explain-daily', text: 'subscribe 10:15 Asia/Tokyo daily thread', channel: 'CCHAT', responseUrl }),
    );
    expect(res.status).toBe(200);
    // Anyone may change it on Slack, so the change is announced in the channel.
    const announced = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'CCHAT');
    expect(announced.args.text).toMatch(/set up the term of the day here/);
    expect(await runtime.service.status('slack', 'CCHAT')).toMatchObject({
      source: 'chat',
      time: '10:15',
      timeZone: 'Asia/Tokyo',
      weekdays: [0, 1, 2, 3, 4, 5, 6],
      thread: true,
    });
    // 10:15 in Tokyo on Wednesday 2026-12-02 is 01:15 UTC.
    await advanceTo('2026-12-02T01:14:00Z');
    expect(totdCards('CCHAT')).toHaveLength(0);
    await advanceTo('2026-12-02T01:15:00Z');
    const [card] = totdCards('CCHAT');
    expect(totdCards('CCHAT')).toHaveLength(1);
    const prompt = fake.messagesIn('CCHAT').find((m) => m.thread_ts === card.ts);
    expect(prompt).toBeDefined();
  });

  it('after a crash between claim and completion, finds the card in the channel history instead of posting twice', async () => {
    // Another bot process claimed Thursday's C1 slot, posted, and was killed before recording it.
    const slotKey = 'slack:C1:2026-12-03';
    const other = new SqliteTotdStore(path.join(DATA_DIR, 'termbot.db'));
    await other.claimSlot(
      {
        slotKey,
        platform: 'slack',
        channelId: 'C1',
        date: '2026-12-03',
        owner: 'other-host:4242:dead',
        now: new Date('2026-12-03T08:00:00Z'),
      },
      () => ({ slug: 'load-balancer', cycle: 0 }),
    );
    await other.close();
    const posted = fake.seedMessage('C1', {
      text: 'Term of the day',
      metadata: { event_type: 'termbot_totd', event_payload: { slot_key: slotKey, slug: 'load-balancer' } },
    });
    await advanceTo('2026-12-03T07:59:00Z');
    const before = totdCards('C1').length;
    // The claim's owner is on another host, so the claim timeout (15 min) decides when to take over.
    await advanceTo('2026-12-03T08:20:00Z');
    expect(totdCards('C1')).toHaveLength(before);
    expect(await runtime.store.getSlot(slotKey)).toMatchObject({ status: 'posted', messageId: posted.ts, owner: 'e2e:1:slack' });
    expect(fake.callsTo('conversations.history').some((c) => c.args.channel === 'C1')).toBe(true);
  });
});
