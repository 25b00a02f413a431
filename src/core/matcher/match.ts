import { allowedEdits, editDistance } from '../text/distance.js';
import { contentTokens, sanitize, tokenize } from '../text/normalize.js';
import { hasContext, isEveryday, queryContext, writtenInCaps, type QueryContext } from './context.js';
import { comparisonSetKey, knownForm, lookupExact, nearKeys, type IndexedKey, type TermIndex } from './term-index.js';

export type MatchKind = 'term' | 'comparison' | 'none';

/** The matcher's verdict on one query. Stable contract: adapters and `termbot lookup --json` use it. */
export interface MatchResult {
  /** The query as the matcher saw it (sanitised, capped). */
  query: string;
  kind: MatchKind;
  /** term: [best]; comparison: the compared slugs in the order asked; none: []. */
  terms: string[];
  /** Slug of a curated comparison covering exactly `terms`, when one exists. */
  comparison: string | null;
  /** Other plausible slugs (alternatives for an ambiguous word, "did you mean" for none). */
  suggestions: string[];
  /** Confidence 0..1. */
  score: number;
  /** Why kind is none: nothing left to look up, or nothing close enough. */
  reason?: 'empty' | 'no-match';
  /** How the best term was found, for debugging and evaluation. */
  method?: Method;
}

type Method = 'exact' | 'phrase' | 'partial' | 'fuzzy';

interface Candidate {
  slug: string;
  score: number;
  method: Method;
  alternatives: string[];
  /** Share of the words the hit accounts for. */
  coverage?: number;
  /** The name the hit stands on (exact and phrase hits). */
  key?: IndexedKey;
}

/** Below this confidence the matcher says "none" rather than risk a wrong answer. */
export const ACCEPT_SCORE = 0.5;
/** Each side of a comparison must be at least this sure. */
const COMPARE_SIDE_SCORE = 0.6;
/** Fuzzy search looks at no more than this many words of a long message. */
const FUZZY_WINDOW_TOKENS = 40;
const MAX_SUGGESTIONS = 5;

const COMPARISON_FILLER = new Set([
  'difference', 'differences', 'diff', 'between', 'compare', 'compared', 'comparing', 'comparison',
  'different', 'differ', 'differs', 'from', 'which', 'should', 'use', 'better', 'when', 'choose', 'pick',
  'one', 'vs', 'versus', 'v', 'against', 'than', 'same', 'similar', 'whats', 'and', 'or',
]);

function unique(slugs: Iterable<string>, exclude: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const s of slugs) if (!out.includes(s) && !exclude.includes(s)) out.push(s);
  return out;
}

function byPopularity(index: TermIndex): (a: string, b: string) => number {
  return (a, b) => (index.popularity.get(b) ?? 0) - (index.popularity.get(a) ?? 0) || a.localeCompare(b);
}

/** Longest known names inside the words, left to right, no overlaps. */
function phraseHits(index: TermIndex, content: string[]): { key: IndexedKey; length: number }[] {
  const hits: { key: IndexedKey; length: number }[] = [];
  for (let i = 0; i < content.length; ) {
    let found: { key: IndexedKey; length: number } | null = null;
    for (let n = Math.min(index.longestPhrase + 1, content.length - i); n >= 1 && !found; n--) {
      const key = lookupExact(index, content.slice(i, i + n));
      if (key) found = { key, length: n };
    }
    if (found) {
      hits.push(found);
      i += found.length;
    } else i++;
  }
  return hits;
}

/**
 * Words that are part of several names ("proxy" in Reverse Proxy and Forward Proxy):
 * every word must belong to a title, and one must be the last word of it, so
 * "time" (inside "time-series metrics") does not drag in a term.
 */
function partialMatch(index: TermIndex, content: string[]): Candidate | null {
  const forms = content.map((t) => knownForm(index, t));
  if (forms.length > 4) return null;
  let pool: string[] = [];
  if (forms.every((t) => index.titleTokens.has(t))) {
    pool = [...index.titleTokens.get(forms[0]!)!];
    for (const t of forms.slice(1)) {
      const slugs = index.titleTokens.get(t)!;
      pool = pool.filter((s) => slugs.has(s));
    }
    pool = pool.filter((s) => forms.some((t) => index.heads.get(t)?.has(s)));
  }
  if (pool.length > 0) {
    pool.sort(byPopularity(index));
    const [best, ...rest] = pool as [string, ...string[]];
    return { slug: best, score: pool.length === 1 ? 0.75 : 0.62, method: 'partial', alternatives: rest.slice(0, MAX_SUGGESTIONS), coverage: 1 };
  }
  // "types of storage", "proxy servers": the most specific shared word decides, the rest is context.
  const heads = forms.filter((t) => index.heads.has(t)).sort((a, b) => index.heads.get(a)!.size - index.heads.get(b)!.size);
  const head = heads[0];
  if (!head) return null;
  const subset = [...index.heads.get(head)!].sort(byPopularity(index));
  const [best, ...rest] = subset as [string, ...string[]];
  return { slug: best, score: 0.58, method: 'partial', alternatives: rest.slice(0, MAX_SUGGESTIONS), coverage: 1 / forms.length };
}

function fuzzyMatch(index: TermIndex, content: string[]): Candidate | null {
  const words = content.slice(0, FUZZY_WINDOW_TOKENS);
  const whole = words.join('');
  let best: { key: IndexedKey; quality: number; coverage: number } | null = null;
  const consider = (key: IndexedKey, text: string, coverage: number): void => {
    if (text.length < 4) return;
    // Inside a longer sentence short words must be exact: "sing" is not a typo of "sign".
    const shortPart = coverage < 1 && text.length < 6;
    // A wrong first letter is a rare slip ("socket" is not "docker"): one edit fewer then.
    const max = shortPart ? 0 : allowedEdits(Math.min(text.length, key.compact.length)) - (text[0] === key.compact[0] ? 0 : 1);
    if (max === 0) return;
    const d = editDistance(text, key.compact, max);
    if (d > max) return;
    const quality = (1 - d / Math.max(text.length, key.compact.length)) * (0.7 + 0.3 * coverage);
    if (!best || quality > best.quality) best = { key, quality, coverage };
  };
  // A misspelt name on its own: letter pairs pick candidates, Fuse.js (bitap) ranks them,
  // edit distance has the last word. One-edit typos count even when Fuse ranks them low.
  if (words.length <= 4 && whole.length <= 32) {
    const near = nearKeys(index, whole, 24);
    index.fuse.setCollection(near);
    for (const r of index.fuse.search(words.join(' '), { limit: 8 })) consider(r.item, whole, 1);
    for (const key of near) if (editDistance(whole, key.compact, 1) <= 1) consider(key, whole, 1);
  }
  // Typos inside a longer question: every run of up to 4 words against the names that
  // start with the same letter (a wrong first letter is a rare typo; this keeps it fast).
  if (words.length > 1) {
    for (let n = Math.min(4, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const text = words.slice(i, i + n).join('');
        for (const key of index.byInitial.get(text[0]!) ?? []) {
          if (Math.abs(key.compact.length - text.length) <= 3) consider(key, text, n / words.length);
        }
      }
    }
  }
  if (!best) return null;
  const { key, quality, coverage } = best as { key: IndexedKey; quality: number; coverage: number };
  return { slug: key.slug, score: 0.35 + 0.55 * quality, method: 'fuzzy', alternatives: [], coverage, key };
}

/** A name listed as standing for several terms ("CD", "CI/CD"), whole or as one of a few words. */
function ambiguousName(index: TermIndex, content: string[]): Candidate | null {
  if (index.ambiguous.size === 0 || content.length > 4) return null;
  for (let n = content.length; n >= 1; n--) {
    for (let i = 0; i + n <= content.length; i++) {
      const words = content.slice(i, i + n);
      const slugs = index.ambiguous.get(words.join('')) ?? index.ambiguous.get(words.map((w) => knownForm(index, w)).join(''));
      if (slugs && slugs.length > 0) {
        const [best, ...others] = slugs as [string, ...string[]];
        const coverage = n / content.length;
        // Another term named outright in the other words wins ("CD pipeline in kubernetes").
        const outside = [...content.slice(0, i), ...content.slice(i + n)];
        if (coverage < 1 && phraseHits(index, outside).length > 0) return null;
        return { slug: best, score: 0.62, method: 'partial', alternatives: others, coverage };
      }
    }
  }
  return null;
}

function covered(hits: { length: number }[]): number {
  return hits.reduce((n, h) => n + h.length, 0);
}

/** Resolves words that should name a single term. `caps`: words the person wrote in capitals, when known. */
function resolveSingle(index: TermIndex, tokens: string[], caps?: Set<string>): Candidate | null {
  const content = contentTokens(tokens);
  if (content.length === 0) return null;
  const exact = lookupExact(index, content);
  if (exact) return { slug: exact.slug, score: 1, method: 'exact', alternatives: [], coverage: 1, key: exact };

  const named = ambiguousName(index, content);
  if (named?.coverage === 1) return named;
  if (named) {
    // "service level indicater": a typo of a whole name beats the ambiguous words inside it.
    const fuzzy = fuzzyMatch(index, content);
    return fuzzy?.coverage === 1 ? fuzzy : named;
  }

  const hits = phraseHits(index, content);
  if (hits.length > 0) {
    const coverage = Math.min(1, covered(hits) / content.length);
    // Only names ("kubernetes pod", "GraphQL APIs", "sidecar in k8s"): the most specific one, i.e. the
    // one fewer entries point at. Names inside a longer question: the first one, the question's subject.
    // Longest name first ("ports and adapters architecture" is about ports and adapters).
    const pop = (h: (typeof hits)[number]): number => index.popularity.get(h.key.slug) ?? 0;
    const order = (a: (typeof hits)[number], b: (typeof hits)[number]): number =>
      b.length - a.length || (coverage >= 1 ? pop(a) - pop(b) : hits.indexOf(a) - hits.indexOf(b));
    // A lowercase two-letter word among other words is a word, not an abbreviation ("tl;dr" is not DR).
    const plausible = hits.filter((h) => !(caps && content.length > 1 && h.key.caseSensitive && h.key.compact.length <= 2 && !caps.has(h.key.compact) && !caps.has(`${h.key.compact}s`)));
    const sorted = [...(plausible.length > 0 ? plausible : hits)].sort(order);
    const best = sorted[0]!;
    const score = 0.55 + 0.4 * coverage;
    const partial = hits.length === 1 && coverage >= 1 ? partialMatch(index, content) : null;
    const phrase: Candidate = {
      slug: best.key.slug,
      score,
      method: 'phrase',
      coverage,
      key: best.key,
      alternatives: unique([...sorted.map((h) => h.key.slug), ...(partial?.alternatives ?? [])], [best.key.slug]),
    };
    if (coverage >= 1) return phrase;
    // "cloud natvie": the exact word "cloud" must not beat a near-perfect fuzzy hit on all the words.
    const fuzzy = fuzzyMatch(index, content);
    if (fuzzy && fuzzy.coverage === 1 && fuzzy.score > phrase.score) {
      return { ...fuzzy, alternatives: unique([phrase.slug, ...phrase.alternatives], [fuzzy.slug]) };
    }
    return phrase;
  }
  // A word that several names share is ambiguous, not a typo of one of them.
  // A typo of a whole name ("presentaton layer") beats the shared word alone ("layer").
  const partial = partialMatch(index, content);
  const fuzzy = fuzzyMatch(index, content);
  const best = partial?.coverage === 1 ? partial : (fuzzy ?? partial);
  if (!best) return null;
  const other = best === partial ? fuzzy : partial;
  return { ...best, alternatives: unique([...best.alternatives, ...(other ? [other.slug] : [])], [best.slug]) };
}

/** Splits a question into the sides of a comparison, or returns null when it is not one. */
function comparisonSides(tokens: string[]): string[][] | null {
  const splitOn = (words: string[], seps: Set<string>): string[][] => {
    const parts: string[][] = [[]];
    for (const w of words) {
      if (seps.has(w)) parts.push([]);
      else parts[parts.length - 1]!.push(w);
    }
    return parts;
  };
  const vs = new Set(['vs', 'versus', 'v']);
  if (tokens.some((t) => vs.has(t))) return splitOn(tokens, vs);
  const cmp = tokens.findIndex((t) => t === 'compare' || t === 'comparing' || t === 'compared');
  if (cmp >= 0) {
    const before = tokens.slice(0, cmp);
    const after = tokens.slice(cmp + 1);
    // "a compared to b" / "compare a and b" / "compare a with b"
    if (contentTokens(before).filter((t) => !COMPARISON_FILLER.has(t)).length > 0 && after[0] && /^(to|with)$/.test(after[0])) {
      return [before, after.slice(1)];
    }
    return splitOn(after, new Set(['and', 'with', 'to']));
  }
  const between = tokens.indexOf('between');
  if (between >= 0 && tokens.indexOf('and', between) > between) return splitOn(tokens.slice(between + 1), new Set(['and']));
  const differ = tokens.findIndex((t) => t === 'different' || t === 'differ' || t === 'differs');
  if (differ >= 0) {
    const from = tokens.indexOf('from', differ);
    if (from > differ) return [tokens.slice(0, differ), tokens.slice(from + 1)];
    if (tokens.includes('and')) return splitOn(tokens, new Set(['and']));
  }
  const same = tokens.indexOf('same');
  if (same > 0 && tokens[same + 1] === 'as') return [tokens.slice(0, same), tokens.slice(same + 2)];
  if (tokens.includes('or')) return splitOn(tokens, new Set(['or']));
  if (tokens.includes('difference') || tokens.includes('differences')) return splitOn(tokens, new Set(['and']));
  return null;
}

function tryComparison(index: TermIndex, tokens: string[], list = false): { slugs: string[]; score: number } | null {
  // "IaaS, PaaS, SaaS" / "rest, graphql and grpc": a bare list is a comparison only if every item is a sure name.
  const listed = list && !comparisonSides(tokens) ? { sides: tokens.join(' ').split(' and ').map((p) => p.split(' ')), strict: true } : null;
  const sides = listed?.sides ?? comparisonSides(tokens);
  if (!sides || sides.length < 2 || sides.length > 4) return null;
  const slugs: string[] = [];
  let score = 1;
  const clean = sides.map((side) => side.filter((t) => !COMPARISON_FILLER.has(t)));
  const first = clean[0]!;
  const last = clean[clean.length - 1]!;
  for (const [i, words] of clean.entries()) {
    const sure = (c: Candidate | null): c is Candidate => c !== null && c.score >= COMPARE_SIDE_SCORE;
    let c = resolveSingle(index, words);
    // Shared words: "horizontal vs vertical scaling", "encryption at rest vs in transit".
    for (let n = 1; n <= 2 && !sure(c); n++) {
      if (i < clean.length - 1 && last.length > n) c = resolveSingle(index, [...words, ...last.slice(-n)]);
      if (!sure(c) && i > 0 && first.length > n) c = resolveSingle(index, [...first.slice(0, n), ...words]);
    }
    if (!sure(c) || (listed && c.score < 0.95)) return null;
    if (!slugs.includes(c.slug)) slugs.push(c.slug);
    score = Math.min(score, c.score);
  }
  return slugs.length >= 2 ? { slugs, score } : null;
}

function noneSuggestions(index: TermIndex, content: string[]): string[] {
  const text = content.slice(0, FUZZY_WINDOW_TOKENS).join(' ');
  // "hey all", "idk": too little to suggest anything without looking silly.
  if (text.replace(/ /g, '').length < 4 || !content.some((w) => w.length >= 4)) return [];
  const compact = text.replace(/ /g, '');
  const out: string[] = [];
  if (content.length <= 4 && compact.length <= 32) index.fuse.setCollection(nearKeys(index, compact, 24));
  const hits = content.length <= 4 && compact.length <= 32 ? index.fuse.search(text, { limit: 12 }) : [];
  for (const r of hits) {
    if ((r.score ?? 1) > 0.5) continue;
    const d = editDistance(compact, r.item.compact, Math.ceil(compact.length * 0.45));
    const containsWord = content.some((w) => w.length >= 4 && r.item.tokens.includes(w));
    if (d <= Math.ceil(compact.length * 0.45) || containsWord) out.push(r.item.slug);
  }
  // Shared stems ("kubeflow" ~ "kube", "observer" ~ "observability") are worth offering too.
  const words = content.filter((w) => w.length >= 5).slice(0, 10);
  for (const key of index.keys) {
    if (out.length >= 6) break;
    if (key.tokens.some((t) => words.some((w) => commonPrefix(w, t) >= Math.max(4, Math.ceil(Math.min(w.length, t.length) * 0.6))))) {
      out.push(key.slug);
    }
  }
  return unique(out).slice(0, 3);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Matches any text a person might type. Pure and total: never throws, whatever the input. */
export function matchQuery(index: TermIndex, input: unknown): MatchResult {
  const query = sanitize(input).trim();
  const tokens = tokenize(query);
  const words = contentTokens(tokens);
  if (words.length === 0) {
    return { query, kind: 'none', terms: [], comparison: null, suggestions: [], score: 0, reason: 'empty' };
  }

  const compared = tryComparison(index, query.includes(',') ? tokenize(query.replace(/,/g, ' and ')) : tokens, query.includes(','));
  if (compared) {
    return {
      query,
      kind: 'comparison',
      terms: compared.slugs,
      comparison: curatedFor(index, compared.slugs),
      suggestions: [],
      score: round(compared.score),
    };
  }

  const ctx = queryContext(query, tokens);
  // Second try without comparison words ("which is better, ...") that matched nothing as a comparison.
  const single = resolveSingle(index, tokens, ctx.caps) ?? resolveSingle(index, words.filter((t) => !COMPARISON_FILLER.has(t)), ctx.caps);
  if (single && single.score >= ACCEPT_SCORE && meant(index, ctx, single, words)) {
    return {
      query,
      kind: 'term',
      terms: [single.slug],
      comparison: null,
      suggestions: single.alternatives.slice(0, MAX_SUGGESTIONS),
      score: round(single.score),
      method: single.method,
    };
  }
  const suggestions = unique([...(single ? [single.slug, ...single.alternatives] : []), ...noneSuggestions(index, words)]);
  return {
    query,
    kind: 'none',
    terms: [],
    comparison: null,
    suggestions: suggestions.slice(0, 3),
    score: round(single?.score ?? 0),
    reason: 'no-match',
  };
}

/**
 * Is the hit really what the person means? Everyday words and short abbreviations inside a
 * longer sentence ("I need a new port for my boat", "moving to CA next month", "lost 5 lb")
 * need the sentence to ask about something or to talk tech; abbreviations reached only by
 * dropping a plural "s" ("has" -> HA) must be written in capitals.
 */
function meant(index: TermIndex, ctx: QueryContext, c: Candidate, content: string[]): boolean {
  const key = c.key;
  // Reached only by dropping a plural "s" from a word ("has" -> HA, "dies" -> DI): needs capitals.
  if (key?.caseSensitive && !content.includes(key.compact) && !writtenInCaps(ctx, key)) return false;
  if ((c.coverage ?? 1) >= 1) return true;
  // Two words are a lookup, not a sentence ("saga patern", "kafka topic").
  if (content.length <= 2) return true;
  // Three-letter abbreviations written in capitals (WAF, TLS) are deliberate; two letters (CA, DC) are often not.
  const deliberate = key?.caseSensitive && key.compact.length >= 3 && writtenInCaps(ctx, key);
  // Typos inside a sentence are guesses too ("flu injection" is not "fault injection").
  const risky = c.method === 'fuzzy' || c.method === 'partial' || (key !== undefined && (isEveryday(key) || key.caseSensitive) && !deliberate);
  return !risky || hasContext(index, ctx, c.slug);
}

/** The curated comparison of exactly these terms, else the smallest one that covers them all ("LB vs reverse proxy" is inside "LB vs reverse proxy vs API gateway"). */
function curatedFor(index: TermIndex, slugs: string[]): string | null {
  const exact = index.comparisonBySet.get(comparisonSetKey(slugs));
  if (exact) return exact;
  let best: { slug: string; size: number } | null = null;
  for (const c of index.kb.comparisons.values()) {
    if (slugs.every((s) => c.compares.includes(s)) && (!best || c.compares.length < best.size)) best = { slug: c.slug, size: c.compares.length };
  }
  return best?.slug ?? null;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
