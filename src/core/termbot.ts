import { readFile } from 'node:fs/promises';
import { answerForSlug, buildAnswer, categoriesOf, categoryLabel, categoryOverview, listTerms, termRef } from './answer/build.js';
import type { Answer, CategoryOverview, Depth, TermRef } from './answer/types.js';
import { KnowledgeError } from './errors.js';
import type { LoadResult } from './knowledge/load.js';
import { TOOLS_FOLDER, type Category, type EntryKind, type KnowledgeBase, type KnowledgeLayer, type Problem } from './knowledge/types.js';
import { createMatcher, type Completion, type JargonHit, type Matcher, type MatchResult } from './matcher/index.js';
import { previewDefault } from './totd/default-term.js';

/** The minimal logger the core needs (pino fits). */
export interface CoreLogger {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

/** A term found in a piece of text, with the words as they were written there. */
export interface FoundTerm {
  term: TermRef;
  written: string;
}

/** One category's terms (or all terms), sorted by title, for browsing. */
export interface BrowseList {
  category: Category | null;
  label: string;
  terms: TermRef[];
}

/**
 * The one object adapters and the CLI talk to: ask, answer by slug, compare, complete,
 * detect, browse. Pure over an immutable knowledge base; build a new one to reload.
 */
export interface Termbot {
  /** @internal The knowledge base; adapters and the CLI use the methods below (lint-enforced). */
  readonly kb: KnowledgeBase;
  /** @internal The matcher; adapters and the CLI use the methods below (lint-enforced). */
  readonly matcher: Matcher;
  /** Match only (the CLI's lookup contract); `ask` when the answer is needed too. */
  match(query: unknown): MatchResult;
  /** Match and answer in one go. */
  ask(query: unknown, depth?: Depth): { match: MatchResult; answer: Answer };
  /**
   * What a person typed or picked from type-ahead: completion values are slugs and answer
   * directly; anything else goes through the matcher.
   */
  explain(input: string, depth?: Depth): Answer;
  /** The answer for a known term or comparison slug (buttons, term of the day). */
  answerFor(slug: string, depth?: Depth): Answer;
  /**
   * The answer for a set of slugs, never through the matcher: one slug is its card, two or
   * more a comparison (the curated one covering exactly that set, else side by side).
   */
  answerForSlugs(slugs: readonly string[], depth?: Depth): Answer;
  /** A known term's reference, or null. */
  ref(slug: string): TermRef | null;
  /** A term's title, or the slug itself when unknown (for messages about stored slugs). */
  title(slug: string): string;
  /** The term a date gets when no channel says otherwise (`termbot today`, Slack's Home tab). */
  todaysDefault(date: string): TermRef | null;
  complete(query: unknown, limit?: number): Completion[];
  detect(text: unknown, limit?: number): JargonHit[];
  /** The known terms in a text, one entry per term, in order of appearance. */
  findTerms(text: unknown, limit?: number): FoundTerm[];
  overview(): CategoryOverview[];
  /** The categories in use: the bundled ones, then a team's own, by name. */
  categories(): Category[];
  /** Concepts (default) or tools of one category or all, by title. */
  list(category?: Category, kind?: EntryKind): TermRef[];
  /** Whether a slug is a concept or a tool, and (tools) the concepts it is an example of. */
  entry(slug: string): { kind: EntryKind; isA: string[] } | null;
  /** Curated comparisons, sorted by title (the CLI lists and checks them). */
  listComparisons(): TermRef[];
  /** How much knowledge is loaded, for banners and summaries. */
  stats(): { terms: number; tools: number; comparisons: number };
  browse(category?: Category | null): BrowseList;
}

/** One bot per knowledge base object: the bot is pure over it, so a second load of the same base reuses the index. */
const bots = new WeakMap<KnowledgeBase, Termbot>();

export function createTermbot(kb: KnowledgeBase): Termbot {
  let bot = bots.get(kb);
  if (!bot) bots.set(kb, (bot = buildTermbot(kb)));
  return bot;
}

function buildTermbot(kb: KnowledgeBase): Termbot {
  const matcher = createMatcher(kb);
  const answerFor = (slug: string, depth: Depth = 'short'): Answer => answerForSlug(kb, slug, depth);
  const ref = (slug: string): TermRef | null => termRef(kb, slug);
  const bot: Termbot = {
    kb,
    matcher,
    match: (query) => matcher.match(query),
    ask(query, depth = 'short') {
      const match = matcher.match(query);
      return { match, answer: buildAnswer(kb, match, depth) };
    },
    explain(input, depth = 'short') {
      const q = typeof input === 'string' ? input.trim() : '';
      if (kb.terms.has(q) || kb.comparisons.has(q)) return answerFor(q, depth);
      return buildAnswer(kb, matcher.match(q), depth);
    },
    answerFor,
    answerForSlugs(slugs, depth = 'short') {
      const known = [...new Set(slugs)].filter((s) => kb.terms.has(s));
      if (known.length !== slugs.length || known.length === 0) return answerFor(slugs.length === 1 ? slugs[0]! : '', depth);
      if (known.length === 1) return answerFor(known[0]!, depth);
      const set = [...known].sort().join(',');
      const curated = [...kb.comparisons.values()].find((c) => [...c.compares].sort().join(',') === set);
      const match: MatchResult = {
        query: known.join(' vs '),
        kind: 'comparison',
        terms: known,
        comparison: curated?.slug ?? null,
        suggestions: [],
        score: 1,
      };
      return buildAnswer(kb, match, depth);
    },
    ref,
    title: (slug) => ref(slug)?.title ?? slug,
    todaysDefault(date) {
      const pick = previewDefault(bot, date);
      return pick ? ref(pick.slug) : null;
    },
    complete: (query, limit) => matcher.complete(query, limit),
    detect: (text, limit) => matcher.detect(text, limit),
    findTerms(text, limit) {
      const seen = new Set<string>();
      const out: FoundTerm[] = [];
      for (const hit of matcher.detect(text, limit)) {
        const term = ref(hit.slug);
        if (!term || seen.has(term.slug)) continue;
        seen.add(term.slug);
        out.push({ term, written: hit.text });
      }
      return out;
    },
    overview: () => categoryOverview(kb, matcher.index.popularity),
    categories: () => categoriesOf(kb).filter((c) => listTerms(kb, c).length > 0),
    list: (category, kind) => listTerms(kb, category, kind),
    entry: (slug) => {
      const t = kb.terms.get(slug);
      return t ? { kind: t.kind, isA: [...t.isA] } : null;
    },
    listComparisons: () =>
      [...kb.comparisons.values()]
        .map((c) => ({ slug: c.slug, title: c.title, summary: c.summary }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    stats: () => {
      const tools = [...kb.terms.values()].filter((t) => t.kind === 'tool').length;
      return { terms: kb.terms.size - tools, tools, comparisons: kb.comparisons.size };
    },
    browse: (category) => ({
      category: category ?? null,
      label: category ? categoryLabel(category) : 'all areas',
      terms: listTerms(kb, category ?? undefined),
    }),
  };
  return bot;
}

/**
 * A Termbot that forwards every call to whichever version `current` returns (a reloading knowledge
 * base). For long-lived services (the term-of-the-day scheduler); a request handler should read
 * `current()` once and use that one object, so all its answers come from one version.
 */
export function forwardingTermbot(current: () => Termbot): Termbot {
  // The methods of the current version (every version has the same ones); building an empty bot to list
  // them would need a lexicon, which only a loaded knowledge base has.
  const methods = Object.keys(current()).filter((k) => k !== 'kb' && k !== 'matcher');
  const out: Record<string, unknown> = {};
  for (const m of methods)
    out[m] = (...args: unknown[]) => (current() as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!(...args);
  Object.defineProperty(out, 'kb', { get: () => current().kb, enumerable: true });
  Object.defineProperty(out, 'matcher', { get: () => current().matcher, enumerable: true });
  return out as unknown as Termbot;
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

/** A folder, or a stack of layers (base, then team folders); for messages, the folders in order. */
export type KnowledgeSource = string | readonly KnowledgeLayer[];
const describeSource = (source: KnowledgeSource): string => (typeof source === 'string' ? source : source.map((l) => l.dir).join(', '));

/** What a load reports beyond the knowledge base: cards a team layer replaced. */
export type TermbotLoad = LoadResult & { overrides?: Problem[] };

/**
 * Loads the knowledge folder (or stack) and builds the bot. Broken files are skipped with a
 * warning and everything else keeps serving; only an unreadable folder or an empty knowledge
 * base is fatal. A team card replacing a bundled one is logged (info), naming both files.
 */
export async function loadTermbot(
  source: KnowledgeSource,
  logger?: CoreLogger,
  loader: (source: KnowledgeSource) => Promise<TermbotLoad> = async (s) =>
    typeof s === 'string' ? (await import('./knowledge/load.js')).loadKnowledge(s) : (await import('./knowledge/layers.js')).loadStack(s),
): Promise<{ bot: Termbot; load: TermbotLoad }> {
  let load: TermbotLoad;
  try {
    load = await loader(source);
  } catch (cause) {
    // A layer names itself (which team folder, and why); a single folder gets the usual sentence.
    if (cause instanceof Error && cause.name === 'LayerReadError') throw new KnowledgeError(cause.message, { cause });
    throw new KnowledgeError(`cannot read the knowledge folder ${describeSource(source)}`, { cause });
  }
  logLoad(load, logger);
  if (load.kb.terms.size === 0) throw new KnowledgeError(`${NO_USABLE_TERMS} in ${describeSource(source)}`);
  logger?.info(
    {
      terms: load.kb.terms.size,
      comparisons: load.kb.comparisons.size,
      skipped: load.skipped.length,
      overrides: load.overrides?.length ?? 0,
    },
    'knowledge loaded',
  );
  return { bot: createTermbot(load.kb), load };
}

/** Skipped files, name conflicts and dropped links as warnings, replaced cards as info: the same lines at startup and on reload. */
export function logLoad(load: TermbotLoad, logger?: CoreLogger): void {
  for (const p of load.skipped) logger?.warn({ file: p.file, line: p.line, problem: p.message }, 'knowledge file skipped');
  for (const p of load.conflicts) logger?.warn({ file: p.file, problem: p.message }, 'knowledge name conflict');
  for (const p of load.dropped) logger?.warn({ file: p.file, problem: p.message }, 'knowledge link dropped');
  for (const p of load.overrides ?? []) logger?.info({ file: p.file, problem: p.message }, 'knowledge card overridden by a team layer');
}
