import type { APIEmbed, APIEmbedField } from 'discord.js';
import { categoryLabel, type ActionGroup, type BundledCategory } from '../../core/chat/index.js';
import type { Answer, ComparisonAnswer, Depth, NoneAnswer, TermAnswer, TermRef } from '../../core/answer/types.js';
import { fitEmbed, splitToFields } from './fit-embed.js';
import { EMBED } from './limits.js';
import { buttons, rows, type RenderedMessage } from './render.js';
import { safeUserText } from './text.js';

export const CATEGORY_COLORS: Record<BundledCategory, number> = {
  foundations: 0x5865f2,
  networking: 0x3ba55d,
  compute: 0xfaa61a,
  data: 0x9b59b6,
  security: 0xed4245,
  architecture: 0x1abc9c,
  operations: 0xe67e22,
};
const NEUTRAL = 0x99aab5;

const quote = (text: string): string =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
const titles = (refs: TermRef[]): string => refs.map((r) => r.title).join(' · ');
const linkTitle = (t: string): string => t.replace(/[[\]]/g, '');

function moreText(depth: Depth): string {
  return depth === 'short'
    ? 'Shortened to fit Discord: press More detail for the rest.'
    : 'This entry is longer than one Discord message allows; the links above and `termbot explain` in a terminal have it all.';
}

export function termEmbed(a: TermAnswer): APIEmbed {
  const t = a.term;
  const fields: APIEmbedField[] = t.sections.flatMap((s) => splitToFields(s.heading, s.body));
  if (t.contrasts.length) fields.push({ name: 'Often confused with', value: titles(t.contrasts) });
  if (t.related.length) fields.push({ name: 'Related', value: titles(t.related) });
  const links = t.links.filter((l) => /^https?:\/\//.test(l.url));
  if (links.length) fields.push({ name: 'Read more', value: links.map((l) => `[${linkTitle(l.title)}](${l.url})`).join('\n') });
  const footer = [categoryLabel(t.category), t.hasMore ? 'More detail below' : null].filter(Boolean).join(' · ');
  return fitEmbed(
    {
      title: t.title,
      description: t.analogy ? `${t.summary}\n\n${quote(t.analogy)}` : t.summary,
      fields,
      footer,
      // A team category has no colour of its own: the neutral one.
      color: (CATEGORY_COLORS as Record<string, number>)[t.category] ?? NEUTRAL,
    },
    moreText(a.depth),
  );
}

/** Side by side: one inline field per column when they fit on a row, otherwise one field per aspect. */
function comparisonFields(a: ComparisonAnswer): APIEmbedField[] {
  const cols = a.columns;
  if (cols.length >= 2 && cols.length <= 3) {
    const fields: APIEmbedField[] = [];
    // Each group of rows becomes one row of inline fields; a group ends when a column would overflow.
    let group: number[] = [];
    const cell = (col: number, rowIdx: number): string => `**${a.rows[rowIdx]!.aspect}**\n${a.rows[rowIdx]!.values[col] ?? '—'}`;
    const flush = (): void => {
      if (!group.length) return;
      cols.forEach((c, col) => fields.push({ name: c.title, value: group.map((r) => cell(col, r)).join('\n\n'), inline: true }));
      // Discord puts three inline fields on a line: pad two columns so groups do not run together.
      if (cols.length === 2) fields.push({ name: '\u200B', value: '\u200B', inline: true });
      group = [];
    };
    a.rows.forEach((_, r) => {
      const fits = cols.every((_c, col) => [...group, r].map((g) => cell(col, g)).join('\n\n').length <= EMBED.fieldValue);
      if (!fits) flush();
      group.push(r);
    });
    flush();
    return fields;
  }
  return a.rows.map((r) => ({ name: r.aspect, value: r.values.map((v, i) => `**${cols[i]?.title ?? '?'}**: ${v}`).join('\n') }));
}

export function comparisonEmbed(a: ComparisonAnswer): APIEmbed {
  const fields = [...comparisonFields(a), ...a.sections.flatMap((s) => splitToFields(s.heading, s.body))];
  const description = a.analogy ? `${a.summary}\n\n${quote(a.analogy)}` : a.summary;
  return fitEmbed(
    { title: a.title, description, fields, footer: a.hasMore ? 'Comparison · More detail below' : 'Comparison', color: NEUTRAL },
    moreText(a.depth),
  );
}

export function noneEmbed(a: NoneAnswer): APIEmbed {
  const closest = a.closest;
  const asked = a.query ? `**“${safeUserText(a.query, 100)}”**: ` : '';
  const head = closest && a.query ? `I don't have *${safeUserText(a.query, 100)}*; closest: **${closest.title}**` : asked + a.message;
  const suggestions = a.suggestions
    .filter((s) => s.slug !== closest?.slug)
    .map((s) => `**${s.title}**: ${s.summary}`)
    .join('\n');
  return fitEmbed(
    {
      title: a.reason === 'empty' ? 'What should I explain?' : 'Not in my glossary yet',
      description: [head, suggestions].filter(Boolean).join('\n\n'),
      footer: 'Browse everything with /terms',
      color: NEUTRAL,
    },
    '',
  );
}

export function answerEmbed(answer: Answer): APIEmbed {
  switch (answer.kind) {
    case 'term':
      return termEmbed(answer);
    case 'comparison':
      return comparisonEmbed(answer);
    case 'none':
      return noneEmbed(answer);
  }
}

/** The core's button groups, one row each (the policy keeps every group within a row). */
export const answerComponents = (groups: readonly ActionGroup[]): RenderedMessage['components'] =>
  rows(
    groups.map((g) => buttons(g.kind === 'did-you-mean' ? g.buttons.map((b) => ({ ...b, label: `Did you mean ${b.label}?` })) : g.buttons)),
  );

/** The full reply for an answer. */
export function renderAnswer(answer: Answer, groups: readonly ActionGroup[]): RenderedMessage {
  return { embeds: [answerEmbed(answer)], components: answerComponents(groups) };
}
