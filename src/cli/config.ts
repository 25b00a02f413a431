import { readFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { BUNDLED_KNOWLEDGE_DIR, ConfigError, envSchema } from '../app/config.js';
import type { CliIO } from './io.js';

/**
 * The part of the bot's configuration the CLI uses, validated by the same schema as `npm start`
 * (src/app/config.ts), so a value the bot refuses is refused here too, with the same message.
 * Chat tokens are not needed to explain a term, so their cross-checks are left to the bot.
 */
const cliSchema = z.object({
  KNOWLEDGE_DIR: envSchema.shape.KNOWLEDGE_DIR,
  DATA_DIR: envSchema.shape.DATA_DIR,
  LOG_LEVEL: envSchema.shape.LOG_LEVEL,
  TOTD_TIME: envSchema.shape.TOTD_TIME,
  TOTD_TZ: envSchema.shape.TOTD_TZ,
});

export interface CliConfig {
  knowledgeDir: string;
  dataDir: string;
  /** The CLI is quiet by default: only warnings (skipped knowledge files) reach stderr. */
  logLevel: string;
  totdTime: string;
  totdTimeZone: string;
  /** The environment with `.env` filled in underneath, for commands that read a variable themselves. */
  env: Record<string, string | undefined>;
}

/** `.env` in the working folder, as `npm start` reads it; the real environment wins, as with dotenv. */
function dotenvFile(cwd: string): Record<string, string> {
  try {
    return dotenv.parse(readFileSync(path.join(cwd, '.env')));
  } catch {
    return {};
  }
}

/** Keyed by the environment object, so `io` copies that share it share one parse. */
const cache = new WeakMap<object, CliConfig>();

/** Reads and validates the CLI's configuration once per invocation; throws ConfigError naming the variable. */
export function cliConfig(io: CliIO): CliConfig {
  const cached = cache.get(io.env);
  if (cached) return cached;
  const env = { ...dotenvFile(io.cwd), ...io.env };
  const result = cliSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => ({ variable: String(i.path[0] ?? 'environment'), message: i.message })));
  }
  const e = result.data;
  const config: CliConfig = {
    knowledgeDir: e.KNOWLEDGE_DIR ? path.resolve(io.cwd, e.KNOWLEDGE_DIR) : BUNDLED_KNOWLEDGE_DIR,
    dataDir: path.resolve(io.cwd, e.DATA_DIR),
    logLevel: env.LOG_LEVEL?.trim() ? e.LOG_LEVEL : 'warn',
    totdTime: e.TOTD_TIME,
    totdTimeZone: e.TOTD_TZ,
    env,
  };
  cache.set(io.env, config);
  cache.set(env, config);
  return config;
}
