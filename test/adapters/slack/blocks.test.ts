import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, ComparisonAnswer, TermAnswer } from '../../../src/core/answer/types.js';
import type { Termbot } from '../../../src/core/termbot.js';
import { renderAnswer as renderBlocks, renderTotdCard } from '../../../src/adapters/slack/render-answer.js';
import { homeView, messageModal, renderFound, renderHelp, searchModal } from '../../../src/adapters/slack/render-browse.js';
import { answerActions, answerMessage, decodeAction } from '../../../src/core/chat/index.js';
import type { JargonHit } from '../../../src/core/matcher/index.js';
import { FORBIDDEN_PINGS, blockKitViolations } from './block-kit-limits.js';
import { loadBot } from './helpers.js';

let bot: Termbot;

/** Ephemeral answers get the Share button (the core's policy); public ones, credited to a sharer, do not. */
const renderAnswer = (a: Answer, o: { visibility: 'ephemeral' | 'public'; sharedBy?: string }) =>
  renderBlocks(a, answerActions(a, { shareable: o.visibility === 'ephemeral' }), o.sharedBy ? { sharedBy: o.sharedBy } : {});
const answerModal = (a: Answer) => messageModal(answerMessage(a, false));
const slugOf = (value: string | undefined): string | undefined => {
  const ref = decodeAction(value);
  return ref && 'slugs' in ref ? ref.slugs.join(',') : undefined;
};
/** The message shortcut's rendering of detector hits (the core dedupes them into found terms). */
const renderJargon = (b: Termbot, hits: JargonHit[]) => {
  const found = hits.flatMap((h) => {
    const term = b.ref(h.slug);
    return term ? [{ term, written: h.text }] : [];
  });
  return renderFound(
    found,
    found.map((f) => ({ label: f.term.title, ref: { kind: 'open' as const, slugs: [f.term.slug], depth: 'short' as const } })),
  );
};
beforeAll(async () => {
  bot = await loadBot();
});

const buttons = (blocks: unknown[]): { action_id: string; value: string; text: { text: string } }[] =>
  (blocks as { type: string; elements?: { type: string; action_id: string; value: string; text: { text: string } }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

const HUGE = 'x'.repeat(9000);
const hugeWords = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');

function hugeTerm(): TermAnswer {
  const ref = (i: number) => ({ slug: `term-${i}`, title: `A very long related term title number ${i} `.repeat(4), summary: HUGE });
  return {
    kind: 'term',
    query: HUGE,
    depth: 'full',
    score: 1,
    alternatives: Array.from({ length: 40 }, (_, i) => ref(100 + i)),
    term: {
      slug: 'huge',
      title: 'T'.repeat(500),
      category: 'networking',
      summary: hugeWords,
      analogy: hugeWords,
      sections: Array.from({ length: 80 }, (_, i) => ({
        heading: `Heading ${i} `.repeat(50),
        body: `${hugeWords}\n\n\`\`\`\n${HUGE}\n\`\`\``,
      })),
      hasMore: false,
      related: Array.from({ length: 60 }, (_, i) => ref(i)),
      contrasts: Array.from({ length: 30 }, (_, i) => ref(200 + i)),
      links: Array.from({ length: 10 }, (_, i) => ({ title: `Link ${i} ${HUGE}`, url: `https://example.com/${i}` })),
      tags: [],
      kind: 'concept',
      isA: [],
      toolAlternatives: [],
      tools: [],
      reviewed: '2026-12-01',
    },
  };
}

function hugeComparison(): ComparisonAnswer {
  return {
    kind: 'comparison',
    query: 'a vs b',
    depth: 'full',
    slug: null,
    title: 'C'.repeat(400),
    summary: hugeWords,
    analogy: hugeWords,
    columns: Array.from({ length: 14 }, (_, i) => ({ slug: `c-${i}`, title: `Column ${i} ${'y'.repeat(100)}`, summary: 's' })),
    rows: Array.from({ length: 70 }, (_, i) => ({ aspect: `Aspect ${i} ${HUGE}`, values: Array.from({ length: 14 }, () => HUGE) })),
    sections: Array.from({ length: 30 }, (_, i) => ({ heading: `H${i}`, body: hugeWords })),
    hasMore: false,
    score: 1,
  };
}

describe('renderAnswer', () => {
  it('keeps every real entry, at both depths, within Block Kit limits', () => {
    const slugs = [...bot.kb.terms.keys(), ...bot.kb.comparisons.keys()];
    expect(slugs.length).toBeGreaterThan(50);
    for (const slug of slugs) {
      for (const depth of ['short', 'full'] as const) {
        const answer = bot.answerFor(slug, depth);
        for (const visibility of ['ephemeral', 'public'] as const) {
          const { blocks, text } = renderAnswer(answer, { visibility });
          expect(blockKitViolations(blocks), `${slug} ${depth} ${visibility}`).toEqual([]);
          expect(text.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('renders the longest real entries in full, without cutting them', () => {
    const longest = [...bot.kb.terms.values()]
      .sort((a, b) => b.sections.reduce((n, s) => n + s.body.length, 0) - a.sections.reduce((n, s) => n + s.body.length, 0))
      .slice(0, 5);
    for (const term of longest) {
      const { blocks } = renderAnswer(bot.answerFor(term.slug, 'full'), { visibility: 'ephemeral' });
      const all = JSON.stringify(blocks);
      for (const s of term.sections) expect(all, `${term.slug}: ${s.heading}`).toContain(s.heading);
      expect(all).not.toContain('Shortened to fit Slack');
    }
  });

  it('fits synthetic huge answers: 50 blocks, 3000-char sections, 150-char header, 75-char buttons, 25 per actions', () => {
    for (const answer of [hugeTerm(), hugeComparison()] as Answer[]) {
      const { blocks, text } = renderAnswer(answer, { visibility: 'ephemeral' });
      expect(blockKitViolations(blocks)).toEqual([]);
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(text.length).toBeLessThanOrEqual(3000);
      // The controls survive the cut: the share button is still there.
      expect(buttons(blocks).some((b) => b.action_id === 'tb1:share')).toBe(true);
      const modal = answerModal(answer);
      expect(blockKitViolations(modal.blocks, 100)).toEqual([]);
    }
  });

  it('term: header, summary, analogy, related buttons, More detail and Share; buttons decode to slugs', () => {
    const { blocks } = renderAnswer(bot.answerFor('load-balancer'), { visibility: 'ephemeral' });
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Load Balancer' } });
    const bs = buttons(blocks);
    const more = bs.find((b) => b.action_id === 'tb1:depth');
    expect(more?.text.text).toBe('More detail');
    expect(decodeAction(more?.value)).toEqual({ kind: 'show', slugs: ['load-balancer'], depth: 'full' });
    const related = bs.filter((b) => b.action_id.startsWith('tb1:term:'));
    expect(related.length).toBeGreaterThanOrEqual(3);
    for (const b of related) expect(bot.ref(slugOf(b.value)!)).not.toBeNull();
    expect(bs.some((b) => b.action_id === 'tb1:share')).toBe(true);
  });

  it('ambiguous words: the other meanings come right under the answer as buttons', () => {
    const ambiguous = bot
      .list()
      .map((t) => bot.ask(t.title.split(' ')[0]!).answer)
      .find((a): a is TermAnswer => a.kind === 'term' && a.alternatives.length > 0);
    expect(ambiguous, 'the knowledge base has ambiguous first words').toBeDefined();
    const { blocks } = renderAnswer(ambiguous!, { visibility: 'ephemeral' });
    const at = blocks.findIndex((b) => JSON.stringify(b).includes('Or did you mean'));
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(5);
    const next = blocks[at + 1] as { type: string; elements: { value: string }[] };
    expect(next.type).toBe('actions');
    expect(next.elements.map((e) => slugOf(e.value))).toEqual(ambiguous!.alternatives.slice(0, 3).map((r) => r.slug));
  });

  it('full depth offers Less; public answers have no Share button and credit the sharer', () => {
    const full = renderAnswer(bot.answerFor('load-balancer', 'full'), { visibility: 'public', sharedBy: 'U0ALICE' });
    const bs = buttons(full.blocks);
    expect(bs.find((b) => b.action_id === 'tb1:depth')?.text.text).toBe('Less');
    expect(bs.some((b) => b.action_id === 'tb1:share')).toBe(false);
    expect(JSON.stringify(full.blocks)).toContain('Shared by <@U0ALICE>');
  });

  it('never credits a sharer id that is not a Slack user id', () => {
    const { blocks } = renderAnswer(bot.answerFor('load-balancer'), { visibility: 'public', sharedBy: '!channel' });
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
    expect(JSON.stringify(blocks)).not.toContain('Shared by');
  });

  it('comparisons render side by side: one section per aspect with one field per term', () => {
    const answer = bot.ask('authn vs authz').answer;
    expect(answer.kind).toBe('comparison');
    const { blocks } = renderAnswer(answer, { visibility: 'ephemeral' });
    const rows = blocks.filter((b) => b.type === 'section' && 'fields' in b && b.fields);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect((r as { fields: unknown[] }).fields).toHaveLength(2);
  });

  it('a generated comparison (no curated slug) points its buttons back at its slugs, never at a query', () => {
    const a = bot.list()[0]!;
    const b = bot.list()[bot.list().length - 1]!;
    const answer = bot.ask(`${a.title} vs ${b.title}`).answer;
    if (answer.kind !== 'comparison' || answer.slug) return; // curated pair: nothing to test here
    const { blocks } = renderAnswer(answer, { visibility: 'ephemeral' });
    const share = buttons(blocks).find((x) => x.action_id === 'tb1:share');
    expect(decodeAction(share?.value)).toEqual({ kind: 'share', slugs: answer.columns.map((c) => c.slug), depth: 'short' });
  });

  it('none: escapes the echoed query and offers Did you mean buttons', () => {
    const { blocks, text } = renderAnswer(
      {
        kind: 'none',
        query: '<!channel> <@UEVIL> <#CEVIL> <!subteam^S1> frobnicate',
        reason: 'no-match',
        message: 'nope',
        suggestions: [{ slug: 'load-balancer', title: 'Load Balancer', summary: 's' }],
      },
      { visibility: 'ephemeral' },
    );
    expect(slugOf(buttons(blocks)[0]?.value)).toBe('load-balancer');
    const json = JSON.stringify({ blocks, text });
    for (const bad of FORBIDDEN_PINGS) expect(json).not.toContain(bad);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('Did you mean');
    expect(buttons(blocks)[0]?.action_id).toBe('tb1:term:0');
  });

  it('handles empty, emoji, zero-width and 10k-char queries without breaking limits', () => {
    for (const q of [
      '',
      '   ',
      '🔥🔥🔥 what is k8s 🚀',
      'load\u200bbalancer',
      'a'.repeat(10_000),
      '*bold* _it_ `code` > quote ```',
      '@everyone @here what is dns',
    ]) {
      const { answer } = bot.ask(q);
      const { blocks, text } = renderAnswer(answer, { visibility: 'ephemeral' });
      expect(blockKitViolations(blocks), q.slice(0, 20)).toEqual([]);
      const json = JSON.stringify({ blocks, text });
      expect(json).not.toMatch(/@(everyone|here|channel)\b/);
    }
  });
});

describe('other surfaces', () => {
  it('help lists the usage and every category', () => {
    const { blocks } = renderHelp(bot.overview());
    expect(blockKitViolations(blocks)).toEqual([]);
    const json = JSON.stringify(blocks);
    for (const c of bot.overview()) expect(json).toContain(c.label);
    expect(json).toContain('/explain-daily');
  });

  it('jargon: each term with its summary and an expand button; user wording is escaped', () => {
    const hits = bot.detect('we put a load balancer and a CDN in front of k8s pods');
    const { blocks } = renderJargon(bot, hits);
    expect(blockKitViolations(blocks)).toEqual([]);
    const labels = buttons(blocks).map((b) => b.text.text);
    expect(labels).toContain('Load Balancer');
    expect(labels.length).toBe(hits.length);
    const forged = renderJargon(bot, [{ slug: 'dns', text: '<!channel> DNS', start: 0, end: 3 }]);
    expect(JSON.stringify(forged)).not.toContain('<!channel>');
    expect(renderJargon(bot, []).text).toMatch(/no infrastructure or architecture terms/);
  });

  it('App Home, the search modal and the term-of-the-day card are within limits', () => {
    const home = homeView({ slug: 'dns', title: 'DNS', summary: 'names' }, bot.overview());
    expect(home.type).toBe('home');
    expect(blockKitViolations(home.blocks, 100)).toEqual([]);
    expect(buttons(home.blocks).some((b) => b.action_id === 'tb1:open-search')).toBe(true);
    const modal = searchModal('{"channel":"C1"}');
    expect(blockKitViolations(modal.blocks, 100)).toEqual([]);
    expect(JSON.stringify(modal)).toContain('external_select');
    const answer = bot.answerFor('dns');
    if (answer.kind !== 'term') throw new Error('dns should be a term');
    const card = renderTotdCard(answer, 'slack:C1:2026-11-30', '2026-11-30');
    expect(blockKitViolations(card.blocks)).toEqual([]);
    expect(card.blocks[0]?.block_id).toBe('tb1:totd:slack:C1:2026-11-30');
    expect(buttons(card.blocks)[0]?.text.text).toBe('More detail');
  });
});
