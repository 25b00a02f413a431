import { describe, expect, it } from 'vitest';
import type { ClaimRequest, TotdStore } from '../../src/core/ports/totd-store.js';

/**
 * The TotdStore contract, run against every implementation (SQLite and a real PostgreSQL): what the
 * scheduler and the service rely on. `fresh()` makes a new empty database and returns a way to open
 * it, more than once (a reopen, or a second replica on the same database).
 */
export interface StoreUnderTest {
  open(): Promise<TotdStore>;
}

const now = new Date('2026-11-30T09:00:00Z');
const sub = {
  platform: 'discord' as const,
  channelId: '111',
  time: '09:00',
  timeZone: 'UTC',
  weekdays: [1, 2, 3, 4, 5],
  category: null,
  thread: false,
  source: 'chat' as const,
  updatedBy: 'u1',
  updatedAt: now,
};
const req = (date = '2026-11-30', owner = 'A', channelId = '111'): ClaimRequest => ({
  slotKey: `discord:${channelId}:${date}`,
  platform: 'discord',
  channelId,
  date,
  owner,
  now,
});
const first = (slugs: string[]) => (state: { cycle: number; used: string[] }) => {
  const slug = slugs.find((s) => !state.used.includes(s));
  return slug ? { slug, cycle: state.cycle } : { slug: slugs[0]!, cycle: state.cycle + 1 };
};
const at = (min: number) => new Date(now.getTime() + min * 60_000);

export function totdStoreContract(name: string, fresh: () => Promise<StoreUnderTest>): void {
  const withStore = (title: string, fn: (store: TotdStore, db: StoreUnderTest) => Promise<void>) =>
    it(title, async () => {
      const db = await fresh();
      const store = await db.open();
      try {
        await fn(store, db);
      } finally {
        await store.close();
      }
    });

  describe(`TotdStore contract: ${name}`, () => {
    withStore('stores subscriptions; a new put keeps createdAt and clears the broken mark', async (store) => {
      const saved = await store.putSubscription(sub);
      expect(saved).toMatchObject({ channelId: '111', weekdays: [1, 2, 3, 4, 5], category: null, thread: false, broken: null });
      await store.markBroken('discord', '111', 'Missing Access', now);
      expect((await store.getSubscription('discord', '111'))?.broken).toEqual({ reason: 'Missing Access', since: now });
      const later = at(1);
      const again = await store.putSubscription({ ...sub, time: '10:00', category: 'security', thread: true, updatedAt: later });
      expect(again).toMatchObject({ time: '10:00', category: 'security', thread: true, broken: null, createdAt: now, updatedAt: later });
      expect(await store.listSubscriptions()).toHaveLength(1);
      expect(await store.getSubscription('slack', '111')).toBeNull();
      expect(await store.deleteSubscription('discord', '111')).toBe(true);
      expect(await store.deleteSubscription('discord', '111')).toBe(false);
    });

    withStore('claims a slot once, records the term in the rotation, and completes only for the owner', async (store) => {
      const a = await store.claimSlot(req(), first(['x', 'y']));
      expect(a).toMatchObject({ claimed: true, slot: { slug: 'x', status: 'claimed', owner: 'A', claimedAt: now } });
      const b = await store.claimSlot(req('2026-11-30', 'B'), first(['x', 'y']));
      expect(b).toMatchObject({ claimed: false, reason: 'taken', existing: { owner: 'A' } });
      expect((await store.rotation('discord', '111')).used).toEqual(['x']);
      expect(await store.completeSlot('discord:111:2026-11-30', 'B', 'm1', now)).toBe(false);
      expect(await store.completeSlot('discord:111:2026-11-30', 'A', 'm1', now)).toBe(true);
      expect(await store.lastPosted('discord', '111')).toMatchObject({ slug: 'x', messageId: 'm1', status: 'posted' });
      expect(await store.listClaimed()).toEqual([]);
    });

    withStore('reports no-terms without writing anything', async (store) => {
      expect(await store.claimSlot(req(), () => null)).toMatchObject({ claimed: false, reason: 'no-terms', existing: null });
      expect(await store.getSlot('discord:111:2026-11-30')).toBeNull();
    });

    withStore('gives the term back to the rotation when a slot fails', async (store) => {
      await store.claimSlot(req(), first(['x', 'y']));
      expect(await store.releaseSlot('discord:111:2026-11-30', 'B', 'failed', 'not mine', now)).toBe(false);
      expect(await store.releaseSlot('discord:111:2026-11-30', 'A', 'failed', 'boom', now)).toBe(true);
      expect((await store.rotation('discord', '111')).used).toEqual([]);
      expect(await store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'failed', error: 'boom' });
      // The day stays taken: no second attempt that day.
      expect((await store.claimSlot(req(), first(['x']))).claimed).toBe(false);
    });

    withStore('claims a failed or missed slot again only with a later retryClosedBefore; never a posted or claimed one', async (store) => {
      const key = 'discord:111:2026-11-30';
      await store.claimSlot(req(), first(['x', 'y']));
      await store.releaseSlot(key, 'A', 'failed', 'Missing Access', at(1));
      expect(await store.claimSlot({ ...req('2026-11-30', 'B'), retryClosedBefore: at(1) }, first(['x', 'y']))).toMatchObject({
        claimed: false,
        reason: 'taken',
      });
      const again = await store.claimSlot({ ...req('2026-11-30', 'B'), retryClosedBefore: at(2) }, first(['x', 'y']));
      expect(again).toMatchObject({
        claimed: true,
        retried: true,
        slot: { slotKey: key, status: 'claimed', owner: 'B', slug: 'x', error: null, completedAt: null },
      });
      expect((await store.rotation('discord', '111')).used).toEqual(['x']);
      expect((await store.claimSlot({ ...req('2026-11-30', 'C'), retryClosedBefore: at(60) }, first(['x', 'y']))).claimed).toBe(false);
      expect(await store.completeSlot(key, 'B', 'm1', at(3))).toBe(true);
      expect((await store.claimSlot({ ...req('2026-11-30', 'C'), retryClosedBefore: at(60) }, first(['x', 'y']))).claimed).toBe(false);
      expect(await store.getSlot(key)).toMatchObject({ status: 'posted', owner: 'B', messageId: 'm1' });
      await store.recordMissed(req('2026-11-29'), 'down');
      expect((await store.claimSlot({ ...req('2026-11-29', 'C'), retryClosedBefore: at(60) }, first(['x', 'y']))).claimed).toBe(true);
    });

    withStore('starts a new cycle by forgetting the old one; skip records a pick atomically', async (store) => {
      await store.claimSlot(req('2026-11-30'), first(['x']));
      await store.claimSlot(req('2026-12-01'), first(['x']));
      expect(await store.rotation('discord', '111')).toEqual({ cycle: 1, used: ['x'] });
      expect(await store.skip('discord', '111', () => ({ slug: 'y', cycle: 1 }), now)).toBe('y');
      expect(await store.rotation('discord', '111')).toEqual({ cycle: 1, used: ['x', 'y'] });
      expect(await store.skip('discord', '111', () => null, now)).toBeNull();
      expect(await store.rotation('discord', '222')).toEqual({ cycle: 0, used: [] });
    });

    withStore('takes over (and renews) a claim only from the owner it expects (compare and set)', async (store) => {
      const claim = await store.claimSlot(req(), first(['x']));
      if (!claim.claimed) throw new Error('not claimed');
      const later = at(1);
      // The owner renewing its own lease (the heartbeat), then a take-over that expects the renewed lease.
      expect(await store.takeOverClaim(claim.slot.slotKey, claim.slot, 'A', later)).toBe(true);
      expect(await store.takeOverClaim(claim.slot.slotKey, claim.slot, 'B', later)).toBe(false);
      expect(await store.takeOverClaim(claim.slot.slotKey, { owner: 'A', claimedAt: later }, 'B', at(2))).toBe(true);
      expect(await store.getSlot(claim.slot.slotKey)).toMatchObject({ owner: 'B', claimedAt: at(2) });
      expect(await store.listClaimed()).toMatchObject([{ owner: 'B' }]);
      expect(await store.recordMissed(req('2026-11-30'), 'down')).toBe(false);
      expect(await store.recordMissed(req('2026-11-29'), 'down')).toBe(true);
      expect(await store.getSlot('discord:111:2026-11-29')).toMatchObject({ status: 'missed', slug: null, error: 'down' });
    });

    withStore('hands out due subscriptions once each under a lease, and a change makes one due again', async (store) => {
      for (const id of ['1', '2', '3']) await store.putSubscription({ ...sub, channelId: id });
      await store.putSubscription({ ...sub, platform: 'slack', channelId: 'S' });
      await store.markBroken('discord', '3', 'gone', now);
      expect(await store.nextDueAt(['discord'])).toEqual(new Date(0));
      const taken = await store.takeDue(['discord'], now, at(5), 10);
      expect(taken.map((s) => s.channelId).sort()).toEqual(['1', '2']);
      // Leased: not due again until the lease ends, and the lease is the next look.
      expect(await store.takeDue(['discord'], now, at(5), 10)).toEqual([]);
      expect(await store.nextDueAt(['discord'])).toEqual(at(5));
      await store.setNextRun('discord', '1', taken.find((s) => s.channelId === '1')!.updatedAt, at(60));
      expect((await store.takeDue(['discord'], at(5), at(10), 10)).map((s) => s.channelId)).toEqual(['2']);
      // A change after the take: the stale setNextRun does not bury it.
      await store.putSubscription({ ...sub, channelId: '1', time: '10:00', updatedAt: at(6) });
      await store.setNextRun('discord', '1', taken.find((s) => s.channelId === '1')!.updatedAt, at(60));
      expect((await store.takeDue(['discord'], at(6), at(11), 10)).map((s) => s.channelId)).toEqual(['1']);
      expect(await store.takeDue(['discord', 'slack'], at(6), at(11), 1)).toHaveLength(1);
      expect(await store.takeDue([], at(6), at(11), 10)).toEqual([]);
      expect(await store.nextDueAt([])).toBeNull();
    });

    it('keeps everything across a reopen, and two connections claim and take due work exactly once', async () => {
      const db = await fresh();
      const a = await db.open();
      const b = await db.open();
      try {
        for (let i = 0; i < 20; i++) await a.putSubscription({ ...sub, channelId: `c${i}` });
        const [da, db2] = await Promise.all([a.takeDue(['discord'], now, at(5), 15), b.takeDue(['discord'], now, at(5), 15)]);
        const ids = [...da, ...db2].map((s) => s.channelId);
        expect(ids).toHaveLength(20);
        expect(new Set(ids).size).toBe(20);
        const claims = await Promise.all(
          Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimSlot(req('2026-11-30', i % 2 ? 'A' : 'B', 'c0'), first(['x', 'y']))),
        );
        expect(claims.filter((c) => c.claimed)).toHaveLength(1);
        expect((await a.rotation('discord', 'c0')).used).toEqual(['x']);
      } finally {
        await b.close();
        await a.close();
      }
      const again = await db.open();
      expect(await again.listSubscriptions()).toHaveLength(20);
      expect(await again.listClaimed()).toHaveLength(1);
      await again.close();
    });
  });
}
