import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CODE_EXT, CODE_ROOT } from '../core/package-paths.js';
import { teamDirs } from '../app/team-dirs.js';
import { cacheName } from '../core/text/cache-name.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../core/package-paths.js';
import type { CliIO } from './io.js';

/**
 * The part of the bot's configuration the CLI uses, validated by the same schema as `npm start`
 * (src/app/config.ts), so a value the bot refuses is refused here too, with the same message.
 * Chat tokens are not needed to explain a term, so their cross-checks are left to the bot.
 *
 * Importing the schema library costs more than the rest of a one-shot `termbot explain`, so the
 * schema's verdict is remembered in the snapshot folder, keyed by the exact values and the
 * schema's own file: a new value, or a changed schema, is checked by the schema again.
 */
const VARIABLES = [
  'KNOWLEDGE_DIR',
  'TEAM_KNOWLEDGE_DIR',
  'DATA_DIR',
  'LOG_LEVEL',
  'TOTD_TIME',
  'TOTD_TZ',
  'INSIGHTS',
  'INSIGHTS_RETENTION_DAYS',
  'TOTD_DISCORD_CHANNELS',
  'TOTD_SLACK_CHANNELS',
] as const;

export interface CliConfig {
  knowledgeDir: string;
  /** TEAM_KNOWLEDGE_DIR's folders in order (later wins); []. */
  teamKnowledgeDirs: string[];
  insights: boolean;
  insightsRetentionDays: number;
  dataDir: string;
  /** The CLI is quiet by default: only warnings (skipped knowledge files) reach stderr. */
  logLevel: string;
  totdTime: string;
  totdTimeZone: string;
  /** TOTD_DISCORD_CHANNELS / TOTD_SLACK_CHANNELS: channels the bot subscribes when it starts. */
  totdChannels: { discord: string[]; slack: string[] };
  /** The environment with `.env` filled in underneath, for commands that read a variable themselves. */
  env: Record<string, string | undefined>;
}

/** A value the schema refused: one line per variable, exit code 2. */
export class CliConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(problems.map((p) => `${p.variable}: ${p.message}`).join('; '));
    this.name = 'CliConfigError';
  }
}

type Verdict =
  | {
      ok: true;
      values: {
        KNOWLEDGE_DIR?: string | undefined;
        TEAM_KNOWLEDGE_DIR?: string | undefined;
        DATA_DIR: string;
        LOG_LEVEL: string;
        TOTD_TIME: string;
        TOTD_TZ: string;
        INSIGHTS: boolean;
        INSIGHTS_RETENTION_DAYS: number;
        TOTD_DISCORD_CHANNELS: string[];
        TOTD_SLACK_CHANNELS: string[];
      };
    }
  | { ok: false; problems: { variable: string; message: string }[] };

/** `.env` in the working folder, as `npm start` reads it; the real environment wins, as with dotenv. */
async function dotenvFile(cwd: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = readFileSync(path.join(cwd, '.env'), 'utf8');
  } catch {
    return {};
  }
  const { default: dotenv } = await import('dotenv');
  return dotenv.parse(text);
}

/** Runs the bot's schema on the CLI's variables (imports zod). */
async function checkWithSchema(env: Record<string, string | undefined>): Promise<Verdict> {
  const [{ z }, { envSchema }] = await Promise.all([import('zod'), import('../app/config.js')]);
  const schema = z.object(Object.fromEntries(VARIABLES.map((v) => [v, envSchema.shape[v]])));
  const result = schema.safeParse(env);
  if (!result.success)
    return { ok: false, problems: result.error.issues.map((i) => ({ variable: String(i.path[0] ?? 'environment'), message: i.message })) };
  return { ok: true, values: result.data as Extract<Verdict, { ok: true }>['values'] };
}

const SCHEMA_FILE = path.join(CODE_ROOT, 'app', `config${CODE_EXT}`);

/** The schema's verdict on these values, from the memo when the values and the schema file are unchanged. */
async function verdict(env: Record<string, string | undefined>, cacheDir: string | null): Promise<Verdict> {
  const input = Object.fromEntries(VARIABLES.map((v) => [v, env[v]]));
  if (!cacheDir) return checkWithSchema(input);
  const schemaStat = await stat(SCHEMA_FILE).catch(() => null);
  // The memo holds the exact values it was made for; its name is only a short digest of them.
  const material = JSON.stringify([input, schemaStat?.size, schemaStat?.mtimeMs]);
  const file = path.join(cacheDir, `config-${cacheName(material)}.json`);
  try {
    const st = await stat(file);
    if (typeof process.getuid !== 'function' || st.uid === process.getuid()) {
      const memo = JSON.parse(await readFile(file, 'utf8')) as { material?: unknown; verdict?: Verdict };
      if (memo.material === material && memo.verdict) return memo.verdict;
    }
  } catch {
    // Not remembered yet.
  }
  const fresh = await checkWithSchema(input);
  try {
    await mkdir(cacheDir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, JSON.stringify({ material, verdict: fresh }), { mode: 0o600 });
    await rename(tmp, file);
  } catch {
    // A read-only home: check again next time.
  }
  return fresh;
}

/** Keyed by the environment object, so `io` copies that share it share one parse. */
const cache = new WeakMap<object, CliConfig>();

/**
 * Reads `.env`, checks the CLI's variables with the bot's schema, and remembers the result for
 * this invocation. Throws CliConfigError naming each variable to fix.
 */
export async function prepareCliConfig(
  io: CliIO,
  cacheDirOf: (env: Record<string, string | undefined>) => string | null,
): Promise<CliConfig> {
  const cached = cache.get(io.env);
  if (cached) return cached;
  const env = { ...(await dotenvFile(io.cwd)), ...io.env };
  const v = await verdict(env, cacheDirOf(env));
  if (!v.ok) throw new CliConfigError(v.problems);
  const e = v.values;
  // Checked on every call, not remembered: a folder can disappear between two calls.
  const team = teamDirs(e.TEAM_KNOWLEDGE_DIR, io.cwd);
  if ('problem' in team) throw new CliConfigError([team.problem]);
  const config: CliConfig = {
    knowledgeDir: e.KNOWLEDGE_DIR ? path.resolve(io.cwd, e.KNOWLEDGE_DIR) : BUNDLED_KNOWLEDGE_DIR,
    teamKnowledgeDirs: team.dirs,
    insights: e.INSIGHTS,
    insightsRetentionDays: e.INSIGHTS_RETENTION_DAYS,
    dataDir: path.resolve(io.cwd, e.DATA_DIR),
    logLevel: env.LOG_LEVEL?.trim() ? e.LOG_LEVEL : 'warn',
    totdTime: e.TOTD_TIME,
    totdTimeZone: e.TOTD_TZ,
    totdChannels: { discord: e.TOTD_DISCORD_CHANNELS, slack: e.TOTD_SLACK_CHANNELS },
    env,
  };
  cache.set(io.env, config);
  cache.set(env, config);
  return config;
}

/** The configuration `prepareCliConfig` checked for this invocation (runCli prepares it before any command). */
export function cliConfig(io: CliIO): CliConfig {
  const config = cache.get(io.env);
  if (!config) throw new Error('cliConfig: prepareCliConfig was not called for this invocation');
  return config;
}
