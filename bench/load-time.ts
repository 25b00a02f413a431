/**
 * Knowledge load time, each path in a fresh process running the built dist/ (what `npm start` and the
 * CLI run), so nothing is warm: importing the loader, reading the knowledge, and building the matcher's
 * index, timed inside the process (node's own start-up is the cold-start figure's business).
 *  - YAML parse: every knowledge file parsed and checked (the bot's start, a reload, a changed folder).
 *  - compiled snapshot: the snapshot checked against every file's size and times, then read (a one-shot
 *    CLI call with an unchanged folder). The first call of this path writes the snapshot.
 *  - bot start, unchanged cards: LiveKnowledge.start (what `npm start` runs) on a folder it has seen
 *    before: served from the same snapshot, the parses for later reloads read in the background.
 *  - bot start, one card edited: the same on a copy of the folder with one card touched before each
 *    run: the snapshot no longer matches, so the stack is assembled from the parse cache (one file parsed).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { log, median } from './log.js';

const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 5);

export interface LoadPath {
  /** Medians over the runs, milliseconds. */
  loadMs: number;
  /** Building the matcher's index; null when the load builds it (a bot start builds its bot). */
  indexMs: number | null;
  totalMs: number;
  runs: number;
  fromSnapshot: boolean;
}

export interface LoadTimes {
  yaml: LoadPath;
  snapshot: LoadPath;
  botStart: LoadPath;
  botEdited: LoadPath;
  /** The snapshot path's first call: parses and writes the snapshot. */
  snapshotWriteMs: number;
  entries: number;
}

/** The child: imports the loader, loads, builds the index; prints one JSON line. */
function childScript(root: string, knowledgeDir: string, cacheDir: string | null): string {
  const url = (rel: string): string => JSON.stringify(pathToFileURL(path.join(root, rel)).href);
  return `
const t0 = performance.now();
const { loadKnowledgeCached } = await import(${url('dist/core/knowledge/snapshot.js')});
const r = await loadKnowledgeCached(${JSON.stringify(knowledgeDir)}, { cacheDir: ${JSON.stringify(cacheDir)} });
const t1 = performance.now();
const { createMatcher } = await import(${url('dist/core/matcher/index.js')});
createMatcher(r.kb);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, index: t2 - t1, fromSnapshot: r.fromSnapshot, entries: r.kb.terms.size }) + '\\n');
`;
}

/**
 * The child for the bot's start: LiveKnowledge.start as main.ts calls it (no file watching), timed to
 * the moment the bot can answer; `touch` is a card whose times are moved first (an edit while the bot
 * was down). It then waits for the background work (parses read, caches written), outside the timing.
 */
function botStartScript(root: string, knowledgeDir: string, cacheDir: string, touch: string | null): string {
  const url = (rel: string): string => JSON.stringify(pathToFileURL(path.join(root, rel)).href);
  return `
${touch ? `const { utimesSync } = await import('node:fs'); const now = new Date(); utimesSync(${JSON.stringify(touch)}, now, now);` : ''}
const t0 = performance.now();
const { LiveKnowledge } = await import(${url('dist/app/live-knowledge.js')});
const { knowledgeStack } = await import(${url('dist/core/knowledge/stack.js')});
const loaded = [];
const quiet = () => {};
const logger = { info: (o, m) => m === 'knowledge loaded' && loaded.push(o), warn: quiet, error: quiet };
const live = await LiveKnowledge.start({ layers: knowledgeStack(${JSON.stringify(knowledgeDir)}, []), logger, watch: false, cacheDir: ${JSON.stringify(cacheDir)} });
const t1 = performance.now();
await live.settled();
process.stdout.write(JSON.stringify({ load: t1 - t0, index: null, fromSnapshot: loaded[0].snapshot, parsed: loaded[0].parsed, entries: live.bot.stats().terms + live.bot.stats().tools }) + '\\n');
`;
}

interface ChildResult {
  load: number;
  index: number | null;
  fromSnapshot: boolean;
  /** Files parsed (bot starts). */
  parsed?: number;
  entries: number;
}

function runChild(script: string): ChildResult {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`load-time child exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout) as ChildResult;
}

function summarize(results: ChildResult[]): LoadPath {
  const index = results.every((r) => r.index !== null) ? median(results.map((r) => r.index!)) : null;
  return {
    loadMs: median(results.map((r) => r.load)),
    indexMs: index,
    totalMs: median(results.map((r) => r.load + (r.index ?? 0))),
    runs: results.length,
    fromSnapshot: results.every((r) => r.fromSnapshot),
  };
}

/** Alternates the paths so all see the same machine load. Needs dist/ built. */
export function measureLoadTimes(root: string, knowledgeDir: string): LoadTimes {
  const cache = mkdtempSync(path.join(tmpdir(), 'termbot-bench-load-'));
  // The bot's folder and caches: a copy, so the edited-card runs never touch the checkout.
  const botDir = path.join(cache, 'knowledge');
  const botCache = path.join(cache, 'bot-cache');
  cpSync(knowledgeDir, botDir, { recursive: true });
  const edited = path.join(botDir, 'networking', 'dns.md');
  try {
    const first = runChild(childScript(root, knowledgeDir, cache));
    if (first.fromSnapshot) throw new Error('a fresh cache folder already had a snapshot');
    if (runChild(botStartScript(root, botDir, botCache, null)).fromSnapshot)
      throw new Error('a fresh cache folder already had a bot snapshot');
    const yaml: ChildResult[] = [];
    const snap: ChildResult[] = [];
    const bot: ChildResult[] = [];
    const botEdited: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      yaml.push(runChild(childScript(root, knowledgeDir, null)));
      snap.push(runChild(childScript(root, knowledgeDir, cache)));
      botEdited.push(runChild(botStartScript(root, botDir, botCache, edited)));
      bot.push(runChild(botStartScript(root, botDir, botCache, null)));
    }
    if (!bot.every((r) => r.fromSnapshot && r.parsed === 0)) throw new Error('a bot start on unchanged cards did not use its snapshot');
    if (!botEdited.every((r) => !r.fromSnapshot && r.parsed === 1))
      throw new Error('a bot start after one edit did not parse exactly that card');
    log(`knowledge load: ${RUNS} fresh processes per path done`);
    return {
      yaml: summarize(yaml),
      snapshot: summarize(snap),
      botStart: summarize(bot),
      botEdited: summarize(botEdited),
      snapshotWriteMs: first.load,
      entries: first.entries,
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
