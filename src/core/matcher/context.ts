import { isCommonWord } from '../text/english.js';
import { FILLER, singularCandidates } from '../text/normalize.js';
import type { IndexedKey, TermIndex } from './term-index.js';

/**
 * Is a name found inside a longer sentence meant? Names that are everyday words ("I need a new
 * port for my boat") only count when the sentence asks about something or talks tech; on their
 * own ("port", "what is a pod?") they always count. The word lists are data: knowledge/lexicon.yml
 * (general) and the `everyday: true` flag of a card (its one-word names are ordinary words).
 */

export interface QueryContext {
  /** Lowercased words the person wrote with capitals (CA, VMs, LBs): abbreviations, not words. */
  caps: Set<string>;
  /** Every lowercased word of the query, filler included. */
  tokens: string[];
}

export function queryContext(query: string, tokens: string[]): QueryContext {
  const caps = new Set<string>();
  // All capitals, digits allowed, optional plural s: "CA", "S3", "VMs", "LBs" (not "Dr", "Has").
  for (const m of query.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (/^(?=.*\p{Lu})[\p{Lu}\p{N}]+s?$/u.test(m[0])) caps.add(m[0].toLowerCase());
  }
  return { caps, tokens };
}

/** A one-word name that is an everyday word ("port", "pod", a card flagged everyday), or an everyday phrase ("circuit breaker"). */
export function isEveryday(index: TermIndex, key: IndexedKey): boolean {
  const words = key.tokens.filter((t) => !FILLER.has(t));
  // A product named after a dictionary word ("helm", "celery", "lambda") is as everyday as a flagged card.
  if (words.length === 1)
    return (
      index.everydaySlugs.has(key.slug) ||
      // ...and so is a form of an ordinary word ("shadowing": a shadow).
      [words[0]!, ...singularCandidates(words[0]!)].some((w) => index.lexicon.ordinaryWords.has(w)) ||
      (index.products.has(key.slug) && isCommonWord(words[0]!))
    );
  return index.lexicon.everydayPhrases.has(words.join(' '));
}

/** Was this short abbreviation written in capitals (or as a plural in capitals: "LBs")? */
export function writtenInCaps(ctx: QueryContext, key: IndexedKey): boolean {
  return ctx.caps.has(key.compact) || ctx.caps.has(`${key.compact}s`);
}

/** Does the rest of the sentence show that a term is meant (a question, or other tech words)? */
export function hasContext(index: TermIndex, ctx: QueryContext, slug: string, everyday = false, nameAt = -1): boolean {
  const { frameWords, openingWords } = index.lexicon;
  // A product named with an everyday word ("react", "flux", "lambda"): its card's jargon and the
  // things people ask about products ("is vault free?", "who makes consul") show it is meant.
  const tool = index.kb.terms.get(slug)?.kind === 'tool';
  // An everyday name for someone's own things is the everyday thing: "what's a good sidecar for my
  // motorcycle", "a new port for my boat" (unless what follows is tech: "for my cluster").
  if (everyday && nameAt >= 0) {
    const rest = ctx.tokens.slice(nameAt + 1);
    const own = rest.findIndex((t, i) => index.lexicon.placePrepositions.has(t) && index.lexicon.personalWords.has(rest[i + 1] ?? ''));
    const thing = own >= 0 ? rest[own + 2] : undefined;
    if (thing !== undefined && !evidence(index, slug, thing, tool)) return false;
  }
  if (ctx.tokens.some((t) => frameWords.has(t))) return true;
  // "how did she react when you told her" asks about a person, not about React.
  // "can you pass the salt please" is a request, not a question.
  const request = index.lexicon.requestOpenings.has(ctx.tokens.slice(0, 2).join(' '));
  if (openingWords.has(ctx.tokens[0] ?? '') && !request && !ctx.tokens.some((t) => index.lexicon.peopleWords.has(t))) return true;
  // For an everyday name, a tech word that is an ordinary word too ("state") is no evidence: "in a state of flux".
  return ctx.tokens.some((t) => !(everyday && index.lexicon.ordinaryWords.has(t)) && evidence(index, slug, t, tool));
}

/**
 * Is this word of the sentence evidence that the term is meant: a tech word, another concept's
 * name, or for a tool the card's own words and product questions? The term's own words are not.
 */
export function evidence(index: TermIndex, slug: string, t: string, tool = index.kb.terms.get(slug)?.kind === 'tool'): boolean {
  const { techHints, productHints } = index.lexicon;
  if (index.slugTokens.get(slug)?.has(t)) return false;
  if (techHints.has(t)) return true;
  if (tool && (productHints.has(t) || index.cardWords.get(slug)?.has(t) === true)) return true;
  return index.titleTokens.has(t) && !index.ordinaryWords.has(t) && !FILLER.has(t) && t.length > 2 && nameEvidence(index, t);
}

/**
 * A word from a name is evidence of tech talk when a concept uses it, or when it is no English
 * word at all ("kubernetes"). Product names made of plain words ("New Relic", "Cloud Run",
 * "Next.js") say nothing: "need a new port for my boat" is not about New Relic.
 */
function nameEvidence(index: TermIndex, word: string): boolean {
  if (!isCommonWord(word)) return true;
  // A dictionary word is evidence only as a concept's whole name ("latency", "docker"), not as part
  // of one ("loose" of Loose Coupling) nor as a product named after it ("the consul at the embassy").
  const key = index.exact.get(word);
  return key !== undefined && index.kb.terms.get(key.slug)?.kind === 'concept' && !index.everydaySlugs.has(key.slug);
}
