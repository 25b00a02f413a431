import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTermbot } from '../../src/core/termbot.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { TotdScheduler } from '../../src/core/totd/scheduler.js';
import { DefaultTotdService } from '../../src/core/totd/service.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { FakeClock, FakePoster, MemoryLogger } from '../core/totd/helpers/fakes.js';
import { runCli } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';
import { cli } from '../support/cli.js';
import { tempDir } from '../store/helpers.js';

const tmp = tempDir('termbot-cli-');
afterAll(() => tmp.cleanup());

/** A data dir whose database has a posted channel and a broken one, written "yesterday" so today's runs are still to come. */
async function seededDataDir(name: string): Promise<{ dir: string; postedSlug: string; postedDate: string }> {
  const dir = path.join(tmp.dir, name);
  const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
  const store = SqliteTotdStore.open(dir);
  const now = new Date(Date.now() - 86_400_000);
  const clock = new FakeClock(new Date(now.getTime() - 3 * 86_400_000));
  const service = new DefaultTotdService({ store, bot, defaultTimeZone: 'UTC', clock });
  await service.subscribe('discord', '111', { weekdays: [0, 1, 2, 3, 4, 5, 6], time: '00:00' }, 'alice');
  await service.subscribe('slack', 'CBROKEN', {}, 'alice');
  await store.markBroken('slack', 'CBROKEN', 'channel_not_found', now);
  const poster = new FakePoster('discord');
  clock.set(now);
  const scheduler = new TotdScheduler({ store, bot, posters: [poster], logger: new MemoryLogger(), clock, owner: 'h:1:x' });
  await scheduler.runDue();
  await store.close();
  const post = poster.posts[0]!;
  return { dir, postedSlug: post.answer.term.slug, postedDate: post.date };
}

/** The first date at least two days ahead falling on `day` (0 = Sunday), YYYY-MM-DD. */
function nextWeekday(day: number): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCDay() !== day) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe('termbot totd / today', () => {
  it('lists subscriptions with schedule, next run, last post and broken reason', async () => {
    const { dir, postedSlug } = await seededDataDir('list');
    const r = await cli(['totd', 'list'], { env: { DATA_DIR: dir } });
    expect(r.code).toBe(1); // a broken channel needs attention
    expect(r.stdout).toMatch(/discord:111\s+00:00 UTC daily\s+chat/);
    expect(r.stdout).toContain(postedSlug);
    expect(r.stdout).toMatch(/slack:CBROKEN .* BROKEN: channel_not_found/);
    expect(r.stderr).toContain('2 subscriptions, 1 broken');
    const json = await cli(['totd', 'list', '--json', '--data-dir', dir]);
    const rows = JSON.parse(json.stdout) as { channelId: string; nextRunAt: string | null; remainingInCycle: number }[];
    expect(rows.map((x) => x.channelId)).toEqual(['111', 'CBROKEN']);
    expect(rows[0]!.nextRunAt).toMatch(/T00:00:00.000Z$/);
  });

  it('says so when there is no database, without creating one', async () => {
    const empty = path.join(tmp.dir, 'none');
    const r = await cli(['totd'], { env: { DATA_DIR: empty } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('No term-of-the-day database');
    const again = await cli(['totd', 'list'], { env: { DATA_DIR: empty } });
    expect(again.stderr).toContain('No term-of-the-day database');
  });

  it('today shows what was posted, and previews the future as the scheduler will post it', async () => {
    const { dir, postedSlug, postedDate } = await seededDataDir('today');
    const past = await cli(['today', '--channel', '111', '--date', postedDate, '--format', 'json'], { env: { DATA_DIR: dir } });
    expect(past.code).toBe(0);
    expect(JSON.parse(past.stdout)).toMatchObject([{ channel: 'discord:111', kind: 'posted', slug: postedSlug, messageId: 'm1' }]);

    // Three days ahead: run the real scheduler over a copy of the state and compare.
    const ahead = new Date(Date.parse(`${postedDate}T12:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
    const preview = await cli(['today', '--channel', 'discord:111', '--date', ahead, '--format', 'json'], { env: { DATA_DIR: dir } });
    const [planned] = JSON.parse(preview.stdout) as { kind: string; slug: string }[];
    expect(planned!.kind).toBe('planned');
    const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
    const store = SqliteTotdStore.open(dir);
    const poster = new FakePoster('discord');
    const clock = new FakeClock(new Date());
    const scheduler = new TotdScheduler({ store, bot, posters: [poster], logger: new MemoryLogger(), clock, owner: 'h:2:y' });
    for (let d = 0; d <= 4; d++) {
      clock.set(new Date(Date.parse(`${postedDate}T00:00:30Z`) + d * 86_400_000));
      await scheduler.runDue();
    }
    await store.close();
    expect(poster.posts.find((p) => p.date === ahead)?.answer.term.slug).toBe(planned!.slug);

    const text = await cli(['today', '--channel', 'slack:CBROKEN'], { env: { DATA_DIR: dir } });
    expect(text.stdout).toContain('broken: channel_not_found');
  });

  it('previews without a database: deterministic per date, and for a new channel', async () => {
    const env = { DATA_DIR: path.join(tmp.dir, 'nothing') };
    const a = await cli(['today', '--date', '2026-12-01', '--format', 'json'], { env });
    const b = await cli(['today', '--date', '2026-12-01', '--format', 'json'], { env });
    const c = await cli(['today', '--date', '2026-12-02', '--format', 'json'], { env });
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout)[0].slug).not.toBe(JSON.parse(c.stdout)[0].slug);
    // Not a date at all: a usage error (exit 2), never a stack trace.
    for (const bad of ['2026-13-40', '2026-02-30', 'tomorrow']) {
      const r = await cli(['today', '--date', bad], { env });
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/--date must be a calendar date/);
    }
    const text = await cli(['today', '--date', '2026-12-01', '--format', 'markdown'], { env });
    expect(text.stdout).toContain('Term of the day for 2026-12-01');
    const saturday = nextWeekday(6);
    const monday = nextWeekday(1);
    const sat = await cli(['today', '--channel', 'slack:CNEW', '--date', saturday], { env });
    expect(sat.stdout).toContain('no post is scheduled on that day');
    const mon = await cli(['today', '--channel', 'slack:CNEW', '--date', monday], { env: { ...env, TOTD_TZ: 'Europe/Berlin' } });
    expect(mon.stdout).toContain(`Will be posted in slack:CNEW (09:00 Europe/Berlin mon-fri) at ${monday} 09:00`);
  });

  it('rejects bad options with exit code 2', async () => {
    for (const args of [
      ['today', '--date', '2026-02-30'],
      ['today', '--date', 'tomorrow'],
      ['today', '--channel', '@everyone'],
      ['today', '--channel', 'C404'],
      ['today', '--format', 'html'],
      ['today', '--bogus'],
      ['totd', 'remove'],
    ]) {
      const r = await cli(args, { env: { DATA_DIR: path.join(tmp.dir, 'nothing') } });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toContain('@everyone');
    }
  });

  it('refuses a TOTD_TZ or TOTD_TIME the bot would refuse with exit code 2, not an internal error', async () => {
    const DATA_DIR = path.join(tmp.dir, 'nothing');
    for (const [args, env] of [
      [['today'], { TOTD_TZ: 'Berlin' }],
      [['today', '--channel', 'slack:CNEW'], { TOTD_TZ: 'Mars/Base' }],
      [['today', '--channel', 'slack:CNEW'], { TOTD_TIME: '25:00' }],
    ] as const) {
      const r = await cli([...args], { env: { DATA_DIR, ...env } });
      expect(r.code, JSON.stringify(env)).toBe(2);
      expect(r.stderr).toMatch(/invalid configuration: TOTD_(TZ|TIME): must be/);
      expect(r.stderr).not.toContain('internal error');
    }
  });

  it('a date beyond the preview horizon says so, instead of claiming nothing is scheduled that day', async () => {
    const env = { DATA_DIR: path.join(tmp.dir, 'nothing') };
    // A Monday about five years ahead: a scheduled weekday, but more runs away than the replay covers.
    const d = new Date(Date.now() + 5 * 365 * 86_400_000);
    while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
    const r = await cli(['today', '--channel', 'slack:CNEW', '--date', d.toISOString().slice(0, 10), '--format', 'json'], { env });
    expect(JSON.parse(r.stdout)).toMatchObject([{ kind: 'none', reason: 'too far ahead to preview' }]);
  });
});

/** The CLI in-process at a fixed time (the io's clock), for output that depends on the time of day. */
async function cliAt(now: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 80 },
    stderr: { write: () => true },
    stdin: Readable.from([]),
    env: { LOG_LEVEL: 'silent', ...(process.env.TERMBOT_CACHE_DIR ? { TERMBOT_CACHE_DIR: process.env.TERMBOT_CACHE_DIR } : {}), ...env },
    cwd: process.cwd(),
    now: () => new Date(now),
  };
  const code = await runCli(args, io);
  return { code, stdout };
}

describe('termbot today after the day’s slot', () => {
  // Tuesday 2026-12-01, 16:50 UTC: the 09:00 UTC mon-fri slot has passed.
  const tuesdayAfternoon = '2026-12-01T16:50:00Z';

  it('a scheduled day whose slot passed before the channel existed says so, with the next post time', async () => {
    const env = { DATA_DIR: path.join(tmp.dir, 'nothing') };
    const r = await cliAt(tuesdayAfternoon, ['today', '--channel', 'slack:C0123ABCD'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Nothing for slack:C0123ABCD (09:00 UTC mon-fri) on 2026-12-01: today's 09:00 UTC slot has passed with no post recorded here; the next post is due 2026-12-02 09:00 (UTC).",
    );
    expect(r.stdout).not.toContain('no post is scheduled');
    const json = await cliAt(tuesdayAfternoon, ['today', '--channel', 'slack:C0123ABCD', '--format', 'json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject([{ kind: 'none', next: '2026-12-02T09:00:00.000Z' }]);
    // Before the slot, the same day is still to come.
    const morning = await cliAt('2026-12-01T08:00:00Z', ['today', '--channel', 'slack:C0123ABCD'], env);
    expect(morning.stdout).toContain('Will be posted in slack:C0123ABCD (09:00 UTC mon-fri) at 2026-12-01 09:00 (UTC):');
    // A Saturday is not scheduled at all.
    const saturday = await cliAt('2026-12-05T16:50:00Z', ['today', '--channel', 'slack:C0123ABCD'], env);
    expect(saturday.stdout).toContain('no post is scheduled on that day');
  });

  it('a slot owed today but not recorded is due, not "will be posted" at a time already past', async () => {
    const dir = path.join(tmp.dir, 'due-today');
    const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
    const store = SqliteTotdStore.open(dir);
    const service = new DefaultTotdService({ store, bot, defaultTimeZone: 'UTC', clock: new FakeClock('2026-11-30T12:00:00Z') });
    await service.subscribe('slack', 'C0123ABCD', {}, 'alice');
    await store.close();
    const r = await cliAt(tuesdayAfternoon, ['today', '--channel', 'C0123ABCD'], { DATA_DIR: dir });
    expect(r.stdout).toContain(
      'Due in slack:C0123ABCD (09:00 UTC mon-fri) since 2026-12-01 09:00 (UTC), with no post recorded here yet (a running bot posts it late, the same day):',
    );
  });
});
