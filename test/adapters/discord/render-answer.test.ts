import { describe, expect, it } from 'vitest';
import { termEmbed, comparisonEmbed, noneEmbed } from '../../../src/adapters/discord/render-answer.js';
import { renderBrowse, renderFound, renderHelp } from '../../../src/adapters/discord/render-browse.js';
import { renderMessage } from '../../../src/adapters/discord/render.js';
import { answerMessage, browsePage } from '../../../src/core/chat/index.js';
import type { Answer } from '../../../src/core/answer/types.js';
import { embedLength } from '../../../src/adapters/discord/fit-embed.js';
import type { ComparisonAnswer, TermAnswer, TermRef } from '../../../src/core/answer/types.js';
import { expectValidComponents, expectValidEmbed } from './embed-limits.js';
import { realTermbot } from './harness.js';

const bot = await realTermbot();
const renderAnswer = (a: Answer, o: { shareable: boolean }) => renderMessage(answerMessage(a, o.shareable));
const ref = (i: number): TermRef => ({ slug: `term-${i}`, title: `Term number ${i} `.repeat(8), summary: 's'.repeat(300) });

function hugeTerm(): TermAnswer {
  return {
    kind: 'term',
    query: 'x',
    depth: 'full',
    score: 1,
    alternatives: Array.from({ length: 12 }, (_, i) => ref(100 + i)),
    term: {
      slug: 'a'.repeat(120),
      title: 'T'.repeat(500),
      category: 'networking',
      summary: 'word '.repeat(2000),
      analogy: 'like '.repeat(2000),
      sections: Array.from({ length: 30 }, (_, i) => ({
        heading: `Section ${i} `.repeat(40),
        body: `para ${i}\n\n` + 'lorem ipsum '.repeat(500),
      })),
      hasMore: false,
      related: Array.from({ length: 50 }, (_, i) => ref(i)),
      contrasts: Array.from({ length: 20 }, (_, i) => ref(50 + i)),
      links: Array.from({ length: 40 }, (_, i) => ({ title: `Link ${i} [x]`, url: `https://example.com/${'p'.repeat(100)}/${i}` })),
      tags: [],
      kind: 'concept',
      isA: [],
      toolAlternatives: [],
      tools: [],
      reviewed: '2026-12-01',
    },
  };
}

describe('Discord renderer: real knowledge', () => {
  const all = [...bot.kb.terms.keys(), ...bot.kb.comparisons.keys()];

  it('renders every term and comparison at both depths within every Discord limit', () => {
    for (const slug of all) {
      for (const depth of ['short', 'full'] as const) {
        const msg = renderAnswer(bot.answerFor(slug, depth), { shareable: true });
        expectValidEmbed(msg.embeds[0]!);
        expectValidComponents(msg.components);
      }
    }
  });

  it('keeps the longest real entries complete or says there is more', () => {
    const longest = [...bot.kb.terms.values()]
      .map((t) => ({ slug: t.slug, size: t.sections.reduce((n, s) => n + s.body.length, 0) }))
      .sort((a, b) => b.size - a.size)
      .slice(0, 3);
    for (const { slug } of longest) {
      const a = bot.answerFor(slug, 'full');
      if (a.kind !== 'term') throw new Error('expected a term');
      const e = termEmbed(a);
      expectValidEmbed(e);
      const text = (e.fields ?? []).map((f) => f.value).join('\n');
      const complete = a.term.sections.every((s) => text.includes(s.body.slice(0, 200).trim().split('\n')[0]!));
      const saysMore = e.fields?.at(-1)?.name === 'More';
      expect(complete || saysMore).toBe(true);
    }
  });

  it('puts comparison columns side by side, in the order asked', () => {
    const a = bot.ask('udp vs tcp', 'short').answer;
    if (a.kind !== 'comparison') throw new Error('expected a comparison');
    const inline = (comparisonEmbed(a).fields ?? []).filter((f) => f.inline && f.name !== '\u200B');
    expect(inline[0]?.name).toMatch(/UDP/);
    expect(inline[1]?.name).toMatch(/TCP/);
  });

  it('renders help, term pages and detected terms within limits', () => {
    const help = renderHelp(bot.overview());
    expectValidEmbed(help.embeds[0]!);
    expectValidComponents(help.components);
    const terms = bot.list();
    for (let p = 0; p * 10 < terms.length; p++) {
      const page = renderBrowse(browsePage(bot, null, p));
      expectValidEmbed(page.embeds[0]!);
      expectValidComponents(page.components);
    }
    const found = bot.findTerms('CDN, DNS, TCP, UDP, load balancer, reverse proxy, microservices, Kubernetes, Docker, CQRS, saga, JWT', 10);
    const detected = renderFound(
      found,
      found.map((f) => ({ label: f.term.title, ref: { kind: 'open', slugs: [f.term.slug], depth: 'short' } })),
    );
    expectValidEmbed(detected.embeds[0]!);
    expectValidComponents(detected.components);
  });
});

describe('Discord renderer: synthetic huge answers', () => {
  it('trims a huge term to the limits and ends with a "More" note instead of an API error', () => {
    const msg = renderAnswer(hugeTerm(), { shareable: true });
    const e = msg.embeds[0]!;
    expectValidEmbed(e);
    expect(embedLength(e)).toBeGreaterThan(5000);
    expect(e.fields?.at(-1)?.name).toBe('More');
    // Ids too long for Discord are dropped rather than sent.
    expectValidComponents(msg.components);
  });

  it('trims a huge comparison with many columns and rows', () => {
    const cols = Array.from({ length: 4 }, (_, i) => ref(i));
    const answer: ComparisonAnswer = {
      kind: 'comparison',
      query: 'q',
      depth: 'full',
      slug: null,
      title: 'X'.repeat(400),
      summary: 'y'.repeat(5000),
      columns: cols,
      rows: Array.from({ length: 40 }, (_, i) => ({ aspect: `Aspect ${i}`, values: cols.map(() => 'v'.repeat(600)) })),
      sections: [{ heading: 'In short', body: 'z'.repeat(4000) }],
      hasMore: false,
      score: 1,
    };
    const msg = renderAnswer(answer, { shareable: true });
    expectValidEmbed(msg.embeds[0]!);
    expectValidComponents(msg.components);
    const two = { ...answer, columns: cols.slice(0, 2), rows: answer.rows.map((r) => ({ ...r, values: r.values.slice(0, 2) })) };
    expectValidEmbed(comparisonEmbed(two));
  });

  it('echoes at most 100 characters of a huge unknown query, escaped', () => {
    const e = noneEmbed({ kind: 'none', query: '*'.repeat(10_000), reason: 'no-match', message: 'Nope.', suggestions: [] });
    expectValidEmbed(e);
    expect(e.description!.length).toBeLessThan(300);
    expect(e.description).toContain('\\*');
  });
});
