import { describe, expect, it } from 'vitest';
import { answerForSlug, categoryOverview, listTerms } from '../../../src/core/answer/build.js';
import { assembleKnowledge } from '../../../src/core/knowledge/load.js';
import { parseKnowledgeFile } from '../../../src/core/knowledge/parse-file.js';
import { termSource } from './parse-file.test.js';

const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

function toolSource(over: { front?: string; isA?: string; alternatives?: string; body?: string } = {}): string {
  return `---
title: HAProxy
aliases: [ha proxy]
is_a: ${over.isA ?? '[load-balancer, reverse-proxy]'}
summary: A fast open-source load balancer and reverse proxy.
alternatives: ${over.alternatives ?? '[envoy]'}
links:
  - title: HAProxy documentation
    url: https://docs.haproxy.org/
reviewed: 2026-12-01
${over.front ?? ''}
---

## What it is
${words(50)}

## Where it fits
${over.body ?? words(50)}
`;
}

const concept = (slug: string, category = 'networking'): ReturnType<typeof parseKnowledgeFile> =>
  parseKnowledgeFile(`${category}/${slug}.md`, termSource().replace('title: Load Balancer', `title: ${slug}`).replace('category: networking', `category: ${category}`).replace('aliases: [LB]', 'aliases: []'));

describe('tool cards', () => {
  it('parse as tool entries with their concepts, alternatives and review date', () => {
    const r = parseKnowledgeFile('tools/haproxy.md', toolSource());
    expect(r.problems).toEqual([]);
    expect(r.kind).toBe('term');
    if (r.kind !== 'term') return;
    expect(r.entry).toMatchObject({ kind: 'tool', isA: ['load-balancer', 'reverse-proxy'], alternatives: ['envoy'], reviewed: '2026-12-01', everyday: false, analogy: '' });
    expect(r.entry.sections.map((s) => s.heading)).toEqual(['What it is', 'Where it fits']);
  });

  it('report a missing concept list, a missing link, an unreal review date and concept sections', () => {
    const src = toolSource({ isA: '[]' }).replace(/links:\n.*\n.*\n/, '').replace('2026-12-01', '2026-02-30');
    const r = parseKnowledgeFile('tools/haproxy.md', src.replace('## Where it fits', '## How it works'));
    const messages = r.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/is_a: needs at least one concept slug/);
    expect(messages).toMatch(/links: .*(required|expected array)/);
    expect(messages).toMatch(/reviewed: must be a real calendar date/);
    expect(messages).toMatch(/unexpected section "## How it works"/);
  });

  it('take their category from their concepts (a tie goes to the first), and concepts list their tools', () => {
    const files = [
      concept('load-balancer'),
      concept('reverse-proxy'),
      concept('web-server', 'compute'),
      parseKnowledgeFile('tools/haproxy.md', toolSource()),
      parseKnowledgeFile('tools/caddy.md', toolSource({ isA: '[web-server, reverse-proxy]', alternatives: '[haproxy]' }).replace('HAProxy', 'Caddy').replace('ha proxy', 'caddy server')),
      parseKnowledgeFile('tools/envoy.md', toolSource({ isA: '[reverse-proxy]', alternatives: '[haproxy]' }).replace('HAProxy', 'Envoy').replace('ha proxy', 'envoy proxy')),
    ];
    const { kb, problems, skipped } = assembleKnowledge(files);
    expect(problems.filter((p) => !/related: unknown slug|relate to itself/.test(p.message))).toEqual([]);
    expect(skipped).toEqual([]);
    expect(kb.terms.get('haproxy')!.category).toBe('networking');
    expect(kb.terms.get('caddy')!.category).toBe('compute');
    // Main concept first (by title), then tools that also count as one.
    expect(kb.toolsOf.get('reverse-proxy')).toEqual(['envoy', 'caddy', 'haproxy']);
    expect(kb.toolsOf.get('load-balancer')).toEqual(['haproxy']);

    const tool = answerForSlug(kb, 'haproxy');
    expect(tool.kind === 'term' && tool.term).toMatchObject({ kind: 'tool', isA: [{ slug: 'load-balancer' }, { slug: 'reverse-proxy' }], toolAlternatives: [{ slug: 'envoy' }], tools: [] });
    const lb = answerForSlug(kb, 'load-balancer');
    expect(lb.kind === 'term' && lb.term.tools.map((t) => t.slug)).toEqual(['haproxy']);

    expect(listTerms(kb, 'networking').map((t) => t.slug)).toEqual(['load-balancer', 'reverse-proxy']);
    expect(listTerms(kb, 'networking', 'tool').map((t) => t.slug)).toEqual(['envoy', 'haproxy']);
    expect(categoryOverview(kb).find((c) => c.category === 'networking')).toMatchObject({ count: 2, tools: 2 });
  });

  it('are checked across files: unknown concepts and alternatives, a tool named as a concept, alias collisions', () => {
    const files = [
      concept('load-balancer'),
      parseKnowledgeFile('tools/haproxy.md', toolSource({ isA: '[load-balancer, nope]', alternatives: '[ghost]' })),
      parseKnowledgeFile('tools/envoy.md', toolSource({ isA: '[haproxy]' }).replace('title: HAProxy', 'title: Envoy')),
    ];
    const { problems, skipped } = assembleKnowledge(files);
    const messages = problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toContain('tools/haproxy.md: is_a: unknown slug "nope"');
    expect(messages).toContain('tools/haproxy.md: alternatives: unknown slug "ghost"');
    expect(messages).toContain('tools/envoy.md: is_a: "haproxy" is a tool, not a concept');
    expect(messages.some((m) => /tools\/envoy\.md: alias "ha proxy" collides/.test(m))).toBe(true);
    // A tool whose only concept is another tool cannot be placed in a category.
    expect(skipped.map((p) => `${p.file}: ${p.message}`)).toContain('tools/envoy.md: is_a names no known concept');
  });

  it('lets an attack card say "Why it matters" instead of "The problem it solves"', () => {
    const src = termSource().replace('## The problem it solves', '## Why it matters');
    expect(parseKnowledgeFile('networking/load-balancer.md', src).problems).toEqual([]);
  });
});

describe('contrasts', () => {
  it('must go both ways', () => {
    const a = parseKnowledgeFile('networking/load-balancer.md', termSource({ front: 'contrasts: [reverse-proxy]' }));
    const b = parseKnowledgeFile('networking/reverse-proxy.md', termSource().replace('title: Load Balancer', 'title: Reverse Proxy').replace('aliases: [LB]', 'aliases: []'));
    const messages = assembleKnowledge([a, b]).problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toContain('networking/load-balancer.md: contrasts: "reverse-proxy" does not list "load-balancer" back in its contrasts');
  });
});
