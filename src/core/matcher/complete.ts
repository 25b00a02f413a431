import { contentTokens, tokenize } from '../text/normalize.js';
import { matchQuery } from './match.js';
import { knownForm, type TermIndex } from './term-index.js';

export interface Completion {
  /** What to send back to the matcher (a term or comparison slug). */
  value: string;
  /** What to show: the title, with the matched alias when the hit was through an alias. */
  label: string;
  kind: 'term' | 'comparison';
  summary: string;
}

/**
 * Ranked completions for a partly typed query, for slash-command autocomplete and
 * type-ahead menus. Pure, fast, total: odd input gives popular terms, never an error.
 */
export function completeQuery(index: TermIndex, input: unknown, limit = 25): Completion[] {
  const max = Math.max(0, Math.min(limit, 100));
  const tokens = contentTokens(tokenize(typeof input === 'string' ? input.slice(0, 200) : ''));
  const kb = index.kb;
  const termCompletion = (slug: string, via?: string): Completion => {
    const t = kb.terms.get(slug)!;
    return { value: slug, label: via ? `${t.title} (${via})` : t.title, kind: 'term', summary: t.summary };
  };
  if (tokens.length === 0) return index.byPopularity.slice(0, max).map((s) => termCompletion(s));

  const typed = tokens.join('');
  const lastPartial = tokens[tokens.length - 1]!;
  const done = tokens.slice(0, -1).map((t) => knownForm(index, t));
  const scores = new Map<string, { score: number; via?: string }>();
  const offer = (slug: string, score: number, via?: string): void => {
    const prev = scores.get(slug);
    if (!prev || score > prev.score) scores.set(slug, via === undefined ? { score } : { score, via });
  };

  for (const key of index.keys) {
    const via = key.source === 'alias' ? key.text : undefined;
    if (key.compact.startsWith(typed)) {
      offer(key.slug, 3 - (key.compact.length - typed.length) / 100, via);
    } else if (key.tokens.some((t) => t.startsWith(lastPartial)) && done.every((d) => key.tokens.includes(d))) {
      offer(key.slug, 2 - key.tokens.length / 100, via);
    } else if (typed.length >= 3 && key.compact.includes(typed)) {
      offer(key.slug, 1.5, via);
    }
  }
  // Typos and questions: whatever the full matcher makes of it.
  const m = matchQuery(index, typeof input === 'string' ? input.slice(0, 200) : '');
  m.terms.forEach((s, i) => offer(s, 2.5 - i / 10));
  m.suggestions.forEach((s, i) => offer(s, 1 - i / 100));

  const ranked = [...scores.entries()]
    .sort(
      (a, b) =>
        b[1].score - a[1].score || (index.popularity.get(b[0]) ?? 0) - (index.popularity.get(a[0]) ?? 0) || a[0].localeCompare(b[0]),
    )
    .map(([slug, { via }]) => termCompletion(slug, via));

  // Comparisons lead only when the person is clearly asking for one.
  const out: Completion[] = [];
  const asksComparison = m.kind === 'comparison' || /\b(vs|versus)\b/i.test(String(input));
  if (m.kind === 'comparison' && m.comparison) {
    const c = kb.comparisons.get(m.comparison)!;
    out.push({ value: c.slug, label: c.title, kind: 'comparison', summary: c.summary });
  }
  if (asksComparison) {
    const wanted = new Set([...m.terms, ...ranked.slice(0, 3).map((r) => r.value)]);
    for (const c of kb.comparisons.values()) {
      if (out.length >= 3) break;
      if (c.compares.some((s) => wanted.has(s)) && !out.some((o) => o.value === c.slug)) {
        out.push({ value: c.slug, label: c.title, kind: 'comparison', summary: c.summary });
      }
    }
  }
  return [...out, ...ranked].slice(0, max);
}
