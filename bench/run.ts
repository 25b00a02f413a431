/**
 * npm run bench: termbot's matcher against a plain Fuse.js baseline (default options,
 * every field of the same entries), both measured in this run on the same queries.
 * Prints latency p50/p99, throughput, accuracy on the public eval set, the ratios,
 * and knowledge load time.
 */
import Fuse from 'fuse.js';
import { performance } from 'node:perf_hooks';
import { BUNDLED_KNOWLEDGE_DIR } from '../src/app/config.js';
import { loadKnowledge } from '../src/core/knowledge/load.js';
import { createMatcher } from '../src/core/matcher/index.js';
import type { MatchResult } from '../src/core/matcher/index.js';
import { evaluate, loadCases } from '../test/eval/eval-lib.js';
import { measureColdStart, printColdStart } from './cold-start.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
// The baseline is ~1000x slower per query; fewer rounds still give thousands of samples.
const BASELINE_ROUNDS = Number(process.env.BENCH_BASELINE_ROUNDS ?? 2);

interface Stats {
  p50: number;
  p99: number;
  mean: number;
  perSecond: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Times fn over every query, ROUNDS times, after one warm-up round. Microseconds. */
function measure(queries: string[], fn: (q: string) => unknown, rounds = ROUNDS): Stats {
  queries.forEach(fn);
  const samples: number[] = [];
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      fn(q);
      samples.push((performance.now() - t0) * 1000);
    }
  }
  const total = performance.now() - start;
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
    perSecond: (samples.length / total) * 1000,
  };
}

const fmt = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);

async function main(): Promise<void> {
  const loadTimes: number[] = [];
  let kb = (await loadKnowledge(BUNDLED_KNOWLEDGE_DIR)).kb;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    kb = (await loadKnowledge(BUNDLED_KNOWLEDGE_DIR)).kb;
    createMatcher(kb);
    loadTimes.push(performance.now() - t0);
  }
  loadTimes.sort((a, b) => a - b);

  const matcher = createMatcher(kb);
  const cases = loadCases();
  const queries = cases.map((c) => c.query);

  // Baseline: what you get from "just use Fuse.js" over the same entries.
  const entries = [...kb.terms.values()].map((t) => ({ ...t, body: t.sections.map((s) => s.body).join('\n') }));
  const fuse = new Fuse(entries, { keys: ['slug', 'title', 'aliases', 'summary', 'analogy', 'tags', 'body'] });
  const baselineMatch = (q: string): MatchResult => {
    const top = fuse.search(q)[0];
    return top
      ? { query: q, kind: 'term', terms: [top.item.slug], comparison: null, suggestions: [], score: 1 }
      : { query: q, kind: 'none', terms: [], comparison: null, suggestions: [], score: 0 };
  };

  const ours = measure(queries, (q) => matcher.match(q));
  const base = measure(queries, baselineMatch, BASELINE_ROUNDS);
  const oursAcc = evaluate(cases, (q) => matcher.match(q));
  const baseAcc = evaluate(cases, baselineMatch);

  const rows = [
    ['', 'termbot matcher', 'plain Fuse.js', 'ratio'],
    ['p50 latency', fmt(ours.p50), fmt(base.p50), `${(base.p50 / ours.p50).toFixed(1)}x faster`],
    ['p99 latency', fmt(ours.p99), fmt(base.p99), `${(base.p99 / ours.p99).toFixed(1)}x faster`],
    ['mean latency', fmt(ours.mean), fmt(base.mean), `${(base.mean / ours.mean).toFixed(1)}x faster`],
    [
      'throughput',
      `${Math.round(ours.perSecond)}/s`,
      `${Math.round(base.perSecond)}/s`,
      `${(ours.perSecond / base.perSecond).toFixed(1)}x`,
    ],
    [
      'eval accuracy',
      `${(oursAcc.accuracy * 100).toFixed(1)}%`,
      `${(baseAcc.accuracy * 100).toFixed(1)}%`,
      `+${((oursAcc.accuracy - baseAcc.accuracy) * 100).toFixed(1)} points`,
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(
    `termbot bench: ${kb.terms.size} entries (${[...kb.terms.values()].filter((t) => t.kind === 'tool').length} tools), ${kb.comparisons.size} comparisons, ${queries.length} eval queries x ${ROUNDS} rounds (baseline x ${BASELINE_ROUNDS}), Node ${process.version}\n`,
  );
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  console.log(
    `\nknowledge load + index build: median ${percentile(loadTimes, 50).toFixed(1)} ms (min ${loadTimes[0]!.toFixed(1)} ms, 5 runs)`,
  );
  const byType = Object.entries(oursAcc.byType)
    .map(([t, s]) => `${t} ${(s.accuracy * 100).toFixed(0)}% vs ${((baseAcc.byType[t]?.accuracy ?? 0) * 100).toFixed(0)}%`)
    .join(', ');
  console.log(`accuracy by kind (termbot vs Fuse.js): ${byType}`);
  const wrongByType = Object.entries(oursAcc.byType)
    .map(([t, s]) => `${t} ${(s.wrongRate * 100).toFixed(1)}% vs ${((baseAcc.byType[t]?.wrongRate ?? 0) * 100).toFixed(1)}%`)
    .join(', ');
  console.log(`confident-wrong rate by kind (termbot vs Fuse.js): ${wrongByType}`);
  const ratio = base.p50 / ours.p50;
  console.log(`\ntarget p50 >= 10x faster than the baseline: ${ratio >= 10 ? 'met' : 'NOT met'} (${ratio.toFixed(1)}x)`);
}

await main();
// Cold start of a one-shot CLI call (bench/cold-start.ts), as a ratio to `node -e 0`.
printColdStart(measureColdStart());
