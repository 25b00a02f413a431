import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseKnowledgeFile, type ParsedFile } from './parse-file.js';
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
  }
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
  return { kb: { terms, comparisons }, problems, skipped };
}

/** Reads and assembles the knowledge folder. Throws only when the folder itself cannot be read. */
export async function loadKnowledge(dir: string, required?: ReadonlyMap<string, string>): Promise<LoadResult> {
  const files = await listKnowledgeFiles(dir);
  const parsed = await Promise.all(
    files.map(async (rel) => parseKnowledgeFile(rel, await readFile(path.join(dir, rel), 'utf8'))),
  );
  return assembleKnowledge(parsed, required);
}
