import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { SqliteInstallationStore } from '../../src/store/sqlite-installation-store.js';
import { SqliteSeenRequests } from '../../src/store/sqlite-seen-requests.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { tempDir } from './helpers.js';
import { installationStoreContract } from './installation-store-contract.js';

const tmp = tempDir('termbot-installations-');
afterAll(() => tmp.cleanup());
let n = 0;

installationStoreContract('SQLite', async () => {
  const dir = path.join(tmp.dir, `db${++n}`);
  const store = SqliteTotdStore.open(dir);
  return {
    installations: new SqliteInstallationStore(store.db),
    seen: new SqliteSeenRequests(store.db),
    async reopen() {
      const other = SqliteTotdStore.open(dir);
      return { installations: new SqliteInstallationStore(other.db), seen: new SqliteSeenRequests(other.db), close: () => other.close() };
    },
    close: () => store.close(),
  };
});

describe('migrations with a gap', () => {
  it('installations are migration 4, and a lower number merged later is still applied to a file that has 4', async () => {
    expect(MIGRATIONS.map((m) => m.version)).toContain(4);
    const dir = path.join(tmp.dir, 'gap');
    // A file made by a build without number 2 (branches merged in another order).
    const first = SqliteTotdStore.open(dir, { migrations: MIGRATIONS.filter((m) => m.version !== 3) });
    const file = first.db.name;
    expect(first.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2, 4]);
    await first.close();
    const second = SqliteTotdStore.open(dir, { now: () => new Date('2026-12-01T12:00:00Z') });
    expect(second.backup).not.toBeNull();
    await second.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([1, 2, 3, 4]);
    db.close();
  });
});
