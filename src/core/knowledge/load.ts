import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseKnowledgeFile, type ParsedFile } from './parse-file.js';
import { LineCounter, isNode, parseDocument } from 'yaml';
import { compactKey, contentTokens, tokenize } from '../text/normalize.js';
import { termKeys } from './term-keys.js';
import type { Comparison, KnowledgeBase, Problem, Term } from './types.js';
import { validateAcrossFiles } from './validate.js';

export interface LoadResult {
  kb: KnowledgeBase;
  /** Every problem found, whether or not it made a file unusable. */
  problems: Problem[];
  /** Files left out of the served knowledge base, with the reason. */
  skipped: Problem[];
}

/** Lists `*.md` files below `dir` (one level of category folders), relative, sorted. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const top = await readdir(dir, { withFileTypes: true });
  for (const entry of top) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const inner = await readdir(path.join(dir, entry.name), { withFileTypes: true });
    for (const f of inner) if (f.isFile() && f.name.endsWith('.md')) out.push(`${entry.name}/${f.name}`);
  }
  return out.sort();
}

/**
 * Builds a knowledge base from parsed files. Pure. A broken file is left out and
 * reported in `skipped`; everything else keeps serving. References to missing slugs
 * are dropped from the served entries so answers never link to nothing.
 */
export function assembleKnowledge(files: ParsedFile[], required?: ReadonlyMap<string, string>): LoadResult {
  const problems: Problem[] = files.flatMap((f) => f.problems);
  const usable = files.filter((f): f is Extract<ParsedFile, { kind: 'term' | 'comparison' }> => f.kind !== 'invalid');
  const skipped: Problem[] = files
    .filter((f) => f.kind === 'invalid')
    .map((f) => f.problems[0] ?? { file: '?', line: 0, message: 'unreadable' });
  problems.push(...validateAcrossFiles(usable, required));

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
    t.related = t.related.filter((s) => terms.has(s));
    t.contrasts = t.contrasts.filter((s) => terms.has(s));
    t.alternatives = t.alternatives.filter((s) => terms.has(s));
  }
  const toolsOf = placeTools(terms, skipped);
  const comparisons = new Map<string, Comparison>();
  for (const f of usable) {
    if (f.kind !== 'comparison') continue;
    const missing = f.entry.compares.filter((s) => !terms.has(s));
    if (missing.length > 0) {
      skipped.push({ file: f.entry.file, line: 1, message: `compares unknown term(s): ${missing.join(', ')}` });
      continue;
    }
    comparisons.set(f.entry.slug, f.entry);
  }
  return { kb: { terms, comparisons, toolsOf }, problems, skipped };
}

/**
 * Gives each tool the category of its first concept and lists, per concept, its tools:
 * first those for which it is the main concept, then the rest, each by title. A tool
 * with no known concept cannot be placed and is left out.
 */
function placeTools(terms: Map<string, Term>, skipped: Problem[]): Map<string, string[]> {
  const main = new Map<string, Term[]>();
  const also = new Map<string, Term[]>();
  for (const t of [...terms.values()]) {
    if (t.kind !== 'tool') continue;
    t.isA = t.isA.filter((s) => terms.get(s)?.kind === 'concept');
    const first = terms.get(t.isA[0] ?? '');
    if (!first) {
      terms.delete(t.slug);
      skipped.push({ file: t.file, line: 1, message: 'is_a names no known concept' });
      continue;
    }
    t.category = first.category;
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

/** Reads and assembles the knowledge folder. Throws only when the folder itself cannot be read. */
export async function loadKnowledge(dir: string, required?: ReadonlyMap<string, string>): Promise<LoadResult> {
  const files = await listKnowledgeFiles(dir);
  const parsed = await Promise.all(
    files.map(async (rel) => parseKnowledgeFile(rel, await readFile(path.join(dir, rel), 'utf8'))),
  );
  const result = assembleKnowledge(parsed, required);
  const ambiguousSource = await readFile(path.join(dir, AMBIGUOUS_FILE), 'utf8').catch(() => null);
  if (ambiguousSource !== null) {
    const { names, problems } = parseAmbiguous(ambiguousSource, result.kb);
    result.problems.push(...problems);
    result.kb = { ...result.kb, ambiguous: names };
  }
  return result;
}
