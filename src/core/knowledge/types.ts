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
/** One of the bundled categories. */
export type BundledCategory = (typeof CATEGORIES)[number];
/**
 * A term's category: a bundled one, or a team folder's own (TEAM_KNOWLEDGE_DIR may use any
 * kebab-case folder name, e.g. "payments"). Code that needs a label calls categoryLabel().
 */
export type Category = string;

/** A team category name: kebab-case, and not a folder with another meaning. */
export const TEAM_CATEGORY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const RESERVED_FOLDERS: readonly string[] = ['tools', 'comparisons'];

export interface Link {
  title: string;
  url: string;
}

export interface Section {
  heading: string;
  /** Markdown body of the section, trimmed. */
  body: string;
}

/** A concept ("load balancer") or a tool/product that is an example of concepts ("HAProxy"). */
export type EntryKind = 'concept' | 'tool';

/** The folder that holds tool cards; a tool's category comes from its concepts' (tool-category.ts). */
export const TOOLS_FOLDER = 'tools';

export interface Term {
  slug: string;
  kind: EntryKind;
  title: string;
  /** For a tool: the category most of its `isA` concepts are in (tool-category.ts; set when the knowledge is assembled). */
  category: Category;
  aliases: string[];
  summary: string;
  analogy: string;
  related: string[];
  contrasts: string[];
  tags: string[];
  links: Link[];
  sections: Section[];
  /** Tools: the concepts this is an example of, in order. Concepts: []. */
  isA: string[];
  /** Tools: other tools or products that do the same job. Concepts: []. */
  alternatives: string[];
  /** YYYY-MM-DD: when the facts were last checked. */
  reviewed: string;
  /** The one-word names are everyday English words: inside a sentence they need tech context. */
  everyday: boolean;
  /** Path relative to the knowledge folder, for messages; a team layer's files are prefixed "<layer>:". */
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
  reviewed: string;
  file: string;
}

export interface KnowledgeBase {
  terms: ReadonlyMap<string, Term>;
  comparisons: ReadonlyMap<string, Comparison>;
  /** Names that stand for several terms ("CD"), from knowledge/ambiguous.yml: name -> slugs, best first. */
  ambiguous?: ReadonlyMap<string, string[]>;
  /**
   * The matcher's general word lists, from knowledge/lexicon.yml (loadKnowledge attaches the bundled one when
   * the folder has none). The matcher requires it.
   */
  lexicon?: Lexicon;
  /** Concept slug -> the tools that are examples of it, best known first (computed from the tools' `isA`). */
  toolsOf: ReadonlyMap<string, string[]>;
}

/** A problem found in a knowledge file; line is 1-based (0 when not tied to a line). */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

/**
 * One knowledge folder of the stack: the base (bundled, or KNOWLEDGE_DIR) first, then each
 * TEAM_KNOWLEDGE_DIR folder; a later layer's card replaces an earlier one with the same slug.
 */
export interface KnowledgeLayer {
  /** "bundled" or "knowledge" for the base, "team" (or "team1", "team2"... when several) above it. */
  name: string;
  dir: string;
  /** Team layers may use their own category names. */
  team: boolean;
}

export const TERM_SECTIONS = ['What it is', 'The problem it solves', 'How it works', 'Example'] as const;
export const TERM_OPTIONAL_SECTIONS = ['Pitfalls'] as const;
/** Attacks and anti-patterns may explain why they matter instead of a problem they solve. */
export const TERM_SECTION_ALTERNATES: Readonly<Record<string, string>> = { 'The problem it solves': 'Why it matters' };
export const TOOL_SECTIONS = ['What it is', 'Where it fits'] as const;
export const TOOL_OPTIONAL_SECTIONS = ['Pitfalls'] as const;
export const COMPARISON_SECTIONS = ['In short', 'When to use which'] as const;
export const COMPARISON_OPTIONAL_SECTIONS = ['How they fit together', 'Pitfalls'] as const;
