import { describe, expect, it } from 'vitest';
import { parseKnowledgeFile } from '../../../src/core/knowledge/parse-file.js';
import { assembleKnowledge } from '../../../src/core/knowledge/load.js';

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

export function termSource(over: { front?: string; body?: string } = {}): string {
  return `---
title: Load Balancer
category: networking
aliases: [LB]
summary: Spreads requests across servers.
analogy: A restaurant host seating parties at the least busy waiter.
related: [reverse-proxy, dns, cdn]
reviewed: 2026-12-01
${over.front ?? ''}
---

## What it is
${words(40)}

## The problem it solves
${words(40)}

## How it works
${words(40)}

## Example
\`\`\`nginx
## not a heading inside a code fence
upstream app { server a; }
\`\`\`
${over.body ?? ''}
`;
}

describe('parseKnowledgeFile: terms', () => {
  it('parses a valid term with its sections', () => {
    const r = parseKnowledgeFile('networking/load-balancer.md', termSource());
    expect(r.problems).toEqual([]);
    expect(r.kind).toBe('term');
    if (r.kind !== 'term') return;
    expect(r.entry).toMatchObject({ slug: 'load-balancer', title: 'Load Balancer', aliases: ['LB'], contrasts: [], links: [] });
    expect(r.entry.sections.map((s) => s.heading)).toEqual(['What it is', 'The problem it solves', 'How it works', 'Example']);
    expect(r.entry.sections[3]!.body).toContain('## not a heading');
  });

  it('reports the line of a bad field', () => {
    const src = termSource().replace('summary: Spreads requests across servers.', `summary: ${'x'.repeat(201)}`);
    const r = parseKnowledgeFile('networking/load-balancer.md', src);
    expect(r.kind).toBe('invalid');
    expect(r.problems).toEqual([{ file: 'networking/load-balancer.md', line: 5, message: 'summary: must be at most 200 characters' }]);
  });

  it('reports missing required fields, unknown fields, few related, bad links', () => {
    const src = termSource({ front: 'colour: blue\nlinks:\n  - title: x\n    url: http://insecure.example' })
      .replace('analogy: A restaurant host seating parties at the least busy waiter.\n', '')
      .replace('related: [reverse-proxy, dns, cdn]', 'related: [dns]');
    const msgs = parseKnowledgeFile('networking/load-balancer.md', src).problems.map((p) => p.message);
    expect(msgs).toEqual(
      expect.arrayContaining([
        'analogy: is required',
        'related: needs at least 3 slugs',
        'frontmatter: unknown field(s): colour',
        'links.0.url: must be an https:// URL',
      ]),
    );
  });

  it('checks category against the folder, sections, order and length', () => {
    const wrongFolder = parseKnowledgeFile('data/load-balancer.md', termSource());
    expect(wrongFolder.problems.map((p) => p.message)).toContain('category "networking" does not match its folder "data"');

    const missing = termSource().replace('## How it works', '## Mechanics');
    const msgs = parseKnowledgeFile('networking/load-balancer.md', missing).problems.map((p) => p.message);
    expect(msgs).toContain('missing section "## How it works"');
    expect(msgs.some((m) => m.startsWith('unexpected section "## Mechanics"'))).toBe(true);

    const short = `---\ntitle: X\ncategory: networking\nsummary: s\nanalogy: a\nrelated: [a, b, c]\n---\n## What it is\nshort\n`;
    expect(parseKnowledgeFile('networking/x.md', short).problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^body has \d+ words; keep it between 120 and 520$/), 'missing section "## Example"']),
    );
  });

  it('reports invalid YAML and missing frontmatter with a line', () => {
    expect(parseKnowledgeFile('networking/a.md', '# no frontmatter').problems[0]).toMatchObject({ line: 1 });
    const bad = parseKnowledgeFile('networking/a.md', '---\ntitle: [unclosed\n---\n');
    expect(bad.kind).toBe('invalid');
    expect(bad.problems[0]!.message).toMatch(/^invalid YAML/);
    expect(bad.problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects a file name that is not a slug', () => {
    expect(parseKnowledgeFile('networking/Load Balancer.md', termSource()).problems[0]!.message).toMatch(/kebab-case/);
  });
});

const comparison = (name: string, compares: string, values = '[a, b]'): string => `---
title: A vs B
compares: ${compares}
summary: Two things.
rows:
  - aspect: One
    values: ${values}
  - aspect: Two
    values: [a, b]
  - aspect: Three
    values: [a, b]
reviewed: 2026-12-01
---
## In short
${words(60)}

## When to use which
${words(60)}
`;

describe('parseKnowledgeFile: comparisons', () => {
  it('parses a comparison and checks the file name and row widths', () => {
    const ok = parseKnowledgeFile('comparisons/tcp-vs-udp.md', comparison('tcp-vs-udp', '[tcp, udp]'));
    expect(ok.problems).toEqual([]);
    expect(ok.kind).toBe('comparison');
    const bad = parseKnowledgeFile('comparisons/udp-vs-tcp.md', comparison('udp-vs-tcp', '[tcp, udp]', '[a, b, c]'));
    expect(bad.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining(['file name must be "tcp-vs-udp.md" to match compares', 'rows.0.values: needs exactly 2 values (one per compared term), has 3']),
    );
  });
});

describe('assembleKnowledge: across files', () => {
  const term = (slug: string, front: string): string =>
    termSource({ front }).replace('title: Load Balancer', `title: ${slug.toUpperCase()} title`).replace('related: [reverse-proxy, dns, cdn]', 'related: [x, y, z]');

  it('reports alias collisions, unknown references and duplicate comparisons; serves what is usable', () => {
    const files = [
      parseKnowledgeFile('networking/a.md', term('a', '').replace('aliases: [LB]', 'aliases: [shared name]')),
      parseKnowledgeFile('networking/b.md', term('b', '').replace('aliases: [LB]', 'aliases: [Shared-Name]')),
      parseKnowledgeFile('networking/c.md', term('c', 'contrasts: [nope]').replace('aliases: [LB]', 'aliases: [A title, the]')),
      parseKnowledgeFile('networking/broken.md', '---\ntitle: [\n---\n'),
      parseKnowledgeFile('comparisons/a-vs-b.md', comparison('a-vs-b', '[a, b]')),
      parseKnowledgeFile('comparisons/a-vs-zzz.md', comparison('a-vs-zzz', '[a, zzz]')),
    ];
    const { kb, problems, skipped } = assembleKnowledge(files, new Map([['a', 'networking'], ['d', 'data']]));
    const msgs = problems.map((p) => `${p.file}: ${p.message}`);
    expect(msgs).toEqual(
      expect.arrayContaining([
        'networking/b.md: alias "Shared-Name" collides with "shared name" of term "a"',
        'networking/c.md: alias "A title" collides with "A title" of term "a"',
        'networking/c.md: alias "the" has no words the matcher can use (only filler like "the", "what is")',
        'networking/c.md: contrasts: unknown slug "nope"',
        'comparisons/a-vs-zzz.md: compares: unknown slug "zzz"',
        'data/d.md: missing: "d" is listed in the terms list',
      ]),
    );
    expect([...kb.terms.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect([...kb.comparisons.keys()]).toEqual(['a-vs-b']);
    expect(skipped.map((s) => s.file).sort()).toEqual(['comparisons/a-vs-zzz.md', 'networking/broken.md']);
    expect(kb.terms.get('c')!.contrasts).toEqual([]);
  });
});

describe('parseAmbiguous', () => {
  it('keeps valid names and reports every bad one with its line', async () => {
    const { parseAmbiguous } = await import('../../../src/core/knowledge/load.js');
    const { sampleKb } = await import('../../support/kb.js');
    const src = ['proxy: [reverse-proxy, forward-proxy]', 'LB: [load-balancer, reverse-proxy]', 'gateway: [api-gateway, nope]', 'lonely: [cdn]'].join('\n');
    const { names, problems } = parseAmbiguous(src, sampleKb());
    expect([...names.keys()]).toEqual(['proxy']);
    expect(problems).toEqual([
      { file: 'ambiguous.yml', line: 2, message: '"LB" already names the term "load-balancer"; remove it here or from that term' },
      { file: 'ambiguous.yml', line: 3, message: '"gateway": unknown slug(s) nope' },
      { file: 'ambiguous.yml', line: 4, message: '"lonely" needs a list of at least two slugs' },
    ]);
  });
});
