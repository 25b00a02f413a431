/**
 * The plain-summary rule (issue 14): the first sentence of a summary is a definition a junior engineer
 * understands on first read, so it is short and does not pack a list of three or more items.
 */

/** Words the first sentence may have; a second sentence (why it matters) is free within the 200 characters. */
export const FIRST_SENTENCE_MAX_WORDS = 25;

/** The first sentence: up to the first `.`, `?` or `!` followed by a space or the end (not "e.g." or "vs."). */
export function firstSentence(summary: string): string {
  const m = /(?<!\be\.g|\bi\.e|\bvs|\betc)[.?!](?=\s|$)/.exec(summary);
  return m ? summary.slice(0, m.index + 1) : summary;
}

export function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

// A list is "A, B and C" or "A, B, or C" (items of up to four words), or "A, B, C, D" with short items
// and no conjunction (four or more, so that "machines, called nodes, run as one" stays a clause).
const WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}\-/.'+#&]*`;
const ITEM = String.raw`${WORD}(?: ${WORD}){0,3}`;
const SHORT = String.raw`${WORD}(?: ${WORD})?`;
// A clause after a comma ("rules, such as A or B"; "files, who made it and why") is not a list item.
const CLAUSE = String.raw`(?!(?:such|which|who|whose|so|for|with|within|in|at|by|from|to|that|where|when|while|because|but|as|like|including|usually|often|then|if|without|instead|letting|giving|making|ideally|typically|mainly|mostly|especially|even|and|or)\b)`;
const LIST_SOURCE = String.raw`${ITEM}, ${CLAUSE}${ITEM},? (?:and|or) ${ITEM}|(?<![\p{L}\p{N}] )(?:${SHORT}, ){3,}${SHORT}(?![\p{L}\p{N}])`;
// Compiled on first use: building this Unicode-aware pattern costs milliseconds, and an answer (which imports
// `firstSentence` from here) never lints.
let list: RegExp | undefined;

/** A list of three or more items in a sentence, or undefined. */
export function listOfThree(sentence: string): string | undefined {
  return (list ??= new RegExp(LIST_SOURCE, 'u')).exec(sentence)?.[0];
}

/** Why a summary breaks the plain-summary rule, or undefined when it is fine. */
export function firstSentenceProblem(summary: string): string | undefined {
  const first = firstSentence(summary);
  const words = wordCount(first);
  if (words > FIRST_SENTENCE_MAX_WORDS)
    return `first sentence has ${words} words (at most ${FIRST_SENTENCE_MAX_WORDS}: a definition a newcomer reads at once)`;
  const list = listOfThree(first);
  if (list) return `first sentence lists three or more items ("${list}"): define the term, list examples later`;
  return undefined;
}
