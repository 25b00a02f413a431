import { type ParsedFile } from './parse-file.js';
import { listKnowledgeFolder } from './read-folder.js';
import { loadStack } from './layers.js';
import { settleToolCategories } from './tool-category.js';
import { LineCounter, isNode, parseDocument } from 'yaml';
import { compactKey, contentTokens, tokenize } from '../text/normalize.js';
import { termKeys, type TermKey } from './term-keys.js';
import { TOOLS_FOLDER, type Comparison, type KnowledgeBase, type Problem, type Term } from './types.js';
import { validateAcrossFiles } from './validate.js';

export interface LoadResult {
  kb: KnowledgeBase;
  /** Every problem found, whether or not it made a file unusable. */
  problems: Problem[];
  /** Files left out of the served knowledge base, with the reason. */
  skipped: Problem[];
  /** Names claimed by two entries: who kept the name and who lost it (logged as warnings at load). */
  conflicts: Problem[];
  /**
   * Links to a card that is not served (its file was skipped, or no such card), dropped from the
   * cards that serve (logged as warnings at load): one broken card never takes its dependants down.
   */
  dropped: Problem[];
}

export interface LoadOptions {
  /** Files over this many bytes are skipped unread (default 256 KiB). */
  maxFileBytes?: number;
}

/** Lists `*.md` files below `dir` (one level of category folders), relative, sorted. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  return (await listKnowledgeFolder(dir)).files.map((f) => f.rel);
}

/**
 * Builds a knowledge base from parsed files. Pure. A broken file is left out and
 * reported in `skipped`; everything else keeps serving. References to missing slugs
 * are dropped from the served entries so answers never link to nothing, and each drop is
 * reported in `dropped`. A tool whose only concepts were in broken files keeps serving, in the
 * category folder of its first broken concept; a comparison needs every side it compares.
 * `lint: false` leaves out the checks across files that only report (see StackOptions.lint).
 */
export function assembleKnowledge(files: ParsedFile[], required?: ReadonlyMap<string, string>, options: { lint?: boolean } = {}): LoadResult {
  const problems: Problem[] = files.flatMap((f) => f.problems);
  const usable = files.filter((f): f is Extract<ParsedFile, { kind: 'term' | 'comparison' }> => f.kind !== 'invalid');
  const skipped: Problem[] = files
    .filter((f) => f.kind === 'invalid')
    .map((f) => f.problems[0] ?? { file: '?', line: 0, message: 'unreadable' });
  // Lint-only findings: what serving needs from them (dropped links, name conflicts) is done below anyway.
  if (options.lint !== false) problems.push(...validateAcrossFiles(usable, required));
  const broken = brokenCards(skipped);
  const dropped: Problem[] = [];

  const terms = new Map<string, Term>();
  for (const f of usable) {
    if (f.kind !== 'term') continue;
    if (terms.has(f.entry.slug)) {
      skipped.push({ file: f.entry.file, line: 1, message: `duplicate slug "${f.entry.slug}"` });
      continue;
    }
    terms.set(f.entry.slug, f.entry);
  }
  for (const t of terms.values()) {
    const keep = (field: string, slugs: string[]): string[] => {
      const missing = slugs.filter((s) => !terms.has(s));
      if (missing.length > 0) dropped.push({ file: t.file, line: 0, message: `${field}: dropped ${missing.map((s) => danglingName(s, broken)).join(', ')}` });
      return slugs.filter((s) => terms.has(s));
    };
    t.related = keep('related', t.related);
    t.contrasts = keep('contrasts', t.contrasts);
    t.alternatives = keep('alternatives', t.alternatives);
  }
  const toolsOf = placeTools(terms, skipped, broken, dropped);
  const conflicts = resolveNameConflicts(terms);
  settleToolCategories(terms);
  const comparisons = new Map<string, Comparison>();
  for (const f of usable) {
    if (f.kind !== 'comparison') continue;
    const missing = f.entry.compares.filter((s) => !terms.has(s));
    if (missing.length > 0) {
      // Nobody can ask for a comparison one of whose sides is not served: it waits for the card.
      skipped.push({ file: f.entry.file, line: 1, message: `compares unknown term(s): ${missing.map((s) => danglingName(s, broken)).join(', ')}` });
      continue;
    }
    comparisons.set(f.entry.slug, f.entry);
  }
  return { kb: { terms, comparisons, toolsOf }, problems, skipped, conflicts, dropped };
}

/** Slug -> file of every card left out because its file is broken ("networking/cdn.md", "team:payments/ledger.md"). */
function brokenCards(skipped: readonly Problem[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of skipped) {
    const m = /(?:^|[:/])([a-z0-9-]+)\.md$/.exec(p.file);
    if (m) out.set(m[1]!, p.file);
  }
  return out;
}

/** A dangling slug as a warning names it: with the broken file that should have served it. */
function danglingName(slug: string, broken: ReadonlyMap<string, string>): string {
  const file = broken.get(slug);
  return file ? `"${slug}" (${file} was skipped)` : `"${slug}" (no such card)`;
}

/** The category folder of a broken card's file ("networking" of "networking/cdn.md", "payments" of "team:payments/x.md"). */
function folderOf(file: string): string | undefined {
  const parts = file.replace(/^[^:/]+:/, '').split('/');
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}

/**
 * Two entries must not answer to the same name. The winner is deterministic and documented
 * (docs/knowledge-format.md): an entry's own slug or title beats another entry's alias; between
 * two aliases, the established card keeps the name: the earlier `reviewed` date, then the file
 * that comes first in path order. So a new card never silently takes a name from a bundled one;
 * moving a name is deliberate: remove it from the old card. The loser's alias is dropped from
 * what is served, and the conflict is reported naming both files (lint reports it as a problem).
 */
function resolveNameConflicts(terms: Map<string, Term>): Problem[] {
  const rank = (k: TermKey): number => (k.source === 'alias' ? 1 : 0);
  const owners = new Map<string, { term: Term; key: TermKey }>();
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  const entries = [...terms.values()].sort((a, b) => cmp(a.reviewed, b.reviewed) || cmp(a.file, b.file));
  // Own names (slug, title) are placed first, so an alias never displaces them whatever the file order.
  for (const pass of [0, 1]) {
    for (const t of entries) for (const k of termKeys(t)) if (rank(k) === pass && !owners.has(k.compact)) owners.set(k.compact, { term: t, key: k });
  }
  const conflicts: Problem[] = [];
  for (const t of entries) {
    const lost = new Set<number>();
    for (const k of termKeys(t)) {
      const owner = owners.get(k.compact);
      if (!owner || owner.term === t || k.source !== 'alias' || k.aliasIndex === undefined) continue;
      lost.add(k.aliasIndex);
      conflicts.push({
        file: t.file,
        line: 0,
        message: `alias "${k.text}" is also a name of ${owner.term.file} ("${owner.key.text}"); ${owner.term.file} keeps it`,
      });
    }
    if (lost.size > 0) t.aliases = t.aliases.filter((_, i) => !lost.has(i));
  }
  return conflicts;
}

/**
 * Gives each tool a first category (settleToolCategories refines it) and lists, per concept, its tools:
 * first those for which it is the main concept, then the rest, each by title. A tool
 * with no known concept cannot be placed and is left out.
 */
function placeTools(terms: Map<string, Term>, skipped: Problem[], broken: ReadonlyMap<string, string>, dropped: Problem[]): Map<string, string[]> {
  const main = new Map<string, Term[]>();
  const also = new Map<string, Term[]>();
  for (const t of [...terms.values()]) {
    if (t.kind !== 'tool') continue;
    const missing = t.isA.filter((s) => !terms.has(s));
    // A concept in a broken file still says where the tool belongs: its category folder.
    const brokenFolder = missing.map((s) => folderOf(broken.get(s) ?? '')).find((c) => c !== undefined && c !== TOOLS_FOLDER);
    t.isA = t.isA.filter((s) => terms.get(s)?.kind === 'concept');
    const first = terms.get(t.isA[0] ?? '');
    if (!first && brokenFolder === undefined) {
      terms.delete(t.slug);
      skipped.push({ file: t.file, line: 1, message: 'is_a names no known concept' });
      continue;
    }
    if (missing.length > 0) dropped.push({ file: t.file, line: 0, message: `is_a: dropped ${missing.map((s) => danglingName(s, broken)).join(', ')}` });
    t.category = first?.category ?? brokenFolder!;
    t.isA.forEach((c, i) => {
      const bucket = i === 0 ? main : also;
      bucket.set(c, [...(bucket.get(c) ?? []), t]);
    });
  }
  const byTitle = (a: Term, b: Term): number => a.title.localeCompare(b.title);
  const toolsOf = new Map<string, string[]>();
  for (const c of new Set([...main.keys(), ...also.keys()])) {
    toolsOf.set(c, [...(main.get(c) ?? []).sort(byTitle), ...(also.get(c) ?? []).sort(byTitle)].map((t) => t.slug));
  }
  return toolsOf;
}

export const AMBIGUOUS_FILE = 'ambiguous.yml';

/**
 * Parses ambiguous.yml (name -> slugs) against the assembled terms. Pure. Bad entries are
 * reported and left out: unknown slugs, fewer than two terms, or a name that already names a term.
 */
export function parseAmbiguous(source: string, kb: KnowledgeBase): { names: Map<string, string[]>; problems: Problem[] } {
  const problems: Problem[] = [];
  const names = new Map<string, string[]>();
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter });
  const lineAt = (key: string): number => {
    const node = doc.getIn([key], true);
    return isNode(node) && node.range ? counter.linePos(node.range[0]).line : 1;
  };
  if (doc.errors.length > 0) {
    return { names, problems: [{ file: AMBIGUOUS_FILE, line: counter.linePos(doc.errors[0]!.pos[0]).line, message: `invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}` }] };
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { names, problems: [{ file: AMBIGUOUS_FILE, line: 1, message: 'must map each name to a list of slugs' }] };
  }
  const owners = new Map<string, string>();
  for (const t of kb.terms.values()) for (const k of termKeys(t)) owners.set(k.compact, t.slug);
  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    const line = lineAt(name);
    const slugs = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    const unknown = slugs.filter((s) => !kb.terms.has(s));
    const owner = owners.get(compactKey(contentTokens(tokenize(name))));
    if (slugs.length < 2) problems.push({ file: AMBIGUOUS_FILE, line, message: `"${name}" needs a list of at least two slugs` });
    else if (unknown.length > 0) problems.push({ file: AMBIGUOUS_FILE, line, message: `"${name}": unknown slug(s) ${unknown.join(', ')}` });
    else if (owner) problems.push({ file: AMBIGUOUS_FILE, line, message: `"${name}" already names the term "${owner}"; remove it here or from that term` });
    else names.set(name, [...new Set(slugs)]);
  }
  return { names, problems };
}

/**
 * Reads and assembles one knowledge folder (a stack of one layer: see ./layers.ts for several).
 * Throws only when the folder itself cannot be read: an unreadable, oversized or dangling file
 * is skipped and reported, and the rest serves.
 */
export async function loadKnowledge(dir: string, required?: ReadonlyMap<string, string>, options: LoadOptions = {}): Promise<LoadResult> {
  const { kb, problems, skipped, conflicts, dropped } = await loadStack([{ name: 'knowledge', dir, team: false }], required, options);
  return { kb, problems, skipped, conflicts, dropped };
}
