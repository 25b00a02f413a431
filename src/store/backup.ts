import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreError } from './preflight.js';

/**
 * Copies the database aside before a migration changes it, next to it as
 * `termbot.db.v<version>-<UTC timestamp>.bak`. VACUUM INTO from a read-only connection writes a
 * consistent copy (committed WAL content included) and leaves the original untouched.
 * Restore: stop the bot, copy the .bak over termbot.db, delete termbot.db-wal and -shm.
 */
export function backupBeforeMigration(file: string, version: number, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const target = `${file}.v${version}-${stamp}.bak`;
  if (existsSync(target)) return target;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } catch (err) {
    throw new StoreError(
      'backup-failed',
      file,
      `could not back up ${file} to ${target} before upgrading it: ${(err as Error).message}; nothing was changed`,
      { cause: err },
    );
  } finally {
    db.close();
  }
  return target;
}
