import { describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/app/config.js';
import { loadTermbot } from '../../../src/core/termbot.js';

const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);

describe('the Termbot API adapters use', () => {
  it('explain: type-ahead slugs answer directly, free text goes through the matcher', () => {
    expect(bot.explain('load-balancer')).toMatchObject({ kind: 'term', term: { slug: 'load-balancer' } });
    expect(bot.explain('what is a load balancer?')).toMatchObject({ kind: 'term', term: { slug: 'load-balancer' } });
    expect(bot.explain('tcp-vs-udp')).toMatchObject({ kind: 'comparison', slug: 'tcp-vs-udp' });
  });

  it('answerForSlugs compares slugs directly, never through the matcher', () => {
    const a = bot.answerForSlugs(['load-balancer', 'cdn'], 'short');
    expect(a.kind).toBe('comparison');
    if (a.kind === 'comparison') expect(a.columns.map((c) => c.slug)).toEqual(['load-balancer', 'cdn']);
    // The curated comparison covering exactly the set, whatever order it was asked in.
    expect(bot.answerForSlugs(['udp', 'tcp'])).toMatchObject({ kind: 'comparison', slug: 'tcp-vs-udp' });
    expect(bot.answerForSlugs(['tcp-vs-udp'])).toMatchObject({ kind: 'comparison', slug: 'tcp-vs-udp' });
    expect(bot.answerForSlugs(['dns'])).toMatchObject({ kind: 'term', term: { slug: 'dns' } });
    expect(bot.answerForSlugs(['no-such-term', 'dns']).kind).toBe('none');
    expect(bot.answerForSlugs([]).kind).toBe('none');
  });

  it("titles, references, browsing, found terms and the day's default term", () => {
    expect(bot.title('dns')).toMatch(/DNS/);
    expect(bot.title('gone-term')).toBe('gone-term');
    expect(bot.ref('dns')).toMatchObject({ slug: 'dns' });
    expect(bot.ref('gone-term')).toBeNull();
    expect(bot.browse('security')).toMatchObject({ category: 'security', label: 'Security and identity' });
    expect(bot.browse().terms).toEqual(bot.list());
    const found = bot.findTerms('a CDN and a load balancer, and the CDN again');
    expect(found.map((f) => f.term.slug)).toEqual(expect.arrayContaining(['cdn', 'load-balancer']));
    expect(new Set(found.map((f) => f.term.slug)).size).toBe(found.length);
    expect(bot.todaysDefault('2026-12-01')).toEqual(bot.todaysDefault('2026-12-01'));
    expect(bot.todaysDefault('2026-12-01')?.slug).toBeTruthy();
  });
});
