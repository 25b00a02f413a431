import { FILLER } from '../text/normalize.js';
import { evidence, isEveryday } from './context.js';
import type { IndexedKey, TermIndex } from './term-index.js';

/**
 * Is a name that is also an everyday word used in its everyday sense here (finding 2 of the second
 * probe)? The words right after it say so, unless the sentence asks about something:
 * - part of an everyday thing: "that's the kernel of the idea", "the helm of the ship", and for any
 *   product (a proper name is no part of a plain thing) "the redshift of distant galaxies";
 * - done to someone's own things: "I need to throttle my spending";
 * - an everyday product name that starts another everyday thing: "express delivery is expensive";
 * - a product named before a person's work: "the kafka novel we read in school".
 * A tech word there keeps the term: "the kernel of linux", "throttle my api", "express middleware".
 * `end`: the position in `tokens` right after the name.
 */
export function everydaySense(
  index: TermIndex,
  tokens: readonly string[],
  slug: string,
  key: IndexedKey | undefined,
  end: number,
): boolean {
  const { frameWords, openingWords, partOfWords, personalWords, ordinaryWords, workWords } = index.lexicon;
  // A question ("what is...", "how do I...") asks about the term.
  if (end <= 0 || tokens.some((t) => frameWords.has(t)) || openingWords.has(tokens[0] ?? '')) return false;
  const next = tokens[end];
  if (next === undefined) return false;
  const tool = index.kb.terms.get(slug)?.kind === 'tool';
  // The term's own words are no everyday thing either ("the kernel of linux": Linux kernel).
  const plain = (w: string | undefined): boolean =>
    w === undefined || !(evidence(index, slug, w, tool) || index.slugTokens.get(slug)?.has(w) === true);
  const everyday = key !== undefined && isEveryday(index, key);
  if (partOfWords.has(next)) {
    const tail = tokens.slice(end + 1).filter((t) => !FILLER.has(t));
    // An everyday name as part of a plain thing: "the kernel of the idea", "the helm of the ship".
    if (everyday) return plain(tail[0]);
    // Any product name, only when nothing after "of" is tech talk: "the redshift of distant galaxies",
    // but "the redis of our stack", "the jenkins of our ci" mean the product.
    const techTalk = (w: string): boolean =>
      !plain(w) || index.techWords.has(w) || index.lexicon.genericWords.has(w) || index.tokenSlugs.has(w);
    if (index.products.has(slug)) return tail.length > 0 && !tail.some(techTalk);
  }
  if (personalWords.has(next)) return plain(tokens[end + 1]);
  // A product named before a work ("the kafka novel") is its author's name: a proper name, not the software.
  if (index.products.has(slug) && workWords.has(next)) return plain(next);
  // Only a word that sits inside longer names ("delivery", "pipeline"): "docker still", "prometheus running" say something about the product.
  return everyday && index.products.has(slug) && ordinaryWords.has(next) && plain(next);
}

/** The position in `tokens` right after the name made of `words`, found from its first word; -1 when not found. */
export function nameEnd(tokens: readonly string[], words: readonly string[]): number {
  let i = tokens.findIndex((t) => words.includes(t));
  if (i < 0) return -1;
  while (i < tokens.length && words.includes(tokens[i]!)) i++;
  return i;
}
