import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../store/helpers.js';

/** `termbot totd list` on a bad database: opens read-only, one clear line, exit 1, file unchanged. */
const tmp = tempDir('termbot-cli-baddb-');
afterAll(() => tmp.cleanup());
let n = 0;

function dataDir(setup: (file: string) => void): string {
  const dir = path.join(tmp.dir, `d${n++}`);
  mkdirSync(dir);
  setup(path.join(dir, 'termbot.db'));
  return dir;
}

async function listFails(dir: string, message: RegExp): Promise<void> {
  const before = readdirSync(dir).map((f) => readFileSync(path.join(dir, f)).toString('base64'));
  const r = await cli(['totd', 'list', '--data-dir', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(readdirSync(dir).map((f) => readFileSync(path.join(dir, f)).toString('base64'))).toEqual(before);
}

describe('termbot totd list on a bad database', () => {
  it('corrupt', async () => {
    await listFails(
      dataDir((f) => writeFileSync(f, 'garbage'.repeat(200))),
      /^termbot totd: .*termbot\.db is not an SQLite database/,
    );
  });

  it('from a newer termbot', async () => {
    const dir = dataDir((f) => {
      const s = new SqliteTotdStore(f);
      s.db.pragma('journal_mode = DELETE');
      s.db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (5, 'future', 0)`).run();
      s.db.close();
    });
    await listFails(dir, /schema version 5, newer than this termbot knows/);
  });

  it('not ours', async () => {
    const dir = dataDir((f) => {
      const db = new Database(f);
      db.exec('CREATE TABLE photos (id)');
      db.close();
    });
    await listFails(dir, /did not create/);
  });

  it('a read-only file is listed (the CLI only reads)', async () => {
    const dir = dataDir((f) => {
      const s = new SqliteTotdStore(f);
      s.db.close();
      chmodSync(f, 0o444);
    });
    const r = await cli(['totd', 'list', '--data-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No channels are subscribed/);
  });
});
