import type { KnowledgeBase } from '../knowledge/types.js';
import { completeQuery, type Completion } from './complete.js';
import { detectJargon, type JargonHit } from './detect.js';
import { matchQuery, type MatchResult } from './match.js';
import { buildIndex, type TermIndex } from './term-index.js';

export type { Completion, JargonHit, MatchResult };

/** The matcher over one knowledge base: build once, query many times. Pure, no I/O. */
export interface Matcher {
  readonly index: TermIndex;
  match(input: unknown): MatchResult;
  complete(input: unknown, limit?: number): Completion[];
  detect(text: unknown, limit?: number): JargonHit[];
}

export function createMatcher(kb: KnowledgeBase): Matcher {
  const index = buildIndex(kb);
  return {
    index,
    match: (input) => matchQuery(index, input),
    complete: (input, limit) => completeQuery(index, input, limit),
    detect: (text, limit) => detectJargon(index, text, limit),
  };
}
