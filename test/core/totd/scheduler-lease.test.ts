import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TotdPost } from '../../../src/core/totd/types.js';
import { DEFAULT_CLAIM_TIMEOUT_MS } from '../../../src/core/totd/scheduler.js';
import { FakeClock, FakePoster } from './helpers/fakes.js';
import { harness } from './helpers/setup.js';
import { tempDir } from '../../store/helpers.js';

/** The claim's lease: renewed while a post is in flight (never taken over), taken over soon after its owner stops renewing. */
const tmp = tempDir('termbot-lease-');
afterAll(() => tmp.cleanup());
let n = 0;
const dbFile = () => path.join(tmp.dir, `l-${++n}.db`);

/** A platform whose first post hangs until the test releases it. */
class SlowPoster extends FakePoster {
  release: () => void = () => {};
  override async post(post: TotdPost): Promise<{ messageId: string }> {
    if (this.posts.length === 0) await new Promise<void>((r) => (this.release = r));
    return super.post(post);
  }
}

describe('TotdScheduler: the lease on a post in flight', () => {
  it('a post slower than many lease periods keeps its claim: the other replica never takes it over', async () => {
    const file = dbFile();
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    const slow = new SlowPoster('discord');
    const a = harness({ start: '', file, clock, discord: slow, owner: 'host-a:1:a' });
    const b = harness({ start: '', file, clock, discord: slow, owner: 'host-b:2:b' });
    await a.service.subscribe('discord', '111', {}, 'alice');
    await b.scheduler.start();
    clock.set('2026-11-30T09:00:00Z');
    const passA = a.scheduler.runDue();
    for (let i = 0; i < 100 && (await b.store.listClaimed()).length === 0; i++) await new Promise((r) => setImmediate(r));
    // Ten lease periods pass while A's post hangs; B wakes at every would-be expiry and finds it renewed.
    await clock.advanceTo(new Date(clock.now().getTime() + 10 * DEFAULT_CLAIM_TIMEOUT_MS), () => b.scheduler.idle());
    const slot = await b.store.getSlot('discord:111:2026-11-30');
    expect(slot).toMatchObject({ status: 'claimed', owner: 'host-a:1:a' });
    expect(clock.now().getTime() - slot!.claimedAt.getTime()).toBeLessThan(DEFAULT_CLAIM_TIMEOUT_MS);
    expect(b.logger.has('info', 'interrupted post')).toBe(false);
    slow.release();
    await passA;
    expect(slow.postsIn('111')).toHaveLength(1);
    expect(await b.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', owner: 'host-a:1:a' });
    await a.close();
    await b.close();
  });

  it('a claim nobody renews (its owner died on another host) is taken over when the lease runs out, and posted once', async () => {
    const file = dbFile();
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    const b = harness({ start: '', file, clock, owner: 'host-b:2:b' });
    await b.service.subscribe('discord', '111', {}, 'alice');
    const claimedAt = new Date('2026-11-30T09:00:00Z');
    await b.store.claimSlot(
      {
        slotKey: 'discord:111:2026-11-30',
        platform: 'discord',
        channelId: '111',
        date: '2026-11-30',
        owner: 'host-a:1:dead',
        now: claimedAt,
      },
      () => ({ slug: 'term-01', cycle: 0 }),
    );
    await b.scheduler.start();
    await b.advanceTo(new Date(claimedAt.getTime() + DEFAULT_CLAIM_TIMEOUT_MS - 1000).toISOString());
    expect(b.discord.posts).toHaveLength(0);
    await b.advanceTo(new Date(claimedAt.getTime() + DEFAULT_CLAIM_TIMEOUT_MS).toISOString());
    expect(b.discord.postsIn('111')).toHaveLength(1);
    expect(await b.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', owner: 'host-b:2:b', slug: 'term-01' });
    await b.close();
  });
});

describe('TotdScheduler: an unreachable store', () => {
  it('logs the outage once, keeps looking every 30 s, and resumes without doubling', async () => {
    const h = harness({ start: '2026-11-30T08:00:00Z' });
    for (const id of ['1', '2', '3']) await h.service.subscribe('discord', id, {}, 'alice');
    await h.scheduler.start();
    const down = async (): Promise<never> => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    };
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back on the same object below
    const saved = { takeDue: h.store.takeDue, listClaimed: h.store.listClaimed, nextDueAt: h.store.nextDueAt };
    Object.assign(h.store, { takeDue: down, listClaimed: down, nextDueAt: down });
    await h.advanceTo('2026-11-30T09:05:00Z');
    const outage = h.logger.lines.filter((l) => l.msg.includes('store unavailable'));
    expect(outage).toHaveLength(1);
    expect(h.scheduler.nextWake()!.getTime() - h.clock.now().getTime()).toBeLessThanOrEqual(30_000);
    Object.assign(h.store, saved);
    await h.advanceTo('2026-11-30T09:06:00Z');
    expect(h.logger.has('info', 'store is back')).toBe(true);
    expect(h.discord.posts.map((p) => p.channelId).sort()).toEqual(['1', '2', '3']);
    await h.advanceTo('2026-11-30T12:00:00Z');
    expect(h.discord.posts).toHaveLength(3);
    await h.close();
  });
});
