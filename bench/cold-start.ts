/**
 * Cold start of a one-shot CLI answer: `node dist/cli/termbot.js explain load-balancer` (what the
 * `termbot` bin runs: the CLI bundled by `npm run build`) against `node -e 0`, run alternately in this
 * process so both see the same machine load. Reports the medians and their ratio (the goal is at most
 * 3x), the first call (which compiles the knowledge snapshot), and, for reference, the same call from
 * the unbundled dist/cli/main.js and through tsx (`npm run termbot`), which compiles TypeScript on every start.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { load1, log, median } from './log.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Enough alternating runs for a stable median on a busy 2-core machine; override with BENCH_COLD_RUNS.
const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
// tsx takes about a second a call: a few runs show the order of magnitude (0 skips it).
const TSX_RUNS = Number(process.env.BENCH_TSX_RUNS ?? 5);

/** `npm run build` (tsc, then the CLI bundle), so the figures are for the code in this checkout. */
export function buildDist(): void {
  log('building dist/ (npm run build: tsc, then the CLI bundle) ...');
  const steps = [[path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], [path.join(ROOT, 'scripts/bundle-cli.mjs')]];
  for (const args of steps) {
    const build = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
}

function wall(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  return ms;
}

export interface ColdStart {
  runs: number;
  nodeMs: number;
  cliMs: number;
  /** The same answer from the unbundled dist/cli/main.js, and a question in words ("what is a reverse proxy?") from the bundle. */
  unbundledMs: number;
  questionMs: number;
  firstCallMs: number;
  ratio: number;
  /** Through tsx (`npm run termbot`), when measured. */
  tsx: { runs: number; nodeMs: number; cliMs: number; ratio: number } | null;
  load: string;
}

/** Needs dist/ built (buildDist). */
export function measureColdStart(): ColdStart {
  const cache = mkdtempSync(path.join(tmpdir(), 'termbot-bench-cache-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, TERMBOT_CACHE_DIR: cache };
  const args = ['explain', 'load-balancer'];
  const cli = [path.join(ROOT, 'dist/cli/termbot.js'), ...args];
  const unbundled = [path.join(ROOT, 'dist/cli/main.js'), ...args];
  const question = [path.join(ROOT, 'dist/cli/termbot.js'), 'explain', 'what is a reverse proxy?'];
  try {
    const firstCallMs = wall(cli, env);
    const node: number[] = [];
    const ours: number[] = [];
    const plain: number[] = [];
    const asked: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      node.push(wall(['-e', '0'], env));
      ours.push(wall(cli, env));
      plain.push(wall(unbundled, env));
      asked.push(wall(question, env));
      if ((i + 1) % 5 === 0) log(`cold start: ${i + 1}/${RUNS} runs (dist)`);
    }
    const load = load1();
    let tsx: ColdStart['tsx'] = null;
    if (TSX_RUNS > 0) {
      const tsxCli = [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/cli/main.ts'), ...args];
      const n: number[] = [];
      const t: number[] = [];
      for (let i = 0; i < TSX_RUNS; i++) {
        n.push(wall(['-e', '0'], env));
        t.push(wall(tsxCli, env));
      }
      log(`cold start: ${TSX_RUNS} runs (tsx)`);
      tsx = { runs: TSX_RUNS, nodeMs: median(n), cliMs: median(t), ratio: median(t) / median(n) };
    }
    const nodeMs = median(node);
    const cliMs = median(ours);
    return {
      runs: RUNS,
      nodeMs,
      cliMs,
      unbundledMs: median(plain),
      questionMs: median(asked),
      firstCallMs,
      ratio: cliMs / nodeMs,
      tsx,
      load,
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

export function printColdStart(r: ColdStart): void {
  log('');
  log(`One-shot CLI cold start (median wall time of ${r.runs} alternating runs, load average ${r.load})`);
  log(`  node -e 0                                    ${r.nodeMs.toFixed(0).padStart(6)} ms`);
  log(
    `  termbot explain load-balancer (the bin)      ${r.cliMs.toFixed(0).padStart(6)} ms   (${r.ratio.toFixed(2)}x node -e 0; goal <= 3x)`,
  );
  const x = (ms: number): string => `${(ms / r.nodeMs).toFixed(2)}x`;
  log(`  termbot explain "what is a reverse proxy?"   ${r.questionMs.toFixed(0).padStart(6)} ms   (${x(r.questionMs)})`);
  log(`  unbundled: node dist/cli/main.js explain ... ${r.unbundledMs.toFixed(0).padStart(6)} ms   (${x(r.unbundledMs)})`);
  log(`  first call (compiles the snapshot)           ${r.firstCallMs.toFixed(0).padStart(6)} ms`);
  if (r.tsx)
    log(
      `  via tsx (npm run termbot), ${r.tsx.runs} runs            ${r.tsx.cliMs.toFixed(0).padStart(6)} ms   (${r.tsx.ratio.toFixed(2)}x node -e 0 at ${r.tsx.nodeMs.toFixed(0)} ms; compiles TypeScript on every start)`,
    );
  log(`target cold start <= 3x node -e 0: ${r.ratio <= 3 ? 'met' : 'NOT met'} (${r.ratio.toFixed(2)}x)`);
}

// `npx tsx bench/cold-start.ts` runs just this measurement.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildDist();
  printColdStart(measureColdStart());
}
