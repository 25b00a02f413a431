import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteInsightsStore } from '../../src/store/sqlite-insights-store.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { tempDir } from './helpers.js';
import { insightsStoreContract } from './insights-store-contract.js';

const tmp = tempDir('termbot-insights-');
let n = 0;
afterAll(() => tmp.cleanup());

insightsStoreContract('SQLite file', async () => SqliteInsightsStore.open(path.join(tmp.dir, `db-${n++}`)));
insightsStoreContract('SQLite in memory', async () => SqliteInsightsStore.on(new SqliteTotdStore(':memory:').db));

describe('SQLite insights store', () => {
  it('lives in the term-of-the-day database as migration 3, and the two stores share the file', async () => {
    const dir = path.join(tmp.dir, 'shared');
    const totd = SqliteTotdStore.open(dir);
    const insights = SqliteInsightsStore.open(dir);
    await insights.recordQuestion({ text: 'kubeflow', platform: 'slack', outcome: 'miss', at: new Date() });
    expect(totd.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: MIGRATIONS.at(-1)!.version });
    expect(MIGRATIONS.find((m) => m.version === 3)?.name).toMatch(/insights/);
    await Promise.all([totd.close(), insights.close()]);
  });

  it('for the report: no database, or one from before insights, reads as nothing (never created, never changed)', async () => {
    expect(SqliteInsightsStore.openForReport(path.join(tmp.dir, 'missing'))).toBeNull();
    const dir = path.join(tmp.dir, 'v1');
    const v1 = SqliteTotdStore.open(dir, { migrations: MIGRATIONS.filter((m) => m.version === 1) });
    await v1.close();
    expect(SqliteInsightsStore.openForReport(dir)).toBeNull();
    const db = new Database(path.join(dir, 'termbot.db'), { readonly: true });
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    db.close();
  });
});
