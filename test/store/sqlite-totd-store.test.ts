import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { tempDir } from './helpers.js';
import { totdStoreContract } from './totd-store-contract.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const freshFile = () => path.join(tmp.dir, `db-${++n}`, 'termbot.db');

totdStoreContract('SQLite', async () => {
  const file = freshFile();
  return { open: async () => new SqliteTotdStore(file) };
});

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

  it('upgrades a version 1 file: every subscription is due at the first pass after the upgrade', async () => {
    const file = freshFile();
    const old = new SqliteTotdStore(file, { migrations: MIGRATIONS.slice(0, 1) });
    old.db
      .prepare(
        `INSERT INTO subscriptions (platform, channel_id, time, time_zone, weekdays, category, thread, source, created_at, updated_at, updated_by)
         VALUES ('slack', 'C1', '09:00', 'UTC', '1', NULL, 0, 'chat', 0, 0, 'a')`,
      )
      .run();
    await old.close();
    const store = new SqliteTotdStore(file);
    expect(store.backup).toMatch(/termbot\.db\.v1-.*\.bak$/);
    expect((await store.takeDue(['slack'], new Date(), new Date(), 10)).map((s) => s.channelId)).toEqual(['C1']);
    await store.close();
  });
});
