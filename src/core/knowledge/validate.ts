import type { ParsedFile } from './parse-file.js';
import { compactKey, contentTokens, tokenize } from '../text/normalize.js';
import { firstSentenceProblem } from './first-sentence.js';
import { termKeys } from './term-keys.js';
import type { Problem } from './types.js';

type Valid = Extract<ParsedFile, { kind: 'term' | 'comparison' }>;

/**
 * Checks that need the whole folder: unique slugs, aliases that collide with another
 * term's name, and references (related, contrasts, compares) to slugs that do not exist.
 * `required` optionally lists slug -> category that must exist (the terms list).
 */
export function validateAcrossFiles(files: Valid[], required?: ReadonlyMap<string, string>): Problem[] {
  const problems: Problem[] = [];
  const terms = files.filter((f): f is Extract<Valid, { kind: 'term' }> => f.kind === 'term');
  const comparisons = files.filter((f): f is Extract<Valid, { kind: 'comparison' }> => f.kind === 'comparison');

  const bySlug = new Map<string, string>();
  for (const f of terms) {
    const other = bySlug.get(f.entry.slug);
    if (other) problems.push({ file: f.entry.file, line: 1, message: `slug "${f.entry.slug}" is also used by ${other}` });
    else bySlug.set(f.entry.slug, f.entry.file);
  }

  // An alias may not name another term (slug, title or alias), after normalisation.
  const owner = new Map<string, { slug: string; text: string }>();
  for (const f of terms) {
    f.entry.aliases.forEach((a, i) => {
      if (!compactKey(contentTokens(tokenize(a)))) {
        problems.push({ file: f.entry.file, line: f.lineOf(['aliases', i]), message: `alias "${a}" has no words the matcher can use (only filler like "the", "what is")` });
      }
    });
    for (const k of termKeys(f.entry)) {
      const prev = owner.get(k.compact);
      if (prev && prev.slug !== f.entry.slug) {
        const line = k.aliasIndex === undefined ? f.lineOf(['title']) : f.lineOf(['aliases', k.aliasIndex]);
        problems.push({
          file: f.entry.file,
          line,
          message: `${k.source} "${k.text}" collides with "${prev.text}" of term "${prev.slug}"`,
        });
      } else if (!prev) {
        owner.set(k.compact, { slug: f.entry.slug, text: k.text });
      }
    }
  }

  // Plain summaries (issue 14): the card still loads; lint asks for a shorter first sentence.
  for (const f of files) {
    if (f.kind === 'term' && f.entry.kind === 'tool') continue;
    const problem = firstSentenceProblem(f.entry.summary);
    if (problem) problems.push({ file: f.entry.file, line: f.lineOf(['summary']), message: `summary: ${problem}` });
  }

  const checkRefs = (f: Valid, field: string, slugs: readonly string[]): void => {
    slugs.forEach((s, i) => {
      if (!bySlug.has(s)) problems.push({ file: f.entry.file, line: f.lineOf([field, i]), message: `${field}: unknown slug "${s}"` });
    });
  };
  const contrastsOf = new Map(terms.map((f) => [f.entry.slug, f.entry.contrasts]));
  const kindOf = new Map(terms.map((f) => [f.entry.slug, f.entry.kind]));
  for (const f of terms) {
    checkRefs(f, 'related', f.entry.related);
    checkRefs(f, 'contrasts', f.entry.contrasts);
    // A confusion goes both ways: whoever reads either card should meet the other.
    f.entry.contrasts.forEach((s, i) => {
      const back = contrastsOf.get(s);
      if (back && !back.includes(f.entry.slug)) {
        problems.push({ file: f.entry.file, line: f.lineOf(['contrasts', i]), message: `contrasts: "${s}" does not list "${f.entry.slug}" back in its contrasts` });
      }
    });
    checkRefs(f, 'alternatives', f.entry.alternatives);
    f.entry.isA.forEach((s, i) => {
      const kind = kindOf.get(s);
      if (!kind) problems.push({ file: f.entry.file, line: f.lineOf(['is_a', i]), message: `is_a: unknown slug "${s}"` });
      else if (kind !== 'concept') problems.push({ file: f.entry.file, line: f.lineOf(['is_a', i]), message: `is_a: "${s}" is a tool, not a concept` });
    });
  }
  const compareSets = new Map<string, string>();
  for (const f of comparisons) {
    checkRefs(f, 'compares', f.entry.compares);
    const key = [...f.entry.compares].sort().join('|');
    const prev = compareSets.get(key);
    if (prev) problems.push({ file: f.entry.file, line: f.lineOf(['compares']), message: `compares the same terms as ${prev}` });
    else compareSets.set(key, f.entry.file);
  }

  if (required) {
    for (const [slug, category] of required) {
      const file = bySlug.get(slug);
      if (!file) problems.push({ file: `${category}/${slug}.md`, line: 0, message: `missing: "${slug}" is listed in the terms list` });
      else if (!file.startsWith(`${category}/`)) {
        problems.push({ file, line: 0, message: `"${slug}" belongs in ${category}/ according to the terms list` });
      }
    }
  }
  return problems;
}
