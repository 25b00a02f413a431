import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { loadTermbot } from '../../src/core/termbot.js';
import { TotdScheduler } from '../../src/core/totd/scheduler.js';
import { DefaultTotdService } from '../../src/core/totd/service.js';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations.js';
import { PgTotdStore } from '../../src/store/pg/pg-totd-store.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { FakeClock, FakePoster, MemoryLogger } from '../core/totd/helpers/fakes.js';
import { cli } from '../support/cli.js';
import { freePort } from '../support/postgres/cluster.js';
import { freshDatabase, sql } from '../support/postgres/databases.js';
import { tempDir } from '../store/helpers.js';

/**
 * `termbot totd list` and `termbot today` on a bot that runs on PostgreSQL (DATABASE_URL): they read
 * the bot's database, never change it, and name the server (never its password) when it cannot be used.
 */
const tmp = tempDir('termbot-totd-pg-');
afterAll(() => tmp.cleanup());

/** A DATA_DIR with nothing in it, so a test can tell whether SQLite was read instead. */
const emptyDataDir = (): string => path.join(tmp.dir, 'no-sqlite-here');

/** A database where the bot subscribed discord:111 and posted there "yesterday", through the real store and scheduler. */
async function seededDatabase(): Promise<{ url: string; postedSlug: string; postedDate: string }> {
  const url = await freshDatabase('cli');
  const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
  const store = await PgTotdStore.open(url, { poolSize: 2 });
  try {
    const now = new Date(Date.now() - 86_400_000);
    const clock = new FakeClock(new Date(now.getTime() - 3 * 86_400_000));
    const service = new DefaultTotdService({ store, bot, defaultTimeZone: 'UTC', clock });
    await service.subscribe('discord', '111', { weekdays: [0, 1, 2, 3, 4, 5, 6], time: '00:00' }, 'alice');
    const poster = new FakePoster('discord');
    clock.set(now);
    const scheduler = new TotdScheduler({ store, bot, posters: [poster], logger: new MemoryLogger(), clock, owner: 'h:1:x' });
    await scheduler.runDue();
    const post = poster.posts[0]!;
    return { url, postedSlug: post.answer.term.slug, postedDate: post.date };
  } finally {
    await store.close();
  }
}

/** Whether any termbot table exists (the CLI must not create them). */
async function tablesIn(url: string): Promise<{ subs: string | null; versions: string | null }> {
  const [row] = await sql<{ subs: string | null; versions: string | null }>(
    url,
    `SELECT to_regclass('subscriptions') AS subs, to_regclass('schema_migrations') AS versions`,
  );
  return row!;
}

describe('termbot totd list / today with DATABASE_URL', { timeout: 60_000 }, () => {
  it('show the channels subscribed in PostgreSQL, and what was posted there', async () => {
    const { url, postedSlug, postedDate } = await seededDatabase();
    const env = { DATABASE_URL: url, DATA_DIR: emptyDataDir() };

    const json = await cli(['totd', 'list', '--json'], { env });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject([
      { platform: 'discord', channelId: '111', source: 'chat', lastPost: { slug: postedSlug, date: postedDate } },
    ]);
    const text = await cli(['totd', 'list'], { env });
    expect(text.stdout).toMatch(/discord:111\s+00:00 UTC daily\s+chat/);
    expect(text.stderr).toContain('1 subscription');

    const today = await cli(['today', '--format', 'json'], { env });
    expect(today.code, today.stderr).toBe(0);
    expect(JSON.parse(today.stdout)).toMatchObject([{ channel: 'discord:111' }]);
    const past = await cli(['today', '--channel', '111', '--date', postedDate, '--format', 'json'], { env });
    expect(JSON.parse(past.stdout)).toMatchObject([{ channel: 'discord:111', kind: 'posted', slug: postedSlug, messageId: 'm1' }]);

    // DATABASE_URL from .env in the working folder, as `npm start` reads it.
    const cwd = path.join(tmp.dir, 'with-dotenv');
    await mkdir(cwd, { recursive: true });
    await writeFile(path.join(cwd, '.env'), `DATABASE_URL=${url}\n`);
    const fromDotenv = await cli(['totd', 'list', '--json'], { cwd });
    expect(fromDotenv.code, fromDotenv.stderr).toBe(0);
    expect((JSON.parse(fromDotenv.stdout) as { channelId: string }[]).map((s) => s.channelId)).toEqual(['111']);
  });

  it('an empty database is "nothing yet", named by its redacted URL, and the CLI creates no tables there', async () => {
    const url = new URL(await freshDatabase('cli'));
    url.password = 's3cret'; // the cluster trusts loopback: any password is accepted, and must never be printed
    const DATABASE_URL = url.toString();
    const shown = DATABASE_URL.replace('s3cret', '***');

    const list = await cli(['totd', 'list'], { env: { DATABASE_URL, DATA_DIR: emptyDataDir() } });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toBe(
      `No term-of-the-day database in ${shown} yet. Channels subscribe with /explain-daily subscribe, or set TOTD_DISCORD_CHANNELS / TOTD_SLACK_CHANNELS.\n`,
    );
    const configured = await cli(['totd', 'list', '--json'], {
      env: { DATABASE_URL, DATA_DIR: emptyDataDir(), TOTD_SLACK_CHANNELS: 'CENV' },
    });
    expect(JSON.parse(configured.stdout)).toEqual([{ platform: 'slack', channelId: 'CENV', source: 'env', subscribed: false }]);
    expect(configured.stderr).toContain(`No term-of-the-day database in ${shown} yet: 1 channel from TOTD_*_CHANNELS`);

    const today = await cli(['today', '--date', '2026-12-01', '--format', 'json'], { env: { DATABASE_URL, DATA_DIR: emptyDataDir() } });
    expect(today.code, today.stderr).toBe(0);
    expect(JSON.parse(today.stdout)).toMatchObject([{ channel: null, kind: 'planned', date: '2026-12-01' }]);
    const envChannel = await cli(['today', '--format', 'json'], {
      env: { DATABASE_URL, DATA_DIR: emptyDataDir(), TOTD_SLACK_CHANNELS: 'CENV' },
    });
    expect(JSON.parse(envChannel.stdout)).toMatchObject([{ channel: 'slack:CENV' }]);

    for (const r of [list, configured, today, envChannel]) expect(r.stdout + r.stderr).not.toContain('s3cret');
    // Looking never migrates: still no tables at all.
    expect(await tablesIn(DATABASE_URL)).toEqual({ subs: null, versions: null });
  });

  it('a schema from an older termbot is refused in one line (exit 1) and left as it is', async () => {
    const url = await freshDatabase('cli');
    await (await PgTotdStore.open(url, { migrations: PG_MIGRATIONS.slice(0, 1) })).close();
    for (const args of [['totd', 'list'], ['today']]) {
      const r = await cli(args, { env: { DATABASE_URL: url, DATA_DIR: emptyDataDir() } });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`^termbot ${args[0]}: .* has schema version 1; start the bot once to upgrade it \\(this command only reads\\)\\n$`),
      );
    }
    expect(await sql(url, 'SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
  });

  it('a statement the server refuses while reading is one line naming the database (exit 1), not a stack', async () => {
    const { url } = await seededDatabase();
    // A role that may read the subscriptions but not the posts: listing fails half-way, as a server gone away would.
    const role = `looker_${Math.random().toString(36).slice(2, 10)}`;
    await sql(url, `CREATE ROLE ${role} LOGIN; GRANT SELECT ON schema_migrations, subscriptions, rotations, rotation_used TO ${role}`);
    const looker = new URL(url);
    looker.username = role;
    for (const args of [['totd', 'list'], ['today']]) {
      const r = await cli(args, { env: { DATABASE_URL: looker.toString(), DATA_DIR: emptyDataDir() } });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(`^termbot ${args[0]}: cannot read postgres://${role}@[^ ]+: permission denied for table slots \\(42501\\)\\n$`),
      );
    }
  });

  it('an unreachable DATABASE_URL: one line naming host and port, exit 2, no stack, no password', async () => {
    const port = await freePort(); // a loopback port nothing listens on
    const DATABASE_URL = `postgres://termbot:s3cret@127.0.0.1:${port}/termbot`;
    for (const args of [['totd', 'list'], ['today'], ['totd', 'list', '--json']]) {
      const r = await cli(args, { env: { DATABASE_URL, DATA_DIR: emptyDataDir() } });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        new RegExp(`^termbot ${args[0]}: cannot reach the database at 127\\.0\\.0\\.1:${port} \\(DATABASE_URL\\)[^\\n]*\\n$`),
      );
      expect(r.stderr).not.toContain('s3cret');
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it('an invalid DATABASE_URL is a configuration error (exit 2), as for the bot', async () => {
    const r = await cli(['totd', 'list'], { env: { DATABASE_URL: 'mysql://db/termbot', DATA_DIR: emptyDataDir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^termbot totd: invalid configuration: DATABASE_URL: /);
  });

  it('--data-dir still reads SQLite there, even when DATABASE_URL is set (and never contacts the server)', async () => {
    const dir = path.join(tmp.dir, 'copy');
    const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
    const store = SqliteTotdStore.open(dir);
    await new DefaultTotdService({ store, bot, defaultTimeZone: 'UTC' }).subscribe('slack', 'CSQLITE', {}, 'bob');
    await store.close();
    // A server that is not there: reading it would be exit 2.
    const env = { DATABASE_URL: `postgres://termbot:s3cret@127.0.0.1:${await freePort()}/termbot` };

    const list = await cli(['totd', 'list', '--json', '--data-dir', dir], { env });
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { channelId: string }[]).map((s) => s.channelId)).toEqual(['CSQLITE']);
    const today = await cli(['today', '--format', 'json', '--data-dir', dir], { env });
    expect(today.code, today.stderr).toBe(0);
    expect(JSON.parse(today.stdout)).toMatchObject([{ channel: 'slack:CSQLITE' }]);
    const none = await cli(['totd', 'list', '--data-dir', emptyDataDir()], { env });
    expect(none.code).toBe(0);
    expect(none.stderr).toContain(`No term-of-the-day database in ${emptyDataDir()} yet`);
  });
});
