import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { loadTermbot, type Termbot } from '../../src/core/termbot.js';
import { evaluate, formatReport, loadCases } from './eval-lib.js';

let bot: Termbot;
beforeAll(async () => {
  ({ bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR));
});

describe('public eval set', () => {
  const cases = loadCases();

  it('is well formed and covers every kind of query', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const types = new Set(cases.map((c) => c.type));
    for (const t of ['exact', 'alias', 'typo', 'form', 'question', 'comparison', 'ambiguous', 'offtopic']) expect(types).toContain(t);
    for (const c of cases) {
      expect(['term', 'comparison', 'none'], c.file).toContain(c.kind);
      for (const s of c.slugs) expect(bot.kb.terms.has(s), `${c.file}: unknown slug ${s}`).toBe(true);
    }
  });

  it('covers the whole knowledge base: every term is the expected answer of some query', () => {
    const expected = new Set(cases.flatMap((c) => c.slugs));
    expect([...bot.kb.terms.keys()].filter((s) => !expected.has(s))).toEqual([]);
  });

  it('stays above 95% accuracy overall', () => {
    const report = evaluate(cases, (q) => bot.matcher.match(q));
    console.log(formatReport(report));
    for (const f of report.failures.slice(0, 40)) {
      console.log(`  miss ${f.c.file} [${f.c.type}] "${f.c.query}" want ${f.c.kind}:${f.c.slugs.join(',')} got ${f.got.kind}:${f.got.terms.join(',')} (${f.got.score})`);
    }
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps off-topic text at none: always for plain chatter, at least 95% for sentences built on everyday words', () => {
    const offtopic = cases.filter((c) => c.type === 'offtopic');
    expect(offtopic.length).toBeGreaterThanOrEqual(100);
    const wrong = (list: typeof cases): string[] => list.filter((c) => bot.matcher.match(c.query).kind !== 'none').map((c) => c.query);
    // core.jsonl: small talk, random strings, emoji, mentions alone. No false match is acceptable there.
    expect(wrong(offtopic.filter((c) => c.file.startsWith('core.jsonl')))).toEqual([]);
    // probe.jsonl adds traps such as "I need a new port for my boat"; a few remain (see the eval report).
    const misses = wrong(offtopic);
    console.log(`off-topic false matches: ${misses.length}/${offtopic.length}: ${misses.join(' | ')}`);
    expect(misses.length / offtopic.length).toBeLessThanOrEqual(0.05);
  });
});
