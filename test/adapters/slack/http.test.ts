import { describe, expect, it } from 'vitest';
import { MemorySeenRequests } from '../../../src/adapters/slack/http.js';

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
});
