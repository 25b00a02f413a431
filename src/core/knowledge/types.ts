import type { Lexicon } from './lexicon.js';

/** The in-memory knowledge base: what the loader produces and everything else reads. */

export const CATEGORIES = [
  'foundations',
  'networking',
  'compute',
  'data',
  'security',
  'architecture',
  'operations',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Link {
  title: string;
  url: string;
}

export interface Section {
  heading: string;
  /** Markdown body of the section, trimmed. */
  body: string;
}

export interface Term {
  slug: string;
  title: string;
  category: Category;
  aliases: string[];
  summary: string;
  analogy: string;
  related: string[];
  contrasts: string[];
  tags: string[];
  links: Link[];
  sections: Section[];
  /** Path relative to the knowledge folder, for messages. */
  file: string;
}

export interface ComparisonRow {
  aspect: string;
  /** One value per compared term, in `compares` order. */
  values: string[];
}

export interface Comparison {
  slug: string;
  title: string;
  compares: string[];
  summary: string;
  analogy?: string;
  rows: ComparisonRow[];
  sections: Section[];
  file: string;
}

export interface KnowledgeBase {
  terms: ReadonlyMap<string, Term>;
  comparisons: ReadonlyMap<string, Comparison>;
  /** Names that stand for several terms ("CD"), from knowledge/ambiguous.yml: name -> slugs, best first. */
  ambiguous?: ReadonlyMap<string, string[]>;
  /** The matcher's general word lists, from knowledge/lexicon.yml (the bundled one when absent). */
  lexicon?: Lexicon;
}

/** A problem found in a knowledge file; line is 1-based (0 when not tied to a line). */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

export const TERM_SECTIONS = ['What it is', 'The problem it solves', 'How it works', 'Example'] as const;
export const TERM_OPTIONAL_SECTIONS = ['Pitfalls'] as const;
export const COMPARISON_SECTIONS = ['In short', 'When to use which'] as const;
export const COMPARISON_OPTIONAL_SECTIONS = ['How they fit together', 'Pitfalls'] as const;
