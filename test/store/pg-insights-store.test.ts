import { describe, expect, it } from 'vitest';
import { PgInsightsStore } from '../../src/store/pg/pg-insights-store.js';
import { freshDatabase, sql } from '../support/postgres/databases.js';
import { insightsStoreContract } from './insights-store-contract.js';

insightsStoreContract('PostgreSQL', async () => PgInsightsStore.open(await freshDatabase('ins'), { poolSize: 4 }));

describe('PgInsightsStore across replicas', () => {
  it('counts the same voter once when two replicas record the same click at the same time', async () => {
    const url = await freshDatabase('ins');
    const [a, b] = await Promise.all([PgInsightsStore.open(url, { poolSize: 2 }), PgInsightsStore.open(url, { poolSize: 2 })]);
    try {
      const at = new Date('2026-12-01T10:00:00Z');
      await a.recordAnswer({ id: 'ans1', subject: 'dns', platform: 'slack', source: 'question', at });
      const results = await Promise.all([
        a.vote({ answerId: 'ans1', voterHash: 'h1', helpful: true, at }),
        b.vote({ answerId: 'ans1', voterHash: 'h1', helpful: true, at }),
      ]);
      expect(results.sort()).toEqual(['counted', 'unchanged']);
      expect(await b.votes(new Date(0))).toEqual([{ subject: 'dns', platform: 'slack', helpful: 1, unhelpful: 0 }]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('PgInsightsStore for the report', () => {
  it('reads a database from before insights as nothing, without creating anything; then reads what was recorded', async () => {
    const url = await freshDatabase('ins');
    expect(await PgInsightsStore.openForReport(url)).toBeNull();
    const rows = await sql<{ n: string }>(url, `SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = 'public'`);
    expect(rows[0]?.n).toBe('0');
    const bot = await PgInsightsStore.open(url, { poolSize: 1 });
    await bot.recordQuestion({ text: 'kubeflow', platform: 'discord', outcome: 'miss', at: new Date('2026-12-01T09:00:00Z') });
    await bot.close();
    const report = await PgInsightsStore.openForReport(url);
    expect(report).not.toBeNull();
    expect((await report!.questions(new Date(0))).map((q) => [q.text, q.count])).toEqual([['kubeflow', 1]]);
    await report!.close();
  });
});
