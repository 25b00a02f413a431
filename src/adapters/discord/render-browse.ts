import { ButtonStyle } from 'discord.js';
import type { CategoryOverview, TermRef } from '../../core/answer/types.js';
import type { JargonHit } from '../../core/matcher/index.js';
import type { Termbot } from '../../core/termbot.js';
import { truncate } from '../../core/text/truncate.js';
import { button, rows } from './components.js';
import { fitEmbed } from './fit-embed.js';
import type { RenderedMessage } from './render-answer.js';

export const PAGE_SIZE = 10;
const BRAND = 0x5865f2;

/** `/explain` without a term: what termbot is and what it knows. */
export function renderHelp(overview: CategoryOverview[]): RenderedMessage {
  const fields = overview.map((c) => ({
    name: `${c.label} (${c.count})`,
    value: c.examples.map((e) => e.title).join(' · ') || '\u200B',
  }));
  const embed = fitEmbed(
    {
      title: 'termbot explains infrastructure and architecture terms',
      description: [
        'Try `/explain term: load balancer` or compare two: `/explain term: CQRS vs event sourcing`.',
        'Mention me in a channel (`@termbot what is a CDN?`), or right-click a message → Apps → **Explain terms**.',
        'Browse everything with `/terms`.',
      ].join('\n'),
      fields,
      color: BRAND,
    },
    'Browse the rest with /terms.',
  );
  const examples = overview.flatMap((c) => c.examples.slice(0, 1));
  return { embeds: [embed], components: rows([examples.slice(0, 5).map((e) => button(e.title, { kind: 'open', target: e.slug, depth: 'short' }))]) };
}

/** One page of `/terms`, with buttons to open each term and to turn pages. */
export function renderTermsPage(terms: TermRef[], category: string, label: string, requestedPage: number): RenderedMessage {
  const pages = Math.max(1, Math.ceil(terms.length / PAGE_SIZE));
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const slice = terms.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const embed = fitEmbed(
    {
      title: `Terms: ${label}`,
      description: slice.length ? slice.map((t) => `**${t.title}**: ${truncate(t.summary, 160)}`).join('\n') : 'No terms here yet.',
      footer: `Page ${page + 1} of ${pages} · ${terms.length} terms`,
      color: BRAND,
    },
    '',
  );
  const open = slice.map((t) => button(t.title, { kind: 'open', target: t.slug, depth: 'short' }));
  const nav = [
    button('◀ Previous', { kind: 'page', category, page: page - 1 }, ButtonStyle.Secondary, page === 0),
    button('Next ▶', { kind: 'page', category, page: page + 1 }, ButtonStyle.Secondary, page >= pages - 1),
  ];
  return { embeds: [embed], components: rows([open.slice(0, 5), open.slice(5, 10), pages > 1 ? nav : []]) };
}

/** The "Explain terms" context menu: the terms found in a message, a line each, with buttons to open them. */
export function renderDetected(bot: Termbot, hits: JargonHit[]): RenderedMessage {
  const slugs = [...new Set(hits.map((h) => h.slug))].slice(0, 10);
  const refs = slugs.map((s) => bot.kb.terms.get(s)).filter((t) => t !== undefined);
  if (!refs.length) {
    return {
      embeds: [fitEmbed({ title: 'No terms found', description: "I didn't find any terms I know in that message. Try `/explain` with a word from it.", color: BRAND }, '')],
      components: [],
    };
  }
  const embed = fitEmbed(
    {
      title: `Terms in this message (${refs.length})`,
      fields: refs.map((t) => ({ name: t.title, value: t.summary })),
      footer: 'Press a term for the full card',
      color: BRAND,
    },
    'More terms than fit here.',
  );
  const open = refs.map((t) => button(t.title, { kind: 'open', target: t.slug, depth: 'short' }));
  return { embeds: [embed], components: rows([open.slice(0, 5), open.slice(5, 10)]) };
}
