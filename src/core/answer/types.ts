import type { Category, ComparisonRow, Link, Section } from '../knowledge/types.js';

/** short: summary, analogy and "What it is"; full: every section. */
export type Depth = 'short' | 'full';

export interface TermRef {
  slug: string;
  title: string;
  summary: string;
}

export interface TermCard {
  slug: string;
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
}

/** What the core answers; every adapter renders this, none computes it. */
export type Answer = TermAnswer | ComparisonAnswer | NoneAnswer;

export interface CategoryOverview {
  category: Category;
  label: string;
  count: number;
  examples: TermRef[];
}
