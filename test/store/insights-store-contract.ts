import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InsightsStore } from '../../src/core/ports/insights-store.js';

/**
 * The InsightsStore contract, for every implementation: call it from a test file with a factory
 * that gives a fresh, empty store (SQLite: test/store/sqlite-insights-store.test.ts; a PostgreSQL
 * store runs the same suite against its own database).
 */
export function insightsStoreContract(name: string, factory: () => Promise<InsightsStore>): void {
  describe(`InsightsStore contract: ${name}`, () => {
    let store: InsightsStore;
    const day = (d: number, h = 12): Date => new Date(Date.UTC(2026, 10, d, h));
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    it('an empty store reports nothing', async () => {
      expect(await store.questions(day(1))).toEqual([]);
      expect(await store.asked(day(1))).toEqual([]);
      expect(await store.votes(day(1))).toEqual([]);
      expect(await store.purge(day(30))).toEqual({ questions: 0, answers: 0 });
    });

    it('counts a question per text, platform and outcome, with first and last seen across days', async () => {
      await store.recordQuestion({ text: 'kubeflow', platform: 'slack', outcome: 'miss', at: day(3, 9) });
      await store.recordQuestion({ text: 'kubeflow', platform: 'slack', outcome: 'miss', at: day(3, 15) });
      await store.recordQuestion({ text: 'kubeflow', platform: 'slack', outcome: 'miss', at: day(5, 8) });
      await store.recordQuestion({ text: 'kubeflow', platform: 'discord', outcome: 'miss', at: day(4) });
      await store.recordQuestion({ text: 'mesh thing', platform: 'slack', outcome: 'low-confidence', at: day(4) });
      const all = await store.questions(day(1));
      expect(all[0]).toEqual({ text: 'kubeflow', platform: 'slack', outcome: 'miss', count: 3, firstSeen: day(3, 9), lastSeen: day(5, 8) });
      expect(all).toHaveLength(3);
      expect(all.find((q) => q.platform === 'discord')?.count).toBe(1);
      expect(all.find((q) => q.outcome === 'low-confidence')?.text).toBe('mesh thing');
      // Only what was seen since the date.
      expect((await store.questions(day(5, 0))).map((q) => [q.text, q.count])).toEqual([['kubeflow', 1]]);
    });

    it('counts answers to questions per subject and platform, not those opened by buttons', async () => {
      await store.recordAnswer({ id: 'a1', subject: 'dns', platform: 'slack', source: 'question', at: day(2) });
      await store.recordAnswer({ id: 'a2', subject: 'dns', platform: 'slack', source: 'question', at: day(3) });
      await store.recordAnswer({ id: 'a3', subject: 'dns', platform: 'discord', source: 'question', at: day(3) });
      await store.recordAnswer({ id: 'a4', subject: 'cdn', platform: 'slack', source: 'button', at: day(3) });
      await store.recordAnswer({ id: 'a5', subject: 'cdn,dns', platform: 'slack', source: 'question', at: day(3) });
      expect(await store.asked(day(1))).toEqual([
        { subject: 'dns', platform: 'slack', count: 2 },
        { subject: 'cdn,dns', platform: 'slack', count: 1 },
        { subject: 'dns', platform: 'discord', count: 1 },
      ]);
      expect(await store.asked(day(3, 0))).toHaveLength(3);
    });

    it('one vote per voter per answer: a repeat is unchanged, a different vote replaces it, an unknown answer is refused', async () => {
      await store.recordAnswer({ id: 'a1', subject: 'dns', platform: 'slack', source: 'question', at: day(2) });
      await store.recordAnswer({ id: 'a2', subject: 'dns', platform: 'discord', source: 'button', at: day(2) });
      expect(await store.vote({ answerId: 'a1', voterHash: 'h1', helpful: true, at: day(2) })).toBe('counted');
      expect(await store.vote({ answerId: 'a1', voterHash: 'h1', helpful: true, at: day(2) })).toBe('unchanged');
      expect(await store.vote({ answerId: 'a1', voterHash: 'h2', helpful: true, at: day(2) })).toBe('counted');
      expect(await store.vote({ answerId: 'a1', voterHash: 'h2', helpful: false, at: day(2) })).toBe('changed');
      expect(await store.vote({ answerId: 'a2', voterHash: 'h1', helpful: false, at: day(2) })).toBe('counted');
      expect(await store.vote({ answerId: 'nope', voterHash: 'h1', helpful: true, at: day(2) })).toBe('unknown-answer');
      expect(await store.votes(day(1))).toEqual([
        { subject: 'dns', platform: 'discord', helpful: 0, unhelpful: 1 },
        { subject: 'dns', platform: 'slack', helpful: 1, unhelpful: 1 },
      ]);
    });

    it('purge deletes questions last seen and answers given before the cutoff, votes with their answer', async () => {
      await store.recordQuestion({ text: 'old', platform: 'slack', outcome: 'miss', at: day(1) });
      await store.recordQuestion({ text: 'new', platform: 'slack', outcome: 'miss', at: day(20) });
      await store.recordAnswer({ id: 'old', subject: 'dns', platform: 'slack', source: 'question', at: day(1) });
      await store.recordAnswer({ id: 'new', subject: 'dns', platform: 'slack', source: 'question', at: day(20) });
      await store.vote({ answerId: 'old', voterHash: 'h', helpful: true, at: day(1) });
      await store.vote({ answerId: 'new', voterHash: 'h', helpful: true, at: day(20) });
      expect(await store.purge(day(10))).toEqual({ questions: 1, answers: 1 });
      expect((await store.questions(day(1))).map((q) => q.text)).toEqual(['new']);
      expect(await store.asked(day(1))).toEqual([{ subject: 'dns', platform: 'slack', count: 1 }]);
      expect(await store.votes(new Date(0))).toEqual([{ subject: 'dns', platform: 'slack', helpful: 1, unhelpful: 0 }]);
      // The old answer and its voter hash are gone: voting on it again is refused.
      expect(await store.vote({ answerId: 'old', voterHash: 'h', helpful: true, at: day(20) })).toBe('unknown-answer');
    });
  });
}
