/**
 * Knowledge load time, each path in a fresh process running the built dist/ (what `npm start` and the
 * CLI run), so nothing is warm: importing the loader, reading the knowledge, and building the matcher's
 * index, timed inside the process (node's own start-up is the cold-start figure's business).
 *  - YAML parse: every knowledge file parsed and checked (the bot's start, a reload, a changed folder).
 *  - compiled snapshot: the snapshot checked against every file's size and times, then read (a one-shot
 *    CLI call with an unchanged folder). The first call of this path writes the snapshot.
 *  - parse cache: the bot's start as LiveKnowledge.start does it, each file's stored parse reused while
 *    its size and times match, then the stack assembled (a restart with unchanged cards).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { log, median } from './log.js';

const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 5);

export interface LoadPath {
  /** Medians over the runs, milliseconds. */
  loadMs: number;
  indexMs: number;
  totalMs: number;
  runs: number;
  fromSnapshot: boolean;
}

export interface LoadTimes {
  yaml: LoadPath;
  snapshot: LoadPath;
  parseCache: LoadPath;
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

/** The child for the bot's path: reads the parse cache (writing it when there is none), assembles, builds the index. */
function parseCacheScript(root: string, knowledgeDir: string, cacheDir: string): string {
  const url = (rel: string): string => JSON.stringify(pathToFileURL(path.join(root, rel)).href);
  return `
const t0 = performance.now();
const { knowledgeStack, loadStack } = await import(${url('dist/core/knowledge/layers.js')});
const { parseCachePath, readParseCache, writeParseCache } = await import(${url('dist/core/knowledge/parse-cache-file.js')});
const layers = knowledgeStack(${JSON.stringify(knowledgeDir)}, []);
const file = parseCachePath(${JSON.stringify(cacheDir)}, layers);
const cache = await readParseCache(file, layers);
const reused = cache.size > 0;
const r = await loadStack(layers, undefined, { cache });
if (!reused) await writeParseCache(file, cache);
const t1 = performance.now();
const { createMatcher } = await import(${url('dist/core/matcher/index.js')});
createMatcher(r.kb);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, index: t2 - t1, fromSnapshot: reused, entries: r.kb.terms.size }) + '\\n');
`;
}

interface ChildResult {
  load: number;
  index: number;
  fromSnapshot: boolean;
  entries: number;
}

function runChild(script: string): ChildResult {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`load-time child exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout) as ChildResult;
}

function summarize(results: ChildResult[]): LoadPath {
  return {
    loadMs: median(results.map((r) => r.load)),
    indexMs: median(results.map((r) => r.index)),
    totalMs: median(results.map((r) => r.load + r.index)),
    runs: results.length,
    fromSnapshot: results.every((r) => r.fromSnapshot),
  };
}

/** Alternates the two paths so both see the same machine load. Needs dist/ built. */
export function measureLoadTimes(root: string, knowledgeDir: string): LoadTimes {
  const cache = mkdtempSync(path.join(tmpdir(), 'termbot-bench-load-'));
  try {
    const first = runChild(childScript(root, knowledgeDir, cache));
    if (first.fromSnapshot) throw new Error('a fresh cache folder already had a snapshot');
    if (runChild(parseCacheScript(root, knowledgeDir, cache)).fromSnapshot)
      throw new Error('a fresh cache folder already had a parse cache');
    const yaml: ChildResult[] = [];
    const snap: ChildResult[] = [];
    const parses: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      yaml.push(runChild(childScript(root, knowledgeDir, null)));
      snap.push(runChild(childScript(root, knowledgeDir, cache)));
      parses.push(runChild(parseCacheScript(root, knowledgeDir, cache)));
    }
    log(`knowledge load: ${RUNS} fresh processes per path done`);
    return {
      yaml: summarize(yaml),
      snapshot: summarize(snap),
      parseCache: summarize(parses),
      snapshotWriteMs: first.load,
      entries: first.entries,
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
