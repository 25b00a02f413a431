import { readFile } from 'node:fs/promises';
import { answerForSlug, buildAnswer, categoryOverview, listTerms } from './answer/build.js';
import type { Answer, CategoryOverview, Depth, TermRef } from './answer/types.js';
import { KnowledgeError } from './errors.js';
import type { LoadResult } from './knowledge/load.js';
import { TOOLS_FOLDER, type Category, type EntryKind, type KnowledgeBase } from './knowledge/types.js';
import { createMatcher, type Completion, type JargonHit, type Matcher, type MatchResult } from './matcher/index.js';

/** The minimal logger the core needs (pino fits). */
export interface CoreLogger {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

/**
 * The one object adapters talk to: ask, complete, detect, browse.
 * Pure over an immutable knowledge base; build a new one to reload.
 */
export interface Termbot {
  readonly kb: KnowledgeBase;
  readonly matcher: Matcher;
  /** Match only (the CLI's lookup contract); `ask` when the answer is needed too. */
  match(query: unknown): MatchResult;
  /** Match and answer in one go. */
  ask(query: unknown, depth?: Depth): { match: MatchResult; answer: Answer };
  /** The answer for a known term or comparison slug (buttons, term of the day). */
  answerFor(slug: string, depth?: Depth): Answer;
  complete(query: unknown, limit?: number): Completion[];
  detect(text: unknown, limit?: number): JargonHit[];
  overview(): CategoryOverview[];
  /** Concepts (default) or tools of one category or all, by title. */
  list(category?: Category, kind?: EntryKind): TermRef[];
  /** Whether a slug is a concept or a tool, and (tools) the concepts it is an example of. */
  entry(slug: string): { kind: EntryKind; isA: string[] } | null;
  /** Curated comparisons, sorted by title (the CLI lists and checks them). */
  listComparisons(): TermRef[];
  /** How much knowledge is loaded, for banners and summaries. */
  stats(): { terms: number; tools: number; comparisons: number };
}

export function createTermbot(kb: KnowledgeBase): Termbot {
  const matcher = createMatcher(kb);
  return {
    kb,
    matcher,
    match: (query) => matcher.match(query),
    ask(query, depth = 'short') {
      const match = matcher.match(query);
      return { match, answer: buildAnswer(kb, match, depth) };
    },
    answerFor: (slug, depth = 'short') => answerForSlug(kb, slug, depth),
    complete: (query, limit) => matcher.complete(query, limit),
    detect: (text, limit) => matcher.detect(text, limit),
    overview: () => categoryOverview(kb, matcher.index.popularity),
    list: (category, kind) => listTerms(kb, category, kind),
    entry: (slug) => {
      const t = kb.terms.get(slug);
      return t ? { kind: t.kind, isA: [...t.isA] } : null;
    },
    listComparisons: () =>
      [...kb.comparisons.values()].map((c) => ({ slug: c.slug, title: c.title, summary: c.summary })).sort((a, b) => a.title.localeCompare(b.title)),
    stats: () => {
      const tools = [...kb.terms.values()].filter((t) => t.kind === 'tool').length;
      return { terms: kb.terms.size - tools, tools, comparisons: kb.comparisons.size };
    },
  };
}

/**
 * Reads a list of slugs that must exist, into slug -> folder. A terms list has the columns
 * `slug, title, category` (the folder is the category); a tools list has `slug, title, is_a, ...`
 * (the folder is tools/). The first row is the header.
 */
export async function readTermsList(file: string): Promise<Map<string, string>> {
  const [header = '', ...rows] = (await readFile(file, 'utf8')).split(/\r?\n/);
  const isTools = header.split('\t').map((c) => c.trim())[2] === 'is_a';
  return new Map(
    rows
      .filter((l) => l.trim())
      .map((l) => {
        const [slug = '', , category = ''] = l.split('\t');
        return [slug.trim(), isTools ? TOOLS_FOLDER : category.trim()];
      }),
  );
}

/** Why the bot refuses a folder; lint gives the same reason. */
export const NO_USABLE_TERMS = 'no usable terms';

/**
 * Loads the knowledge folder and builds the bot. Broken files are skipped with a
 * warning and everything else keeps serving; only an unreadable folder or an empty
 * knowledge base is fatal.
 */
export async function loadTermbot(
  dir: string,
  logger?: CoreLogger,
  loader: (dir: string) => Promise<LoadResult> = async (d) => (await import('./knowledge/load.js')).loadKnowledge(d),
): Promise<{ bot: Termbot; load: LoadResult }> {
  let load: LoadResult;
  try {
    load = await loader(dir);
  } catch (cause) {
    throw new KnowledgeError(`cannot read the knowledge folder ${dir}`, { cause });
  }
  for (const p of load.skipped) logger?.warn({ file: p.file, line: p.line, problem: p.message }, 'knowledge file skipped');
  for (const p of load.conflicts) logger?.warn({ file: p.file, problem: p.message }, 'knowledge name conflict');
  if (load.kb.terms.size === 0) throw new KnowledgeError(`${NO_USABLE_TERMS} in ${dir}`);
  logger?.info({ terms: load.kb.terms.size, comparisons: load.kb.comparisons.size, skipped: load.skipped.length }, 'knowledge loaded');
  return { bot: createTermbot(load.kb), load };
}
