import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PostError, type TotdPost } from '../../../src/core/totd/types.js';
import { FakeClock, FakePoster } from './helpers/fakes.js';
import { harness } from './helpers/setup.js';
import { tempDir } from '../../store/helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const dbFile = () => path.join(tmp.dir, `f-${++n}.db`);

/** A platform that accepts the message and then never answers: the process is killed at this point. */
class DiesAfterSending extends FakePoster {
  override async post(post: TotdPost): Promise<{ messageId: string }> {
    await super.post(post);
    return new Promise(() => {});
  }
}

/** A platform that accepts the message but the response is lost (network error after sending). */
class LosesResponse extends FakePoster {
  override async post(post: TotdPost): Promise<{ messageId: string }> {
    await super.post(post);
    throw new Error('socket hang up');
  }
}

describe('TotdScheduler: platform failures', () => {
  it('retries transient failures with backoff, honouring retry-after, and posts once', async () => {
    const h = harness({ start: '2026-11-30T08:59:00Z' });
    await h.service.subscribe('discord', '111', {}, 'alice');
    h.discord.script.set('111', [new PostError('rate limited', 'transient', 5), new Error('ECONNRESET'), null]);
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect(h.discord.attempts).toBe(3);
    expect(h.discord.posts).toHaveLength(1);
    expect(h.clock.sleeps).toEqual([5000, 2000]);
    // After the unclassified error it checked whether the message had landed before posting again.
    expect(h.discord.findCalls).toBe(1);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', messageId: 'm1' });
    await h.close();
  });

  it('does not post twice when a send succeeded but its response was lost', async () => {
    const poster = new LosesResponse('discord');
    const h = harness({ start: '2026-11-30T07:00:00Z', discord: poster });
    await h.service.subscribe('discord', '111', { time: '08:00' }, 'alice');
    h.clock.set('2026-11-30T08:00:00Z');
    await h.scheduler.runDue();
    expect(poster.attempts).toBe(1);
    expect(poster.findCalls).toBe(1);
    expect(poster.posts).toHaveLength(1);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', messageId: 'm1' });
    await h.close();
  });

  it('gives up after the bounded retries without marking the channel broken, and tries again the next day', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    await h.service.subscribe('discord', '111', {}, 'alice');
    h.discord.script.set(
      '111',
      Array.from({ length: 4 }, () => new PostError('502 Bad Gateway', 'transient')),
    );
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T12:00:00Z');
    expect(h.discord.attempts).toBe(4);
    expect(h.clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(h.discord.posts).toHaveLength(0);
    expect(h.logger.has('error', 'post failed repeatedly')).toBe(true);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'failed' });
    expect((await h.service.status('discord', '111'))?.broken).toBeNull();
    // The term was given back: the cycle still has all five.
    expect((await h.service.status('discord', '111'))?.remainingInCycle).toBe(5);
    await h.advanceTo('2026-12-01T09:00:00Z');
    expect(h.discord.posts.map((p) => p.date)).toEqual(['2026-12-01']);
    await h.close();
  });

  it('marks a channel broken on a permanent failure, keeps posting elsewhere, and a new subscribe clears it', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    await h.service.subscribe('discord', 'GONE', {}, 'alice');
    await h.service.subscribe('discord', 'OK', {}, 'alice');
    await h.service.subscribe('slack', 'C1', {}, 'alice');
    h.discord.script.set('GONE', [new PostError('Unknown Channel', 'permanent')]);
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect(h.discord.postsIn('OK')).toHaveLength(1);
    expect(h.slack.postsIn('C1')).toHaveLength(1);
    expect(h.clock.sleeps).toEqual([]);
    const status = await h.service.status('discord', 'GONE');
    expect(status?.broken).toEqual({ reason: 'Unknown Channel', since: new Date('2026-11-30T09:00:00Z') });
    expect(status?.nextRunAt).toBeNull();
    expect(h.logger.has('warn', 'subscription marked broken')).toBe(true);

    await h.advanceTo('2026-12-01T12:00:00Z');
    expect(h.discord.attempts).toBe(3); // GONE once, OK twice: no attempts on a broken channel.
    await h.service.subscribe('discord', 'GONE', {}, 'alice');
    expect((await h.service.status('discord', 'GONE'))?.broken).toBeNull();
    // Re-subscribing at noon catches up today's post at once, then the schedule goes on.
    await h.scheduler.idle();
    expect(h.discord.postsIn('GONE').map((p) => p.date)).toEqual(['2026-12-01']);
    await h.advanceTo('2026-12-02T09:00:00Z');
    expect(h.discord.postsIn('GONE').map((p) => p.date)).toEqual(['2026-12-01', '2026-12-02']);
    await h.close();
  });

  it('keeps other channels posting while one channel throws unexpected errors', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    for (const id of ['A', 'B', 'C']) await h.service.subscribe('discord', id, {}, 'alice');
    h.discord.script.set(
      'B',
      Array.from({ length: 10 }, () => new TypeError('boom')),
    );
    await h.scheduler.start();
    await h.advanceTo('2026-11-30T09:00:00Z');
    expect(h.discord.posts.map((p) => p.channelId).sort()).toEqual(['A', 'C']);
    expect(await h.store.getSlot('discord:B:2026-11-30')).toMatchObject({ status: 'failed' });
    await h.close();
  });

  it('survives a store failure during a pass and posts at the next wake', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    await h.service.subscribe('discord', '111', {}, 'alice');
    await h.scheduler.start();
    const original = h.store.takeDue.bind(h.store);
    h.store.takeDue = async () => {
      throw new Error('SQLITE_BUSY');
    };
    h.clock.set('2026-11-30T09:00:00Z');
    await h.scheduler.runDue();
    expect(h.logger.has('error', 'store unavailable')).toBe(true);
    h.store.takeDue = original;
    await h.advanceTo('2026-11-30T11:00:00Z');
    expect(h.discord.posts).toHaveLength(1);
    await h.close();
  });
});

describe('TotdScheduler: crash between claim and completion', () => {
  async function crashAfterSending(file: string, clock: FakeClock, poster: FakePoster) {
    const dying = harness({ start: '', file, clock, discord: new DiesAfterSending('discord'), owner: 'host:100:dead' });
    await dying.service.subscribe('discord', '111', {}, 'alice');
    clock.set('2026-11-30T09:00:00Z');
    void dying.scheduler.runDue();
    // Wait (bounded) until the message is "sent" and the claim is in the database.
    for (let i = 0; i < 100 && (await dying.store.listClaimed()).length === 0; i++) await new Promise((r) => setImmediate(r));
    const sent = dying.discord.posts;
    // The message really reached the channel: copy it into the platform the restarted bot sees.
    for (const p of sent) await poster.post(p);
    await dying.store.close();
    return sent;
  }

  it('found in the channel: completes the slot instead of posting again', async () => {
    const file = dbFile();
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    const platform = new FakePoster('discord');
    const sent = await crashAfterSending(file, clock, platform);
    expect(sent).toHaveLength(1);
    clock.set('2026-11-30T09:01:00Z');
    const h = harness({ start: '', file, clock, discord: platform, owner: 'host:200:new', scheduler: { isOwnerAlive: () => false } });
    await h.scheduler.start();
    expect(platform.posts).toHaveLength(1);
    expect(platform.findCalls).toBe(1);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', messageId: 'm1', owner: 'host:200:new' });
    expect(h.logger.has('info', 'it had been sent')).toBe(true);
    await h.close();
  });

  async function claimThenDie(file: string, clock: FakeClock) {
    const dying = harness({ start: '', file, clock, owner: 'host:100:dead' });
    await dying.service.subscribe('discord', '111', {}, 'alice');
    await dying.store.claimSlot(
      {
        slotKey: 'discord:111:2026-11-30',
        platform: 'discord',
        channelId: '111',
        date: '2026-11-30',
        owner: 'host:100:dead',
        now: new Date('2026-11-30T09:00:00Z'),
      },
      () => ({ slug: 'term-03', cycle: 0 }),
    );
    await dying.store.close();
  }

  it('not found, same local day: posts it now, once', async () => {
    const file = dbFile();
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    await claimThenDie(file, clock);
    clock.set('2026-11-30T09:02:00Z');
    const h = harness({ start: '', file, clock, owner: 'host:200:new', scheduler: { isOwnerAlive: () => false } });
    await h.scheduler.start();
    await h.scheduler.runDue();
    expect(h.discord.posts.map((p) => [p.slotKey, p.answer.term.slug])).toEqual([['discord:111:2026-11-30', 'term-03']]);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted' });
    await h.close();
  });

  it('not found, day over: marks it missed, logs, and returns the term to the rotation', async () => {
    const file = dbFile();
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    await claimThenDie(file, clock);
    clock.set('2026-12-01T08:00:00Z');
    const h = harness({ start: '', file, clock, owner: 'host:200:new', scheduler: { isOwnerAlive: () => false } });
    await h.scheduler.start();
    expect(h.discord.posts).toHaveLength(0);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'missed' });
    expect(h.logger.has('warn', 'its day is over')).toBe(true);
    expect((await h.store.rotation('discord', '111')).used).toEqual([]);
    await h.close();
  });

  it('channel gone when reconciling: marks the subscription broken instead of retrying forever', async () => {
    const file = dbFile();
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    await claimThenDie(file, clock);
    clock.set('2026-11-30T09:02:00Z');
    const h = harness({ start: '', file, clock, owner: 'host:200:new', scheduler: { isOwnerAlive: () => false } });
    h.discord.findPosted = async () => {
      throw new PostError('Unknown Channel', 'permanent');
    };
    await h.scheduler.start();
    expect(h.discord.attempts).toBe(0);
    expect(await h.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'failed', error: 'Unknown Channel' });
    expect((await h.service.status('discord', '111'))?.broken?.reason).toBe('Unknown Channel');
    await h.close();
  });

  it("leaves a live instance's fresh claim alone, and takes it over after the claim timeout", async () => {
    const file = dbFile();
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    await claimThenDie(file, clock);
    clock.set('2026-11-30T09:01:00Z');
    const h = harness({ start: '', file, clock, owner: 'other-host:200:new', scheduler: { claimTimeoutMs: 10 * 60_000 } });
    await h.scheduler.start();
    expect(h.discord.findCalls).toBe(0);
    expect(h.discord.posts).toHaveLength(0);
    // It wakes when the claim times out (09:10), not an hour later.
    expect(h.scheduler.nextWake()?.toISOString()).toBe('2026-11-30T09:10:00.000Z');
    await h.advanceTo('2026-11-30T09:10:00Z');
    expect(h.discord.findCalls).toBe(1);
    expect(h.discord.posts).toHaveLength(1);
    await h.close();
  });
});
