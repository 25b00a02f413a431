import { existsSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../core/package-paths.js';
import dotenv from 'dotenv';
import { z } from 'zod';
import { parseTime } from '../core/totd/settings.js';
import { snapshotDir } from './cache-dir.js';
import { teamDirs } from './team-dirs.js';

/** The bundled knowledge folder, next to src/ and dist/. */
export { BUNDLED_KNOWLEDGE_DIR };

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const urlWithDefault = (fallback: string) =>
  z
    .string()
    .trim()
    .transform((s) => s || fallback)
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
    .default(fallback);

// The same formats as `/explain-daily subscribe` (one parser in the core): 09:00, 9:30, 17.30, 9am, 5:30pm.
const time = z
  .string()
  .trim()
  .default('09:00')
  .transform((t, ctx) => {
    const parsed = parseTime(t);
    if (!parsed) ctx.addIssue({ code: 'custom', message: 'must be a time of day such as 09:00, 17:30, 9am or 5:30pm' });
    return parsed ?? t;
  });

/** Seconds; fractions allowed. */
const seconds = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of seconds' })
    .positive('must be more than 0 seconds')
    .max(600, 'must be at most 600 seconds')
    .default(fallback);

const timeZone = z
  .string()
  .trim()
  .default('UTC')
  .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/Berlin or UTC');

/** Comma-separated channel ids, each checked (a typo would otherwise be subscribed and fail at posting time). */
const channelList = (id: RegExp, example: string) =>
  z
    .string()
    .trim()
    .default('')
    .transform((s, ctx) => {
      const ids = s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const bad = ids.filter((c) => !id.test(c));
      if (bad.length)
        ctx.addIssue({
          code: 'custom',
          message: `"${bad[0]!.slice(0, 40)}" is not a channel id; write ids such as ${example}, separated by commas`,
        });
      return ids;
    });

/** postgres://user:password@host:5432/db (or postgresql://); checked here so a typo stops startup naming the variable. */
function isPostgresUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Every environment variable termbot reads, with its default. The README's table mirrors this. */
export const envSchema = z
  .object({
    DISCORD_TOKEN: optionalString,
    DISCORD_API_URL: urlWithDefault('https://discord.com/api'),
    DISCORD_GUILD_ID: optionalString.pipe(
      z
        .string()
        .regex(/^\d{5,25}$/, 'must be a numeric Discord guild (server) id')
        .optional(),
    ),
    // Discord gateway shards (issue 12): unset = one shard; `auto` = Discord's recommended count; N = N shards.
    DISCORD_SHARDS: optionalString.pipe(
      z
        .string()
        .regex(/^(auto|[1-9]\d{0,3})$/i, 'must be auto or a whole number of shards (1 or more)')
        .transform((s): 'auto' | number => (s.toLowerCase() === 'auto' ? 'auto' : Number(s)))
        .optional(),
    ),
    // Which of the DISCORD_SHARDS shards this process runs (comma-separated ids), to spread shards over processes.
    DISCORD_SHARD_IDS: optionalString.pipe(
      z
        .string()
        .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, 'must be shard ids separated by commas, such as 0,1')
        .transform((s) => [...new Set(s.split(',').map((x) => Number(x.trim())))].sort((a, b) => a - b))
        .optional(),
    ),
    SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
    SLACK_API_URL: urlWithDefault('https://slack.com/api/'),
    // Slack OAuth (issue 12.3): all three make the app installable into many workspaces (HTTP mode).
    SLACK_CLIENT_ID: optionalString,
    SLACK_CLIENT_SECRET: optionalString,
    // Signs the OAuth state; at least 16 characters so it cannot be guessed.
    SLACK_STATE_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters (a long random string)').optional()),
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0)
      .max(65535, 'must be at most 65535')
      .default(3000),
    KNOWLEDGE_DIR: optionalString,
    // One or more team folders on top of the knowledge, separated by the platform's path delimiter (":" or ";"); later wins.
    TEAM_KNOWLEDGE_DIR: optionalString,
    // What people asked and did not find, and Helpful? votes (README, Privacy): on unless "off".
    INSIGHTS: z
      .string()
      .trim()
      .toLowerCase()
      .default('on')
      .pipe(z.enum(['on', 'off', ''], { error: 'must be on or off' }))
      .transform((v) => v !== 'off'),
    INSIGHTS_RETENTION_DAYS: z.coerce
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days')
      .default(90),
    // Empty is unset (as for TEAM_KNOWLEDGE_DIR): `DATA_DIR=` in a .env file means the default.
    DATA_DIR: optionalString.transform((s) => s ?? './data'),
    // Where parsed knowledge is kept between starts (a faster start; "off" disables); default: the user's cache folder.
    TERMBOT_CACHE_DIR: optionalString,
    // Set: all state in PostgreSQL, shared by every replica (docs/scaling.md). Unset: the SQLite file in DATA_DIR.
    DATABASE_URL: optionalString.pipe(
      z.string().refine(isPostgresUrl, 'must be a PostgreSQL URL such as postgres://termbot:password@db:5432/termbot').optional(),
    ),
    // How long a replica's claim on a post survives without its heartbeat (renewed every third of it):
    // a dead replica's post is taken over after this. Longer than a database hiccup, short enough to be prompt.
    TOTD_LEASE_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .min(3, 'must be at least 3 seconds')
      .max(3600, 'must be at most 3600 seconds')
      .default(120),
    // Case-insensitive (INFO = info), the same for the bot and the CLI.
    LOG_LEVEL: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(
        z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          error: 'must be one of fatal, error, warn, info, debug, trace, silent',
        }),
      )
      .default('info'),
    TOTD_TIME: time,
    TOTD_TZ: timeZone,
    // Discord ids are numbers (snowflakes); Slack's are capital letters and digits (C0123ABC, G..., D...).
    TOTD_DISCORD_CHANNELS: channelList(/^\d{1,25}$/, '1234567890123456789'),
    TOTD_SLACK_CHANNELS: channelList(/^[A-Z0-9]{1,30}$/, 'C0123ABCD'),
    // Docker sends SIGKILL 10 s after SIGTERM; finish before that.
    SHUTDOWN_TIMEOUT: seconds(8),
  })
  .superRefine((env, ctx) => {
    const oauthVars = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
    const oauthSet = oauthVars.filter((v) => env[v]);
    const oauth = oauthSet.length > 0;
    if (oauth && oauthSet.length < oauthVars.length) {
      for (const v of oauthVars.filter((x) => !env[x]))
        ctx.addIssue({
          code: 'custom',
          path: [v],
          message: `is required when ${oauthSet.join(' and ')} ${oauthSet.length > 1 ? 'are' : 'is'} set (Slack OAuth needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET, or none)`,
        });
    }
    if (oauth && env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_APP_TOKEN'],
        message: 'must not be set with SLACK_CLIENT_ID (installing into many workspaces needs HTTP mode: unset SLACK_APP_TOKEN)',
      });
    }
    if (oauth && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required with SLACK_CLIENT_ID (Slack OAuth runs in HTTP mode)',
      });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET && !oauth) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_APP_TOKEN'],
        message: 'SLACK_BOT_TOKEN is set, so set SLACK_APP_TOKEN (xapp-..., Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
      });
    }
    if ((env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET) && !env.SLACK_BOT_TOKEN && !oauth) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'is required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set (xoxb-...)',
      });
    }
    if (env.DISCORD_SHARD_IDS && typeof env.DISCORD_SHARDS !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_SHARD_IDS'], message: 'needs DISCORD_SHARDS set to the total number of shards' });
    } else if (env.DISCORD_SHARD_IDS && typeof env.DISCORD_SHARDS === 'number') {
      const total = env.DISCORD_SHARDS;
      const bad = env.DISCORD_SHARD_IDS.filter((id) => id >= total);
      if (bad.length)
        ctx.addIssue({
          code: 'custom',
          path: ['DISCORD_SHARD_IDS'],
          message: `shard ids run from 0 to ${total - 1} (DISCORD_SHARDS=${total}); got ${bad.join(', ')}`,
        });
    }
    if (env.TOTD_DISCORD_CHANNELS.length > 0 && !env.DISCORD_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_TOKEN'], message: 'is required when TOTD_DISCORD_CHANNELS is set' });
    }
    if (env.TOTD_SLACK_CHANNELS.length > 0 && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when TOTD_SLACK_CHANNELS is set' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  knowledgeDir: string;
  /** TEAM_KNOWLEDGE_DIR's folders, resolved, in order (later wins); [] when unset. */
  teamKnowledgeDirs: string[];
  dataDir: string;
  /** The folder for the knowledge parse cache, or null (TERMBOT_CACHE_DIR=off). */
  cacheDir: string | null;
  discordEnabled: boolean;
  slackEnabled: boolean;
  slackMode: 'socket' | 'http' | null;
  /** SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are set: installable into many workspaces (HTTP mode). */
  slackOAuth: boolean;
}

/** A configuration problem: names every variable to fix and what to set. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** TERMBOT_CACHE_DIR as given ("off" stays "off"), a relative folder resolved against `cwd`. */
const cacheSetting = (v: string | undefined, cwd: string): string | undefined => (v && v !== 'off' ? path.resolve(cwd, v) : v);

/** Parses an environment (pure: pass any record). */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => ({ variable: String(i.path[0] ?? 'environment'), message: i.message })));
  }
  const e = result.data;
  const oauth = Boolean(e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_STATE_SECRET);
  const knowledgeDir = path.resolve(cwd, e.KNOWLEDGE_DIR ?? BUNDLED_KNOWLEDGE_DIR);
  if (!existsSync(knowledgeDir)) {
    throw new ConfigError([
      {
        variable: 'KNOWLEDGE_DIR',
        message: `folder ${knowledgeDir} does not exist; point it at a knowledge folder or unset it to use the bundled one`,
      },
    ]);
  }
  const team = teamDirs(e.TEAM_KNOWLEDGE_DIR, cwd);
  if ('problem' in team) throw new ConfigError([team.problem]);
  const teamKnowledgeDirs = team.dirs;
  return {
    ...e,
    knowledgeDir,
    teamKnowledgeDirs,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    cacheDir: snapshotDir({ ...env, TERMBOT_CACHE_DIR: cacheSetting(e.TERMBOT_CACHE_DIR, cwd) }),
    discordEnabled: Boolean(e.DISCORD_TOKEN),
    slackEnabled: Boolean(e.SLACK_BOT_TOKEN) || oauth,
    slackMode: oauth ? 'http' : e.SLACK_BOT_TOKEN ? (e.SLACK_APP_TOKEN ? 'socket' : 'http') : null,
    slackOAuth: oauth,
  };
}

/** Reads `.env` (if any) into process.env, then parses it. */
export function loadConfig(): Config {
  dotenv.config({ quiet: true });
  return parseConfig(process.env);
}
