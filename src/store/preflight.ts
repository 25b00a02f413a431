import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Looks at an existing database file without changing it (read-only, no WAL switch, no migration
 * table), so a file we are going to refuse is never written to: not ours, from a newer termbot,
 * corrupt, or unreadable.
 */
export type StoreProblem = 'unreadable' | 'not-sqlite' | 'corrupt' | 'foreign' | 'newer';

/** The database cannot be used; the message names the file (or the redacted DATABASE_URL) and what to do, in one line. */
export class StoreError extends Error {
  constructor(
    readonly problem: StoreProblem | 'older' | 'cannot-create' | 'backup-failed' | 'unreachable',
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Tables the first migration creates: a file with schema_migrations but without these is not ours. */
export const OUR_TABLES = ['subscriptions', 'rotations', 'rotation_used', 'slots'];
const SQLITE_HEADER = 'SQLite format 3\0';

export interface Preflight {
  /** 0 for a new or empty file. */
  version: number;
  /** Every migration version recorded in the file (numbers may have gaps). */
  applied: number[];
}

/** Checks an existing file read-only. Throws StoreError; returns the schema version it found. */
export function preflight(file: string, knownVersion: number): Preflight {
  if (!existsSync(file)) return { version: 0, applied: [] };
  let header: Buffer;
  try {
    const fd = openSync(file, 'r');
    try {
      header = Buffer.alloc(16);
      header = header.subarray(0, readSync(fd, header, 0, 16, 0));
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new StoreError(
      'unreadable',
      file,
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)} (check the owner and permissions of DATA_DIR)`,
      { cause: err },
    );
  }
  // An empty file is what SQLite itself creates first: treat as new.
  if (header.length === 0) return { version: 0, applied: [] };
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new StoreError('not-sqlite', file, `${file} is not an SQLite database; move it away or point DATA_DIR elsewhere`);
  }
  let db: Database.Database | null = null;
  try {
    db = readOnlyView(file);
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
    );
    const user = [...tables].filter((t) => !t.startsWith('sqlite_'));
    if (user.length === 0) return { version: 0, applied: [] };
    if (!tables.has('schema_migrations')) {
      throw new StoreError(
        'foreign',
        file,
        `${file} is an SQLite database that termbot did not create (tables: ${user.slice(0, 5).join(', ')}); move it away or point DATA_DIR elsewhere`,
      );
    }
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
    const version = Math.max(0, ...applied);
    if (version > knownVersion) {
      throw new StoreError(
        'newer',
        file,
        `${file} has schema version ${version}, newer than this termbot knows (${knownVersion}); upgrade termbot, or restore the backup taken before the upgrade`,
      );
    }
    const missing = version >= 1 ? OUR_TABLES.filter((t) => !tables.has(t)) : [];
    if (missing.length > 0) {
      throw new StoreError(
        'foreign',
        file,
        `${file} says schema version ${version} but lacks the tables ${missing.join(', ')}; it is not a termbot database or it was damaged`,
      );
    }
    return { version, applied };
  } catch (err) {
    if (err instanceof StoreError) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StoreError('corrupt', file, `${file} is damaged (${code}); restore a backup or move it away to start fresh`, {
        cause: err,
      });
    }
    throw new StoreError(
      'unreadable',
      file,
      `cannot open ${file}: ${(err as Error).message} (check the owner and permissions of DATA_DIR)`,
      { cause: err },
    );
  } finally {
    db?.close();
  }
}

/**
 * A read-only connection that creates nothing next to the file. SQLite opens a WAL-mode file with
 * -wal and -shm files, even read-only; when there is no -wal (nothing uncommitted to read), the
 * check runs on an in-memory copy instead (the WAL flag in its header reset, as SQLite requires
 * for memory databases). With a -wal present (a bot running, or a crash), read the file itself.
 */
export function readOnlyView(file: string): Database.Database {
  if (existsSync(`${file}-wal`)) return new Database(file, { readonly: true, fileMustExist: true });
  const copy = readFileSync(file);
  if (copy.length > 19 && copy[18] === 2 && copy[19] === 2) {
    copy[18] = 1;
    copy[19] = 1;
  }
  return new Database(copy, { readonly: true });
}
