import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../src/store/migrations.js';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations.js';
import { PgTotdStore } from '../../src/store/pg/pg-totd-store.js';
import { StoreError } from '../../src/store/preflight.js';
import { freePort } from '../support/postgres/cluster.js';
import { freshDatabase, sql } from '../support/postgres/databases.js';
import { totdStoreContract } from './totd-store-contract.js';

/** The same contract as SQLite, on a real PostgreSQL (the throwaway cluster of test/support/postgres), plus its migrations. */
totdStoreContract('PostgreSQL', async () => {
  const url = await freshDatabase();
  return { open: () => PgTotdStore.open(url, { poolSize: 4 }) };
});

/** Everything a refusal must not change: tables, their columns, and the migration rows. */
async function schemaOf(url: string): Promise<unknown> {
  const columns = await sql(
    url,
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
  );
  const tables = columns.map((c) => c.table_name as string);
  const versions = tables.includes('schema_migrations') ? await sql(url, 'SELECT version, name FROM schema_migrations ORDER BY 1') : [];
  return { columns, versions };
}

async function refusal(url: string, migrations?: readonly Migration[]): Promise<StoreError> {
  const err = await PgTotdStore.open(url, migrations ? { migrations } : {}).then(
    async (s) => {
      await s.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  expect((err as StoreError).message).not.toContain('\n');
  return err as StoreError;
}

describe('PostgreSQL store: migrations', () => {
  it('has the same migration versions and names as SQLite (version N is the same change on both engines)', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
  });

  it('applies every migration once, also when many replicas start at the same moment (advisory lock)', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all(Array.from({ length: 6 }, () => PgTotdStore.open(url, { poolSize: 1 })));
    await Promise.all(stores.map((s) => s.close()));
    expect(await sql(url, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(
      PG_MIGRATIONS.map((m) => ({ version: m.version })),
    );
  });

  it('upgrades an older schema in place, and refuses a newer one without touching it', async () => {
    const url = await freshDatabase();
    await (await PgTotdStore.open(url, { migrations: PG_MIGRATIONS.slice(0, 1) })).close();
    await sql(
      url,
      `INSERT INTO subscriptions (platform, channel_id, time, time_zone, weekdays, category, thread, source, created_at, updated_at, updated_by)
       VALUES ('slack', 'C1', '09:00', 'UTC', '1', NULL, false, 'chat', 0, 0, 'a')`,
    );
    const store = await PgTotdStore.open(url);
    expect((await store.takeDue(['slack'], new Date(), new Date(), 10)).map((s) => s.channelId)).toEqual(['C1']);
    await store.close();

    await sql(url, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)`);
    const before = await schemaOf(url);
    const err = await refusal(url);
    expect(err.problem).toBe('newer');
    expect(err.message).toMatch(new RegExp(`schema version 99, newer than this termbot knows \\(${PG_MIGRATIONS.at(-1)!.version}\\)`));
    expect(err.message).not.toMatch(/postgres:\/\/[^@]*:[^*@]+@/); // no password in the line
    expect(await schemaOf(url)).toEqual(before);
  });

  it('refuses a database that holds tables of ours that termbot did not create, and adds nothing', async () => {
    const url = await freshDatabase();
    await sql(url, 'CREATE TABLE slots (id INTEGER PRIMARY KEY)');
    const before = await schemaOf(url);
    const err = await refusal(url);
    expect(err.problem).toBe('foreign');
    expect(err.message).toMatch(/tables named slots that termbot did not create/);
    expect(await schemaOf(url)).toEqual(before);
  });

  it('an unreachable server and a missing database are one line naming DATABASE_URL, without the password', async () => {
    const port = await freePort();
    const down = await refusal(`postgres://termbot:s3cret@127.0.0.1:${port}/termbot`);
    expect(down.problem).toBe('unreachable');
    expect(down.message).toMatch(/cannot reach PostgreSQL at postgres:\/\/termbot:\*\*\*@127\.0\.0\.1:\d+\/termbot \(DATABASE_URL\)/);
    expect(down.message).not.toContain('s3cret');
    const url = new URL(await freshDatabase());
    url.pathname = '/no_such_database';
    const missing = await refusal(url.toString());
    expect(missing.problem).toBe('cannot-create');
    expect(missing.message).toMatch(/3D000/);
  });
});

describe('PostgreSQL store: opened for looking (the CLI)', () => {
  /** openForLook's StoreError, or null when it opened (and was closed again). */
  async function lookRefusal(url: string, migrations?: readonly Migration[]): Promise<StoreError | null> {
    const err = await PgTotdStore.openForLook(url, migrations).then(
      async (s) => {
        await s?.close();
        return null;
      },
      (e: unknown) => e,
    );
    if (err === null) return null;
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).not.toContain('\n');
    return err as StoreError;
  }

  it('is null on a database the bot has not used yet, and creates nothing there', async () => {
    const url = await freshDatabase('look');
    expect(await PgTotdStore.openForLook(url)).toBeNull();
    expect(await schemaOf(url)).toEqual({ columns: [], versions: [] });
  });

  it('reads what the bot wrote, on one connection', async () => {
    const url = await freshDatabase('look');
    const bot = await PgTotdStore.open(url, { poolSize: 1 });
    const at = new Date('2026-12-01T08:00:00Z');
    const sub = { time: '09:00', timeZone: 'UTC', weekdays: [1], category: null, thread: false, source: 'chat' as const };
    await bot.putSubscription({ platform: 'slack', channelId: 'C1', ...sub, updatedAt: at, updatedBy: 'a' });
    await bot.close();
    const look = await PgTotdStore.openForLook(url);
    expect(look).not.toBeNull();
    try {
      expect(look!.pool.options.max).toBe(1);
      expect((await look!.listSubscriptions()).map((s) => `${s.platform}:${s.channelId}`)).toEqual(['slack:C1']);
    } finally {
      await look!.close();
    }
  });

  it('refuses a schema it cannot read as it is (older, newer, not ours) without touching it', async () => {
    const url = await freshDatabase('look');
    await (await PgTotdStore.open(url, { migrations: PG_MIGRATIONS.slice(0, 1) })).close();
    let before = await schemaOf(url);
    const older = await lookRefusal(url);
    expect(older?.problem).toBe('older');
    expect(older?.message).toMatch(/has schema version 1; start the bot once to upgrade it \(this command only reads\)/);
    expect(await schemaOf(url)).toEqual(before);
    // The same database read by a termbot that knows only version 1: fine.
    expect(await lookRefusal(url, PG_MIGRATIONS.slice(0, 1))).toBeNull();

    await sql(url, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)`);
    before = await schemaOf(url);
    expect((await lookRefusal(url))?.problem).toBe('newer');
    expect(await schemaOf(url)).toEqual(before);

    const foreign = await freshDatabase('look');
    await sql(foreign, 'CREATE TABLE subscriptions (id INTEGER PRIMARY KEY)');
    const err = await lookRefusal(foreign);
    expect(err?.problem).toBe('foreign');
    expect(err?.message).toMatch(/a table named subscriptions that termbot did not create/);
  });

  it('an unreachable server is a StoreError "unreachable" without the password', async () => {
    const port = await freePort();
    const err = await lookRefusal(`postgres://termbot:s3cret@127.0.0.1:${port}/termbot`);
    expect(err?.problem).toBe('unreachable');
    expect(err?.message).not.toContain('s3cret');
  });
});
