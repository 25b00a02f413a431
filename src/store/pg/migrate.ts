import type { PoolClient } from 'pg';
import type { Migration } from '../migrations.js';
import { OUR_TABLES, StoreError } from '../preflight.js';

/**
 * One number for every termbot migrator on this database (pg_advisory_xact_lock takes a bigint):
 * replicas starting together queue on it, so the schema is changed by one of them at a time, and
 * the others then find nothing left to do.
 */
export const MIGRATION_LOCK = 7_331_020_261_201;

/**
 * Applies pending migrations in one transaction under the advisory lock; returns the schema version.
 * Everything is checked before the first write, and a refusal rolls back, so a database from a newer
 * termbot, or one holding tables of the same names that termbot did not create, is left untouched.
 */
export async function migratePg(client: PoolClient, migrations: readonly Migration[], where: string): Promise<number> {
  const known = migrations[migrations.length - 1]?.version ?? 0;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)`,
      [['schema_migrations', ...OUR_TABLES]],
    );
    const tables = new Set(rows.map((r) => r.name));
    let current = 0;
    if (tables.has('schema_migrations')) {
      const v = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      current = v.rows[0]?.v ?? 0;
    } else if (tables.size > 0) {
      throw new StoreError(
        'foreign',
        where,
        `${where} already has tables named ${[...tables].join(', ')} that termbot did not create; use another database or schema`,
      );
    }
    if (current > known) {
      throw new StoreError(
        'newer',
        where,
        `${where} has schema version ${current}, newer than this termbot knows (${known}); upgrade termbot (every replica) before starting this one`,
      );
    }
    if (current < known) {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      for (const m of migrations) {
        if (m.version <= current) continue;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          Date.now(),
        ]);
        current = m.version;
      }
    }
    await client.query('COMMIT');
    return current;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
