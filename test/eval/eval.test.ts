import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { loadTermbot, type Termbot } from '../../src/core/termbot.js';
import { evaluate, formatReport, loadCases, type EvalReport } from './eval-lib.js';

let bot: Termbot;
let report: EvalReport;
const cases = loadCases();
// Thousands of queries: on a busy shared machine this takes longer than vitest's default hook timeout.
const EVAL_TIMEOUT_MS = 120_000;
beforeAll(async () => {
  ({ bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR));
  report = evaluate(cases, (q) => bot.matcher.match(q));
}, EVAL_TIMEOUT_MS);

/**
 * Gates, per type of query (issue 17): accuracy floors, and ceilings on confident wrong answers
 * (a term given for a question it does not answer), which cost more trust than a "none".
 */
const MIN_ACCURACY: Record<string, number> = { typo: 0.99, question: 0.99 };
// Issue 15: the traps (unknown terms, off-topic chat) never get a confident answer: a "none" with a
// closest match is fine, a term is not. A new trap case that fails is a matcher bug to fix, not noise.
const MAX_WRONG: Record<string, number> = { unknown: 0, offtopic: 0 };

/**
 * Per-set gates of the black-box probe sets. probe4.jsonl: the second probe's 354 queries (2026-12-01),
 * 98.0% right with 1 confident wrong answer when added; the floor leaves room for two more misses.
 */
const SET_GATES: Record<string, { minAccuracy: number; maxWrong: number }> = {
  'probe4.jsonl': { minAccuracy: 0.97, maxWrong: 0.006 },
};

describe('public eval set', () => {
  it('is well formed and covers every kind of query', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const types = new Set(cases.map((c) => c.type));
    for (const t of ['exact', 'alias', 'typo', 'form', 'question', 'comparison', 'ambiguous', 'offtopic']) expect(types).toContain(t);
    for (const c of cases) {
      expect(['term', 'tool', 'comparison', 'none'], c.file).toContain(c.kind);
      for (const s of c.slugs) expect(bot.kb.terms.has(s), `${c.file}: unknown slug ${s}`).toBe(true);
      if (c.kind === 'tool') expect(bot.kb.terms.get(c.slugs[0]!)?.kind, `${c.file}: ${c.slugs[0]} is not a tool`).toBe('tool');
    }
  });

  it('covers the whole knowledge base: every term is the expected answer of some query', () => {
    const expected = new Set(cases.flatMap((c) => c.slugs));
    expect([...bot.kb.terms.values()].filter((t) => t.kind === 'concept' && !expected.has(t.slug)).map((t) => t.slug)).toEqual([]);
  });

  it('stays above 95% accuracy overall, with per-type floors and confident-wrong ceilings', () => {
    console.log(formatReport(report));
    for (const f of report.failures.slice(0, 40)) {
      console.log(
        `  miss ${f.c.file} [${f.c.type}] "${f.c.query}" want ${f.c.kind}:${f.c.slugs.join(',')} got ${f.got.kind}:${f.got.terms.join(',')} (${f.got.score})`,
      );
    }
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    for (const [type, min] of Object.entries(MIN_ACCURACY)) {
      const t = report.byType[type];
      if (t) expect(t.accuracy, `${type} accuracy`).toBeGreaterThanOrEqual(min);
    }
    for (const [type, max] of Object.entries(MAX_WRONG)) {
      const t = report.byType[type];
      if (t) expect(t.wrongRate, `${type} confident-wrong rate`).toBeLessThanOrEqual(max);
    }
  });

  it('holds the per-set gates of the probe sets', () => {
    for (const [file, gate] of Object.entries(SET_GATES)) {
      const set = cases.filter((c) => c.file.startsWith(`${file}:`));
      expect(set.length, file).toBeGreaterThan(0);
      const missed = report.failures.filter((f) => f.c.file.startsWith(`${file}:`));
      const wrong = missed.filter((f) => f.got.kind !== 'none').length;
      console.log(`${file}: ${set.length - missed.length}/${set.length} right, ${wrong} confident-wrong`);
      expect((set.length - missed.length) / set.length, `${file} accuracy`).toBeGreaterThanOrEqual(gate.minAccuracy);
      expect(wrong / set.length, `${file} confident-wrong rate`).toBeLessThanOrEqual(gate.maxWrong);
    }
  });

  it(
    'keeps off-topic text at none: always for plain chatter, at least 99% for sentences built on everyday words',
    () => {
      const offtopic = cases.filter((c) => c.type === 'offtopic');
      expect(offtopic.length).toBeGreaterThanOrEqual(100);
      const wrong = (list: typeof cases): string[] => list.filter((c) => bot.matcher.match(c.query).kind !== 'none').map((c) => c.query);
      // core.jsonl: small talk, random strings, emoji, mentions alone. No false match is acceptable there.
      expect(wrong(offtopic.filter((c) => c.file.startsWith('core.jsonl')))).toEqual([]);
      // probe.jsonl adds traps such as "I need a new port for my boat"; a few remain (see the eval report).
      const misses = wrong(offtopic);
      console.log(`off-topic false matches: ${misses.length}/${offtopic.length}: ${misses.join(' | ')}`);
      expect(misses.length / offtopic.length).toBeLessThanOrEqual(MAX_WRONG.offtopic!);
    },
    EVAL_TIMEOUT_MS,
  );
});
