import type { Lexicon } from '../knowledge/lexicon.js';
import { THRESHOLDS as T } from './thresholds.js';

/**
 * Other ways people write a comparison, rewritten to the words the comparison parser knows
 * (finding 8 of the second probe): "diff b/w X and Y", "X & Y difference", "X instead of Y".
 * Returns the rewritten query, or null when nothing changed.
 */
export function comparisonRewrite(query: string, lexicon: Lexicon): string | null {
  let text = query
    // "b/w" is chat shorthand for "between", never a name.
    .replace(/(^|\s)b\/w(\s|$)/gi, '$1between$2')
    // A free-standing ampersand joins two things like "and" ("tcp & udp"); "AT&T" keeps its own.
    .replace(/\s&\s/g, ' and ');
  for (const p of lexicon.comparisonPhrases) text = text.replace(new RegExp(`(^|\\s)${p}(\\s|$)`, 'gi'), '$1vs$2');
  return text === query ? null : text;
}

/** "prometheus/grafana": two words joined by one slash, nothing else (a name such as "CI/CD" is checked by the caller). */
export function slashPair(query: string): string | null {
  const m = /^\s*([\p{L}\p{N}.+#-]+)\s*\/\s*([\p{L}\p{N}.+#-]+)\s*\??\s*$/u.exec(query);
  if (!m || m[1]!.length < T.slashPairLetters || m[2]!.length < T.slashPairLetters) return null;
  return `${m[1]} and ${m[2]}`;
}

/** The clauses of a question split at commas ("what is the difference between X and Y, we're trying to pick one"). */
export function commaClauses(query: string): string[] {
  return query
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}
