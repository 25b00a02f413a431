import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../src/store/migrations.js';
import { SqliteTotdStore, StoreError } from '../../src/store/sqlite-totd-store.js';
import { tempDir } from './helpers.js';

/**
 * Opening the store never writes to a file it then refuses (no WAL switch, no -wal/-shm, no
 * schema_migrations table), and copies a file aside before migrating it.
 */
const tmp = tempDir('termbot-refuse-');
afterAll(() => tmp.cleanup());
let n = 0;

function folder(): string {
  const dir = path.join(tmp.dir, `d${n++}`);
  mkdirSync(dir);
  return dir;
}

/** Snapshot of a folder: every file name and its bytes. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]),
  );
}

function refuses(dir: string, problem: string, message: RegExp, readonly = false): void {
  const before = snapshot(dir);
  let caught: unknown;
  try {
    SqliteTotdStore.open(dir, { readonly }).db.close();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).problem).toBe(problem);
  expect((caught as StoreError).message).toMatch(message);
  expect((caught as StoreError).message).not.toContain('\n');
  expect(snapshot(dir)).toEqual(before);
}

describe('the store refuses without touching', () => {
  it('a database from a newer termbot (also in WAL mode): no -wal/-shm appear, the bytes stay', async () => {
    for (const mode of ['DELETE', 'WAL']) {
      const dir = folder();
      const s = SqliteTotdStore.open(dir);
      s.db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, 'future', 0)`).run();
      await s.close();
      const db = new Database(path.join(dir, 'termbot.db'));
      db.pragma(`journal_mode = ${mode}`);
      db.close();
      expect(readdirSync(dir)).toEqual(['termbot.db']);
      refuses(dir, 'newer', new RegExp(`schema version 7, newer than this termbot knows \\(${MIGRATIONS.at(-1)!.version}\\)`));
      refuses(dir, 'newer', /schema version 7/, true);
    }
  });

  it('an SQLite file termbot did not create: no schema_migrations table is added', () => {
    const dir = folder();
    const db = new Database(path.join(dir, 'termbot.db'));
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    db.close();
    refuses(dir, 'foreign', /did not create \(tables: invoices\)/);
    const after = new Database(path.join(dir, 'termbot.db'), { readonly: true });
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all()).toEqual([{ name: 'invoices' }]);
    after.close();
  });

  it('a file that is not SQLite, and a damaged one', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'termbot.db'), 'hello, this is a text file\n');
    refuses(dir, 'not-sqlite', /is not an SQLite database/);
    const dir2 = folder();
    const good = SqliteTotdStore.open(dir2);
    good.db.pragma('journal_mode = DELETE');
    good.db.close();
    const bytes = readFileSync(path.join(dir2, 'termbot.db'));
    bytes.fill(0xab, 100); // keep the header, destroy the schema page and everything after
    writeFileSync(path.join(dir2, 'termbot.db'), bytes);
    refuses(dir2, 'corrupt', /is damaged/);
  });

  it('backs the file up before a migration, and the copy holds the old schema and data', async () => {
    const dir = folder();
    const s = SqliteTotdStore.open(dir);
    await s.putSubscription({
      platform: 'slack',
      channelId: 'C1',
      time: '09:00',
      timeZone: 'UTC',
      weekdays: [1],
      category: null,
      thread: false,
      source: 'chat',
      updatedAt: new Date(0),
      updatedBy: 'a',
    });
    await s.close();
    const last = MIGRATIONS.at(-1)!.version;
    const next: Migration[] = [...MIGRATIONS, { version: last + 1, name: 'test', sql: 'ALTER TABLE subscriptions ADD COLUMN note TEXT' }];
    const upgraded = SqliteTotdStore.open(dir, { migrations: next, now: () => new Date('2026-12-01T10:20:30Z') });
    expect(upgraded.backup).toBe(path.join(dir, `termbot.db.v${last}-20261201T102030Z.bak`));
    await upgraded.close();
    const copy = new Database(upgraded.backup!, { readonly: true });
    expect(copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: last });
    expect(copy.prepare('SELECT channel_id FROM subscriptions').all()).toEqual([{ channel_id: 'C1' }]);
    copy.close();
    // No backup when there is nothing to migrate.
    const again = SqliteTotdStore.open(dir, { migrations: next });
    expect(again.backup).toBeNull();
    await again.close();
  });

  it('read-only opening leaves a healthy file as it is and cannot write', async () => {
    const dir = folder();
    const s = SqliteTotdStore.open(dir);
    await s.close();
    const before = snapshot(dir);
    const ro = SqliteTotdStore.open(dir, { readonly: true });
    expect(await ro.listSubscriptions()).toEqual([]);
    expect(() => ro.db.exec('CREATE TABLE x (a)')).toThrow();
    await ro.close();
    expect(snapshot(dir)).toEqual(before);
  });
});
