import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MatchResult } from '../../src/core/matcher/index.js';

/** One labelled query of the public eval set (test/eval/cases/*.jsonl). */
export interface EvalCase {
  type: string;
  query: string;
  /** tool: the answer is the card of a tool (knowledge/tools); the matcher answers it as kind term. */
  kind: 'term' | 'tool' | 'comparison' | 'none';
  /**
   * term/tool: [expected top]; comparison: the compared slugs (any order); ambiguous: acceptable tops,
   * the rest must be offered; none of type unknown: the broader concepts the query names (also right).
   */
  slugs: string[];
  file: string;
}

export const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

export function loadCases(dir = CASES_DIR): EvalCase[] {
  const out: EvalCase[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        try {
          out.push({ ...(JSON.parse(line) as Omit<EvalCase, 'file'>), file: `${f}:${i + 1}` });
        } catch {
          throw new Error(`${f}:${i + 1}: not valid JSON`);
        }
      });
  }
  return out;
}

/** Is the matcher's answer right for this case? */
export function isCorrect(c: EvalCase, r: Pick<MatchResult, 'kind' | 'terms' | 'suggestions'>): boolean {
  // A tool's card is a term-shaped answer: the entry's kind tells them apart, not the match.
  const want = c.kind === 'tool' ? 'term' : c.kind;
  // Unknown words: "I don't have that" is right, and so is the broader concept the query names.
  if (c.kind === 'none' && c.slugs.length > 0) return r.kind === 'none' || (r.kind === 'term' && c.slugs.includes(r.terms[0]!));
  if (r.kind !== want) return false;
  if (c.kind === 'none') return true;
  if (c.kind === 'comparison') return r.terms.length === c.slugs.length && c.slugs.every((s) => r.terms.includes(s));
  if (c.type === 'ambiguous') {
    const top = r.terms[0];
    if (!top || !c.slugs.includes(top)) return false;
    return c.slugs.every((s) => s === top || r.suggestions.includes(s));
  }
  return r.terms[0] === c.slugs[0];
}

/** A confident wrong answer: a term or comparison that is not right (a wrong "none" is only a miss). */
export function isConfidentWrong(c: EvalCase, r: Pick<MatchResult, 'kind' | 'terms' | 'suggestions'>): boolean {
  return r.kind !== 'none' && !isCorrect(c, r);
}

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  /** Confident wrong answers over all cases. */
  wrong: number;
  byType: Record<string, { total: number; correct: number; accuracy: number; wrong: number; wrongRate: number }>;
  failures: { c: EvalCase; got: Pick<MatchResult, 'kind' | 'terms' | 'suggestions' | 'score'> }[];
}

export function evaluate(cases: EvalCase[], match: (q: string) => MatchResult): EvalReport {
  const byType: EvalReport['byType'] = {};
  const failures: EvalReport['failures'] = [];
  let correct = 0;
  let wrong = 0;
  for (const c of cases) {
    const r = match(c.query);
    const ok = isCorrect(c, r);
    const t = (byType[c.type] ??= { total: 0, correct: 0, accuracy: 0, wrong: 0, wrongRate: 0 });
    t.total++;
    if (isConfidentWrong(c, r)) {
      t.wrong++;
      wrong++;
    }
    if (ok) {
      t.correct++;
      correct++;
    } else failures.push({ c, got: { kind: r.kind, terms: r.terms, suggestions: r.suggestions, score: r.score } });
  }
  for (const t of Object.values(byType)) {
    t.accuracy = t.correct / t.total;
    t.wrongRate = t.wrong / t.total;
  }
  return { total: cases.length, correct, wrong, accuracy: cases.length ? correct / cases.length : 0, byType, failures };
}

export function formatReport(r: EvalReport): string {
  const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
  const rows = Object.entries(r.byType)
    .sort()
    .map(
      ([type, t]) =>
        `  ${type.padEnd(14)} ${String(t.correct).padStart(4)}/${String(t.total).padEnd(4)} ${pct(t.accuracy).padStart(6)}   confident-wrong ${String(t.wrong).padStart(3)} (${pct(t.wrongRate)})`,
    );
  return [
    `eval: ${r.correct}/${r.total} correct (${pct(r.accuracy)}), confident-wrong ${r.wrong} (${pct(r.total ? r.wrong / r.total : 0)})`,
    ...rows,
  ].join('\n');
}
