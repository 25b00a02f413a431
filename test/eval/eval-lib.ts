import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MatchResult } from '../../src/core/matcher/index.js';

/** One labelled query of the public eval set (test/eval/cases/*.jsonl). */
export interface EvalCase {
  type: string;
  query: string;
  kind: 'term' | 'comparison' | 'none';
  /** term: [expected top]; comparison: the compared slugs (any order); ambiguous: acceptable tops, the rest must be offered. */
  slugs: string[];
  file: string;
}

export const CASES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');

export function loadCases(dir = CASES_DIR): EvalCase[] {
  const out: EvalCase[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
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
  if (r.kind !== c.kind) return false;
  if (c.kind === 'none') return true;
  if (c.kind === 'comparison') return r.terms.length === c.slugs.length && c.slugs.every((s) => r.terms.includes(s));
  if (c.type === 'ambiguous') {
    const top = r.terms[0];
    if (!top || !c.slugs.includes(top)) return false;
    return c.slugs.every((s) => s === top || r.suggestions.includes(s));
  }
  return r.terms[0] === c.slugs[0];
}

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  byType: Record<string, { total: number; correct: number; accuracy: number }>;
  failures: { c: EvalCase; got: Pick<MatchResult, 'kind' | 'terms' | 'suggestions' | 'score'> }[];
}

export function evaluate(cases: EvalCase[], match: (q: string) => MatchResult): EvalReport {
  const byType: EvalReport['byType'] = {};
  const failures: EvalReport['failures'] = [];
  let correct = 0;
  for (const c of cases) {
    const r = match(c.query);
    const ok = isCorrect(c, r);
    const t = (byType[c.type] ??= { total: 0, correct: 0, accuracy: 0 });
    t.total++;
    if (ok) {
      t.correct++;
      correct++;
    } else failures.push({ c, got: { kind: r.kind, terms: r.terms, suggestions: r.suggestions, score: r.score } });
  }
  for (const t of Object.values(byType)) t.accuracy = t.correct / t.total;
  return { total: cases.length, correct, accuracy: cases.length ? correct / cases.length : 0, byType, failures };
}

export function formatReport(r: EvalReport): string {
  const rows = Object.entries(r.byType)
    .sort()
    .map(([type, t]) => `  ${type.padEnd(12)} ${String(t.correct).padStart(4)}/${String(t.total).padEnd(4)} ${(t.accuracy * 100).toFixed(1)}%`);
  return [`eval: ${r.correct}/${r.total} correct (${(r.accuracy * 100).toFixed(1)}%)`, ...rows].join('\n');
}
