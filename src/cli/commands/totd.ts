import { existsSync } from 'node:fs';
import path from 'node:path';
import { DefaultTotdService } from '../../core/totd/service.js';
import { formatWeekdays } from '../../core/totd/settings.js';
import type { Platform, SubscriptionStatus } from '../../core/totd/types.js';
import { DB_FILE, SqliteTotdStore, StoreError } from '../../store/sqlite-totd-store.js';
import { cliConfig } from '../config.js';
import { cliTermbot } from '../context.js';
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

/**
 * The bot's database if it exists, opened read-only: the CLI never creates, migrates or otherwise
 * changes it just to look. Throws StoreError (a one-line message naming the file) when unusable.
 */
export function openExistingStore(io: CliIO, flag?: string): SqliteTotdStore | null {
  const file = path.join(dataDir(io, flag), DB_FILE);
  return existsSync(file) ? new SqliteTotdStore(file, { readonly: true }) : null;
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
current rotation, and why a channel is broken if it is. Reads DATA_DIR/${DB_FILE}.

Options:
  --json           one JSON array of subscription statuses
  --data-dir DIR   where the bot keeps its database (default: DATA_DIR or ./data)
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
  let store: SqliteTotdStore | null;
  try {
    store = openExistingStore(io, values['data-dir']);
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    io.stderr.write(`termbot totd: ${err.message}\n`);
    return EXIT.problems;
  }
  if (!store) {
    const where = shownPath(io, dataDir(io, values['data-dir']));
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
      // Damage past the header shows up only when reading: still one line, not a stack.
      const code = (err as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_')) throw err;
      io.stderr.write(
        `termbot totd: cannot read ${path.join(dataDir(io, values['data-dir']), DB_FILE)}: ${(err as Error).message} (${code})\n`,
      );
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
