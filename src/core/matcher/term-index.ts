import { createRequire } from 'node:module';
import type Fuse from 'fuse.js';
import { nameTableOf, termKeys, type TermKey } from '../knowledge/term-keys.js';
import type { Lexicon } from '../knowledge/lexicon.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { isEnglishWord } from '../text/english.js';
import { compactKey, contentTokens, roughStem, singularCandidates, tokenize } from '../text/normalize.js';
import { THRESHOLDS } from './thresholds.js';

export interface IndexedKey extends TermKey {
  slug: string;
  /** Content tokens joined with spaces: what Fuse searches. */
  spaced: string;
}

/** Everything the matcher needs, precomputed once per knowledge base. */
export interface TermIndex {
  kb: KnowledgeBase;
  /** The general word lists (knowledge/lexicon.yml). */
  lexicon: Lexicon;
  /** Slugs of cards flagged `everyday: true`: their one-word names are ordinary words. */
  readonly everydaySlugs: ReadonlySet<string>;
  /** Ordinary words: the lexicon's, plus the one-word names of everyday cards. No evidence of tech talk. */
  readonly ordinaryWords: ReadonlySet<string>;
  /** compact key -> key (exact hits). */
  exact: ExactNames;
  /** raw token sequence ("infrastructure as code") -> key, for finding terms inside prose. */
  readonly phrases: Map<string, IndexedKey>;
  readonly longestPhrase: number;
  /** every token of every key -> slugs whose keys contain it (for plural/stem look-ups). */
  readonly tokenSlugs: Map<string, Set<string>>;
  /** tokens of slugs and titles (not aliases) -> slugs: the words a partial query may stand on. */
  readonly titleTokens: Map<string, Set<string>>;
  /** first and last words of multi-word slugs and titles ("proxy" of "Reverse Proxy", "encryption" of "Encryption at Rest") -> slugs: what an ambiguous word names. */
  readonly heads: Map<string, Set<string>>;
  readonly keys: IndexedKey[];
  readonly fuse: Fuse<IndexedKey>;
  /** Keys by first letter of their compact form: the candidates for typos inside longer text. */
  readonly byInitial: Map<string, IndexedKey[]>;
  /** Letter pairs -> keys containing them: a cheap first cut before fuzzy scoring. */
  readonly bigrams: Map<string, IndexedKey[]>;
  /** How often other entries point at a term: a data-driven tie-breaker for ambiguous words. */
  readonly popularity: Map<string, number>;
  /** sorted compared slugs ("a|b") -> comparison slug. */
  readonly comparisonBySet: Map<string, string>;
  /** slug -> every word of every name of that term (computed per slug on first use). */
  slugTokens: SlugWords;
  /** slug -> the words of its summary (and its names): what a lookup may add to a name and still mean that term ("kafka topics"). */
  vocabulary: SlugWords;
  /** compact name -> slugs for names that stand for several terms ("cd", "cicd"), best first. */
  readonly ambiguous: Map<string, string[]>;
  /**
   * slug -> the pairs of neighbouring words (rough stems, "cluster autoscal") in the card's names and
   * text: the compounds the card itself uses, so "cluster autoscaler" is a narrowing Autoscaling knows.
   */
  cardPairs: SlugWords;
  /** slug -> every word of the card's names and text, as rough stems: what the card talks about ("network" in Bandwidth). */
  cardText: SlugWords;
  /** Slugs sorted by popularity, then title: the default order for browsing. */
  readonly byPopularity: string[];
  /**
   * Tools: the jargon of the card's own text (summary and sections): words that are no common
   * English word ("kubectl", "dsn", "promql"). A sentence that uses them is about the tool.
   */
  cardWords: SlugWords;
  /** Tech hints that are no ordinary words ("kubernetes", not "state"): generic beside any name. */
  readonly techWords: ReadonlySet<string>;
  /** Products: tool cards, and concept cards tagged `products` or `vendors` (Kafka, Docker, AWS). A product's name is a proper name. */
  readonly products: ReadonlySet<string>;
}

/** Exact look-up by compact name (the names and their singular forms); keys are made when first met. */
export interface ExactNames {
  get(compact: string): IndexedKey | undefined;
  has(compact: string): boolean;
}

/** Words per slug, computed for a slug when first asked: a one-shot answer needs one or two of them. */
export interface SlugWords {
  get(slug: string): ReadonlySet<string> | undefined;
}

/** A per-slug memo over `make` (undefined for unknown slugs, as a Map would say). */
function slugWords(make: (slug: string) => ReadonlySet<string> | undefined): SlugWords {
  const memo = new Map<string, ReadonlySet<string> | undefined>();
  return {
    get(slug) {
      if (!memo.has(slug)) memo.set(slug, make(slug));
      return memo.get(slug);
    },
  };
}

/** Shorter words of a card's text say nothing about what it is about. */
const CARD_WORD_LETTERS = 4;

/** Concept cards with one of these tags name a product or vendor, like a tool card does. */
const PRODUCT_TAGS = new Set(['products', 'vendors']);

export function comparisonSetKey(slugs: readonly string[]): string {
  return [...new Set(slugs)].sort().join('|');
}

/**
 * Fuse.js, loaded when a typo is first scored: an answer to a name never needs it, and a one-shot CLI
 * answer would otherwise load and compile its 50 KB on every start. Its CommonJS build is loaded
 * synchronously, so the matcher stays synchronous.
 */
const fuseClass = lazy(() => createRequire(import.meta.url)('fuse.js') as typeof Fuse);

/** A value computed on first use, then kept. */
function lazy<T>(make: () => T): () => T {
  let value: T;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

/**
 * The index. Only the exact names are built up front: a one-shot CLI answer to a name ("explain
 * load-balancer") needs little else, and building the rest (phrases, word maps, popularity, the
 * fuzzy candidates) costs a cold process tens of milliseconds. Each of those parts is built whole on
 * first use, so a running bot pays once and every query after sees the same index.
 */
export function buildIndex(kb: KnowledgeBase): TermIndex {
  // The exact names (a snapshot brings them ready): a key object is made when a look-up first meets it.
  const table = nameTableOf(kb);
  const entryOf = new Map<string, number>();
  for (let e = 0; e < table.compacts.length; e++) entryOf.set(table.compacts[e]!, e);
  const made: (IndexedKey | undefined)[] = [];
  /** The key of a real entry (one of the first `table.real`), made once. */
  const keyAt = (e: number): IndexedKey => {
    const known = made[e];
    if (known) return known;
    const slug = table.slugs[e]!;
    const k = termKeys(kb.terms.get(slug)!)[table.keyIndexes[e]!]!;
    // Field by field, not a spread: copying thousands of keys by spread costs a cold start tens of ms.
    const key: IndexedKey = {
      text: k.text,
      source: k.source,
      tokens: k.tokens,
      compact: k.compact,
      caseSensitive: k.caseSensitive,
      aliasIndex: k.aliasIndex,
      slug,
      spaced: k.tokens.join(' '),
    };
    made[e] = key;
    return key;
  };
  /** A singular form's entry names the same key as the real entry of that key's own name. */
  const realEntry = (e: number): number =>
    e < table.real ? e : entryOf.get(termKeys(kb.terms.get(table.slugs[e]!)!)[table.keyIndexes[e]!]!.compact)!;
  const exact: ExactNames = {
    get(compact) {
      const e = entryOf.get(compact);
      return e === undefined ? undefined : keyAt(realEntry(e));
    },
    has: (compact) => entryOf.has(compact),
  };
  const keys = lazy(() => Array.from({ length: table.real }, (_, e) => keyAt(e)));
  /** A term's keys as the index has them (names another term took first are not its). */
  const keysOf = (slug: string): IndexedKey[] => {
    const term = kb.terms.get(slug);
    const out: IndexedKey[] = [];
    if (!term) return out;
    for (const k of termKeys(term)) {
      const e = entryOf.get(k.compact);
      if (e !== undefined && e < table.real && table.slugs[e] === slug) out.push(keyAt(e));
    }
    return out;
  };

  const addTo = (map: Map<string, Set<string>>, token: string, slug: string): void => {
    let set = map.get(token);
    if (!set) map.set(token, (set = new Set()));
    set.add(slug);
  };
  const phrases = lazy(() => {
    const map = new Map<string, IndexedKey>();
    let longest = 1;
    for (const key of keys()) {
      if (!map.has(key.spaced)) map.set(key.spaced, key);
      longest = Math.max(longest, key.tokens.length);
    }
    return { map, longest };
  });
  const tokenSlugs = lazy(() => {
    const map = new Map<string, Set<string>>();
    for (const key of keys()) for (const t of key.tokens) addTo(map, t, key.slug);
    return map;
  });
  const names = lazy(() => {
    const titleTokens = new Map<string, Set<string>>();
    const heads = new Map<string, Set<string>>();
    for (const key of keys()) {
      if (key.source === 'alias') continue;
      const content = contentTokens(key.tokens);
      for (const t of content) addTo(titleTokens, t, key.slug);
      if (content.length > 1) {
        addTo(heads, content[0]!, key.slug);
        addTo(heads, content[content.length - 1]!, key.slug);
      }
    }
    return { titleTokens, heads };
  });

  const links = lazy(() => {
    const popularity = new Map<string, number>([...kb.terms.keys()].map((s) => [s, 0]));
    const bump = (s: string, by: number): void => {
      if (popularity.has(s)) popularity.set(s, popularity.get(s)! + by);
    };
    // Inbound related links measure how central a term is; contrasts go both ways, so they say nothing.
    for (const t of kb.terms.values()) t.related.forEach((s) => bump(s, 1));
    const comparisonBySet = new Map<string, string>();
    for (const c of kb.comparisons.values()) {
      comparisonBySet.set(comparisonSetKey(c.compares), c.slug);
      c.compares.forEach((s) => bump(s, 2));
    }
    return { popularity, comparisonBySet };
  });

  // Fuse.js scores typo candidates; its collection is the handful of keys `nearKeys` picks per query.
  const fuse = lazy(
    () =>
      new (fuseClass())<IndexedKey>([], {
        keys: ['spaced'],
        includeScore: true,
        threshold: THRESHOLDS.fuseThreshold,
        ignoreLocation: true,
        minMatchCharLength: 2,
        shouldSort: true,
      }),
  );

  const ambiguous = lazy(() => {
    const map = new Map<string, string[]>();
    for (const [name, slugs] of kb.ambiguous ?? []) {
      const compact = compactKey(contentTokens(tokenize(name)));
      const present = slugs.filter((s) => kb.terms.has(s));
      if (compact && present.length > 0 && !exact.has(compact)) map.set(compact, present);
    }
    return map;
  });

  const slugTokens = slugWords((slug) => {
    const own = keysOf(slug);
    return own.length > 0 ? new Set(own.flatMap((k) => k.tokens)) : undefined;
  });
  const vocabulary = slugWords((slug) => {
    const term = kb.terms.get(slug);
    if (!term) return undefined;
    const words = new Set([...(slugTokens.get(slug) ?? []), ...tokenize(term.summary)]);
    // Names split by punctuation are typed glued too: "X.509 certificate" -> "x509".
    for (const key of keysOf(slug)) {
      for (let i = 0; i + 1 < key.tokens.length; i++) words.add(key.tokens[i]! + key.tokens[i + 1]!);
    }
    return words;
  });

  // loadKnowledge attaches the folder's lexicon.yml or the bundled one; parsing it here would put the YAML
  // and schema libraries on the path of every one-shot CLI answer.
  const lexicon = kb.lexicon;
  if (!lexicon) throw new Error('buildIndex: the knowledge base has no lexicon (loadKnowledge attaches one)');
  const everyday = lazy(() => {
    const slugs = new Set([...kb.terms.values()].filter((t) => t.everyday).map((t) => t.slug));
    const words = new Set(lexicon.ordinaryWords);
    for (const slug of slugs) {
      for (const key of keysOf(slug)) {
        const content = contentTokens(key.tokens);
        if (content.length === 1) words.add(content[0]!);
      }
    }
    return { slugs, words };
  });

  const cardWords = slugWords((slug) => {
    const term = kb.terms.get(slug);
    if (term?.kind !== 'tool') return undefined;
    const words = new Set<string>();
    const ordinary = everyday().words;
    for (const w of tokenize([term.summary, ...term.sections.map((sec) => sec.body)].join(' '))) {
      // Only jargon: a plain English word of the card ("store", "real", "place") is just as likely everyday talk.
      if (w.length < CARD_WORD_LETTERS || isEnglishWord(w) || lexicon.genericWords.has(w) || ordinary.has(w)) continue;
      words.add(w);
      for (const form of singularCandidates(w)) words.add(form);
    }
    return words;
  });
  // Names and sentences one at a time: the last word of one is no neighbour of the next one's first.
  const cardSentences = (slug: string): string[][] | undefined => {
    const term = kb.terms.get(slug);
    if (!term) return undefined;
    const texts = [term.summary, ...term.sections.map((sec) => sec.body)].flatMap((t) => t.split(/[.;:!?\n]+\s/));
    return [...keysOf(slug).map((k) => k.text), ...texts].map((t) => tokenize(t).map(roughStem));
  };
  const cardPairs = slugWords((slug) => {
    const pairs = new Set<string>();
    for (const words of cardSentences(slug) ?? []) for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]} ${words[i + 1]}`);
    return pairs;
  });
  const cardText = slugWords((slug) => new Set((cardSentences(slug) ?? []).flat()));
  const techWords = lazy(() => new Set([...lexicon.techHints].filter((w) => !everyday().words.has(w))));
  const products = lazy(
    () => new Set([...kb.terms.values()].filter((t) => t.kind === 'tool' || t.tags.some((g) => PRODUCT_TAGS.has(g))).map((t) => t.slug)),
  );
  const byInitial = lazy(() => groupBy(keys(), (key) => [key.compact[0]!]));
  const bigrams = lazy(() => groupBy(keys(), (key) => new Set(letterPairs(key.compact))));
  const byPopularity = lazy(() => {
    const { popularity } = links();
    return [...kb.terms.values()]
      .sort((a, b) => popularity.get(b.slug)! - popularity.get(a.slug)! || a.title.localeCompare(b.title))
      .map((t) => t.slug);
  });

  return {
    kb,
    lexicon,
    exact,
    get keys() {
      return keys();
    },
    cardWords,
    cardPairs,
    cardText,
    slugTokens,
    vocabulary,
    get techWords() {
      return techWords();
    },
    get products() {
      return products();
    },
    get everydaySlugs() {
      return everyday().slugs;
    },
    get ordinaryWords() {
      return everyday().words;
    },
    get ambiguous() {
      return ambiguous();
    },
    get phrases() {
      return phrases().map;
    },
    get longestPhrase() {
      return phrases().longest;
    },
    get tokenSlugs() {
      return tokenSlugs();
    },
    get titleTokens() {
      return names().titleTokens;
    },
    get heads() {
      return names().heads;
    },
    get fuse() {
      return fuse();
    },
    get popularity() {
      return links().popularity;
    },
    get comparisonBySet() {
      return links().comparisonBySet;
    },
    get byInitial() {
      return byInitial();
    },
    get bigrams() {
      return bigrams();
    },
    get byPopularity() {
      return byPopularity();
    },
  };
}

/** Each key under every group name `names` gives it, in key order. */
function groupBy(keys: readonly IndexedKey[], names: (key: IndexedKey) => Iterable<string>): Map<string, IndexedKey[]> {
  const out = new Map<string, IndexedKey[]>();
  for (const key of keys) {
    for (const name of names(key)) {
      const list = out.get(name);
      if (list) list.push(key);
      else out.set(name, [key]);
    }
  }
  return out;
}

/** A token as the index knows it: itself, or a singular/stem form that the index contains. */
export function knownForm(index: TermIndex, token: string): string {
  if (index.tokenSlugs.has(token)) return token;
  for (const c of singularCandidates(token)) if (index.tokenSlugs.has(c)) return c;
  return token;
}

/** Exact lookup of a compact key, trying singular forms of the whole and of each token. */
export function lookupExact(index: TermIndex, tokens: readonly string[]): IndexedKey | undefined {
  if (tokens.length === 0) return undefined;
  const compact = tokens.join('');
  const direct = index.exact.get(compact);
  if (direct) return direct;
  const forms = tokens.map((t) => knownForm(index, t)).join('');
  const byForms = index.exact.get(forms);
  if (byForms) return byForms;
  for (const c of singularCandidates(compact)) {
    const hit = index.exact.get(c);
    if (hit) return hit;
  }
  return undefined;
}

export function letterPairs(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) out.push(text.slice(i, i + 2));
  return out;
}

/** The keys sharing the most letter pairs with `text` (and of a similar length): fuzzy candidates. */
export function nearKeys(index: TermIndex, text: string, limit: number): IndexedKey[] {
  const shared = new Map<IndexedKey, number>();
  for (const g of new Set(letterPairs(text))) {
    for (const key of index.bigrams.get(g) ?? []) {
      if (Math.abs(key.compact.length - text.length) <= 3) shared.set(key, (shared.get(key) ?? 0) + 1);
    }
  }
  // A transposition breaks up to three pairs, so ask for only a third of them.
  const needed = Math.max(1, Math.floor((text.length - 1) / 3));
  return [...shared.entries()]
    .filter(([, n]) => n >= needed)
    .sort((a, b) => b[1] - a[1] || Math.abs(a[0].compact.length - text.length) - Math.abs(b[0].compact.length - text.length))
    .slice(0, limit)
    .map(([k]) => k);
}
