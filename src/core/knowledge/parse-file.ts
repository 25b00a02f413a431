import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { LIMITS, comparisonFrontmatter, teamTermFrontmatter, termFrontmatter, toolFrontmatter } from './schema.js';
import {
  COMPARISON_OPTIONAL_SECTIONS,
  COMPARISON_SECTIONS,
  TERM_OPTIONAL_SECTIONS,
  TERM_SECTION_ALTERNATES,
  TERM_SECTIONS,
  TOOL_OPTIONAL_SECTIONS,
  TOOL_SECTIONS,
  TOOLS_FOLDER,
  type Comparison,
  type Problem,
  type Section,
  type Term,
} from './types.js';

/** Finds the 1-based line of a frontmatter path (`['aliases', 2]`), for messages. */
export type LineLookup = (path: (string | number)[]) => number;

export type ParsedFile =
  | { kind: 'term'; entry: Term; problems: Problem[]; lineOf: LineLookup }
  | { kind: 'comparison'; entry: Comparison; problems: Problem[]; lineOf: LineLookup }
  | { kind: 'invalid'; problems: Problem[] };

interface Split {
  yaml: string;
  /** 1-based line where the YAML starts. */
  yamlLine: number;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

function splitFrontmatter(source: string): Split | null {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return null;
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlLine: 2,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}

interface RawSection extends Section {
  line: number;
}

/** Splits a Markdown body on `## ` headings (ignoring fenced code blocks). */
function splitSections(body: string, firstLine: number): { preamble: string; sections: RawSection[] } {
  const sections: RawSection[] = [];
  const preamble: string[] = [];
  let current: { heading: string; line: number; lines: string[] } | null = null;
  let fence: string | null = null;
  body.split('\n').forEach((line, i) => {
    const fenceMatch = /^\s*(```+|~~~+)/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === null) fence = marker[0]!;
      else if (marker[0] === fence) fence = null;
    }
    const heading = fence === null ? /^##\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading && !line.startsWith('###')) {
      if (current) sections.push(finish(current));
      current = { heading: heading[1]!, line: firstLine + i, lines: [] };
    } else if (current) {
      current.lines.push(line);
    } else {
      preamble.push(line);
    }
  });
  if (current) sections.push(finish(current));
  return { preamble: preamble.join('\n').trim(), sections };

  function finish(c: { heading: string; line: number; lines: string[] }): RawSection {
    return { heading: c.heading, line: c.line, body: c.lines.join('\n').trim() };
  }
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function lineOf(doc: Document, counter: LineCounter, path: (string | number)[], offset: number): number {
  for (let p = path.length; p >= 0; p--) {
    const node = p === 0 ? doc.contents : doc.getIn(path.slice(0, p), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line + offset - 1;
  }
  return offset;
}

function checkSections(
  file: string,
  sections: RawSection[],
  required: readonly string[],
  optional: readonly string[],
  bodyLine: number,
  problems: Problem[],
): void {
  const allowed = [...required, ...optional];
  for (const s of sections) {
    if (!allowed.includes(s.heading)) {
      problems.push({
        file,
        line: s.line,
        message: `unexpected section "## ${s.heading}" (allowed: ${allowed.join(', ')})`,
      });
    } else if (s.body.length === 0) {
      problems.push({ file, line: s.line, message: `section "## ${s.heading}" is empty` });
    }
  }
  const seen = sections.map((s) => s.heading);
  for (const name of required) {
    if (!seen.includes(name)) problems.push({ file, line: bodyLine, message: `missing section "## ${name}"` });
  }
  const order = seen.filter((h) => allowed.includes(h));
  const expected = allowed.filter((h) => order.includes(h));
  if (order.join('|') !== expected.join('|')) {
    problems.push({ file, line: bodyLine, message: `sections must be in this order: ${expected.join(', ')}` });
  }
  const dup = seen.find((h, i) => seen.indexOf(h) !== i);
  if (dup) problems.push({ file, line: bodyLine, message: `section "## ${dup}" appears twice` });
}

/**
 * Parses one knowledge file. `file` is relative to the knowledge folder
 * (`networking/dns.md`, `comparisons/tcp-vs-udp.md`); it decides slug and kind.
 * Pure: never throws, reports every problem it can find in this file alone.
 */
export interface ParseOptions {
  /** A team layer's file: its category may be the team's own name (the folder it is in). */
  teamCategories?: boolean;
}

export function parseKnowledgeFile(file: string, source: string, options: ParseOptions = {}): ParsedFile {
  const problems: Problem[] = [];
  const parts = file.split('/');
  const folder = parts.length > 1 ? parts[parts.length - 2]! : '';
  const slug = (parts[parts.length - 1] ?? '').replace(/\.md$/, '');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    problems.push({ file, line: 0, message: `file name "${slug}" must be a lowercase kebab-case slug` });
  }

  const split = splitFrontmatter(source);
  if (!split) {
    problems.push({ file, line: 1, message: 'missing YAML frontmatter (the file must start with --- and close it with ---)' });
    return { kind: 'invalid', problems };
  }
  const counter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = counter.linePos(err.pos[0]).line + split.yamlLine - 1;
      problems.push({ file, line, message: `invalid YAML: ${err.message.split('\n')[0]}` });
    }
    return { kind: 'invalid', problems };
  }
  const at: LineLookup = (path) => lineOf(doc, counter, path, split.yamlLine);
  const data: unknown = doc.toJS();
  const isComparison = folder === 'comparisons';
  const isTool = folder === TOOLS_FOLDER;
  const schema = isComparison ? comparisonFrontmatter : isTool ? toolFrontmatter : options.teamCategories ? teamTermFrontmatter : termFrontmatter;
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const where = path.length ? path.join('.') : 'frontmatter';
      problems.push({
        file,
        line: at(path),
        message: `${where}: ${describeIssue(issue)}`,
      });
    }
  }

  const { preamble, sections } = splitSections(split.body, split.bodyLine);
  if (preamble.length > 0) {
    problems.push({ file, line: split.bodyLine, message: 'text before the first "## " section heading' });
  }
  const words = wordCount(split.body);
  const range = isComparison ? LIMITS.comparisonWords : isTool ? LIMITS.toolWords : LIMITS.termWords;
  if (words < range.min || words > range.max) {
    problems.push({
      file,
      line: split.bodyLine,
      message: `body has ${words} words; keep it between ${range.min} and ${range.max}`,
    });
  }
  const cleanSections = sections.map(({ heading, body }) => ({ heading, body }));

  if (isComparison) {
    checkSections(file, sections, COMPARISON_SECTIONS, COMPARISON_OPTIONAL_SECTIONS, split.bodyLine, problems);
    if (!parsed.success) return { kind: 'invalid', problems };
    const fm = parsed.data as z.infer<typeof comparisonFrontmatter>;
    const expectedName = fm.compares.join('-vs-');
    if (slug !== expectedName) {
      problems.push({
        file,
        line: at(['compares']),
        message: `file name must be "${expectedName}.md" to match compares`,
      });
    }
    if (new Set(fm.compares).size !== fm.compares.length) {
      problems.push({ file, line: at(['compares']), message: 'compares lists a slug twice' });
    }
    fm.rows.forEach((row, i) => {
      if (row.values.length !== fm.compares.length) {
        problems.push({
          file,
          line: at(['rows', i, 'values']),
          message: `rows.${i}.values: needs exactly ${fm.compares.length} values (one per compared term), has ${row.values.length}`,
        });
      }
    });
    const entry: Comparison = {
      slug,
      title: fm.title,
      compares: fm.compares,
      summary: fm.summary,
      ...(fm.analogy ? { analogy: fm.analogy } : {}),
      rows: fm.rows,
      sections: cleanSections,
      reviewed: fm.reviewed,
      file,
    };
    return { kind: 'comparison', entry, problems, lineOf: at };
  }

  if (isTool) {
    checkSections(file, sections, TOOL_SECTIONS, TOOL_OPTIONAL_SECTIONS, split.bodyLine, problems);
    if (!parsed.success) return { kind: 'invalid', problems };
    const fm = parsed.data as z.infer<typeof toolFrontmatter>;
    if (fm.alternatives.includes(slug) || fm.is_a.includes(slug)) {
      problems.push({ file, line: at(['alternatives']), message: 'a tool must not name itself' });
    }
    const entry: Term = {
      slug,
      kind: 'tool',
      title: fm.title,
      // The real category comes from its concepts' (tool-category.ts), known only once every file is read.
      category: 'foundations',
      aliases: fm.aliases,
      summary: fm.summary,
      analogy: '',
      related: [],
      contrasts: [],
      tags: fm.tags,
      links: fm.links,
      sections: cleanSections,
      isA: [...new Set(fm.is_a)],
      alternatives: [...new Set(fm.alternatives)],
      reviewed: fm.reviewed,
      everyday: fm.everyday,
      file,
    };
    return { kind: 'term', entry, problems, lineOf: at };
  }

  // An attack or anti-pattern may say "Why it matters" where a pattern says "The problem it solves".
  const headings = new Set(sections.map((x) => x.heading));
  const required = TERM_SECTIONS.map((h) => {
    const alt = TERM_SECTION_ALTERNATES[h];
    return alt && headings.has(alt) && !headings.has(h) ? alt : h;
  });
  checkSections(file, sections, required, TERM_OPTIONAL_SECTIONS, split.bodyLine, problems);
  if (!parsed.success) return { kind: 'invalid', problems };
  const fm = parsed.data as z.infer<typeof termFrontmatter>;
  if (fm.category !== folder) {
    problems.push({
      file,
      line: at(['category']),
      message: `category "${fm.category}" does not match its folder "${folder}"`,
    });
  }
  if (fm.related.includes(slug) || fm.contrasts.includes(slug)) {
    problems.push({ file, line: at(['related']), message: 'a term must not relate to itself' });
  }
  const entry: Term = {
    slug,
    kind: 'concept',
    title: fm.title,
    category: fm.category,
    aliases: fm.aliases,
    summary: fm.summary,
    analogy: fm.analogy,
    related: [...new Set(fm.related)],
    contrasts: [...new Set(fm.contrasts)],
    tags: fm.tags,
    links: fm.links,
    sections: cleanSections,
    isA: [],
    alternatives: [],
    reviewed: fm.reviewed,
    everyday: fm.everyday,
    file,
  };
  return { kind: 'term', entry, problems, lineOf: at };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  return issue.message;
}
