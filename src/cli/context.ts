import { createInterface } from 'node:readline';
import path from 'node:path';
import { loadTermbot, type Termbot } from '../core/termbot.js';
import { createLogger } from '../logger.js';
import { cliConfig } from './config.js';
import type { CliIO } from './io.js';

/** The knowledge folder a CLI command uses: --knowledge, then KNOWLEDGE_DIR (.env too), then the bundled one. */
export function knowledgeDir(io: CliIO, flag?: string): string {
  return flag ? path.resolve(io.cwd, flag) : cliConfig(io).knowledgeDir;
}

/** One loaded bot per invocation and folder: piped input answered line by line loads the knowledge once. */
const loaded = new WeakMap<object, Map<string, Promise<Termbot>>>();

/** Loads the bot for a CLI command; logs (warnings about skipped files) go to stderr. */
export function cliTermbot(io: CliIO, flag?: string): Promise<Termbot> {
  const dir = knowledgeDir(io, flag);
  const perEnv = loaded.get(io.env) ?? new Map<string, Promise<Termbot>>();
  loaded.set(io.env, perEnv);
  let bot = perEnv.get(dir);
  if (!bot) {
    const logger = createLogger(cliConfig(io).logLevel);
    bot = loadTermbot(dir, logger).then((r) => r.bot);
    perEnv.set(dir, bot);
  }
  return bot;
}

export function terminalStyle(io: CliIO, noColor = false): { color: boolean; width: number } {
  const color = !noColor && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  return { color, width: Math.max(40, Math.min(io.stdout.columns ?? 80, 100)) };
}

/**
 * Yields stdin lines as they arrive (a program can hold the pipe open and ask one query at a
 * time). Every line is yielded, blank ones too: callers that answer per line decide what a blank means.
 */
export async function* readLines(io: CliIO): AsyncGenerator<string> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
  }
}
