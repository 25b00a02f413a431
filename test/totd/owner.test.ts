import { describe, expect, it } from 'vitest';
import { createOwnerId, ownerLiveness, pidNamespace } from '../../src/app/process-identity.js';

describe('claim owners', () => {
  it('ids name host and pid and differ per start', () => {
    const a = createOwnerId();
    expect(a.split(':')[1]).toBe(String(process.pid));
    expect(createOwnerId()).not.toBe(a);
  });

  it('tells dead owners on this host apart from live ones', () => {
    const self = 'box:42:aaaa';
    const alive = ownerLiveness(self, (pid) => pid === 7);
    expect(alive(self)).toBe(true);
    expect(alive('box:42:bbbb')).toBe(false); // our pid, an earlier incarnation (restarted container)
    expect(alive('box:7:cccc')).toBe(true);
    expect(alive('box:8:cccc')).toBe(false);
    expect(alive('other-box:8:cccc')).toBe(true); // cannot tell: the claim timeout decides
    expect(alive('garbage')).toBe(true);
  });

  it('cannot tell about an owner in another pid namespace on this host: alive, so the claim timeout decides', () => {
    // Two containers sharing the hostname (host networking, or one pod) and the data folder: both are pid 1.
    const self = 'box:1:aaaa:4026531836';
    const alive = ownerLiveness(self, () => false);
    expect(alive('box:1:bbbb:4026532999')).toBe(true);
    expect(alive('box:7:cccc:4026532999')).toBe(true);
    // The same namespace: the pid decides, as before.
    expect(alive('box:1:bbbb:4026531836')).toBe(false);
    expect(alive('box:7:cccc:4026531836')).toBe(false);
    // Owners written without a namespace are judged by pid alone.
    expect(alive('box:7:cccc')).toBe(false);
  });

  it('names the pid namespace where the system has one', () => {
    const ns = pidNamespace();
    if (ns) expect(createOwnerId().split(':')[3]).toBe(ns);
    expect(createOwnerId(null).split(':')).toHaveLength(3);
  });

  it('checks real pids by default', () => {
    const self = createOwnerId();
    const alive = ownerLiveness(self);
    const host = self.split(':')[0];
    expect(alive(`${host}:${process.ppid}:x`)).toBe(true);
    expect(alive(`${host}:2147483646:x`)).toBe(false);
  });
});

describe('two containers sharing a hostname and the database file', () => {
  it("the second does not take over the first one's live claim, so the slot is posted once", async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { harness } = await import('../core/totd/helpers/setup.js');
    const { FakeClock, FakePoster } = await import('../core/totd/helpers/fakes.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'totd-ns-'));
    const file = path.join(dir, 't.db');
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    // One channel both containers post to; the first container's post is slow (still in flight).
    const channel = new FakePoster('discord');
    let release: () => void = () => {};
    const slow = new FakePoster('discord');
    slow.post = async (post) => {
      await new Promise<void>((r) => (release = r));
      return channel.post(post);
    };
    const ownerA = 'box:1:aaaa:4026531836';
    const ownerB = 'box:1:bbbb:4026532999';
    const a = harness({
      start: '',
      file,
      clock,
      discord: slow,
      owner: ownerA,
      scheduler: { isOwnerAlive: ownerLiveness(ownerA, () => false) },
    });
    const b = harness({
      start: '',
      file,
      clock,
      discord: channel,
      owner: ownerB,
      scheduler: { isOwnerAlive: ownerLiveness(ownerB, () => false) },
    });
    await a.service.subscribe('discord', '111', {}, 'alice');
    clock.set('2026-11-30T09:00:00Z');
    const passA = a.scheduler.runDue();
    for (let i = 0; i < 100 && (await b.store.listClaimed()).length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(await b.store.listClaimed()).toHaveLength(1);
    clock.set('2026-11-30T09:00:05Z');
    await b.scheduler.runDue();
    release();
    await passA;
    expect(channel.postsIn('111')).toHaveLength(1);
    expect(await a.store.getSlot('discord:111:2026-11-30')).toMatchObject({ status: 'posted', owner: ownerA });
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
