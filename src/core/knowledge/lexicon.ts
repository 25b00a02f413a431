import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../package-paths.js';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Problem } from './types.js';

/** knowledge/lexicon.yml: the matcher's general word lists (see the comments in that file). */
export const LEXICON_FILE = 'lexicon.yml';

const word = z
  .string()
  .regex(/^[a-z0-9][a-z0-9+#]*$/, 'must be one lowercase word')
  .or(z.number().transform(String));
const phrase = z.string().regex(/^[a-z0-9]+( [a-z0-9]+)+$/, 'must be lowercase words separated by single spaces');
const noDuplicates = <T extends z.ZodType<string>>(item: T) =>
  z.array(item).refine((list) => new Set(list).size === list.length, { message: 'lists a word twice' });

const lexiconSchema = z
  .object({
    ordinary_words: noDuplicates(word),
    everyday_phrases: noDuplicates(phrase),
    frame_words: noDuplicates(word),
    opening_words: noDuplicates(word),
    tech_hints: noDuplicates(word),
    comparison_filler: noDuplicates(word),
    generic_words: noDuplicates(word),
    // Newer lists: optional, so a custom knowledge folder with an older lexicon still loads.
    place_prepositions: noDuplicates(word).default([]),
    describing_words: noDuplicates(word).default([]),
    verb_phrases: noDuplicates(phrase).default([]),
    is_a_openers: noDuplicates(word).default([]),
    is_a_filler: noDuplicates(word).default([]),
    kind_nouns: noDuplicates(word).default([]),
    product_hints: noDuplicates(word).default([]),
    people_words: noDuplicates(word).default([]),
    narrowing_words: noDuplicates(word).default([]),
    personal_words: noDuplicates(word).default([]),
    request_openings: noDuplicates(phrase).default([]),
    comparison_markers: noDuplicates(word).default([]),
    name_tails: noDuplicates(word).default([]),
    comparison_phrases: noDuplicates(phrase).default([]),
    clause_openers: noDuplicates(word).default([]),
    part_of_words: noDuplicates(word).default([]),
    clause_joins: noDuplicates(word).default([]),
    work_words: noDuplicates(word).default([]),
  })
  .strict();

/** The lists as sets, ready for the matcher. */
export interface Lexicon {
  ordinaryWords: ReadonlySet<string>;
  everydayPhrases: ReadonlySet<string>;
  frameWords: ReadonlySet<string>;
  openingWords: ReadonlySet<string>;
  techHints: ReadonlySet<string>;
  comparisonFiller: ReadonlySet<string>;
  genericWords: ReadonlySet<string>;
  /** Prepositions that say where a concept lives ("middleware in express", "an odm for mongo"). */
  placePrepositions: ReadonlySet<string>;
  /** Words after a name that make it describe something else ("rabbitmq style", "kafka-esque"). */
  describingWords: ReadonlySet<string>;
  /** Names that are verbs with their particle ("log in", "back up"): not the term inside a sentence. */
  verbPhrases: ReadonlySet<string>;
  /** First words of a yes/no question that may ask "is X a Y?". */
  isAOpeners: ReadonlySet<string>;
  /** Words around the two names of "is X just a kind of Y?". */
  isAFiller: ReadonlySet<string>;
  /** Nouns that only say what sort of thing Y is ("a monitoring tool", "a frontend framework"). */
  kindNouns: ReadonlySet<string>;
  /** What people ask about a product ("free", "pricing", "who makes"): a product named beside them is meant. */
  productHints: ReadonlySet<string>;
  /** Words about people ("she", "her"): a question about a person is no question about a term. */
  peopleWords: ReadonlySet<string>;
  /** Tech words that, before a one-word name, name another thing ("cpu cache" is not a cache server). */
  narrowingWords: ReadonlySet<string>;
  /** Possessives of a person ("my", "her"): "for my boat" is about someone's own things. */
  personalWords: ReadonlySet<string>;
  /** Openings of a request ("can you"): an opening word there asks someone to do something, not about a term. */
  requestOpenings: ReadonlySet<string>;
  /** Words that make a question a comparison for sure ("vs", "difference"): an unknown side is then said, not ignored. */
  comparisonMarkers: ReadonlySet<string>;
  /** Nouns after a name that only say which facet of it is meant ("CIDR notation", "crontab syntax"). */
  nameTails: ReadonlySet<string>;
  /** Phrases that stand between the two sides of a comparison like "vs" ("kafka instead of rabbitmq"). */
  comparisonPhrases: ReadonlySet<string>;
  /** Words that, right after "or", start another clause rather than name a second side ("... or why we ..."). */
  clauseOpeners: ReadonlySet<string>;
  /** Words after an everyday name that make it part of an everyday thing ("the kernel of the idea"). */
  partOfWords: ReadonlySet<string>;
  /** Words that join a question's clauses ("and why ..."): a name only after one is not the question's subject. */
  clauseJoins: ReadonlySet<string>;
  /** Works of a person ("novel", "song"): a product name right before one is that person's name ("the kafka novel"). */
  workWords: ReadonlySet<string>;
}

/** Parses and checks lexicon.yml. Pure. On any problem the lexicon is null and the problems say why. */
export function parseLexicon(source: string): { lexicon: Lexicon | null; problems: Problem[] } {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return { lexicon: null, problems: [{ file: LEXICON_FILE, line: counter.linePos(e.pos[0]).line, message: `invalid YAML: ${e.message.split('\n')[0]}` }] };
  }
  const parsed = lexiconSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      lexicon: null,
      problems: parsed.error.issues.map((i) => ({ file: LEXICON_FILE, line: 0, message: `${i.path.join('.') || 'lexicon'}: ${i.message}` })),
    };
  }
  const d = parsed.data;
  return {
    lexicon: {
      ordinaryWords: new Set(d.ordinary_words),
      everydayPhrases: new Set(d.everyday_phrases),
      frameWords: new Set(d.frame_words),
      openingWords: new Set(d.opening_words),
      techHints: new Set(d.tech_hints),
      comparisonFiller: new Set(d.comparison_filler),
      genericWords: new Set(d.generic_words),
      placePrepositions: new Set(d.place_prepositions),
      describingWords: new Set(d.describing_words),
      verbPhrases: new Set(d.verb_phrases),
      isAOpeners: new Set(d.is_a_openers),
      isAFiller: new Set(d.is_a_filler),
      kindNouns: new Set(d.kind_nouns),
      productHints: new Set(d.product_hints),
      peopleWords: new Set(d.people_words),
      narrowingWords: new Set(d.narrowing_words),
      personalWords: new Set(d.personal_words),
      requestOpenings: new Set(d.request_openings),
      comparisonMarkers: new Set(d.comparison_markers),
      nameTails: new Set(d.name_tails),
      comparisonPhrases: new Set(d.comparison_phrases),
      clauseOpeners: new Set(d.clause_openers),
      partOfWords: new Set(d.part_of_words),
      clauseJoins: new Set(d.clause_joins),
      workWords: new Set(d.work_words),
    },
    problems: [],
  };
}

let bundled: Lexicon | null = null;

/**
 * The lexicon shipped with termbot (knowledge/lexicon.yml beside src/ or dist/), read once.
 * Used when a knowledge base comes without its own (tests, a custom folder without the file).
 */
export function bundledLexicon(): Lexicon {
  if (bundled) return bundled;
  const source = readFileSync(path.join(BUNDLED_KNOWLEDGE_DIR, LEXICON_FILE), 'utf8');
  const { lexicon, problems } = parseLexicon(source);
  if (!lexicon) throw new Error(`bundled ${LEXICON_FILE} is invalid: ${problems.map((p) => p.message).join('; ')}`);
  bundled = lexicon;
  return lexicon;
}
