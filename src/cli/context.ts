import path from 'node:path';
import { loadKnowledgeCached } from '../core/knowledge/snapshot.js';
import { knowledgeStack } from '../core/knowledge/stack.js';
import type { KnowledgeLayer } from '../core/knowledge/types.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../core/package-paths.js';
import { loadTermbot, type Termbot } from '../core/termbot.js';
import { snapshotDir } from '../app/cache-dir.js';
import { cliConfig } from './config.js';
import type { CliIO } from './io.js';
import { plainLogLine } from './plain-log.js';

/** The knowledge folder a CLI command uses: --knowledge, then KNOWLEDGE_DIR (.env too), then the bundled one. */
export function knowledgeDir(io: CliIO, flag?: string): string {
  return flag ? path.resolve(io.cwd, flag) : cliConfig(io).knowledgeDir;
}

/**
 * The knowledge stack a CLI command uses: the base folder (as above), then TEAM_KNOWLEDGE_DIR's
 * folders, or the `--team` folders when given (later wins).
 */
export function knowledgeLayers(io: CliIO, flag?: string, teamFlags?: readonly string[]): KnowledgeLayer[] {
  const teams = teamFlags?.length ? teamFlags.map((d) => path.resolve(io.cwd, d)) : cliConfig(io).teamKnowledgeDirs;
  return knowledgeStack(knowledgeDir(io, flag), teams, BUNDLED_KNOWLEDGE_DIR);
}

/** One loaded bot per invocation and folder: piped input answered line by line loads the knowledge once. */
const loaded = new WeakMap<object, Map<string, Promise<Termbot>>>();

/** Loads the bot for a CLI command; logs (warnings about skipped files) go to stderr. */
export function cliTermbot(io: CliIO, flag?: string): Promise<Termbot> {
  const layers = knowledgeLayers(io, flag);
  const key = JSON.stringify(layers.map((l) => l.dir));
  const perEnv = loaded.get(io.env) ?? new Map<string, Promise<Termbot>>();
  loaded.set(io.env, perEnv);
  let bot = perEnv.get(key);
  if (!bot) {
    bot = loadCliBot(io, layers);
    perEnv.set(key, bot);
  }
  return bot;
}

/**
 * Loads through the knowledge snapshot (a one-shot call starts fast) and prints what the load
 * reported (skipped files, name conflicts) as one plain line each on stderr: a person reads these,
 * not a log pipeline (the bot keeps its JSON logs). LOG_LEVEL chooses which records are printed.
 */
async function loadCliBot(io: CliIO, layers: KnowledgeLayer[]): Promise<Termbot> {
  const config = cliConfig(io);
  // pino's level order, so LOG_LEVEL means the same as for the bot (default warn; silent prints nothing).
  const rank: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
  const threshold = rank[config.logLevel] ?? rank.warn!;
  const print = (level: number) => (obj: object, msg?: string) => {
    if (level >= threshold) io.stderr.write(plainLogLine(obj, msg));
  };
  const logger = { warn: print(rank.warn!), info: print(rank.info!) };
  // A single folder keeps its plain source (messages name it as before); a stack loads layer by layer.
  const source = layers.length === 1 ? layers[0]!.dir : layers;
  const { bot } = await loadTermbot(source, logger, (s) => loadKnowledgeCached(s, { cacheDir: snapshotDir(config.env) }));
  return bot;
}

/** Wrap width limits (columns): narrower cards are unreadable, longer lines are hard to follow; 80 when nothing says. */
const WIDTH = { min: 40, max: 100, fallback: 80 } as const;

/**
 * The wrap width: a terminal's own width; when output is piped (`| less` in a narrow pane), an
 * explicit COLUMNS, as many tools honour it; else 80. A COLUMNS that is not a positive whole
 * number is ignored; any width is kept within WIDTH.
 */
export function terminalWidth(io: CliIO): number {
  const tty = io.stdout.isTTY ? io.stdout.columns : undefined;
  const raw = io.env.COLUMNS?.trim() ?? '';
  const fromEnv = /^\d{1,6}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
  const columns = tty || fromEnv || io.stdout.columns || WIDTH.fallback;
  return Math.max(WIDTH.min, Math.min(columns, WIDTH.max));
}

export function terminalStyle(io: CliIO, noColor = false): { color: boolean; width: number } {
  const color = !noColor && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  return { color, width: terminalWidth(io) };
}

/**
 * Yields stdin lines as they arrive (a program can hold the pipe open and ask one query at a
 * time). Every line is yielded, blank ones too: callers that answer per line decide what a blank means.
 */
export async function* readLines(io: CliIO): AsyncGenerator<string> {
  // Imported here: a one-shot `termbot explain` never reads stdin, and readline costs start time.
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of rl) yield line;
  } finally {
    rl.close();
  }
}
