/**
 * Every number the matcher decides with, in one place. Scores are confidences 0..1 that the
 * answer is what the person meant; the eval (test/eval) and `npm run bench` measure the effect
 * of any change here.
 */
export const THRESHOLDS = {
  /** Below this confidence the matcher says "none" rather than risk a wrong answer. */
  accept: 0.5,
  /** Each side of a comparison must be at least this sure. */
  compareSide: 0.6,
  /** "kafka vs pizza": the confidence of the "none" that offers the known side (below `accept`: never an answer). */
  unknownSide: 0.4,
  /** "prometheus/grafana" compares two names of at least this many letters each; shorter ones joined by a slash are one name ("TCP/IP", "CI/CD", "PL/SQL"). */
  slashPairLetters: 4,
  /** A bare list ("IaaS, PaaS, SaaS") is a comparison only when every item is this sure (a name, not a guess). */
  listItem: 0.95,
  /** Fuzzy search looks at no more than this many words of a long message. */
  fuzzyWindowTokens: 40,
  /** Runs of up to this many words inside a question are tried as a misspelt name. */
  fuzzySpanWords: 4,
  /** At most this many alternatives or suggestions travel with an answer. */
  maxSuggestions: 5,
  /** At most this many suggestions travel with a "none". */
  maxNoneSuggestions: 3,
  /** A query of at most this many distinctive words is a lookup of one thing: every word must be accounted for. */
  lookupWords: 3,
  /** A query of at least this many content words is a sentence about a product named in it, not a compound name ("git rebase"). */
  sentenceWords: 3,
  /** Typo budget, as Algolia and Meilisearch count it: one typo from this many letters... */
  oneTypoFrom: 4,
  /** ...two from this many... */
  twoTyposFrom: 8,
  /** ...and three only for long, multi-word names (a typo in each of three words). */
  threeTyposFrom: 12,
  /** However long, one misspelt word of a longer name may carry at most this many typos. */
  typosPerWord: 2,
  /** A word this short with no vowel is an abbreviation ("crdb", "grpc"): typed on purpose, never a typo. */
  abbreviationLetters: 5,
  /** Inside a longer sentence a misspelt word must have at least this many letters ("sing" is not "sign"). */
  inSentenceTypoLetters: 6,
  /** The one word shared by exactly one name ("balancer"): a sure partial hit. */
  partialUnique: 0.75,
  /** A lone plain English word that is only part of a longer name ("time", "command"): a closest match, below `accept`. */
  partialLoneWord: 0.45,
  /** A word shared by several names ("proxy"): the likeliest one, with the others offered. */
  partialShared: 0.62,
  /** The most specific shared word among other words ("types of storage"). */
  partialHead: 0.58,
  /** A name listed in ambiguous.yml ("CD"): the first term, the others offered. */
  ambiguousName: 0.62,
  /** A name inside the words: base score, plus `phrasePerCoverage` times the share of words it covers. */
  phraseBase: 0.55,
  phrasePerCoverage: 0.4,
  /** A misspelt name: base score, plus `fuzzyPerQuality` times the similarity (0..1). */
  fuzzyBase: 0.35,
  fuzzyPerQuality: 0.55,
  /** Fuzzy similarity weighs the share of words the misspelt name covers this much (the rest is the letters). */
  fuzzyCoverageWeight: 0.3,
  /** Fuse.js (bitap) threshold when it ranks typo candidates (0 = exact, 1 = anything). */
  fuseThreshold: 0.34,
  /** Letter-pair candidates handed to Fuse.js per query. */
  nearKeys: 24,
  /** A query word of at least this many letters may suggest a name it starts with ("kubeflow" -> "kube"). */
  stemSuggestionLetters: 4,
} as const;
