import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/app/config.js';
import type { Termbot } from '../../../src/core/termbot.js';
import { rotationOrder } from '../../../src/core/totd/rotation.js';
import { PostError, type TotdPost } from '../../../src/core/totd/types.js';
import { createLogger } from '../../../src/logger.js';
import { SqliteTotdStore } from '../../../src/store/sqlite-totd-store.js';
import { openTotd } from '../../../src/app/totd-runtime.js';
import { FakeClock, FakePoster, FakeTerms } from './helpers/fakes.js';
import { harness } from './helpers/setup.js';

/**
 * The platform accepts the message, then the response is lost, reported the way the real adapters
 * report it: both map network errors, timeouts and 5xx answers to a *transient PostError*.
 */
class LosesResponseTransient extends FakePoster {
  lose = 1;
  override async post(post: TotdPost): Promise<{ messageId: string }> {
    const sent = await super.post(post);
    if (this.lose-- > 0) throw new PostError('network error: socket hang up', 'transient');
    return sent;
  }
}

describe('TotdScheduler audit: no double post after an uncertain failure', () => {
  it('looks in the channel before retrying a transient PostError, and posts once', async () => {
    const poster = new LosesResponseTransient('discord');
    const h = harness({ start: '2026-11-30T08:00:00Z', discord: poster });
    await h.service.subscribe('discord', '111', {}, 'alice');
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect(poster.posts).toHaveLength(1);
    expect(poster.findCalls).toBe(1);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', messageId: 'm1' });
    await h.close();
  });

  it('a rate limit (the platform said "wait") is retried without looking first', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    await h.service.subscribe('discord', '111', {}, 'alice');
    h.discord.script.set('111', [new PostError('rate limited', 'transient', 3), null]);
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect(h.discord.posts).toHaveLength(1);
    expect(h.discord.findCalls).toBe(0);
    await h.close();
  });

  it('never posts again while it cannot look: a failing findPosted is retried, not skipped', async () => {
    const poster = new LosesResponseTransient('discord');
    const realFind = poster.findPosted.bind(poster);
    let findFailures = 1;
    poster.findPosted = async (channelId, slotKey) => {
      poster.findCalls++;
      if (findFailures-- > 0) throw new PostError('network error: ECONNRESET', 'transient');
      return realFind(channelId, slotKey);
    };
    const h = harness({ start: '2026-11-30T08:00:00Z', discord: poster });
    await h.service.subscribe('discord', '111', {}, 'alice');
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect(poster.posts).toHaveLength(1);
    expect(poster.attempts).toBe(1);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', messageId: 'm1' });
    await h.close();
  });

  it("when the last attempt's outcome is unknown, looks once more instead of recording a failure", async () => {
    const poster = new LosesResponseTransient('discord');
    // attempts: 4 in the harness; three rate limits, then a post whose response is lost.
    poster.script.set('111', [
      new PostError('rl', 'transient', 1),
      new PostError('rl', 'transient', 1),
      new PostError('rl', 'transient', 1),
    ]);
    const h = harness({ start: '2026-11-30T08:00:00Z', discord: poster });
    await h.service.subscribe('discord', '111', {}, 'alice');
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect(poster.attempts).toBe(4);
    expect(poster.posts).toHaveLength(1);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', messageId: 'm1' });
    // The posted term stays used in the rotation (not given back for a repeat).
    expect((await h.store.rotation('discord', '111')).used).toEqual([poster.posts[0]!.answer.term.slug]);
    await h.close();
  });
});

describe('TotdScheduler audit: a failed slot is retried the same day after re-subscribing', () => {
  it("re-subscribing after a permanent failure posts today's term, once", async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    await h.service.subscribe('discord', '111', {}, 'alice');
    h.discord.script.set('111', [new PostError('Missing Permissions', 'permanent')]);
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect((await h.service.status('discord', '111'))?.broken?.reason).toBe('Missing Permissions');
    expect(h.discord.posts).toHaveLength(0);

    // Someone fixes the permission and subscribes again at 11:00 the same day.
    await h.advanceTo('2026-11-30T11:00:00Z');
    await h.service.subscribe('discord', '111', {}, 'alice');
    await h.scheduler.idle();
    expect(h.discord.posts.map((p) => p.date)).toEqual(['2026-11-30']);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', error: null });
    // More passes and another subscribe the same day do not post again.
    await h.service.subscribe('discord', '111', { thread: true }, 'alice');
    await h.scheduler.idle();
    await h.advanceTo('2026-11-30T23:00:00Z');
    expect(h.discord.posts).toHaveLength(1);
    await h.close();
  });

  it('a failed slot whose message did land after all is completed, not posted again', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    await h.service.subscribe('discord', '111', {}, 'alice');
    const req = {
      slotKey: 'discord:111:2026-11-30',
      platform: 'discord' as const,
      channelId: '111',
      date: '2026-11-30',
      owner: 'other:1:x',
      now: new Date('2026-11-30T09:00:00Z'),
    };
    const claim = await h.store.claimSlot(req, () => ({ slug: 'term-02', cycle: 0 }));
    expect(claim.claimed).toBe(true);
    // It reached the channel, but the other instance could not tell and recorded a failure.
    await h.discord.post({
      platform: 'discord',
      channelId: '111',
      slotKey: req.slotKey,
      date: req.date,
      answer: h.terms.answerFor('term-02') as never,
      thread: false,
    });
    await h.store.releaseSlot(req.slotKey, 'other:1:x', 'failed', 'gave up', new Date('2026-11-30T09:01:00Z'));
    h.clock.set('2026-11-30T10:00:00Z');
    await h.service.subscribe('discord', '111', {}, 'alice');
    await h.scheduler.start();
    expect(h.discord.posts).toHaveLength(1);
    expect(await h.store.getSlot(req.slotKey)).toMatchObject({ status: 'posted', messageId: 'm1' });
    await h.close();
  });

  it('two schedulers on one database retry a re-subscribed failed slot once', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'totd-audit-'));
    const file = path.join(dir, 't.db');
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    const poster = new FakePoster('discord');
    const a = harness({ start: '', file, clock, discord: poster, owner: 'h:1:a' });
    const b = harness({ start: '', file, clock, discord: poster, owner: 'h:2:b' });
    await a.service.subscribe('discord', '111', {}, 'alice');
    poster.script.set('111', [new PostError('Missing Access', 'permanent')]);
    clock.set('2026-11-30T09:00:00Z');
    await a.scheduler.runDue();
    clock.set('2026-11-30T10:00:00Z');
    await a.service.subscribe('discord', '111', {}, 'alice');
    await Promise.all([a.scheduler.runDue(), b.scheduler.runDue(), a.scheduler.runDue(), b.scheduler.runDue()]);
    expect(poster.posts).toHaveLength(1);
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('status for a platform the bot does not run', () => {
  it('shows no next run (and says why) once the scheduler started without that platform', async () => {
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    const store = new SqliteTotdStore(':memory:');
    // Slack was subscribed from chat when the bot still ran on Slack; now only DISCORD_TOKEN is configured.
    const config = parseConfig({ DISCORD_TOKEN: 'x', TOTD_DISCORD_CHANNELS: '111', DATA_DIR: '/nonexistent' });
    const runtime = await openTotd({
      config,
      bot: new FakeTerms(3) as unknown as Termbot,
      logger: createLogger('silent'),
      store,
      clock,
      owner: 'h:1:a',
    });
    await runtime.service.subscribe('slack', 'C1', {}, 'alice');
    // Before the scheduler starts nothing is known: the schedule is shown.
    expect((await runtime.service.status('slack', 'C1'))?.nextRunAt).not.toBeNull();
    const scheduler = await runtime.start([new FakePoster('discord')]);
    const slack = await runtime.service.status('slack', 'C1');
    expect(slack).toMatchObject({ nextRunAt: null, platformNotRunning: true, broken: null });
    const discord = await runtime.service.status('discord', '111');
    expect(discord?.nextRunAt?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(discord?.platformNotRunning).toBeUndefined();
    await scheduler.stop();
    await runtime.close();
  });
});

describe('a stored schedule that cannot be read (a zone this runtime no longer knows)', () => {
  it('does not delay the other channels, and status and list still answer', async () => {
    const h = harness({ start: '2026-11-30T08:58:00Z' });
    await h.service.subscribe('discord', 'OK', {}, 'alice');
    await h.service.subscribe('discord', 'BAD', {}, 'alice');
    h.store.db.prepare(`UPDATE subscriptions SET time_zone = 'Nowhere/Land' WHERE channel_id = 'BAD'`).run();
    await h.scheduler.start();
    expect(h.scheduler.nextWake()?.toISOString()).toBe('2026-11-30T09:00:00.000Z');
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect(h.discord.posts.map((p) => p.channelId)).toEqual(['OK']);
    const all = await h.service.list();
    expect(all.map((s) => [s.channelId, s.nextRunAt === null])).toEqual([
      ['BAD', true],
      ['OK', false],
    ]);
    await h.close();
  });
});

describe('rotation: a round whose first post failed does not open with the term just posted', () => {
  it('the day after a failed first pick of a new round, the term posted last is not posted again', async () => {
    const terms = new FakeTerms(3);
    const all = terms.terms.map((t) => t.slug);
    // A channel whose second round would open with the first round's last term (so the round's first pick skips it).
    const id = Array.from({ length: 500 }, (_, i) => `CH${i}`).find(
      (c) => rotationOrder(all, `discord:${c}`, 1)[0] === rotationOrder(all, `discord:${c}`, 0)[2],
    )!;
    expect(id).toBeDefined();
    const h = harness({ start: '2026-11-30T08:00:00Z', terms });
    await h.service.subscribe('discord', id, { weekdays: [0, 1, 2, 3, 4, 5, 6] }, 'alice');
    await h.scheduler.start();
    await h.advanceTo('2026-12-02T12:00:00Z'); // the first round: three days
    // Day four opens round two; every attempt is rate limited, so the post fails and its term is given back.
    h.discord.script.set(
      id,
      Array.from({ length: 4 }, () => new PostError('rate limited', 'transient', 1)),
    );
    await h.advanceTo('2026-12-03T12:00:00Z');
    expect(await h.store.getSlot(`discord:${id}:2026-12-03`)).toMatchObject({ status: 'failed' });
    await h.advanceTo('2026-12-04T12:00:00Z');
    const slugs = h.discord.posts.map((p) => [p.date, p.answer.term.slug]);
    expect(slugs.map(([d]) => d)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-04']);
    expect(slugs[3]![1]).not.toBe(slugs[2]![1]);
    await h.close();
  });
});

describe('several days missed while the bot was down', () => {
  it('records and logs every missed day, not only the latest, and owes nothing before the subscription', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'totd-missed-'));
    const file = path.join(dir, 't.db');
    const first = harness({ start: '2026-11-30T07:00:00Z', file });
    await first.service.subscribe('discord', '111', {}, 'alice'); // Mon-Fri 09:00 UTC
    await first.scheduler.start();
    await first.advanceTo('2026-11-30T09:00:00Z'); // Monday posted
    await first.close();
    // Down from Monday evening until Friday 08:00: Tuesday, Wednesday and Thursday were missed.
    const h = harness({ start: '2026-12-04T08:00:00Z', file });
    await h.scheduler.start();
    for (const d of ['2026-12-01', '2026-12-02', '2026-12-03'])
      expect(await h.store.getSlot(`discord:111:${d}`)).toMatchObject({ status: 'missed' });
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted' });
    const lines = h.logger.lines.filter((l) => l.msg.includes('missed while the bot was down'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.obj).toMatchObject({ dates: ['2026-12-01', '2026-12-02', '2026-12-03'] });
    await h.scheduler.runDue();
    expect(h.logger.lines.filter((l) => l.msg.includes('missed while the bot was down'))).toHaveLength(1);
    await h.close();

    // A channel subscribed on Wednesday and first run on Friday owes only Thursday.
    const file2 = path.join(dir, 't2.db');
    const sub = harness({ start: '2026-12-02T10:00:00Z', file: file2 });
    await sub.service.subscribe('discord', '222', {}, 'alice');
    await sub.close();
    const later = harness({ start: '2026-12-04T08:00:00Z', file: file2 });
    await later.scheduler.start();
    expect(await later.store.getSlot('discord:222:2026-12-03')).toMatchObject({ status: 'missed' });
    expect(await later.store.getSlot('discord:222:2026-12-02')).toBeNull();
    await later.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
