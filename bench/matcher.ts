/**
 * termbot's matcher against a plain Fuse.js baseline (default options, every field of the same
 * entries: concepts, tools and comparisons), both timed in this run on the same fixed sample of eval
 * queries. The baseline takes tens of milliseconds per query over card bodies, so it gets a seeded
 * sample (BENCH_SAMPLE queries, BENCH_SEED) rather than the thousands of eval cases; termbot is timed
 * on that same sample, so the ratios compare like with like, and its accuracy is also given on the
 * whole eval set.
 */
import Fuse from 'fuse.js';
import { performance } from 'node:perf_hooks';
import type { KnowledgeBase } from '../src/core/knowledge/types.js';
import { createMatcher, type MatchResult } from '../src/core/matcher/index.js';
import { evaluate, type EvalCase, type EvalReport } from '../test/eval/eval-lib.js';
import { log, percentile } from './log.js';

/** How many eval queries both sides are timed on (the baseline needs about 0.1 s per query here). */
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 300);
/** The sample is the same on every run unless the seed changes. */
const SEED = Number(process.env.BENCH_SEED ?? 20261201);
/** Timed rounds over the sample: termbot's are cheap; the baseline's cost about SAMPLE x 0.1 s each. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const BASELINE_ROUNDS = Number(process.env.BENCH_BASELINE_ROUNDS ?? 1);
/** A progress line every this many baseline queries (about 5 s of them here). */
const PROGRESS_EVERY = 50;

export interface Stats {
  p50: number;
  p99: number;
  mean: number;
  perSecond: number;
  samples: number;
}

/** A small seeded generator (mulberry32): the same sample on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` cases drawn without replacement, in their original order. */
export function sampleCases(cases: readonly EvalCase[], n = SAMPLE, seed = SEED): EvalCase[] {
  if (n >= cases.length) return [...cases];
  const random = seeded(seed);
  const idx = cases.map((_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => cases[i]!);
}

/**
 * Times `fn` over every query, `rounds` times (microseconds per call), after `warmup` untimed rounds.
 * Returns the last round's results too, so accuracy needs no extra pass.
 */
function measure(
  label: string,
  queries: readonly string[],
  fn: (q: string) => MatchResult,
  rounds: number,
  warmup: number,
  progressEvery = Infinity,
): { stats: Stats; results: MatchResult[] } {
  for (let w = 0; w < warmup; w++) queries.forEach(fn);
  const samples: number[] = [];
  let results: MatchResult[] = [];
  let done = 0;
  const total = rounds * queries.length;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    results = [];
    for (const q of queries) {
      const t0 = performance.now();
      results.push(fn(q));
      samples.push((performance.now() - t0) * 1000);
      if (++done % progressEvery === 0 && done < total)
        log(`  ${label}: ${done}/${total} queries, ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
  }
  const elapsed = performance.now() - start;
  samples.sort((a, b) => a - b);
  return {
    stats: {
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      mean: samples.reduce((a, b) => a + b, 0) / samples.length,
      perSecond: (samples.length / elapsed) * 1000,
      samples: samples.length,
    },
    results,
  };
}

/** Accuracy of results already computed, in case order (evaluate() asks by query). */
function scored(cases: readonly EvalCase[], results: readonly MatchResult[]): EvalReport {
  const byQuery = new Map<string, MatchResult>();
  cases.forEach((c, i) => byQuery.set(c.query, results[i]!));
  return evaluate([...cases], (q) => byQuery.get(q)!);
}

export interface MatcherBench {
  entries: number;
  tools: number;
  comparisons: number;
  sample: number;
  evalCases: number;
  rounds: number;
  baselineRounds: number;
  baselineBuildMs: number;
  ours: Stats;
  base: Stats;
  /** termbot's whole-eval latency (every case, one timed round). */
  oursAll: Stats;
  oursAcc: EvalReport;
  oursSampleAcc: EvalReport;
  baseSampleAcc: EvalReport;
}

export function benchMatcher(kb: KnowledgeBase, cases: readonly EvalCase[]): MatcherBench {
  const matcher = createMatcher(kb);
  const sample = sampleCases(cases);
  const queries = sample.map((c) => c.query);
  const tools = [...kb.terms.values()].filter((t) => t.kind === 'tool').length;
  log(
    `matcher: ${kb.terms.size} entries (${tools} tools) + ${kb.comparisons.size} comparisons; ${sample.length} of ${cases.length} eval queries (seed ${SEED})`,
  );

  const ours = measure('termbot', queries, (q) => matcher.match(q), ROUNDS, 1);
  log(`  termbot: ${ours.stats.samples} timed matches, p50 ${ours.stats.p50.toFixed(1)} µs`);
  const all = measure(
    'termbot (whole eval)',
    cases.map((c) => c.query),
    (q) => matcher.match(q),
    1,
    0,
  );
  const oursAcc = scored(cases, all.results);
  log(`  termbot: whole eval ${cases.length} queries, accuracy ${(oursAcc.accuracy * 100).toFixed(1)}%`);

  // Baseline: what you get from "just use Fuse.js" over the same entries, with their text.
  const t0 = performance.now();
  const entries = [
    ...[...kb.terms.values()].map((t) => ({ ...t, compares: [] as string[], body: t.sections.map((s) => s.body).join('\n') })),
    ...[...kb.comparisons.values()].map((c) => ({
      ...c,
      aliases: [] as string[],
      analogy: '',
      tags: [] as string[],
      body: c.sections.map((s) => s.body).join('\n'),
    })),
  ];
  const fuse = new Fuse(entries, { keys: ['slug', 'title', 'aliases', 'summary', 'analogy', 'tags', 'body'] });
  const baselineBuildMs = performance.now() - t0;
  const baselineMatch = (q: string): MatchResult => {
    const top = fuse.search(q)[0]?.item;
    if (!top) return { query: q, kind: 'none', terms: [], comparison: null, suggestions: [], score: 0 };
    // A comparison entry answers as the comparison of its terms, as termbot's would.
    if (top.compares.length > 0)
      return { query: q, kind: 'comparison', terms: [...top.compares], comparison: top.slug, suggestions: [], score: 1 };
    return { query: q, kind: 'term', terms: [top.slug], comparison: null, suggestions: [], score: 1 };
  };
  log(
    `  Fuse.js: index of ${entries.length} entries built in ${baselineBuildMs.toFixed(0)} ms; timing ${queries.length} x ${BASELINE_ROUNDS} queries ...`,
  );
  const base = measure('Fuse.js', queries, baselineMatch, BASELINE_ROUNDS, 0, PROGRESS_EVERY);
  log(`  Fuse.js: ${base.stats.samples} timed matches, p50 ${(base.stats.p50 / 1000).toFixed(1)} ms`);

  return {
    entries: kb.terms.size,
    tools,
    comparisons: kb.comparisons.size,
    sample: sample.length,
    evalCases: cases.length,
    rounds: ROUNDS,
    baselineRounds: BASELINE_ROUNDS,
    baselineBuildMs,
    ours: ours.stats,
    base: base.stats,
    oursAll: all.stats,
    oursAcc,
    oursSampleAcc: scored(sample, ours.results),
    baseSampleAcc: scored(sample, base.results),
  };
}
