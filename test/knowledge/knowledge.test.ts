import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { loadKnowledge, type LoadResult } from '../../src/core/knowledge/load.js';
import { LIMITS } from '../../src/core/knowledge/schema.js';
import { TERM_SECTION_ALTERNATES, TERM_SECTIONS, TOOL_SECTIONS } from '../../src/core/knowledge/types.js';
import { readTermsList } from '../../src/core/termbot.js';

// The lists of what the bundled knowledge must cover (copies of the product's term lists).
const TERMS_FILE = path.resolve(import.meta.dirname, '..', 'fixtures', 'terms.tsv');
const TERMS_MORE_FILE = path.resolve(import.meta.dirname, '..', 'fixtures', 'terms-more.tsv');
const TOOLS_FILE = path.resolve(import.meta.dirname, '..', 'fixtures', 'tools.tsv');

let load: LoadResult;
let required: Map<string, string>;
beforeAll(async () => {
  required = new Map([...(await readTermsList(TERMS_FILE)), ...(await readTermsList(TERMS_MORE_FILE))]);
  load = await loadKnowledge(BUNDLED_KNOWLEDGE_DIR, required);
});

describe('the bundled knowledge base', () => {
  it('passes the linter with zero problems, checked against the terms list', () => {
    expect(load.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
    expect(load.skipped).toEqual([]);
  });

  it('has every listed term, with the listed slug, title and category', async () => {
    expect(required.size).toBeGreaterThanOrEqual(414);
    for (const [slug, category] of required) {
      const term = load.kb.terms.get(slug);
      expect(term, slug).toBeDefined();
      expect(term!.category, slug).toBe(category);
      expect(term!.file, slug).toBe(`${category}/${slug}.md`);
    }
  });

  it('meets the writing rules in every entry', () => {
    for (const t of [...load.kb.terms.values()].filter((e) => e.kind === 'concept')) {
      expect(t.summary.length, t.slug).toBeLessThanOrEqual(LIMITS.summaryChars);
      expect(t.summary.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length, `${t.slug}: one or two sentences`).toBeLessThanOrEqual(2);
      expect(t.analogy.length, t.slug).toBeGreaterThan(20);
      expect(t.related.length, t.slug).toBeGreaterThanOrEqual(3);
      expect(t.links.length, `${t.slug}: 1 to 3 links`).toBeGreaterThanOrEqual(1);
      // Attacks and anti-patterns may say "Why it matters" where a pattern says "The problem it solves" (lint accepts either).
      const canonical = (h: string): string => Object.entries(TERM_SECTION_ALTERNATES).find(([, alt]) => alt === h)?.[0] ?? h;
      expect(t.sections.map((s) => canonical(s.heading)).slice(0, 4), t.slug).toEqual([...TERM_SECTIONS]);
      const words = t.sections.map((s) => s.body).join(' ').split(/\s+/).length;
      expect(words, `${t.slug}: about 150 to 400 words`).toBeGreaterThanOrEqual(140);
      expect(words, `${t.slug}: about 150 to 400 words`).toBeLessThanOrEqual(450);
    }
  });

  it('has a tool card for every listed tool, each an example of concepts and about 80 to 200 words', async () => {
    const tools = await readTermsList(TOOLS_FILE);
    expect(tools.size).toBeGreaterThanOrEqual(284);
    for (const slug of tools.keys()) {
      const t = load.kb.terms.get(slug);
      expect(t?.kind, slug).toBe('tool');
      expect(t!.file, slug).toBe(`tools/${slug}.md`);
      expect(t!.isA.length, slug).toBeGreaterThanOrEqual(1);
      expect(t!.links.length, slug).toBeGreaterThanOrEqual(1);
      expect(t!.sections.map((s) => s.heading).slice(0, 2), slug).toEqual([...TOOL_SECTIONS]);
      const words = t!.sections.map((s) => s.body).join(' ').split(/\s+/).length;
      expect(words, `${slug}: about 80 to 200 words`).toBeGreaterThanOrEqual(70);
      expect(words, `${slug}: about 80 to 200 words`).toBeLessThanOrEqual(240);
    }
  });

  it('has at least 30 curated comparisons, starting with infrastructure vs software architecture', () => {
    expect(load.kb.comparisons.size).toBeGreaterThanOrEqual(30);
    expect(load.kb.comparisons.get('infrastructure-vs-software-architecture')).toBeDefined();
  });

  it('lets a reader reach every term from infrastructure or software-architecture through related links', () => {
    const seen = new Set<string>(['infrastructure', 'software-architecture']);
    const queue = [...seen];
    while (queue.length > 0) {
      const slug = queue.shift()!;
      // A concept card leads to its tools, so tools are reached through the concepts they are examples of.
      for (const next of [...(load.kb.terms.get(slug)?.related ?? []), ...(load.kb.toolsOf.get(slug) ?? [])]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    const unreachable = [...load.kb.terms.keys()].filter((s) => !seen.has(s));
    expect(unreachable).toEqual([]);
  });
});
