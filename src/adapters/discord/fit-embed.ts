import type { APIEmbed, APIEmbedField } from 'discord.js';
import { truncate } from '../../core/text/truncate.js';
import { EMBED } from './limits.js';
import { boundaryCut } from '../../core/text/truncate.js';

const BLANK = '\u200B';

/** The embed as we would like it, before Discord's limits. */
export interface EmbedDraft {
  title?: string;
  description?: string;
  fields?: APIEmbedField[];
  footer?: string;
  color?: number;
  url?: string;
}

/** Characters Discord counts towards the 6000 total. */
export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Trims a draft to every embed limit. When fields had to go, the last field says so with
 * `moreText` instead of Discord rejecting the message.
 */
export function fitEmbed(draft: EmbedDraft, moreText: string): APIEmbed {
  const title = draft.title ? truncate(draft.title, EMBED.title) : undefined;
  const footer = draft.footer ? truncate(draft.footer, EMBED.footer) : undefined;
  const fields = (draft.fields ?? []).map(cleanField);
  const more: APIEmbedField = { name: 'More', value: truncate(moreText || 'Shortened to fit Discord.', EMBED.fieldValue) };

  const head = (title?.length ?? 0) + (footer?.length ?? 0);
  const fieldsLength = fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const describe = (reserve: number): string | undefined =>
    draft.description
      ? truncate(draft.description, Math.max(0, Math.min(EMBED.description, EMBED.total - head - reserve))) || undefined
      : undefined;
  let description = describe(0);
  // A description cut to its own 4096 limit needs the "more" note too, not just a silent ellipsis.
  const descriptionCut = (description?.length ?? 0) < (draft.description?.length ?? 0);
  const allFit = !descriptionCut && fields.length <= EMBED.fields && head + (description?.length ?? 0) + fieldsLength <= EMBED.total;
  // When something must go, the description leaves room for the "more" note too.
  if (!allFit) description = describe(more.name.length + more.value.length);

  let used = head + (description?.length ?? 0);
  let kept: APIEmbedField[];
  if (allFit) {
    kept = fields;
  } else {
    kept = [];
    const budget = EMBED.total - more.name.length - more.value.length;
    for (const f of fields) {
      if (kept.length >= EMBED.fields - 1) break;
      const room = budget - used - f.name.length;
      if (f.value.length <= room) {
        kept.push(f);
        used += f.name.length + f.value.length;
        continue;
      }
      // A worthwhile part of the field still fits: keep it shortened, then stop.
      if (room >= 200) kept.push({ ...f, value: truncate(f.value, room) });
      break;
    }
    kept.push(more);
  }

  const embed: APIEmbed = {};
  if (title) embed.title = title;
  if (draft.url) embed.url = draft.url;
  if (description) embed.description = description;
  if (draft.color !== undefined) embed.color = draft.color;
  if (kept.length) embed.fields = kept;
  if (footer) embed.footer = { text: footer };
  return embed;
}

function cleanField(f: APIEmbedField): APIEmbedField {
  const name = truncate(f.name.trim(), EMBED.fieldName) || BLANK;
  const value = truncate(f.value.trim(), EMBED.fieldValue) || BLANK;
  return f.inline ? { name, value, inline: true } : { name, value };
}

/**
 * Splits a long markdown body into field-sized chunks at paragraph, line or word boundaries,
 * keeping code fences balanced, so a long section reads as "Heading", "Heading (cont.)".
 */
export function splitToFields(heading: string, body: string, max = EMBED.fieldValue): APIEmbedField[] {
  const chunks = splitText(body.trim(), max - 8);
  const out: APIEmbedField[] = [];
  let openFence = false;
  chunks.forEach((chunk, i) => {
    let value = openFence ? '```\n' + chunk : chunk;
    const fences = (chunk.match(/```/g) ?? []).length;
    if (fences % 2 === 1) openFence = !openFence;
    if (openFence) value += '\n```';
    out.push({ name: i === 0 ? heading : `${heading} (cont.)`, value });
  });
  return out.length ? out : [{ name: heading, value: BLANK }];
}

function splitText(text: string, max: number): string[] {
  if (text.length <= max) return text ? [text] : [];
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = boundaryCut(rest.slice(0, max), max, 0.4);
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}
