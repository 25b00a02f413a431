import { describe, expect, it } from 'vitest';
import { answerForSlug, buildAnswer, categoryOverview } from '../../../src/core/answer/build.js';
import { renderMarkdown } from '../../../src/core/answer/render-markdown.js';
import { renderTerminal } from '../../../src/core/answer/render-terminal.js';
import { createMatcher } from '../../../src/core/matcher/index.js';
import { sampleKb } from '../../support/kb.js';

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

  it('summarises categories for help', () => {
    const o = categoryOverview(kb, m.index.popularity);
    expect(o.map((c) => c.category)).toEqual(['networking', 'compute', 'data', 'security', 'architecture', 'operations']);
    expect(o.find((c) => c.category === 'networking')!.count).toBe(6);
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
