import { compactKey, contentTokens, singularCandidates, tokenize } from '../text/normalize.js';
import type { Term } from './types.js';

export type KeySource = 'slug' | 'title' | 'alias';

export interface TermKey {
  /** The text as written in the knowledge file. */
  text: string;
  source: KeySource;
  /** Lowercase word tokens, filler included (for finding the key inside prose). */
  tokens: string[];
  /** Content tokens glued together: the exact-match key. */
  compact: string;
  /** Index in `aliases` when source is 'alias'. */
  aliasIndex?: number;
  /** Short all-caps abbreviations (CA, LB, CD) only count in prose when written in capitals. */
  caseSensitive: boolean;
}

/** "DNS (Domain Name System)" -> ["DNS (Domain Name System)", "DNS", "Domain Name System"]. */
export function titleVariants(title: string): string[] {
  const out = [title];
  const m = /^(.*?)\s*\(([^)]+)\)\s*(.*)$/.exec(title);
  if (m) {
    const outside = `${m[1]} ${m[3]}`.trim();
    if (outside) out.push(outside);
    out.push(m[2]!.trim());
  }
  return out;
}

function makeKey(text: string, source: KeySource, aliasIndex?: number): TermKey | null {
  const tokens = tokenize(text);
  const compact = compactKey(contentTokens(tokens));
  if (!compact) return null;
  const bare = text.replace(/[^A-Za-z0-9]/g, '');
  const caseSensitive = bare.length <= 4 && /^[A-Z0-9]+$/.test(bare) && /[A-Z]/.test(bare);
  return { text, source, tokens, compact, caseSensitive, ...(aliasIndex === undefined ? {} : { aliasIndex }) };
}

type Named = Pick<Term, 'slug' | 'title' | 'aliases'>;

/**
 * Keys computed ahead of time (the knowledge snapshot stores them: tokenizing every name is most of the
 * matcher's start-up). Each is kept with the names it was computed from and only used while they match.
 */
const primed = new WeakMap<object, { names: NamesSeen; keys: TermKey[] | (() => TermKey[]) }>();

/**
 * What the keys were computed from, compared by identity (no string building: the check runs for every
 * term on every cold start): the loader replaces `aliases` with a new array when it drops one, and a
 * change made in place changes its length or an element.
 */
interface NamesSeen {
  slug: string;
  title: string;
  aliases: readonly string[];
  copy: readonly string[];
}
const namesOf = (term: Named): NamesSeen => ({ slug: term.slug, title: term.title, aliases: term.aliases, copy: [...term.aliases] });
const sameNames = (seen: NamesSeen, term: Named): boolean =>
  seen.slug === term.slug &&
  seen.title === term.title &&
  seen.aliases === term.aliases &&
  seen.copy.length === term.aliases.length &&
  seen.copy.every((a, i) => a === term.aliases[i]);

/**
 * Records keys computed earlier (by `termKeys`, e.g. in a snapshot) for this term object; a function
 * gives them when first asked (a snapshot decodes a term's keys only when something needs them).
 */
export function primeTermKeys(term: Named, keys: TermKey[] | (() => TermKey[])): void {
  primed.set(term, { names: namesOf(term), keys });
}

/** Every way a term can be named: slug, title and its parts, aliases. Deduplicated by compact key. */
export function termKeys(term: Named): TermKey[] {
  const ready = primed.get(term);
  if (ready && sameNames(ready.names, term)) {
    if (typeof ready.keys === 'function') ready.keys = ready.keys();
    return ready.keys;
  }
  const keys: TermKey[] = [];
  const seen = new Set<string>();
  const add = (k: TermKey | null): void => {
    if (k && !seen.has(k.compact)) {
      seen.add(k.compact);
      keys.push(k);
    }
  };
  add(makeKey(term.slug, 'slug'));
  for (const t of titleVariants(term.title)) add(makeKey(t, 'title'));
  term.aliases.forEach((a, i) => add(makeKey(a, 'alias', i)));
  // Remembered for this object (checked against its names, so an edited card is computed again): the
  // load's checks and the matcher's index both ask for every term's keys.
  primed.set(term, { names: namesOf(term), keys });
  return keys;
}

/**
 * The exact names of a knowledge base, as the matcher's index looks them up: each compact name with
 * the term (slug) and which of its keys (index in `termKeys`) it is. The first term in order keeps a
 * name two claim (the linter reports the collision, the server must still answer); one-letter names
 * ("S" of a split abbreviation) are left out, as they would match noise. After every real name come
 * the singular forms of plural ones ("microservices" -> "microservice"), so they never shadow a
 * name ("https" must not take "http"). Parallel arrays: the snapshot stores them as they are.
 */
export interface NameTable {
  compacts: string[];
  slugs: string[];
  keyIndexes: number[];
  /** The first `real` entries are the terms' own names; the rest are singular forms. */
  real: number;
}

export function buildNameTable(terms: Iterable<Named>): NameTable {
  const table: NameTable = { compacts: [], slugs: [], keyIndexes: [], real: 0 };
  const taken = new Set<string>();
  const lastTokens: string[] = [];
  const add = (compact: string, slug: string, keyIndex: number): void => {
    taken.add(compact);
    table.compacts.push(compact);
    table.slugs.push(slug);
    table.keyIndexes.push(keyIndex);
  };
  for (const term of terms) {
    termKeys(term).forEach((k, i) => {
      if (k.compact.length < 2 || taken.has(k.compact)) return;
      add(k.compact, term.slug, i);
      lastTokens.push(k.tokens[k.tokens.length - 1] ?? '');
    });
  }
  table.real = table.compacts.length;
  for (let e = 0; e < table.real; e++) {
    const last = lastTokens[e]!;
    const compact = table.compacts[e]!;
    if (!last) continue;
    for (const single of singularCandidates(last)) {
      const form = compact.slice(0, compact.length - last.length) + single;
      if (single.length >= 3 && !taken.has(form)) add(form, table.slugs[e]!, table.keyIndexes[e]!);
    }
  }
  return table;
}

/** Name tables computed ahead of time (the snapshot stores its knowledge base's), by knowledge base object. */
const tables = new WeakMap<object, NameTable>();

/** Records the name table of a knowledge base that is never changed after (a snapshot's). */
export function primeNameTable(kb: object, table: NameTable): void {
  tables.set(kb, table);
}

/** The knowledge base's name table: the primed one, else computed (and kept for that object). */
export function nameTableOf(kb: { terms: ReadonlyMap<string, Named> }): NameTable {
  let table = tables.get(kb);
  if (!table) tables.set(kb, (table = buildNameTable(kb.terms.values())));
  return table;
}
