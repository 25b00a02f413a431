/**
 * npm run bench: every figure in one run, on this machine, printed as it is measured and then as one
 * Markdown table for the README:
 *  - termbot's matcher against plain Fuse.js over the same entries (bench/matcher.ts): p50/p99
 *    latency, throughput, eval accuracy, as ratios;
 *  - knowledge load time, YAML parse and compiled snapshot, each in fresh processes (bench/load-time.ts);
 *  - one-shot CLI cold start against `node -e 0` (bench/cold-start.ts).
 * A few minutes on the 2-core dev machine. Knobs: BENCH_SAMPLE, BENCH_SEED, BENCH_ROUNDS,
 * BENCH_BASELINE_ROUNDS, BENCH_LOAD_RUNS, BENCH_COLD_RUNS, BENCH_TSX_RUNS.
 */
import { performance } from 'node:perf_hooks';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/core/package-paths.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { loadCases } from '../test/eval/eval-lib.js';
import { buildDist, measureColdStart, printColdStart, ROOT } from './cold-start.js';
import { measureLoadTimes } from './load-time.js';
import { benchMatcher } from './matcher.js';
import { fmtMs, fmtUs, load1, log, table } from './log.js';

/** The goals the issues set (9, 10, 15). */
const GOALS = { p50Ratio: 10, loadMs: 500, coldRatio: 3 };

const started = performance.now();
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
log(`termbot bench: Node ${process.version}, load average ${load1()} at start`);

buildDist();

const { kb } = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR);
const cases = loadCases();
const m = benchMatcher(kb, cases);
const loads = measureLoadTimes(ROOT, BUNDLED_KNOWLEDGE_DIR);
const cold = measureColdStart();

log('');
log(
  `Matcher: ${m.entries} entries (${m.entries - m.tools} concepts, ${m.tools} tools) + ${m.comparisons} comparisons; both timed on the same ${m.sample} eval queries (seeded sample of ${m.evalCases}); termbot ${m.rounds} rounds, Fuse.js ${m.baselineRounds}`,
);
for (const line of table([
  ['', 'termbot', 'plain Fuse.js', 'ratio'],
  ['p50 latency', fmtUs(m.ours.p50), fmtUs(m.base.p50), `${(m.base.p50 / m.ours.p50).toFixed(0)}x faster`],
  ['p99 latency', fmtUs(m.ours.p99), fmtUs(m.base.p99), `${(m.base.p99 / m.ours.p99).toFixed(0)}x faster`],
  ['mean latency', fmtUs(m.ours.mean), fmtUs(m.base.mean), `${(m.base.mean / m.ours.mean).toFixed(0)}x faster`],
  [
    'throughput (1 core)',
    `${Math.round(m.ours.perSecond)}/s`,
    `${m.base.perSecond.toFixed(1)}/s`,
    `${(m.ours.perSecond / m.base.perSecond).toFixed(0)}x`,
  ],
  [
    `eval accuracy (the ${m.sample} sampled)`,
    pct(m.oursSampleAcc.accuracy),
    pct(m.baseSampleAcc.accuracy),
    `${((m.oursSampleAcc.accuracy - m.baseSampleAcc.accuracy) * 100).toFixed(1)} points`,
  ],
  ['confident-wrong (sampled)', pct(m.oursSampleAcc.wrong / m.oursSampleAcc.total), pct(m.baseSampleAcc.wrong / m.baseSampleAcc.total), ''],
  [`eval accuracy (all ${m.evalCases})`, pct(m.oursAcc.accuracy), 'not run (too slow)', ''],
  [`p50 / p99 (all ${m.evalCases})`, `${fmtUs(m.oursAll.p50)} / ${fmtUs(m.oursAll.p99)}`, '', ''],
]))
  log(line);
const byKind = Object.entries(m.oursSampleAcc.byType)
  .map(([t, s]) => `${t} ${pct(s.accuracy)} vs ${pct(m.baseSampleAcc.byType[t]?.accuracy ?? 0)} (${s.total})`)
  .join(', ');
log(`sampled accuracy by kind (termbot vs Fuse.js, cases): ${byKind}`);

log('');
log(`Knowledge load (${loads.entries} entries; fresh process each, median of ${loads.yaml.runs}; import + read, then the matcher's index)`);
for (const line of table([
  ['path', 'load', 'index', 'total', 'goal < 0.5 s'],
  ...(
    [
      ['compiled snapshot (CLI, unchanged folder)', loads.snapshot],
      ['bot start, unchanged cards (snapshot)', loads.botStart],
      ['bot start, one card edited (parse cache)', loads.botEdited],
      ['YAML parse (first start, every card edited)', loads.yaml],
    ] as const
  ).map(([name, p]) => [
    name,
    fmtMs(p.loadMs),
    p.indexMs === null ? 'in load' : fmtMs(p.indexMs),
    fmtMs(p.totalMs),
    // Parsing every card is what the caches exist to avoid: shown for scale, not held to the goal.
    p === loads.yaml ? 'reference (no cache)' : p.totalMs < GOALS.loadMs ? 'met' : 'NOT met',
  ]),
]))
  log(line);
log(`first snapshot call (parses and writes it): ${fmtMs(loads.snapshotWriteMs)}`);

printColdStart(cold);

const p50Ratio = m.base.p50 / m.ours.p50;
log('');
log('Summary');
for (const line of table([
  ['measure', 'value', 'goal'],
  ['matcher p50 vs Fuse.js', `${p50Ratio.toFixed(0)}x faster`, `>= ${GOALS.p50Ratio}x: ${p50Ratio >= GOALS.p50Ratio ? 'met' : 'NOT met'}`],
  ['matcher p99 vs Fuse.js', `${(m.base.p99 / m.ours.p99).toFixed(0)}x faster`, ''],
  ['eval accuracy (all cases)', pct(m.oursAcc.accuracy), ''],
  [
    'knowledge load: CLI / bot start (one card edited; YAML parse)',
    `${fmtMs(loads.snapshot.totalMs)} / ${fmtMs(loads.botStart.totalMs)} (${fmtMs(loads.botEdited.totalMs)}; ${fmtMs(loads.yaml.totalMs)})`,
    `< 500 ms: ${loads.snapshot.totalMs < GOALS.loadMs && loads.botStart.totalMs < GOALS.loadMs && loads.botEdited.totalMs < GOALS.loadMs ? 'met' : 'NOT met'}`,
  ],
  [
    'CLI cold start vs node -e 0',
    `${cold.ratio.toFixed(2)}x (${fmtMs(cold.cliMs)} vs ${fmtMs(cold.nodeMs)})`,
    `<= ${GOALS.coldRatio}x: ${cold.ratio <= GOALS.coldRatio ? 'met' : 'NOT met'}`,
  ],
]))
  log(line);
log(`bench took ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${load1()} at the end`);
