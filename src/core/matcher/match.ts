import { editDistance } from '../text/distance.js';
import { isCommonWord, isEnglishWord } from '../text/english.js';
import { FILLER, MAX_WORD_LENGTH, contentTokens, roughStem, sanitize, singularCandidates, tokenize } from '../text/normalize.js';
import { evidence, hasContext, isEveryday, queryContext, writtenInCaps, type QueryContext } from './context.js';
import { comparisonSetKey, knownForm, lookupExact, nearKeys, type IndexedKey, type TermIndex } from './term-index.js';
import { everydaySense, nameEnd } from './everyday-sense.js';
import { commaClauses, comparisonRewrite, slashPair } from './phrasing.js';
import { THRESHOLDS as T } from './thresholds.js';

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
  /** Why a query with text in it still had no word to look up: no letters or digits at all (emoji, punctuation), or only over-long words. */
  emptyBecause?: 'no-words' | 'too-long';
  /** How the best term was found, for debugging and evaluation. */
  method?: Method;
  /** kind none only: `suggestions[0]` is named in the query but is not what was asked ("cache warming" -> cache). */
  closest?: true;
  /** kind none only: a comparison one of whose sides names nothing we have ("kafka vs pizza"); the known sides are the suggestions. */
  unknownSide?: true;
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
  /** The query words the hit accounts for (the name's words as typed, other names beside it). */
  words: string[];
  /** Stands on one word several names share, among other words ("types of storage"). */
  head?: true;
}

/** Below this confidence the matcher says "none" rather than risk a wrong answer. */
export const ACCEPT_SCORE = T.accept;
const MAX_SUGGESTIONS = T.maxSuggestions;

/** How many typos a word (or name) this long may contain and still count: Algolia/Meilisearch style. */
export function typoBudget(length: number): number {
  if (length >= T.threeTyposFrom) return 3;
  if (length >= T.twoTyposFrom) return 2;
  if (length >= T.oneTypoFrom) return 1;
  return 0;
}

/**
 * Words glued into a one-word name: when one end is typed exactly as the name's own start or end, the
 * slip must lie in the other words, within their own budget. "virtual dom" is not VirtualBox ("dom" is
 * no typo of "box"); "cockroch db" is CockroachDB.
 */
function gluedSlip(span: readonly string[], compact: string): boolean {
  const fits = (typed: string, name: string): boolean => {
    const budget = Math.max(1, typoBudget(Math.min(typed.length, name.length)));
    return editDistance(typed, name, budget) <= budget;
  };
  const first = span[0]!;
  const last = span[span.length - 1]!;
  if (compact.startsWith(first)) return fits(span.slice(1).join(''), compact.slice(first.length));
  if (compact.endsWith(last)) return fits(span.slice(0, -1).join(''), compact.slice(0, compact.length - last.length));
  return true;
}

/** A short word without vowels ("crdb", "k8s", "grpc") is an abbreviation: no typo of it is plausible. */
function abbreviation(text: string): boolean {
  return text.length <= T.abbreviationLetters && !/[aeiouy]/.test(text);
}

/**
 * A short name the card writes in capitals ("VXLAN", "OWASP", "CIDR") is an acronym: people type one on
 * purpose, so a letter more or less makes another acronym ("vlan" is not VXLAN), not a typo of it. A
 * longer one ("PACELC") is spelt more than typed, and keeps the usual budget ("pacelec").
 */
function acronym(key: IndexedKey): boolean {
  return /^[A-Z][A-Z0-9]{2,4}$/.test(key.text);
}

/** The same letters in another order ("grcp" of "grpc"): the one slip an abbreviation plausibly has. */
function swapped(a: string, b: string): boolean {
  return a.length === b.length && [...a].sort().join('') === [...b].sort().join('');
}

/** Is `word` one of the name's words, or a form of one ("locks" of "lock", "sourced" of "sourcing")? */
function formOf(word: string, nameWords: ReadonlySet<string> | readonly string[]): boolean {
  const list = [...nameWords];
  if (list.includes(word) || singularCandidates(word).some((w) => list.includes(w))) return true;
  const s = roughStem(word);
  return s.length >= 4 && list.some((w) => roughStem(w) === s);
}

/**
 * Could the typed words be a misspelling of this name? A real English word is never a typo of
 * another ("locking" is not "logging", "hash ring" is not "hashing"), except as the one slip in a
 * longer name whose other words are typed right ("apache http sever").
 */
function plausibleTypo(typed: readonly string[], key: IndexedKey, strict = false): boolean {
  const nameWords = contentTokens(key.tokens);
  const changed = typed.filter((w) => !formOf(w, nameWords));
  if (changed.length === 0) return true;
  // A word built on a name's word is another word, not a typo: "nosql" is not "sql", "inversion" not "version".
  // ("hashicorp" of "Hashi Corp" is the name's own letters glued, not a word built on one.)
  const built = (w: string): boolean =>
    !key.compact.includes(w) && nameWords.some((n) => n.length >= 3 && w.length - n.length >= 2 && w.includes(n));
  if (changed.some(built)) return false;
  // With the other words typed right, the one changed word must be within its own budget:
  // "vertical pod autoscaler" is not "horizontal pod autoscaler", "deduplication" not "replication".
  const missed = nameWords.filter((n) => !typed.some((w) => formOf(w, [n])));
  if (changed.length === 1 && missed.length === 1 && typed.length > 1) {
    const [w, n] = [changed[0]!, missed[0]!];
    const budget = Math.min(T.typosPerWord, Math.max(1, typoBudget(Math.min(w.length, n.length))));
    if (editDistance(w, n, budget) > budget) return false;
  }
  // A suggestion ("did you mean") may not swap a real word at all: "feature store" is not "feature switch".
  if (strict) return !changed.some((w) => realWord(w));
  if (!changed.every((w) => realWord(w))) return true;
  return nameWords.length >= 2 && typed.length === nameWords.length && changed.length === 1;
}

/** A real word: a common English word, or an inflection of one from the larger dictionary ("storming"). */
function realWord(word: string): boolean {
  return isEnglishWord(word) || (isCommonWord(word) && singularCandidates(word).some((w) => isEnglishWord(w)));
}

function unique(slugs: Iterable<string>, exclude: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const s of slugs) if (!out.includes(s) && !exclude.includes(s)) out.push(s);
  return out;
}

function byPopularity(index: TermIndex): (a: string, b: string) => number {
  return (a, b) => (index.popularity.get(b) ?? 0) - (index.popularity.get(a) ?? 0) || a.localeCompare(b);
}

/** Longest known names inside the words, left to right, no overlaps. */
function phraseHits(index: TermIndex, content: string[]): { key: IndexedKey; start: number; length: number }[] {
  const hits: { key: IndexedKey; start: number; length: number }[] = [];
  for (let i = 0; i < content.length;) {
    let found: { key: IndexedKey; start: number; length: number } | null = null;
    for (let n = Math.min(index.longestPhrase + 1, content.length - i); n >= 1 && !found; n--) {
      const key = lookupExact(index, content.slice(i, i + n));
      if (key) found = { key, start: i, length: n };
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
 * "time" (inside "time-series metrics") does not drag in a term. A product's name is a proper
 * name, typed whole: a word of it is no lead ("active" is not Active Directory, "let" not Let's Encrypt).
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
    pool = pool.filter((s) => forms.some((t) => index.heads.get(t)?.has(s)) && !index.products.has(s));
  }
  if (pool.length > 0) {
    pool.sort(byPopularity(index));
    const [best, ...rest] = pool as [string, ...string[]];
    // A lone plain word that is only part of a name ("time" of Time-Series Database, "command" of
    // CQRS) is a closest match at most; a word only names use ("balancer") is a sure hit.
    const lone = pool.length === 1 && forms.length === 1 && isEnglishWord(content[0]!);
    return {
      slug: best,
      score: lone ? T.partialLoneWord : pool.length === 1 ? T.partialUnique : T.partialShared,
      method: 'partial',
      alternatives: rest.slice(0, MAX_SUGGESTIONS),
      coverage: 1,
      words: content,
    };
  }
  // "types of storage", "proxy servers": the most specific shared word decides, the rest is context.
  const concepts = (t: string): string[] => [...(index.heads.get(t) ?? [])].filter((s) => !index.products.has(s));
  const heads = forms.filter((t) => concepts(t).length > 0).sort((a, b) => concepts(a).length - concepts(b).length);
  const head = heads[0];
  if (!head) return null;
  const subset = concepts(head).sort(byPopularity(index));
  const [best, ...rest] = subset as [string, ...string[]];
  return {
    slug: best,
    // A plain word that only one name ends or starts with, among words that say nothing, is as lone ("go to the store").
    score:
      rest.length === 0 && isEnglishWord(head) && content.every((w, i) => forms[i] === head || index.lexicon.genericWords.has(w))
        ? T.partialLoneWord
        : T.partialHead,
    method: 'partial',
    head: true,
    alternatives: rest.slice(0, MAX_SUGGESTIONS),
    coverage: 1 / forms.length,
    words: content.filter((_, i) => forms[i] === head),
  };
}

function fuzzyMatch(index: TermIndex, content: string[]): Candidate | null {
  const words = content.slice(0, T.fuzzyWindowTokens);
  const whole = words.join('');
  let best: { key: IndexedKey; quality: number; coverage: number; span: string[] } | null = null;
  const consider = (key: IndexedKey, span: string[], coverage: number): void => {
    const text = span.join('');
    if (text.length < T.oneTypoFrom) return;
    // Words glued into a one-word name are no typo of it when one of them names something else: "elastic ip" is not Elasticity.
    // ("cockroch db" is CockroachDB: "db" is part of the name's own letters.)
    if (
      span.length > 1 &&
      contentTokens(key.tokens).length === 1 &&
      (span.some((w) => namesOther(index, w, key)) || !gluedSlip(span, key.compact))
    )
      return;
    // Inside a longer sentence short words must be exact: "sing" is not a typo of "sign".
    const shortPart = coverage < 1 && text.length < T.inSentenceTypoLetters;
    // A wrong first letter is a rare slip ("socket" is not "docker"): one edit fewer then.
    // Abbreviations and acronyms are typed on purpose: "crdt" is not "crdb", "vlan" is not "vxlan".
    const max = shortPart
      ? 0
      : abbreviation(text) || abbreviation(key.compact) || acronym(key)
        ? swapped(text, key.compact)
          ? 1
          : 0
        : typoBudget(Math.min(text.length, key.compact.length)) - (text[0] === key.compact[0] ? 0 : 1);
    if (max <= 0) return;
    const d = editDistance(text, key.compact, max);
    if (d > max || (d > 0 && !plausibleTypo(span, key))) return;
    const quality = (1 - d / Math.max(text.length, key.compact.length)) * (1 - T.fuzzyCoverageWeight + T.fuzzyCoverageWeight * coverage);
    if (!best || quality > best.quality) best = { key, quality, coverage, span };
  };
  // A misspelt name on its own: letter pairs pick candidates, Fuse.js (bitap) ranks them,
  // edit distance has the last word. One-edit typos count even when Fuse ranks them low.
  if (words.length <= 4 && whole.length <= 32) {
    const near = nearKeys(index, whole, T.nearKeys);
    index.fuse.setCollection(near);
    for (const r of index.fuse.search(words.join(' '), { limit: 8 })) consider(r.item, words, 1);
    for (const key of near) if (editDistance(whole, key.compact, 1) <= 1) consider(key, words, 1);
  }
  // Typos inside a longer question: every run of up to 4 words against the names that
  // start with the same letter (a wrong first letter is a rare typo; this keeps it fast).
  if (words.length > 1) {
    for (let n = Math.min(T.fuzzySpanWords, words.length); n >= 1; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const span = words.slice(i, i + n);
        const text = span.join('');
        for (const key of index.byInitial.get(text[0]!) ?? []) {
          if (Math.abs(key.compact.length - text.length) <= 3) consider(key, span, n / words.length);
        }
      }
    }
  }
  if (!best) return null;
  const { key, quality, coverage, span } = best as { key: IndexedKey; quality: number; coverage: number; span: string[] };
  return {
    slug: key.slug,
    score: T.fuzzyBase + T.fuzzyPerQuality * quality,
    method: 'fuzzy',
    alternatives: [],
    coverage,
    key,
    words: span,
  };
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
        return { slug: best, score: T.ambiguousName, method: 'partial', alternatives: others, coverage, words };
      }
    }
  }
  return null;
}

function covered(hits: { length: number }[]): number {
  return hits.reduce((n, h) => n + h.length, 0);
}

/** The words the phrase hits stand on. */
function hitWords(content: string[], hits: { start: number; length: number }[]): string[] {
  return hits.flatMap((h) => content.slice(h.start, h.start + h.length));
}

/** The position of the first place preposition ("in", "on", "for") after a content word, else -1. */
function placeBoundary(index: TermIndex, tokens: readonly string[]): number {
  const first = rawPositions(tokens)[0] ?? -1;
  return tokens.findIndex((t, i) => i > first && first >= 0 && index.lexicon.placePrepositions.has(t));
}

/** "KMS in aws", "API server in kubernetes": the words after the preposition, then those before, make one name ("aws kms"). */
function placedName(index: TermIndex, tokens: string[]): IndexedKey | undefined {
  const at = placeBoundary(index, tokens);
  if (at < 0) return undefined;
  const before = contentTokens(tokens.slice(0, at));
  const after = contentTokens(tokens.slice(at + 1));
  if (before.length === 0 || after.length === 0 || before.length + after.length > T.lookupWords + 1) return undefined;
  const key = lookupExact(index, [...after, ...before]);
  return key;
}

/** Does this word name another term, and is it no part of the name `key` ("ip" beside Elasticity, not "db" of CockroachDB)? */
function namesOther(index: TermIndex, word: string, key: IndexedKey): boolean {
  const other = lookupExact(index, [word]);
  return other !== undefined && other.slug !== key.slug && !key.compact.includes(word);
}

/** Positions in `tokens` of its content words (content index -> token index). */
function rawPositions(tokens: readonly string[]): number[] {
  const raw: number[] = [];
  tokens.forEach((t, i) => {
    if (!FILLER.has(t)) raw.push(i);
  });
  return raw;
}

/** The token right after the content word before `end`: "style" in "a rabbitmq style queue". */
function tokenAfter(tokens: readonly string[], end: number): string | undefined {
  const last = rawPositions(tokens)[end - 1];
  return last === undefined ? undefined : tokens[last + 1];
}

/** Does the name ending before content word `end` only describe what follows ("rabbitmq style", "kafka-esque")? */
function describes(index: TermIndex, tokens: readonly string[], end: number): boolean {
  const next = tokenAfter(tokens, end);
  return next !== undefined && index.lexicon.describingWords.has(next);
}

/** Is the name at content words [start, end) a verb here ("log in to ecr", "a neon sign in the window")? */
function verbPhrase(index: TermIndex, tokens: readonly string[], start: number, end: number): boolean {
  const raw = rawPositions(tokens);
  const from = raw[start];
  const to = raw[end - 1];
  if (from === undefined || to === undefined) return false;
  const words = tokens.slice(from, to + 1).join(' ');
  const next = tokens[to + 1];
  return index.lexicon.verbPhrases.has(words) || (next !== undefined && index.lexicon.verbPhrases.has(`${words} ${next}`));
}

/**
 * A name that glues a small word on with a hyphen ("lock-in", "add-on", "opt-in") is one word with
 * it: the query must have that word too ("lock file" and "lock" are not Vendor Lock-in).
 */
function particleMissing(key: IndexedKey, tokens: readonly string[]): boolean {
  return key.tokens.some((t, i) => i > 0 && FILLER.has(t) && key.text.toLowerCase().includes(`-${t}`) && !tokens.includes(t));
}

/** Resolves words that should name a single term. `caps`: words the person wrote in capitals, when known. */
function resolveSingle(index: TermIndex, tokens: string[], caps?: Set<string>): Candidate | null {
  const content = contentTokens(tokens);
  if (content.length === 0) return null;
  const exact = lookupExact(index, content);
  if (exact && !particleMissing(exact, tokens))
    return { slug: exact.slug, score: 1, method: 'exact', alternatives: [], coverage: 1, key: exact, words: content };

  // "what is KMS in aws": the place and the name together are one name ("aws kms").
  const placed = placedName(index, tokens);
  if (placed)
    return {
      slug: placed.slug,
      score: T.phraseBase + T.phrasePerCoverage,
      method: 'phrase',
      alternatives: [],
      coverage: 1,
      key: placed,
      words: content,
    };

  const named = ambiguousName(index, content);
  if (named?.coverage === 1) return named;
  if (named) {
    // "service level indicater": a typo of a whole name beats the ambiguous words inside it.
    const fuzzy = fuzzyMatch(index, content);
    return fuzzy?.coverage === 1 ? fuzzy : named;
  }

  // A name used as a verb ("log in to ecr"), a product that only describes ("a rabbitmq style
  // queue", "kafka-esque") or a product's name as a verb ("terraforming mars") is not what the words are about.
  const hits = phraseHits(index, content).filter(
    (h) =>
      !particleMissing(h.key, tokens) &&
      !(
        index.products.has(h.key.slug) &&
        content.slice(h.start, h.start + h.length).some((w) => w.endsWith('ing') && !h.key.tokens.includes(w))
      ) &&
      (content.length === h.length ||
        !(
          verbPhrase(index, tokens, h.start, h.start + h.length) ||
          (index.products.has(h.key.slug) && describes(index, tokens, h.start + h.length))
        )),
  );
  if (hits.length > 0) {
    const coverage = Math.min(1, covered(hits) / content.length);
    // Only names ("kubernetes pod", "GraphQL APIs", "sidecar in k8s"): the most specific one, i.e. the
    // one fewer entries point at. Names inside a longer question: the first one, the question's subject.
    // Longest name first ("ports and adapters architecture" is about ports and adapters).
    const pop = (h: (typeof hits)[number]): number => index.popularity.get(h.key.slug) ?? 0;
    // Among names only, a bare synonym right after a term's own name only says which aspect of it is
    // meant ("replication lag" is about replication, not Latency's "lag"; "joins in SQL" is still
    // about joins); abbreviations ("k8s pod") are no synonyms in this sense.
    const synonym = (h: (typeof hits)[number]): number =>
      h.key.source === 'alias' &&
      isEnglishWord(h.key.compact) &&
      hits.some((o) => o !== h && o.key.source !== 'alias' && o.start + o.length === h.start)
        ? 1
        : 0;
    // Among names only, the one whose card knows the compound ("cluster autoscaler" is in Autoscaling's card, not Cluster's).
    const narrowings = new Map<(typeof hits)[number], number>();
    const narrowed = (h: (typeof hits)[number]): number => {
      if (coverage < 1 || hits.length < 2) return 0;
      let n = narrowings.get(h);
      if (n === undefined) {
        const c: Candidate = { slug: h.key.slug, score: 1, method: 'phrase', alternatives: [], key: h.key, words: [] };
        narrowings.set(h, (n = Math.min(1, narrowedBy(index, c, tokens).length)));
      }
      return n;
    };
    const order = (a: (typeof hits)[number], b: (typeof hits)[number]): number =>
      narrowed(a) - narrowed(b) ||
      b.length - a.length ||
      (coverage >= 1 ? synonym(a) - synonym(b) || pop(a) - pop(b) : hits.indexOf(a) - hits.indexOf(b));
    // A lowercase two-letter word among other words is a word, not an abbreviation ("tl;dr" is not DR).
    const plausible = hits.filter(
      (h) =>
        !(
          caps &&
          content.length > 1 &&
          h.key.caseSensitive &&
          h.key.compact.length <= 2 &&
          !caps.has(h.key.compact) &&
          !caps.has(`${h.key.compact}s`)
        ),
    );
    const pool = plausible.length > 0 ? plausible : hits;
    // "middleware in express", "an odm for mongo": a product named after the concept only says where.
    // A tool named first is the subject ("letsencrypt rate limits", "can lambda run docker images",
    // "puppet (config management)").
    const isTool = (h: (typeof hits)[number]): boolean => index.kb.terms.get(h.key.slug)?.kind === 'tool';
    const firstConcept = pool.findIndex((h) => !isTool(h));
    const firstTool = pool.findIndex(isTool);
    const subjects =
      firstConcept >= 0 && firstTool > firstConcept
        ? pool.filter((h) => !isTool(h))
        : firstTool >= 0 && firstConcept > firstTool
          ? pool.filter(isTool)
          : pool;
    // "what is quorum in distributed systems": a name before "in/on/for" is the subject, a name after it only says where.
    const place = placeBoundary(index, tokens);
    const raw = rawPositions(tokens);
    const before = (h: (typeof hits)[number]): boolean => (raw[h.start] ?? Infinity) < place;
    const placed = place >= 0 && subjects.some(before) && !subjects.every(before) ? subjects.filter(before) : subjects;
    const sorted = [...placed.sort(order), ...pool.filter((h) => !placed.includes(h)).sort(order)];
    const best = sorted[0]!;
    const score = T.phraseBase + T.phrasePerCoverage * coverage;
    const partial = hits.length === 1 && coverage >= 1 ? partialMatch(index, content) : null;
    const phrase: Candidate = {
      slug: best.key.slug,
      score,
      method: 'phrase',
      coverage,
      key: best.key,
      words: hitWords(content, hits),
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
function comparisonSides(
  tokens: string[],
  filler: ReadonlySet<string>,
  spacedV: boolean,
  openers?: ReadonlySet<string>,
): { sides: string[][]; strict?: boolean } | null {
  const sides = comparisonSplit(tokens, filler, spacedV, openers);
  if (sides) return { sides };
  // "is podman better than docker": both sides must be sure names ("less than 5 ms" is no comparison).
  const than = tokens.indexOf('than');
  return than > 0 ? { sides: [tokens.slice(0, than), tokens.slice(than + 1)], strict: true } : null;
}

function comparisonSplit(
  tokens: string[],
  filler: ReadonlySet<string>,
  spacedV: boolean,
  openers: ReadonlySet<string> = new Set(),
): string[][] | null {
  const splitOn = (words: string[], seps: Set<string>): string[][] => {
    const parts: string[][] = [[]];
    for (const w of words) {
      if (seps.has(w)) parts.push([]);
      else parts[parts.length - 1]!.push(w);
    }
    return parts;
  };
  // A lone "v" separates only when typed as a word ("a v b"), not inside "Hyper-V".
  const vs = new Set(spacedV ? ['vs', 'versus', 'v'] : ['vs', 'versus']);
  if (tokens.some((t) => vs.has(t))) return splitOn(tokens, vs);
  const cmp = tokens.findIndex((t) => t === 'compare' || t === 'comparing' || t === 'compared');
  if (cmp >= 0) {
    const before = tokens.slice(0, cmp);
    const after = tokens.slice(cmp + 1);
    // "a compared to b" / "compare a and b" / "compare a with b"
    if (contentTokens(before).filter((t) => !filler.has(t)).length > 0 && after[0] && /^(to|with)$/.test(after[0])) {
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
  // "... what argo cd is or why we would not ...": an "or" that opens another clause separates nothing.
  const or = tokens.map((t, i) => (t === 'or' && !openers.has(tokens[i + 1] ?? '') ? i : -1)).filter((i) => i >= 0);
  if (or.length > 0) return [-1, ...or].map((at, k) => tokens.slice(at + 1, or[k] ?? tokens.length));
  if (tokens.includes('difference') || tokens.includes('differences')) return splitOn(tokens, new Set(['and']));
  return null;
}

function tryComparison(
  index: TermIndex,
  tokens: string[],
  opts: { list?: boolean; spacedV?: boolean } = {},
): { slugs: string[]; score: number } | null {
  const filler = index.lexicon.comparisonFiller;
  const found = comparisonSides(tokens, filler, opts.spacedV ?? true, index.lexicon.clauseOpeners);
  // "IaaS, PaaS, SaaS" / "rest, graphql and grpc" / "puppet and chef": a bare list is a comparison only if every item is a sure name.
  const listed =
    !found && (opts.list || tokens.includes('and'))
      ? tokens
          .join(' ')
          .split(' and ')
          .map((p) => p.split(' '))
      : null;
  const isA = found || listed ? null : isASides(index, tokens);
  const sides = found?.sides ?? listed ?? isA;
  if (!sides || sides.length < 2 || sides.length > 4) return null;
  // Lists and "is X better than Y" need sure names on every side; "X vs Y" may lean on the words around.
  const strict = listed !== null || found?.strict === true;
  const sure = (c: Candidate | null): c is Candidate => c !== null && c.score >= (strict ? T.listItem : T.compareSide);
  // A side of filler only ("X and Y, what's the difference") names nothing: it is dropped.
  const clean = sides.map((side) => side.filter((t) => !filler.has(t))).filter((side, i) => side.length > 0 || i === 0);
  if (clean.length < 2) return null;
  const first = clean[0]!;
  const last = clean[clean.length - 1]!;
  const resolved: (Candidate | null)[] = clean.map((words, i) => {
    let c = resolveSingle(index, words);
    // In a comparison a lone plain word names its side ("rolling vs blue green vs canary").
    if (c?.method === 'partial' && c.score === T.partialLoneWord) c = { ...c, score: T.partialUnique };
    // Shared words: "horizontal vs vertical scaling", "encryption at rest vs in transit".
    for (let n = 1; n <= 2 && !sure(c) && !strict; n++) {
      if (i < clean.length - 1 && last.length > n) c = resolveSingle(index, [...words, ...last.slice(-n)]);
      if (!sure(c) && i > 0 && first.length > n) c = resolveSingle(index, [...first.slice(0, n), ...words]);
    }
    return sure(c) ? c : null;
  });
  // A side that names one of the other sides' alternatives means that tool: "node vs deno" is
  // Node.js, "ansible vs chef vs salt" is SaltStack.
  const slugs: string[] = [];
  let score = 1;
  for (const [i, words] of clean.entries()) {
    const others = resolved.filter((c, j): c is Candidate => c !== null && j !== i).map((c) => c.slug);
    const alt = isA ? undefined : alternativeNamed(index, contentTokens(words), others);
    const c = resolved[i];
    const tools = others.every((o) => index.kb.terms.get(o)?.kind === 'tool');
    const slug = alt && (!c || (tools && index.kb.terms.get(c.slug)?.kind !== 'tool')) ? alt : c?.slug;
    if (!slug) return null;
    if (!slugs.includes(slug)) slugs.push(slug);
    score = Math.min(score, c && c.slug === slug ? c.score : T.compareSide);
  }
  return slugs.length >= 2 ? { slugs, score } : null;
}

/**
 * A question that surely asks to compare ("vs", "difference") but one of whose sides names nothing
 * we have: the terms of the sides we know (the closest first), else null. Not a comparison at all,
 * or every side known or unknown alike: null.
 */
function halfComparison(index: TermIndex, tokens: string[]): string[] | null {
  const { comparisonMarkers, comparisonFiller } = index.lexicon;
  if (!tokens.some((t) => comparisonMarkers.has(t))) return null;
  const sides = comparisonSplit(tokens, comparisonFiller, true);
  if (!sides || sides.length < 2) return null;
  const known: string[] = [];
  const typed: string[] = [];
  const unknown: string[][] = [];
  for (const side of sides) {
    const words = contentTokens(side.filter((t) => !comparisonFiller.has(t)));
    if (words.length === 0) continue;
    const c = resolveSingle(index, words);
    if (c && c.score >= T.compareSide && unexplained(index, c, words, words).length === 0) {
      known.push(c.slug);
      typed.push(...words);
    } else unknown.push(words);
  }
  // A side in the known term's own words, or built like the known side, is a part of it ("the ecs
  // task role and execution role"): the question is about the known term.
  const vocabulary = known.map((s) => index.vocabulary.get(s) ?? new Set<string>());
  const { genericWords } = index.lexicon;
  const part = (words: string[]): boolean =>
    words.some((w) => !genericWords.has(w) && typed.includes(w)) ||
    words.every((w) => genericWords.has(w) || vocabulary.some((v) => formOf(w, v)));
  const foreign = unknown.filter((words) => !part(words));
  return known.length > 0 && foreign.length > 0 ? unique(known) : null;
}

/** The alternative of one of `others` with a name that starts with `words` ("node" of Node.js beside Deno). */
function alternativeNamed(index: TermIndex, words: string[], others: string[]): string | undefined {
  if (words.length === 0 || others.length === 0) return undefined;
  const pool = new Set<string>();
  for (const o of others) {
    for (const a of index.kb.terms.get(o)?.alternatives ?? []) pool.add(a);
  }
  for (const t of index.kb.terms.values()) if (others.some((o) => t.alternatives.includes(o))) pool.add(t.slug);
  // The words must start one of its names ("node" of "Node.js"), not just occur in one ("api gateway" of Amazon API Gateway).
  const starts = (key: IndexedKey): boolean =>
    words.every((w, i) => key.tokens[i] === w || singularCandidates(w).includes(key.tokens[i] ?? ''));
  return index.keys.find((k) => pool.has(k.slug) && starts(k))?.slug;
}

/**
 * "is nginx a load balancer?", "is a cdn just a cache?", "is s3 object storage": a yes/no question
 * whose words split into exactly two names is a comparison of the two (issue 10).
 */
function isASides(index: TermIndex, tokens: string[]): string[][] | null {
  const { isAOpeners, isAFiller, kindNouns } = index.lexicon;
  if (!isAOpeners.has(tokens[0] ?? '')) return null;
  const rest = tokens.slice(1);
  // The words of a name, without "just a", and without a kind noun after it ("a monitoring tool").
  const name = (words: string[]): string[] | null => {
    const content = contentTokens(words.filter((w) => !isAFiller.has(w)));
    if (content.length === 0) return null;
    if (lookupExact(index, content)) return content;
    const bare = content.slice(0, -1);
    return bare.length > 0 && kindNouns.has(content[content.length - 1]!) && lookupExact(index, bare) ? bare : null;
  };
  for (let i = 1; i < rest.length; i++) {
    const left = name(rest.slice(0, i));
    const right = left && name(rest.slice(i));
    if (!left || !right) continue;
    const key = lookupExact(index, right)!;
    // Without "a"/"an" the second name must be the term's own ("is lambda serverless"), not an
    // adjective alias ("is dynamo eventually consistent?" asks about a property).
    const article = rest.slice(i).some((w) => isAFiller.has(w));
    if (lookupExact(index, left)!.slug !== key.slug && (article || key.source !== 'alias')) return [left, right];
  }
  return null;
}

/**
 * Suggestions for a miss: only names the query plausibly meant, a near spelling of the whole
 * query or a word built on a whole name ("kubeflow" ~ "kube"). None is better than an unrelated one.
 */
function noneSuggestions(index: TermIndex, content: string[]): string[] {
  const words = content.slice(0, T.fuzzyWindowTokens);
  const text = words.join(' ');
  const compact = words.join('');
  // "hey all", "idk": too little to suggest anything without looking silly.
  if (compact.length < 4 || !words.some((w) => w.length >= 4)) return [];
  const out: string[] = [];
  if (words.length <= T.fuzzySpanWords && compact.length <= 32) {
    index.fuse.setCollection(nearKeys(index, compact, T.nearKeys));
    // One typo more than an answer may have, from eight letters: close enough to ask "did you mean"
    // ("epoll" is two edits from "polly", too far for five letters).
    const max = typoBudget(compact.length) + (compact.length >= T.twoTyposFrom ? 1 : 0);
    for (const r of index.fuse.search(text, { limit: 12 })) {
      if (editDistance(compact, r.item.compact, max) <= max && plausibleTypo(words, r.item, true)) out.push(r.item.slug);
    }
  }
  const coined = words.filter((w) => w.length > T.stemSuggestionLetters && !isEnglishWord(w)).slice(0, 10);
  // A near spelling of a word that several names share ("proxi" ~ "proxy" of Reverse/Forward Proxy).
  for (const w of coined) {
    // A word of the larger dictionary is a word, two letters from another one no slip: "replication"
    // is not "application", "federation" not "generation".
    const budget = isCommonWord(w) ? Math.min(1, typoBudget(w.length)) : typoBudget(w.length);
    for (const [head, slugs] of index.heads) {
      // A word built on the shared word is another word ("kqueue" is not a queue).
      if (Math.abs(head.length - w.length) <= 1 && !w.includes(head) && editDistance(w, head, budget) <= budget)
        out.push(...[...slugs].sort(byPopularity(index)));
    }
  }
  for (const key of index.keys) {
    if (out.length >= 6 || coined.length === 0) break;
    if (key.tokens.length !== 1 || key.compact.length < T.stemSuggestionLetters) continue;
    if (coined.some((w) => w.startsWith(key.compact) || key.compact.startsWith(w))) out.push(key.slug);
  }
  return unique(out).slice(0, T.maxNoneSuggestions);
}

/**
 * The distinctive words of a short lookup that the hit does not account for. A word counts as
 * accounted for when it is part of the name the hit stands on or of another name beside it, of
 * the term's own names or summary ("kafka topics", "S3 buckets"), or a generic or tech word
 * ("what", "strategy", "apps"). A name typed in full leaves only its neighbours in doubt: "cache
 * warming" names something else, "why is cache invalidation so hard" does not. A shared word or a
 * typo must account for every word.
 */
function unexplained(index: TermIndex, c: Candidate, tokens: string[], content: string[]): string[] {
  const { genericWords, comparisonFiller, techHints, productHints } = index.lexicon;
  const aboutProduct = index.products.has(c.slug);
  // A tech word that is also an ordinary word ("state") is no generic word: "state management" is not IAM.
  const tech = (w: string): boolean => techHints.has(w) && !index.lexicon.ordinaryWords.has(w);
  const generic = (w: string): boolean =>
    genericWords.has(w) ||
    (aboutProduct && productHints.has(w)) ||
    comparisonFiller.has(w) ||
    tech(w) ||
    formOf(w, genericWords) ||
    formOf(w, index.techWords) ||
    nearGeneric(index, w) ||
    // An ambiguous name that can stand for the hit is its own name ("IdP in SSO", "IDP (internal developer platform)").
    index.ambiguous.get(w)?.includes(c.slug) === true;
  const later = laterClause(index, c, tokens);
  if (later.length > 0) return later;
  // A word several names share ("code", "data") explains no content word right beside it ("code
  // review", "system call", "fix forward"), only jargon of the term's summary ("object mapper").
  const shared = c.head === true;
  const beside = (w: string): boolean =>
    tokens.some((t, i) => t === w && (c.words.includes(tokens[i - 1] ?? '') || c.words.includes(tokens[i + 1] ?? '')));
  const distinctive = content.filter((w) => !generic(w) || (shared && beside(w) && !comparisonFiller.has(w)));
  if (distinctive.length > T.lookupWords) return [];
  const vocabulary = index.vocabulary.get(c.slug) ?? new Set<string>();
  const loose = distinctive.filter((w) => !c.words.includes(w) && !((!shared || !isEnglishWord(w)) && formOf(w, vocabulary)));
  // A misspelt product name in a sentence is still a product's name ("terrafrom state file").
  const misspeltProduct = c.method === 'fuzzy' && c.key !== undefined && productName(index, c.slug) && content.length >= T.sentenceWords;
  if (c.method !== 'exact' && c.method !== 'phrase' && !misspeltProduct) return loose;
  // The word after a name is the head of a compound ("cache warming", "hash ring"); the word before
  // narrows a one-word name ("consistent hashing", "l1 cache", "franz kafka"), unless the term's own
  // words account for it ("x509 certs"); a longer name keeps its meaning ("uncle bob's clean architecture").
  const doubtful = new Set<string>();
  const extra = new Set<string>();
  const keyWords = contentTokens(c.key?.tokens ?? []);
  const oneWord = keyWords.length === 1;
  // In a sentence, a product's name is a proper name: the words after it say what about it ("mongo
  // keeps eating ram", "celery workers stuck", "mongodb atlas pricing"); two words are a compound
  // that names something else ("git rebase", "snowflake schema"). A product is where, not what,
  // after "in": "how do I create a superuser in django".
  const product = productName(index, c.slug) && content.length >= T.sentenceWords;
  tokens.forEach((t, i) => {
    if (!c.words.includes(t)) return;
    const after = tokens[i + 1];
    const before = tokens[i - 1];
    // A facet noun after the name keeps its meaning ("CIDR notation", "crontab syntax", "consistent hashing ring").
    if (!product && after !== undefined && !c.words.includes(after) && !facet(index, c.words, after)) doubtful.add(after);
    if (before === undefined || c.words.includes(before) || !formOf(t, keyWords) || formOf(before, vocabulary)) return;
    if (oneWord) {
      // In a sentence a plain word before a product says something about it ("my last git commit");
      // an unknown one is another name ("franz kafka", "erlang otp").
      if (!(product && isEnglishWord(before))) doubtful.add(before);
      // "cpu cache", "cpu throttling": a hardware word before a one-word concept makes another thing.
      if (index.lexicon.narrowingWords.has(before) && !productName(index, c.slug)) extra.add(before);
    } else if (t === keyWords[0] && ((!isEnglishWord(before) && !/\d/.test(before)) || otherModifier(index, c.slug, keyWords, before)))
      doubtful.add(before); // "byzantine fault tolerance", "vertical pod autoscaler"
  });
  // "what is a heartbeat in distributed systems": after "what is", the word before "in/on/for <name>"
  // is the question's subject, the name only says where ("how do I prepare for ..." is no such subject).
  const first = tokens.findIndex((t) => c.words.includes(t));
  const place = tokens.findIndex((t, i) => i < first && index.lexicon.placePrepositions.has(t));
  const asks = index.lexicon.frameWords.has(tokens[0] ?? '');
  if (asks && place > 0 && !index.products.has(c.slug)) tokens.slice(0, place).forEach((t) => doubtful.add(t));
  return unique([...loose.filter((w) => doubtful.has(w)), ...extra, ...narrowedBy(index, c, tokens)]);
}

/**
 * The words right beside a name typed in full that make the pair a compound naming something else:
 * "session timeout", "network partition", "cluster autoscaler", "vpc flow logs", "soc 2" (issue 15).
 * A neighbour leaves no doubt when it is free (see `neighbourFree`) or when the card itself talks
 * about it ("network bandwidth": Bandwidth's card says "network"; "session cookie"). After a one-word
 * name a tech word is what it applies to ("idempotent endpoints"); in a lookup the compound runs
 * on over generic words to its head ("vpc flow logs"), which the card must use right there. A number
 * after a short abbreviation makes another name ("SOC 2") unless the card writes the pair ("TLS 1.3").
 * A longer name keeps its meaning ("read replica nodes", "uncle bob's clean architecture"): only
 * another term's name before it narrows it ("webhook signature verification"). Products have their
 * own rules (see `unexplained`).
 */
function narrowedBy(index: TermIndex, c: Candidate, tokens: readonly string[]): string[] {
  if (c.method !== 'phrase' || !c.key || index.products.has(c.slug)) return [];
  const span = nameSpan(index, c.slug, tokens);
  if (!span) return [];
  const [start, end] = span;
  const pairs = index.cardPairs.get(c.slug);
  const said = index.cardText.get(c.slug);
  const used = (a: string, b: string): boolean => pairs?.has(`${roughStem(a)} ${roughStem(b)}`) === true;
  const mentioned = (w: string): boolean => said?.has(roughStem(w)) === true;
  const number = (w: string): boolean => /^\d+$/.test(w);
  const free = (w: string): boolean => neighbourFree(index, c.slug, w);
  const oneWord = end - start === 1;
  const out: string[] = [];
  const before = tokens[start - 1];
  if (before !== undefined && !FILLER.has(before) && !free(before) && !used(before, tokens[start]!)) {
    const other = lookupExact(index, [before]);
    if (
      oneWord ? !mentioned(before) : other !== undefined && other.slug !== c.slug && !index.products.has(other.slug) && !mentioned(before)
    )
      out.push(before);
  }
  // A lookup, or "what is ..." about one: "how do we ... every year" runs on into the rest of a sentence.
  const lookup = !index.lexicon.openingWords.has(tokens[0] ?? '');
  // "soc", "l4": a short abbreviation, no English word.
  const name = tokens[start]!;
  const short = name.length < T.abbreviationLetters && !isEnglishWord(name);
  const tech = (w: string): boolean => formOf(w, index.lexicon.techHints);
  let prev = tokens[end - 1]!;
  for (let i = end; oneWord && i < tokens.length && !FILLER.has(tokens[i]!); i++) {
    const w = tokens[i]!;
    const first = i === end;
    const another = number(w) && first && short; // "soc 2"
    const ok = used(prev, w) || (!another && (free(w) || tech(w) || (first && (mentioned(w) || facet(index, [prev], w)))));
    if (!ok) {
      out.push(w);
      break;
    }
    if (!lookup) break;
    prev = w;
  }
  return out;
}

/**
 * A word beside a name that says nothing new: a filler or generic word (or a near spelling of one:
 * "patern"), the term's own word or ambiguous name, or a product's name that only says where ("k8s node").
 */
function neighbourFree(index: TermIndex, slug: string, w: string): boolean {
  const { genericWords, comparisonFiller } = index.lexicon;
  if (FILLER.has(w) || genericWords.has(w) || comparisonFiller.has(w) || formOf(w, genericWords) || nearGeneric(index, w)) return true;
  if (index.slugTokens.get(slug)?.has(w) === true || index.ambiguous.get(w)?.includes(slug) === true) return true;
  const other = lookupExact(index, [w]);
  return other !== undefined && (other.slug === slug || index.products.has(other.slug));
}

/** Where in `tokens` a name of `slug` stands, as [start, end) token positions: the longest run of content words naming it. */
function nameSpan(index: TermIndex, slug: string, tokens: readonly string[]): [number, number] | null {
  const raw = rawPositions(tokens);
  const content = raw.map((i) => tokens[i]!);
  for (let n = Math.min(index.longestPhrase + 1, content.length); n >= 1; n--) {
    for (let i = 0; i + n <= content.length; i++) {
      if (lookupExact(index, content.slice(i, i + n))?.slug === slug) return [raw[i]!, raw[i + n - 1]! + 1];
    }
  }
  return null;
}

/**
 * "whats a merkle tree and why does git use it": a question's subject is its first clause. A name
 * only in a later one ("... and why does git ...") is not what it asks about: the subject's own
 * words are what is missing. Empty when the name is in the first clause or there is no such split.
 */
function laterClause(index: TermIndex, c: Candidate, tokens: readonly string[]): string[] {
  const { frameWords, clauseOpeners, clauseJoins, genericWords } = index.lexicon;
  if (!frameWords.has(tokens[0] ?? '')) return [];
  const split = tokens.findIndex((t, i) => clauseJoins.has(t) && clauseOpeners.has(tokens[i + 1] ?? ''));
  const first = tokens.findIndex((t) => c.words.includes(t));
  if (split < 0 || first < split) return [];
  return contentTokens(tokens.slice(1, split)).filter((w) => !genericWords.has(w) && !frameWords.has(w));
}

/**
 * Does the term's full name put another word where the query has `before`? "vertical pod autoscaler"
 * is not Horizontal Pod Autoscaler, though "pod autoscaler" is one of its names.
 */
function otherModifier(index: TermIndex, slug: string, keyWords: readonly string[], before: string): boolean {
  return index.keys.some((k) => {
    if (k.slug !== slug) return false;
    const words = contentTokens(k.tokens);
    const at = words.length - keyWords.length - 1;
    return at >= 0 && keyWords.every((w, i) => words[at + 1 + i] === w) && !formOf(before, [words[at]!]);
  });
}

/** A product whose name is its own (a tool, or a concept tagged products): not a vendor ("aws direct connect"). */
function productName(index: TermIndex, slug: string): boolean {
  const t = index.kb.terms.get(slug);
  return t !== undefined && (t.kind === 'tool' || t.tags.includes('products'));
}

/** A misspelt generic word ("patern" for "pattern"): one typo, and not itself a word. */
function nearGeneric(index: TermIndex, word: string): boolean {
  if (word.length < T.oneTypoFrom + 1) return false;
  // The word list is consulted last: loading it costs more than a one-shot answer whose words are near no generic word.
  for (const g of [...index.lexicon.genericWords, ...FILLER])
    if (Math.abs(g.length - word.length) <= 1 && editDistance(word, g, 1) <= 1) return !isCommonWord(word); // "masking" is no "making"
  return false;
}

function noneResult(query: string, suggestions: string[], score: number, closest: boolean): MatchResult {
  return {
    query,
    kind: 'none',
    terms: [],
    comparison: null,
    suggestions: unique(suggestions).slice(0, T.maxNoneSuggestions),
    score: round(score),
    reason: 'no-match',
    ...(closest && suggestions.length > 0 ? { closest: true as const } : {}),
  };
}

/** Matches any text a person might type. Pure and total: never throws, whatever the input. */
export function matchQuery(index: TermIndex, input: unknown): MatchResult {
  const query = sanitize(input).trim();
  const tokens = tokenize(query);
  const words = contentTokens(tokens);
  if (words.length === 0) {
    const emptyBecause = !/[\p{L}\p{N}]/u.test(query)
      ? 'no-words'
      : tokens.length === 0 && query.split(/\s+/).some((w) => w.length > MAX_WORD_LENGTH)
        ? 'too-long'
        : undefined;
    return {
      query,
      kind: 'none',
      terms: [],
      comparison: null,
      suggestions: [],
      score: 0,
      reason: 'empty',
      ...(query && emptyBecause ? { emptyBecause } : {}),
    };
  }

  const compared = findComparison(index, query, tokens);
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
  const single =
    resolveSingle(index, tokens, ctx.caps) ??
    resolveSingle(
      index,
      tokens.filter((t) => !index.lexicon.comparisonFiller.has(t)),
      ctx.caps,
    );
  // "kafka vs pizza": a comparison whose other side names nothing is not answered with one side alone.
  // A name that is itself a comparison ("pets vs cattle", even misspelt) is no half of one.
  const wholeName = single?.coverage === 1 && single.key?.tokens.some((t) => index.lexicon.comparisonMarkers.has(t)) === true;
  const half = wholeName ? null : halfComparison(index, tokens);
  if (half) return { ...noneResult(query, half, T.unknownSide, true), unknownSide: true };
  if (!single) return noneResult(query, noneSuggestions(index, words), 0, false);
  // The name itself is in the query ("cache warming"): the closest thing, though not what was asked.
  const named = single.method === 'exact' || single.method === 'phrase';
  const missing = unexplained(index, single, tokens, words);
  const everyday = everydaySense(index, tokens, single.slug, single.key, nameEnd(tokens, single.words));
  if (single.score >= ACCEPT_SCORE && meant(index, ctx, single, words) && missing.length === 0 && !everyday) {
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
  // A word shared with a name ("loop" of Version Control) that leaves other words unexplained is no lead.
  const related = named || single.method === 'fuzzy' || missing.length === 0;
  const own = related ? [single.slug, ...(named || missing.length === 0 ? single.alternatives : [])] : [];
  return noneResult(query, [...own, ...noneSuggestions(index, words)], single.score, named && missing.length > 0);
}

/** A comparison as asked, else in another common phrasing ("diff b/w X and Y", "X/Y", "X and Y, what's the difference?"). */
function findComparison(index: TermIndex, query: string, tokens: string[]): { slugs: string[]; score: number } | null {
  const attempt = (text: string, toks = tokenize(text)): { slugs: string[]; score: number } | null =>
    tryComparison(index, text.includes(',') ? tokenize(text.replace(/,/g, ' and ')) : toks, {
      list: text.includes(','),
      spacedV: /(^|\s)v\.?(\s|$)/i.test(text),
    });
  const direct = attempt(query, tokens);
  if (direct) return direct;
  const rewritten = comparisonRewrite(query, index.lexicon);
  const text = rewritten ?? query;
  const found = (rewritten ? attempt(rewritten) : null) ?? (text.includes(',') ? clauseComparison(index, text) : null);
  if (found) return found;
  // "prometheus/grafana": a comparison only of two sure names, and only when the pair is no name itself ("CI/CD", "TCP/IP").
  const pair = slashPair(query);
  return pair && !lookupExact(index, contentTokens(tokens)) && !index.ambiguous.has(contentTokens(tokens).join(''))
    ? tryComparison(index, tokenize(pair), { list: true })
    : null;
}

/** One clause of a longer message asks for the comparison ("..., what is the difference between X and Y, we're trying to pick one"). */
function clauseComparison(index: TermIndex, text: string): { slugs: string[]; score: number } | null {
  for (const clause of commaClauses(text)) {
    const found = tryComparison(index, tokenize(clause), { spacedV: /(^|\s)v\.?(\s|$)/i.test(clause) });
    if (found) return found;
  }
  return null;
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
  // Two words are a lookup, not a sentence ("saga patern", "kafka topic"), unless the name is an
  // everyday word and the other word is too ("peas in a pod", "tip of the iceberg", "pass the salt").
  if (content.length <= 2)
    return (
      !(key && isEveryday(index, key)) ||
      hasContext(index, ctx, c.slug) ||
      content.some((w) => !c.words.includes(w) && lookupWord(index, c.slug, w, c.words))
    );
  // Three-letter abbreviations written in capitals (WAF, TLS) are deliberate; two letters (CA, DC) are often not.
  const deliberate = key?.caseSensitive && key.compact.length >= 3 && writtenInCaps(ctx, key);
  // Typos inside a sentence are guesses too ("flu injection" is not "fault injection").
  const risky =
    c.method === 'fuzzy' || c.method === 'partial' || (key !== undefined && (isEveryday(index, key) || key.caseSensitive) && !deliberate);
  const nameAt = ctx.tokens.findIndex((t) => c.words.includes(t));
  return !risky || hasContext(index, ctx, c.slug, key !== undefined && isEveryday(index, key), nameAt);
}

/**
 * A facet noun after a name as typed (`name`: "CIDR notation", "crontab syntax"): only says which side
 * of the thing is meant. Not after ordinary words: "hash ring" and "log format" may be other things.
 */
function facet(index: TermIndex, name: readonly string[], w: string): boolean {
  const { nameTails, ordinaryWords } = index.lexicon;
  return name.length > 0 && nameTails.has(w) && !name.every((t) => ordinaryWords.has(t));
}

/** Beside an everyday name, a word that makes two words a lookup: generic ("patern", "443", "used"), a facet ("syntax"), jargon, or tech evidence. */
function lookupWord(index: TermIndex, slug: string, w: string, name: readonly string[] = []): boolean {
  const { genericWords, comparisonFiller } = index.lexicon;
  return (
    genericWords.has(w) ||
    comparisonFiller.has(w) ||
    facet(index, name, w) ||
    nearGeneric(index, w) ||
    /\d/.test(w) ||
    !isCommonWord(w) ||
    evidence(index, slug, w)
  );
}

/** The curated comparison of exactly these terms, else the smallest one that covers them all ("LB vs reverse proxy" is inside "LB vs reverse proxy vs API gateway"). */
function curatedFor(index: TermIndex, slugs: string[]): string | null {
  const exact = index.comparisonBySet.get(comparisonSetKey(slugs));
  if (exact) return exact;
  let best: { slug: string; size: number } | null = null;
  for (const c of index.kb.comparisons.values()) {
    if (slugs.every((s) => c.compares.includes(s)) && (!best || c.compares.length < best.size))
      best = { slug: c.slug, size: c.compares.length };
  }
  return best?.slug ?? null;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
