import type { Category, ComparisonRow, EntryKind, Link, Section } from '../knowledge/types.js';

/** short: summary, analogy and "What it is"; full: every section. */
export type Depth = 'short' | 'full';

export interface TermRef {
  slug: string;
  title: string;
  summary: string;
}

export interface TermCard {
  slug: string;
  /** A concept, or a tool/product that is an example of concepts. */
  kind: EntryKind;
  title: string;
  category: Category;
  summary: string;
  analogy: string;
  /** Sections for the requested depth, in reading order. */
  sections: Section[];
  /** True when `full` would show more than this card does. */
  hasMore: boolean;
  related: TermRef[];
  contrasts: TermRef[];
  links: Link[];
  tags: string[];
  /** Tools: the concepts this is an example of, in order (lead with them). Concepts: []. */
  isA: TermRef[];
  /** Tools: other tools doing the same job. Concepts: []. */
  toolAlternatives: TermRef[];
  /** Concepts: best-known tools that are examples of it. Tools: []. */
  tools: TermRef[];
  /** YYYY-MM-DD: when the card's facts were last checked. */
  reviewed: string;
}

export interface TermAnswer {
  kind: 'term';
  query: string;
  depth: Depth;
  term: TermCard;
  /** Other terms the words could mean ("proxy": forward or reverse). */
  alternatives: TermRef[];
  score: number;
}

export interface ComparisonAnswer {
  kind: 'comparison';
  query: string;
  depth: Depth;
  /** Curated comparison slug, or null for one built from the term entries. */
  slug: string | null;
  title: string;
  summary: string;
  analogy?: string;
  columns: TermRef[];
  rows: ComparisonRow[];
  sections: Section[];
  hasMore: boolean;
  score: number;
}

export interface NoneAnswer {
  kind: 'none';
  /** The user's words (sanitised); renderers must escape it before echoing. */
  query: string;
  reason: 'empty' | 'no-match';
  /** A friendly explanation that never contains user text. */
  message: string;
  suggestions: TermRef[];
  /**
   * The nearest thing we do have, when it is related but not what was asked ("cache warming" -> Cache).
   * Render: I don't have *<query>*; closest: <title>, with the closest as a button.
   */
  closest?: TermRef;
}

/** What the core answers; every adapter renders this, none computes it. */
export type Answer = TermAnswer | ComparisonAnswer | NoneAnswer;

export interface CategoryOverview {
  category: Category;
  label: string;
  /** Concepts in the category. */
  count: number;
  /** Tools whose main concept is in the category. */
  tools: number;
  examples: TermRef[];
}
