import type { Depth } from '../../core/answer/types.js';

/**
 * Every id termbot puts into Slack. The `tb1` prefix versions them: if the format
 * changes, old buttons in channel history get a friendly "ask again" instead of
 * being misread.
 */
export const IDS = {
  command: '/explain',
  dailyCommand: '/explain-daily',
  /** Related / did-you-mean / jargon buttons: action id `tb1:term:<n>`, value = encoded ref. */
  termAction: 'tb1:term',
  depthAction: 'tb1:depth',
  shareAction: 'tb1:share',
  openSearchAction: 'tb1:open-search',
  searchSelect: 'tb1:search-select',
  searchBlock: 'tb1:search',
  searchView: 'tb1:search',
  answerView: 'tb1:answer',
  shortcut: 'tb1_explain_terms',
  totdBlockPrefix: 'tb1:totd:',
  totdEventType: 'termbot_totd',
} as const;

/** Matches any termbot action of one kind, whatever its index suffix. */
export const actionPattern = (base: string): RegExp => new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?$`);

/** What a button points at: a known slug, or a query to ask again (generated comparisons have no slug). */
export type AnswerRef = { slug: string } | { query: string };

export interface ButtonValue {
  ref: AnswerRef;
  depth: Depth;
}

/** `<depth>|s:<slug>` or `<depth>|q:<query>`; short, readable in logs, under the 2000-char limit. */
export function encodeValue(v: ButtonValue): string {
  const ref = 'slug' in v.ref ? `s:${v.ref.slug}` : `q:${v.ref.query.slice(0, 1900)}`;
  return `${v.depth}|${ref}`;
}

/** Decodes a button value; null for anything we did not produce (old versions, forged payloads). */
export function decodeValue(raw: unknown): ButtonValue | null {
  if (typeof raw !== 'string' || raw.length > 2000) return null;
  const m = /^(short|full)\|([sq]):(.+)$/s.exec(raw);
  if (!m) return null;
  const depth = m[1] as Depth;
  const body = m[3]!;
  if (m[2] === 's') return /^[a-z0-9-]{1,120}$/.test(body) ? { depth, ref: { slug: body } } : null;
  return { depth, ref: { query: body } };
}
