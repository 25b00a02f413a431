import { describe, expect, it } from 'vitest';
import { MemorySeenRequests, sharedOrMemory } from '../../../src/adapters/slack/http.js';
import { memoryLogger } from './helpers.js';

describe('seen Slack signatures', () => {
  it('remember a signature until it expires', () => {
    const seen = new MemorySeenRequests();
    expect(seen.seen('v0=a', 1_000, 0)).toBe(false);
    expect(seen.seen('v0=a', 1_000, 500)).toBe(true);
    expect(seen.seen('v0=a', 2_000, 1_000)).toBe(false);
  });

  it('stay bounded under a flood of distinct signatures', () => {
    const seen = new MemorySeenRequests(100);
    for (let i = 0; i < 1_000; i++) expect(seen.seen(`v0=${i}`, 10_000, i)).toBe(false);
    expect(seen.size).toBeLessThanOrEqual(100);
  });

  it('shared by replicas through the database; while it fails, this replica still catches replays, and says so once', async () => {
    const shared = new MemorySeenRequests();
    let down = false;
    const flaky = {
      seen: (k: string, e: number, n: number) => (down ? Promise.reject(new Error('database is locked')) : shared.seen(k, e, n)),
    };
    const mem = memoryLogger();
    const seen = sharedOrMemory(flaky, mem.logger);
    // Seen by another replica: shared says so.
    shared.seen('v0=other', 10_000, 0);
    expect(await seen.seen('v0=other', 10_000, 1)).toBe(true);
    down = true;
    expect(await seen.seen('v0=b', 10_000, 2)).toBe(false);
    expect(await seen.seen('v0=b', 10_000, 3)).toBe(true);
    expect(await seen.seen('v0=c', 10_000, 4)).toBe(false);
    expect(mem.lines.filter((l) => /shared replay store failed/.test(l.msg ?? ''))).toHaveLength(1);
    down = false;
    expect(await seen.seen('v0=d', 10_000, 5)).toBe(false);
    expect(await seen.seen('v0=d', 10_000, 6)).toBe(true);
    expect(mem.lines.some((l) => l.msg === 'slack: the shared replay store is back')).toBe(true);
  });
});
