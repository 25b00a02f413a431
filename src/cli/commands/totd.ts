import { existsSync } from 'node:fs';
import path from 'node:path';
import { DefaultTotdService } from '../../core/totd/service.js';
import { formatWeekdays } from '../../core/totd/settings.js';
import type { TotdStore } from '../../core/ports/totd-store.js';
import type { Platform, SubscriptionStatus } from '../../core/totd/types.js';
import { isTransientPgError, redactUrl } from '../../store/pg/connection.js';
import { DB_FILE, SqliteTotdStore, StoreError } from '../../store/sqlite-totd-store.js';
import { cliConfig } from '../config.js';
import { cliTermbot } from '../context.js';
import { connectProblem, databaseUrlOf } from '../database-url.js';
import { EXIT, UsageError, type CliIO, type Command } from '../io.js';
import { checkFolder, operatorErrors, parseCliArgs, shownPath } from '../operator.js';

/**
 * DATA_DIR for CLI commands: --data-dir, then DATA_DIR (.env too; empty is unset), then ./data (as
 * the bot uses). A file there is a configuration error naming the setting (exit 2).
 */
export function dataDir(io: CliIO, flag?: string): string {
  if (flag !== undefined && !flag.trim()) throw new UsageError('--data-dir needs a folder');
  return flag === undefined
    ? checkFolder(cliConfig(io).dataDir, 'DATA_DIR', io)
    : checkFolder(path.resolve(io.cwd, flag), '--data-dir', io);
}

/** TOTD_DISCORD_CHANNELS / TOTD_SLACK_CHANNELS (checked by the config schema): subscribed when the bot starts. */
export function configuredChannels(io: CliIO): { platform: Platform; channelId: string }[] {
  const { discord, slack } = cliConfig(io).totdChannels;
  return [
    ...discord.map((channelId) => ({ platform: 'discord' as const, channelId })),
    ...slack.map((channelId) => ({ platform: 'slack' as const, channelId })),
  ];
}

/** The bot's term-of-the-day state as the CLI reads it, and where it is (for messages). */
export interface LookedStore {
  /** Null when the bot has not created its database there yet. */
  store: TotdStore | null;
  /** The folder (shown as the operator wrote it) or the redacted DATABASE_URL. */
  where: string;
  /** The SQLite file, or the redacted DATABASE_URL: what "cannot read ..." names. */
  source: string;
}

/**
 * The bot's database if it exists, opened read-only: PostgreSQL when DATABASE_URL is set (environment
 * or .env), else SQLite in DATA_DIR; --data-dir names an SQLite folder explicitly (a copy, say) and wins,
 * as in `termbot report`. The CLI never creates, migrates or otherwise changes it just to look.
 * Throws StoreError (a one-line message naming the file or the redacted URL) when unusable, and
 * OperatorError (exit 2) when DATABASE_URL is invalid or its server cannot be reached.
 */
export async function openExistingStore(io: CliIO, flag?: string): Promise<LookedStore> {
  const dir = dataDir(io, flag);
  const url = flag === undefined ? await databaseUrlOf(io) : undefined;
  if (url === undefined) {
    const file = path.join(dir, DB_FILE);
    return { store: existsSync(file) ? new SqliteTotdStore(file, { readonly: true }) : null, where: shownPath(io, dir), source: file };
  }
  // Loaded only here: a bot on SQLite never needs the PostgreSQL driver for these commands.
  const { PgTotdStore } = await import('../../store/pg/pg-totd-store.js');
  try {
    return { store: await PgTotdStore.openForLook(url), where: redactUrl(url), source: redactUrl(url) };
  } catch (err) {
    throw (err instanceof StoreError && connectProblem(err, url)) || err;
  }
}

/**
 * openExistingStore for a command: a database it cannot use (damaged, not ours, an older or newer schema)
 * is one line, `termbot <label>: ...`, on stderr and undefined (the command exits 1).
 */
export async function lookAt(label: string, io: CliIO, flag?: string): Promise<LookedStore | undefined> {
  try {
    return await openExistingStore(io, flag);
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    io.stderr.write(`termbot ${label}: ${err.message}\n`);
    return undefined;
  }
}

/**
 * An error from reading an open store that is the database's fault, not ours (damage in an SQLite file
 * past its header, a PostgreSQL server that went away or refused a statement), as one line naming the
 * database; null for anything else (a bug stays an internal error).
 */
export function readProblem(err: unknown, source: string): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  const fromStore = (typeof code === 'string' && (code.startsWith('SQLITE_') || /^[0-9A-Z]{5}$/.test(code))) || isTransientPgError(err);
  if (!fromStore) return null;
  return `cannot read ${source}: ${(err as Error).message.split('\n')[0]}${typeof code === 'string' ? ` (${code})` : ''}`;
}

/** "09:00 Europe/Berlin mon-fri" */
export function describeSchedule(s: Pick<SubscriptionStatus, 'time' | 'timeZone' | 'weekdays'>): string {
  return `${s.time} ${s.timeZone} ${formatWeekdays(s.weekdays)}`;
}

/** An instant in the subscription's zone, e.g. "2026-11-30 09:00 (Europe/Berlin)". */
export function localTime(at: Date, timeZone: string): string {
  return `${new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at)} (${timeZone})`;
}

function row(s: SubscriptionStatus): string[] {
  return [
    `${s.platform}:${s.channelId}`,
    describeSchedule(s) + (s.category ? ` ${s.category}` : '') + (s.thread ? ' thread' : ''),
    s.source,
    s.broken ? `BROKEN: ${s.broken.reason}` : s.nextRunAt ? localTime(s.nextRunAt, s.timeZone) : '-',
    s.lastPost ? `${s.lastPost.date} ${s.lastPost.slug}` : '-',
    String(s.remainingInCycle),
  ];
}

export const totdCommand: Command = {
  name: 'totd',
  summary: 'Term of the day: list subscribed channels and their next run',
  usage: `Usage: termbot totd list [--json] [--data-dir DIR] [--knowledge DIR]

Lists the channels subscribed to the term of the day (from chat or TOTD_*_CHANNELS),
with schedule, next run in the channel's time zone, last post, terms left in the
current rotation, and why a channel is broken if it is. Reads the bot's database without
changing it: PostgreSQL when DATABASE_URL is set, else DATA_DIR/${DB_FILE}.

Options:
  --json           one JSON array of subscription statuses
  --data-dir DIR   read the SQLite database in DIR (a copy, say), even when DATABASE_URL is set
                   (default: DATA_DIR or ./data)
  --knowledge DIR  knowledge folder (default: KNOWLEDGE_DIR or the bundled one)`,
  run: (args, io) => operatorErrors('totd', io, () => totd(args, io)),
};

async function totd(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCliArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' }, knowledge: { type: 'string' } },
  });
  const sub = positionals[0] ?? 'list';
  if (sub !== 'list' || positionals.length > 1)
    throw new UsageError(`unknown subcommand "${positionals.join(' ').slice(0, 40)}"; try termbot totd list`);
  const looked = await lookAt('totd', io, values['data-dir']);
  if (!looked) return EXIT.problems;
  const { store, where } = looked;
  if (!store) {
    const configured = configuredChannels(io);
    if (values.json) io.stdout.write(JSON.stringify(configured.map((c) => ({ ...c, source: 'env', subscribed: false }))) + '\n');
    if (configured.length === 0) {
      io.stderr.write(
        `No term-of-the-day database in ${where} yet. Channels subscribe with /explain-daily subscribe, or set TOTD_DISCORD_CHANNELS / TOTD_SLACK_CHANNELS.\n`,
      );
      return EXIT.ok;
    }
    // The variables are set but the bot has not started on this DATA_DIR yet: show what it will subscribe.
    if (!values.json)
      for (const c of configured) io.stdout.write(`${c.platform}:${c.channelId}  from TOTD_${c.platform.toUpperCase()}_CHANNELS\n`);
    io.stderr.write(
      `No term-of-the-day database in ${where} yet: ${configured.length} channel${configured.length === 1 ? '' : 's'} from TOTD_*_CHANNELS, subscribed when the bot starts.\n`,
    );
    return EXIT.ok;
  }
  try {
    const bot = await cliTermbot(io, values.knowledge);
    const service = new DefaultTotdService({ store, bot, defaultTimeZone: io.env.TOTD_TZ || 'UTC' });
    let all: SubscriptionStatus[];
    try {
      all = await service.list();
    } catch (err) {
      // Damage past the header, or a server that went away, shows up only when reading: still one line, not a stack.
      const problem = readProblem(err, looked.source);
      if (!problem) throw err;
      io.stderr.write(`termbot totd: ${problem}\n`);
      return EXIT.problems;
    }
    if (values.json) {
      io.stdout.write(JSON.stringify(all, null, 2) + '\n');
      return EXIT.ok;
    }
    if (all.length === 0) {
      io.stdout.write('No channels are subscribed to the term of the day.\n');
      return EXIT.ok;
    }
    const table = [['CHANNEL', 'SCHEDULE', 'SOURCE', 'NEXT RUN', 'LAST POST', 'LEFT'], ...all.map(row)];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    for (const r of table) io.stdout.write(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ') + '\n');
    const broken = all.filter((s) => s.broken).length;
    io.stderr.write(
      `${all.length} subscription${all.length === 1 ? '' : 's'}${broken ? `, ${broken} broken (fix the bot's access, then subscribe again)` : ''}\n`,
    );
    return broken > 0 ? EXIT.problems : EXIT.ok;
  } finally {
    await store.close();
  }
}
