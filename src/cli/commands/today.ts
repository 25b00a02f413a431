import { renderMarkdown } from '../../core/answer/render-markdown.js';
import { renderTerminal } from '../../core/answer/render-terminal.js';
import type { Termbot } from '../../core/termbot.js';
import { previewDefault } from '../../core/totd/default-term.js';
import { previewSubscription, type Preview } from '../../core/totd/preview.js';
import { localDate } from '../../core/totd/schedule.js';
import { DEFAULT_SETTINGS, parseTime, resolveSettings } from '../../core/totd/settings.js';
import type { SubscriptionRecord } from '../../core/ports/totd-store.js';
import type { Platform } from '../../core/totd/types.js';
import { SqliteTotdStore } from '../../store/sqlite-totd-store.js';
import { cliConfig } from '../config.js';
import { cliTermbot, terminalStyle } from '../context.js';
import { EXIT, UsageError, type CliIO, type Command } from '../io.js';
import { operatorErrors, parseCliArgs } from '../operator.js';
import { configuredChannels, describeSchedule, localTime, lookAt, readProblem } from './totd.js';

function parseDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(`${value}T00:00:00Z`);
  // "2026-13-40" is no date at all (and toISOString would throw); "2026-02-30" rolls over to March.
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  if (!ok) throw new UsageError(`--date must be a calendar date as YYYY-MM-DD, e.g. 2026-11-30`);
  return value;
}

/** "discord:123" / "slack:C1" / "123" -> platform (if given) and id. */
function parseChannel(value: string): { platform: Platform | null; channelId: string } {
  const m = /^(?:(discord|slack):)?([A-Za-z0-9_-]{1,64})$/.exec(value.trim());
  if (!m) throw new UsageError('--channel must be a channel id, optionally prefixed: discord:123456789 or slack:C0123ABC');
  return { platform: (m[1] as Platform | undefined) ?? null, channelId: m[2]! };
}

/** TOTD_TZ as the bot reads it (default UTC), already checked by the config schema. */
function envTimeZone(io: CliIO): string {
  return cliConfig(io).totdTimeZone;
}

/** A subscription as a new channel would get it from chat with no settings (TOTD_TIME / TOTD_TZ defaults). */
function newSubscription(platform: Platform, channelId: string, io: CliIO, now: Date): SubscriptionRecord {
  const time = parseTime(cliConfig(io).totdTime) ?? DEFAULT_SETTINGS.time;
  const settings = resolveSettings({ time }, { ...DEFAULT_SETTINGS, timeZone: envTimeZone(io) });
  return { platform, channelId, ...settings, source: 'chat', createdAt: now, updatedAt: now, updatedBy: 'preview', broken: null };
}

function describePreview(p: Preview, sub: SubscriptionRecord | null, now: Date): string {
  const where = sub
    ? `${sub.platform}:${sub.channelId} (${describeSchedule(sub)}${sub.category ? `, ${sub.category} only` : ''})`
    : 'a new channel';
  switch (p.kind) {
    case 'posted':
      return `Posted in ${where} on ${p.date}${p.messageId ? ` (message ${p.messageId})` : ''}:`;
    case 'claimed':
      return `Being posted in ${where} for ${p.date}:`;
    case 'planned':
      // Due earlier today but not recorded (the bot was not running, or this is a copy): a running bot posts it late.
      if (sub && p.at < now)
        return `Due in ${where} since ${localTime(p.at, sub.timeZone)}, with no post recorded here yet (a running bot posts it late, the same day):`;
      return sub
        ? `Will be posted in ${where} at ${localTime(p.at, sub.timeZone)}:`
        : `Term of the day for ${p.date} (no subscribed channels here; a channel's own rotation differs):`;
    case 'none':
      return `Nothing for ${where} on ${p.date}: ${p.reason}${p.next && sub ? `; the next post is due ${localTime(p.next, sub.timeZone)}` : ''}.`;
  }
}

export const todayCommand: Command = {
  name: 'today',
  summary: 'Preview the term of the day for a channel and date',
  usage: `Usage: termbot today [--channel ID] [--date YYYY-MM-DD] [--format terminal|markdown|json] [--no-color]

Shows the term of the day a channel gets on a date (default: today in the channel's time zone):
what was posted, or what the rotation will post if nothing changes. With the bot's database
(PostgreSQL when DATABASE_URL is set, else DATA_DIR/termbot.db; only read, never changed) it
previews subscribed channels; without one, a deterministic term for the date.

Options:
  --channel ID     discord:123..., slack:C0..., or an id that is subscribed (default: every subscribed channel)
  --date DATE      YYYY-MM-DD
  --format FORMAT  terminal (default), markdown, or json
  --no-color       plain text even in a terminal
  --data-dir DIR   read the SQLite database in DIR (a copy, say), even when DATABASE_URL is set
                   (default: DATA_DIR or ./data)
  --knowledge DIR  knowledge folder (default: KNOWLEDGE_DIR or the bundled one)`,
  run: (args, io) => operatorErrors('today', io, () => today(args, io)),
};

async function today(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCliArgs({
    args,
    options: {
      channel: { type: 'string' },
      date: { type: 'string' },
      format: { type: 'string', default: 'terminal' },
      'no-color': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      knowledge: { type: 'string' },
    },
  });
  const date = parseDate(values.date);
  const channel = values.channel === undefined ? null : parseChannel(values.channel);
  if (!['terminal', 'markdown', 'json'].includes(values.format)) throw new UsageError('--format must be terminal, markdown or json');
  const bot = await cliTermbot(io, values.knowledge);
  const now = io.now?.() ?? new Date();
  // A channel with no state previews on an empty in-memory store: exactly what a fresh subscription would post.
  // With no database yet, TOTD_*_CHANNELS are the channels the bot will subscribe when it starts.
  const looked = await lookAt('today', io, values['data-dir']);
  if (!looked) return EXIT.problems;
  const existing = looked.store;
  const configured = existing ? [] : configuredChannels(io);
  const store = existing ?? (channel?.platform || configured.length ? new SqliteTotdStore(':memory:') : null);
  const results: { preview: Preview; sub: SubscriptionRecord | null }[] = [];
  try {
    const subs = existing
      ? await existing.listSubscriptions()
      : configured.map((c) => ({ ...newSubscription(c.platform, c.channelId, io, now), source: 'env' as const }));
    const chosen = channel
      ? subs.filter((s) => s.channelId === channel.channelId && (!channel.platform || s.platform === channel.platform))
      : subs;
    if (channel && chosen.length === 0) {
      if (!channel.platform) {
        throw new UsageError(
          `channel ${channel.channelId} is not subscribed; write discord:${channel.channelId} or slack:${channel.channelId} to preview a new channel`,
        );
      }
      chosen.push(newSubscription(channel.platform, channel.channelId, io, now));
    }
    for (const sub of chosen)
      results.push({ sub, preview: await previewSubscription(store!, bot, sub, date ?? localDate(now, sub.timeZone), now) });
    if (results.length === 0) {
      const day = date ?? localDate(now, envTimeZone(io));
      const p = previewDefault(bot, day);
      results.push({
        sub: null,
        preview: p
          ? { kind: 'planned', date: day, slug: p.slug, at: new Date(`${day}T00:00:00Z`) }
          : { kind: 'none', date: day, reason: 'no terms' },
      });
    }
  } catch (err) {
    // The bot's database failing mid-read (damage, a server gone away): one line, not a stack.
    const problem = existing ? readProblem(err, looked.source) : null;
    if (!problem) throw err;
    io.stderr.write(`termbot today: ${problem}\n`);
    return EXIT.problems;
  } finally {
    await store?.close();
  }
  print(io, bot, results, values.format, values['no-color'], now);
  return EXIT.ok;
}

function print(
  io: CliIO,
  bot: Termbot,
  results: { preview: Preview; sub: SubscriptionRecord | null }[],
  format: string,
  noColor: boolean,
  now: Date,
): void {
  if (format === 'json') {
    const out = results.map(({ preview, sub }) => ({
      channel: sub ? `${sub.platform}:${sub.channelId}` : null,
      ...preview,
      answer: preview.kind === 'none' ? null : bot.answerFor(preview.slug, 'short'),
    }));
    io.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return;
  }
  results.forEach(({ preview, sub }, i) => {
    if (i > 0) io.stdout.write('\n');
    io.stdout.write(describePreview(preview, sub, now) + '\n\n');
    if (preview.kind === 'none') return;
    const answer = bot.answerFor(preview.slug, 'short');
    io.stdout.write(format === 'markdown' ? renderMarkdown(answer) : renderTerminal(answer, terminalStyle(io, noColor)));
  });
}
