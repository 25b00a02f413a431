import path from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../app/config.js';
import { loadTermbot, type Termbot } from '../core/termbot.js';
import { createLogger } from '../logger.js';
import type { CliIO } from './io.js';

/** The knowledge folder a CLI command uses: --knowledge, then KNOWLEDGE_DIR, then the bundled one. */
export function knowledgeDir(io: CliIO, flag?: string): string {
  const dir = flag ?? io.env.KNOWLEDGE_DIR;
  return dir ? path.resolve(io.cwd, dir) : BUNDLED_KNOWLEDGE_DIR;
}

/** Loads the bot for a CLI command; logs (warnings about skipped files) go to stderr. */
export async function cliTermbot(io: CliIO, flag?: string): Promise<Termbot> {
  const logger = createLogger(io.env.LOG_LEVEL ?? 'warn');
  const { bot } = await loadTermbot(knowledgeDir(io, flag), logger);
  return bot;
}

export function terminalStyle(io: CliIO, noColor = false): { color: boolean; width: number } {
  const color = !noColor && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  return { color, width: Math.max(40, Math.min(io.stdout.columns ?? 80, 100)) };
}

/** Reads non-empty lines from stdin. */
export async function readLines(io: CliIO): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
}
