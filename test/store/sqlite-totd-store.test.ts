import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClaimRequest } from '../../src/core/ports/totd-store.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const freshFile = () => path.join(tmp.dir, `db-${++n}`, 'termbot.db');

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
const req = (date = '2026-11-30', owner = 'A'): ClaimRequest => ({
  slotKey: `discord:111:${date}`,
  platform: 'discord',
  channelId: '111',
  date,
  owner,
  now,
});
const first = (slugs: string[]) => (state: { cycle: number; used: string[] }) => {
  const slug = slugs.find((s) => !state.used.includes(s));
  return slug ? { slug, cycle: state.cycle } : { slug: slugs[0]!, cycle: state.cycle + 1 };
};

describe('SqliteTotdStore', () => {
  it('creates DATA_DIR and applies the migrations once, also when reopened', async () => {
    const file = freshFile();
    const a = new SqliteTotdStore(file);
    await a.close();
    const b = new SqliteTotdStore(file);
    const rows = b.db.prepare('SELECT version FROM schema_migrations').pluck().all();
    expect(rows).toEqual(MIGRATIONS.map((m) => m.version));
    expect(b.db.pragma('journal_mode', { simple: true })).toBe('wal');
    await b.close();
  });

  it('refuses a database written by a newer version', async () => {
    const file = freshFile();
    await new SqliteTotdStore(file).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, 0)').run('future');
    raw.close();
    expect(() => new SqliteTotdStore(file)).toThrow(/newer than this termbot knows/);
  });

  it('stores subscriptions; a new put keeps createdAt and clears the broken mark', async () => {
    const store = new SqliteTotdStore(freshFile());
    const saved = await store.putSubscription(sub);
    expect(saved).toMatchObject({ channelId: '111', weekdays: [1, 2, 3, 4, 5], category: null, thread: false, broken: null });
    await store.markBroken('discord', '111', 'Missing Access', now);
    expect((await store.getSubscription('discord', '111'))?.broken).toEqual({ reason: 'Missing Access', since: now });
    const later = new Date(now.getTime() + 60_000);
    const again = await store.putSubscription({ ...sub, time: '10:00', category: 'security', thread: true, updatedAt: later });
    expect(again).toMatchObject({ time: '10:00', category: 'security', thread: true, broken: null, createdAt: now, updatedAt: later });
    expect(await store.listSubscriptions()).toHaveLength(1);
    expect(await store.deleteSubscription('discord', '111')).toBe(true);
    expect(await store.deleteSubscription('discord', '111')).toBe(false);
    await store.close();
  });

  it('claims a slot once, records the term in the rotation, and completes only for the owner', async () => {
    const store = new SqliteTotdStore(freshFile());
    const a = await store.claimSlot(req(), first(['x', 'y']));
    expect(a).toMatchObject({ claimed: true, slot: { slug: 'x', status: 'claimed', owner: 'A' } });
    const b = await store.claimSlot(req('2026-11-30', 'B'), first(['x', 'y']));
    expect(b).toMatchObject({ claimed: false, reason: 'taken', existing: { owner: 'A' } });
    expect((await store.rotation('discord', '111')).used).toEqual(['x']);
    expect(await store.completeSlot('discord:111:2026-11-30', 'B', 'm1', now)).toBe(false);
    expect(await store.completeSlot('discord:111:2026-11-30', 'A', 'm1', now)).toBe(true);
    expect(await store.lastPosted('discord', '111')).toMatchObject({ slug: 'x', messageId: 'm1', status: 'posted' });
    expect(await store.listClaimed()).toEqual([]);
    await store.close();
  });

  it('gives the term back to the rotation when a slot fails', async () => {
    const store = new SqliteTotdStore(freshFile());
    await store.claimSlot(req(), first(['x', 'y']));
    expect(await store.releaseSlot('discord:111:2026-11-30', 'A', 'failed', 'boom', now)).toBe(true);
    expect((await store.rotation('discord', '111')).used).toEqual([]);
    expect(await store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'failed', error: 'boom' });
    // The day stays taken: no second attempt that day.
    expect((await store.claimSlot(req(), first(['x']))).claimed).toBe(false);
    await store.close();
  });

  it('claims a failed or missed slot again only when asked with a later retryClosedBefore; never a posted or claimed one', async () => {
    const store = new SqliteTotdStore(freshFile());
    const key = 'discord:111:2026-11-30';
    const t = (min: number) => new Date(now.getTime() + min * 60_000);
    await store.claimSlot(req(), first(['x', 'y']));
    await store.releaseSlot(key, 'A', 'failed', 'Missing Access', t(1));
    // Closed at t(1): a subscription changed before that does not reopen it.
    expect(await store.claimSlot({ ...req('2026-11-30', 'B'), retryClosedBefore: t(1) }, first(['x', 'y']))).toMatchObject({
      claimed: false,
      reason: 'taken',
    });
    const again = await store.claimSlot({ ...req('2026-11-30', 'B'), retryClosedBefore: t(2) }, first(['x', 'y']));
    expect(again).toMatchObject({
      claimed: true,
      retried: true,
      slot: { slotKey: key, status: 'claimed', owner: 'B', slug: 'x', error: null, completedAt: null },
    });
    expect((await store.rotation('discord', '111')).used).toEqual(['x']);
    // Claimed (by B) and then posted: never reopened, however late the change.
    expect((await store.claimSlot({ ...req('2026-11-30', 'C'), retryClosedBefore: t(60) }, first(['x', 'y']))).claimed).toBe(false);
    expect(await store.completeSlot(key, 'B', 'm1', t(3))).toBe(true);
    expect((await store.claimSlot({ ...req('2026-11-30', 'C'), retryClosedBefore: t(60) }, first(['x', 'y']))).claimed).toBe(false);
    expect(await store.getSlot(key)).toMatchObject({ status: 'posted', owner: 'B', messageId: 'm1' });
    // A missed day is reopened the same way.
    await store.recordMissed(req('2026-11-29'), 'down');
    expect((await store.claimSlot({ ...req('2026-11-29', 'C'), retryClosedBefore: t(60) }, first(['x', 'y']))).claimed).toBe(true);
    await store.close();
  });

  it('starts a new cycle by forgetting the old one', async () => {
    const store = new SqliteTotdStore(freshFile());
    await store.claimSlot(req('2026-11-30'), first(['x']));
    await store.claimSlot(req('2026-12-01'), first(['x']));
    expect(await store.rotation('discord', '111')).toEqual({ cycle: 1, used: ['x'] });
    expect(await store.skip('discord', '111', () => ({ slug: 'y', cycle: 1 }), now)).toBe('y');
    expect(await store.rotation('discord', '111')).toEqual({ cycle: 1, used: ['x', 'y'] });
    expect(await store.skip('discord', '111', () => null, now)).toBeNull();
    await store.close();
  });

  it('takes over a claim only from the owner it expects (compare and set)', async () => {
    const store = new SqliteTotdStore(freshFile());
    const claim = await store.claimSlot(req(), first(['x']));
    if (!claim.claimed) throw new Error('not claimed');
    const later = new Date(now.getTime() + 1000);
    expect(await store.takeOverClaim(claim.slot.slotKey, claim.slot, 'B', later)).toBe(true);
    expect(await store.takeOverClaim(claim.slot.slotKey, claim.slot, 'C', later)).toBe(false);
    expect(await store.getSlot(claim.slot.slotKey)).toMatchObject({ owner: 'B', claimedAt: later });
    expect(await store.recordMissed(req('2026-11-30'), 'down')).toBe(false);
    expect(await store.recordMissed(req('2026-11-29'), 'down')).toBe(true);
    expect(await store.getSlot('discord:111:2026-11-29')).toMatchObject({ status: 'missed', slug: null, error: 'down' });
    await store.close();
  });

  it('keeps everything across a reopen of the same file', async () => {
    const file = freshFile();
    const a = new SqliteTotdStore(file);
    await a.putSubscription(sub);
    await a.claimSlot(req(), first(['x', 'y']));
    await a.close();
    const b = new SqliteTotdStore(file);
    expect(await b.getSubscription('discord', '111')).toMatchObject({ channelId: '111' });
    expect(await b.listClaimed()).toHaveLength(1);
    expect((await b.rotation('discord', '111')).used).toEqual(['x']);
    await b.close();
  });
});
