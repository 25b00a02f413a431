import type { CategoryOverview } from '../../core/answer/types.js';
import type { ActionButton, BrowsePage } from '../../core/chat/index.js';
import type { FoundTerm } from '../../core/termbot.js';
import { truncate } from '../../core/text/truncate.js';
import { fitEmbed } from './fit-embed.js';
import { button, buttons, rows, type RenderedMessage } from './render.js';

const BRAND = 0x5865f2;

/** `/explain` without a term: what termbot is and what it knows. */
export function renderHelp(overview: CategoryOverview[]): RenderedMessage {
  const fields = overview.map((c) => ({ name: `${c.label} (${c.count})`, value: c.examples.map((e) => e.title).join(' · ') || '\u200B' }));
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
  const examples = overview.flatMap((c) => c.examples.slice(0, 1)).slice(0, 5);
  return { embeds: [embed], components: rows([examples.map((e) => button(e.title, { kind: 'open', slugs: [e.slug], depth: 'short' }))]) };
}

/** One page of `/terms`, with buttons to open each term and to turn pages. */
export function renderBrowse(p: BrowsePage): RenderedMessage {
  const embed = fitEmbed(
    {
      title: `Terms: ${p.label}`,
      description: p.terms.length ? p.terms.map((t) => `**${t.title}**: ${truncate(t.summary, 160)}`).join('\n') : 'No terms here yet.',
      footer: `Page ${p.page + 1} of ${p.pages} · ${p.total} terms`,
      color: BRAND,
    },
    '',
  );
  const open = buttons(p.open);
  // Both arrows always show (disabled at the ends) so the row does not jump around; a disabled one still needs a valid id.
  const here = { kind: 'page' as const, category: p.category, page: p.page };
  const nav = [
    button('◀ Previous', p.previous ?? here, undefined, !p.previous),
    button('Next ▶', p.next ?? { ...here, page: p.page + 1 }, undefined, !p.next),
  ];
  return { embeds: [embed], components: rows([open.slice(0, 5), open.slice(5, 10), p.pages > 1 ? nav : []]) };
}

/** The "Explain terms" context menu: the terms found in a message, a line each, with buttons to open them. */
export function renderFound(terms: FoundTerm[], open: ActionButton[]): RenderedMessage {
  if (!terms.length) {
    return {
      embeds: [
        fitEmbed(
          {
            title: 'No terms found',
            description: "I didn't find any terms I know in that message. Try `/explain` with a word from it.",
            color: BRAND,
          },
          '',
        ),
      ],
      components: [],
    };
  }
  const embed = fitEmbed(
    {
      title: `Terms in this message (${terms.length})`,
      fields: terms.map((f) => ({ name: f.term.title, value: f.term.summary })),
      footer: 'Press a term for the full card',
      color: BRAND,
    },
    'More terms than fit here.',
  );
  const b = buttons(open);
  return { embeds: [embed], components: rows([b.slice(0, 5), b.slice(5, 10)]) };
}
