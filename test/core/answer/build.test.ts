import { describe, expect, it } from 'vitest';
import { answerForSlug, buildAnswer, categoryOverview } from '../../../src/core/answer/build.js';
import { renderMarkdown } from '../../../src/core/answer/render-markdown.js';
import { renderTerminal } from '../../../src/core/answer/render-terminal.js';
import { createMatcher } from '../../../src/core/matcher/index.js';
import { makeKb, makeTerm, sampleKb } from '../../support/kb.js';

const kb = sampleKb();
const m = createMatcher(kb);

describe('buildAnswer', () => {
  it('builds a short term card and a full one', () => {
    const short = buildAnswer(kb, m.match('LB'), 'short');
    expect(short.kind).toBe('term');
    if (short.kind !== 'term') return;
    expect(short.term.sections.map((s) => s.heading)).toEqual(['What it is']);
    expect(short.term.hasMore).toBe(true);
    expect(short.term.related.map((r) => r.slug)).toEqual(['reverse-proxy', 'api-gateway', 'horizontal-scaling']);
    const full = buildAnswer(kb, m.match('LB'), 'full');
    if (full.kind !== 'term') throw new Error('expected term');
    expect(full.term.sections).toHaveLength(4);
    expect(full.term.hasMore).toBe(false);
  });

  it('shows a closest match once: as the closest, not again among the suggestions', () => {
    const a = buildAnswer(kb, {
      query: 'dns caching',
      kind: 'none',
      terms: [],
      comparison: null,
      suggestions: ['dns', 'cdn'],
      score: 0.4,
      reason: 'no-match',
      closest: true,
    });
    if (a.kind !== 'none') throw new Error('expected none');
    expect(a.closest?.slug).toBe('dns');
    expect(a.suggestions.map((s) => s.slug)).toEqual(['cdn']);
    expect(a.message).toMatch(/closest/);
  });

  it('drops references to terms that do not exist', () => {
    const a = answerForSlug(kb, 'forward-proxy');
    if (a.kind !== 'term') throw new Error('expected term');
    expect(a.term.related.map((r) => r.slug)).toEqual(['reverse-proxy']);
  });

  it('uses a curated comparison with columns in the order asked', () => {
    const a = buildAnswer(kb, m.match('api gateway vs load balancer vs reverse proxy'));
    if (a.kind !== 'comparison') throw new Error('expected comparison');
    expect(a.slug).toBe('load-balancer-vs-reverse-proxy-vs-api-gateway');
    expect(a.columns.map((c) => c.slug)).toEqual(['api-gateway', 'load-balancer', 'reverse-proxy']);
    expect(a.rows[0]).toEqual({ aspect: 'Main job', values: ['Manage APIs', 'Spread load', 'Front servers'] });
  });

  it('builds a side-by-side from the entries when nothing is curated', () => {
    const a = buildAnswer(kb, m.match('container vs vm'));
    if (a.kind !== 'comparison') throw new Error('expected comparison');
    expect(a.slug).toBeNull();
    expect(a.columns.map((c) => c.slug)).toEqual(['container', 'virtual-machine']);
    expect(a.rows.every((r) => r.values.length === 2)).toBe(true);
  });

  it('answers none with a message that never echoes user text', () => {
    const a = buildAnswer(kb, m.match('@everyone pizza <script>'));
    expect(a.kind).toBe('none');
    if (a.kind !== 'none') return;
    expect(a.message).not.toMatch(/pizza|everyone|script/);
    expect(buildAnswer(kb, m.match('')).kind === 'none' && (buildAnswer(kb, m.match('')) as { reason: string }).reason).toBe('empty');
  });

  it('says why a query with text in it had nothing to look up: no letters or digits, or only a word too long to be a term', () => {
    const message = (q: string): string => {
      const a = buildAnswer(kb, m.match(q));
      if (a.kind !== 'none') throw new Error(`expected none for ${q}`);
      expect(a.reason).toBe('empty');
      return a.message;
    };
    expect(message('🚀🚀')).toMatch(/^I found no words I can look up/);
    expect(message('?!')).toMatch(/^I found no words I can look up/);
    expect(message('x'.repeat(65))).toMatch(/^That word is too long to be a term \(64 characters at most\)/);
    // Only filler words, or nothing at all: the plain prompt.
    expect(message('what is the')).toMatch(/^Tell me a term to explain/);
    expect(message('')).toMatch(/^Tell me a term to explain/);
    // 64 characters is still a word: an ordinary miss.
    expect(buildAnswer(kb, m.match('x'.repeat(64)))).toMatchObject({ kind: 'none', reason: 'no-match' });
  });

  it('summarises categories for help', () => {
    const o = categoryOverview(kb, m.index.popularity);
    expect(o.map((c) => c.category)).toEqual(['networking', 'compute', 'data', 'security', 'architecture', 'operations']);
    expect(o.find((c) => c.category === 'networking')!.count).toBe(6);
  });
});

describe('a side-by-side built from the cards (nothing curated)', () => {
  const ops = { category: 'operations' } as const;
  const tool = (slug: string, title: string, isA: string[], alternatives: string[]) =>
    makeTerm({
      ...ops,
      slug,
      title,
      kind: 'tool',
      analogy: '',
      isA,
      alternatives,
      file: `tools/${slug}.md`,
      sections: [
        { heading: 'What it is', body: `${title} does the job.` },
        { heading: 'Where it fits', body: `${title} fits here.` },
      ],
    });
  const cards = makeKb([
    makeTerm({ ...ops, slug: 'iac', title: 'Infrastructure as Code', analogy: 'Building from drawings.' }),
    makeTerm({ ...ops, slug: 'images', title: 'Golden Image' }),
    makeTerm({
      ...ops,
      slug: 'terraform',
      title: 'Terraform',
      tags: ['automation', 'products'],
      related: ['iac'],
      contrasts: [],
      sections: [
        { heading: 'What it is', body: 'A command-line **infrastructure-as-code** tool, first released in 2014. It reads HCL.' },
        { heading: 'How it works', body: 'Plans.' },
      ],
    }),
    tool('pulumi', 'Pulumi', ['iac'], ['terraform', 'opentofu']),
    tool('opentofu', 'OpenTofu', ['iac'], ['terraform', 'pulumi']),
    // Lists Terraform, but for another job: not an alternative to Terraform.
    tool('packer', 'Packer', ['images'], ['terraform']),
  ]);
  const compare = (slugs: string[], depth: 'short' | 'full' = 'short') => {
    const a = buildAnswer(
      cards,
      { query: slugs.join(' vs '), kind: 'comparison', terms: slugs, comparison: null, suggestions: [], score: 1 },
      depth,
    );
    if (a.kind !== 'comparison') throw new Error('expected comparison');
    return { a, row: (aspect: string) => a.rows.find((r) => r.aspect === aspect)?.values };
  };

  it('describes a product concept by its own words and a tool by its concepts, never as "A concept"', () => {
    const { row } = compare(['terraform', 'pulumi']);
    expect(row('What it is')).toEqual([
      'A command-line infrastructure-as-code tool, first released in 2014.',
      'An example of Infrastructure as Code',
    ]);
  });

  it("fills every row from the cards: a tool borrows its concept's analogy, a product concept gets the tools that do its job", () => {
    const { a, row } = compare(['terraform', 'pulumi']);
    expect(row('Think of it as')).toEqual([
      'Terraform is like something everyday.',
      'For Infrastructure as Code in general: Building from drawings.',
    ]);
    expect(row('Alternatives')).toEqual(['OpenTofu, Pulumi', 'Terraform, OpenTofu']);
    for (const r of a.rows) {
      expect(
        r.values.some((v) => v !== '—'),
        r.aspect,
      ).toBe(true);
      expect(new Set(r.values).size, r.aspect).toBeGreaterThan(1);
    }
  });

  it('leaves out rows with nothing or the same on every side, and says what they share instead', () => {
    const { a, row } = compare(['terraform', 'pulumi']);
    expect(row('Often confused with')).toBeUndefined();
    expect(row('Area')).toBeUndefined();
    expect(a.summary).toMatch(/both in Operations and delivery/);
    expect(compare(['pulumi', 'opentofu']).row('Think of it as')).toBeUndefined();
    // One card left (the other slug unknown): nothing to compare against, so nothing is dropped as 'the same'.
    expect(compare(['terraform', 'nosuch']).row('In one line')).toEqual([expect.stringContaining('Terraform')]);
  });

  it('does not repeat an analogy that a column already shows', () => {
    expect(compare(['iac', 'pulumi']).row('Think of it as')).toEqual(['Building from drawings.', '—']);
  });

  it('at full depth shows what each is and, for a tool, where it fits', () => {
    const { a } = compare(['terraform', 'pulumi'], 'full');
    expect(a.sections.find((s) => s.heading === 'Pulumi')?.body).toBe('Pulumi does the job.\n\nPulumi fits here.');
  });
});

describe('renderers', () => {
  it('renders every kind to markdown and terminal text', () => {
    for (const q of ['LB', 'container vs vm', 'lb vs reverse proxy vs api gateway', 'pizza', '']) {
      const a = buildAnswer(kb, m.match(q), 'full');
      expect(renderMarkdown(a).length).toBeGreaterThan(10);
      const plain = renderTerminal(a, { color: false, width: 60 });
      expect(plain).not.toContain('\u001b');
      expect(renderTerminal(a, { color: true, width: 60 }).length).toBeGreaterThanOrEqual(plain.length);
    }
  });

  it('escapes user text in markdown', () => {
    const md = renderMarkdown(buildAnswer(kb, m.match('*pizza* [x](y)')));
    expect(md).toContain('\\*pizza\\*');
  });

  it('wraps long prose to the width', () => {
    const out = renderTerminal(buildAnswer(kb, m.match('LB')), { color: false, width: 40 });
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
  });
});
