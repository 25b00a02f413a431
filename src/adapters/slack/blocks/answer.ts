import type { Answer, ComparisonAnswer, NoneAnswer, TermAnswer, TermRef } from '../../../core/answer/types.js';
import type { Section } from '../../../core/knowledge/types.js';
import { IDS, type AnswerRef } from '../ids.js';
import { LIMITS, chunk, fit } from '../limits.js';
import { escapeText, link, markdownToMrkdwn } from '../mrkdwn.js';
import { actions, button, context, divider, fallback, header, mrkdwn, section, type Block, type Button } from './elements.js';

export interface RenderOptions {
  /** Ephemeral answers get a "Share in channel" button; public ones (shared, mentions, daily) do not. */
  visibility: 'ephemeral' | 'public';
  /** Slack user id of whoever shared it publicly; credited in a context line. */
  sharedBy?: string;
  /** Most blocks to use (50 for messages, 100 for views). */
  maxBlocks?: number;
}

export interface RenderedAnswer {
  text: string;
  blocks: Block[];
}

const MAX_RELATED = 6;
const MAX_SUGGESTIONS = 5;

/** What buttons on this answer point back at. */
export function answerRef(answer: Answer): AnswerRef {
  if (answer.kind === 'term') return { slug: answer.term.slug };
  if (answer.kind === 'comparison') return answer.slug ? { slug: answer.slug } : { query: answer.columns.map((c) => c.title).join(' vs ') };
  return { query: answer.query };
}

function termButtons(refs: TermRef[], offset = 0): Button[] {
  return refs.map((r, i) => button(r.title, `${IDS.termAction}:${offset + i}`, { ref: { slug: r.slug }, depth: 'short' }));
}

function sectionBlocks(sections: Section[]): Block[] {
  const out: Block[] = [];
  for (const s of sections) {
    const text = `*${escapeText(s.heading)}*\n${markdownToMrkdwn(s.body)}`;
    for (const part of chunk(text, LIMITS.sectionText)) out.push(section(part));
  }
  return out;
}

function controls(answer: TermAnswer | ComparisonAnswer, opts: RenderOptions): Block[] {
  const ref = answerRef(answer);
  const buttons: Button[] = [];
  const hasMore = answer.kind === 'term' ? answer.term.hasMore : answer.hasMore;
  if (answer.depth === 'short' && hasMore) buttons.push(button('More detail', IDS.depthAction, { ref, depth: 'full' }, 'primary'));
  if (answer.depth === 'full') buttons.push(button('Less', IDS.depthAction, { ref, depth: 'short' }));
  if (opts.visibility === 'ephemeral') buttons.push(button('Share in channel', IDS.shareAction, { ref, depth: answer.depth }));
  return actions(buttons, 'tb1:controls');
}

function credit(opts: RenderOptions): Block[] {
  // The id comes from Slack's payload, never from user text, so the mention is ours to make.
  return opts.sharedBy && /^[UW][A-Z0-9]{2,20}$/.test(opts.sharedBy) ? [context(`Shared by <@${opts.sharedBy}>`)] : [];
}

/**
 * Fits head + body + tail into the block budget: head and tail (title, buttons) always
 * stay, body sections are dropped from the end with a note saying so.
 */
function assemble(head: Block[], body: Block[], tail: Block[], max: number): Block[] {
  const room = max - head.length - tail.length;
  if (body.length <= room) return [...head, ...body, ...tail];
  const kept = body.slice(0, Math.max(0, room - 1));
  return [...head, ...kept, context('_Shortened to fit Slack. The full entry is in the knowledge base._'), ...tail].slice(0, max);
}

function renderTerm(a: TermAnswer, opts: RenderOptions, max: number): RenderedAnswer {
  const t = a.term;
  const head: Block[] = [header(t.title), section(escapeText(t.summary)), context(`:bulb: _${escapeText(t.analogy)}_`)];
  const body = sectionBlocks(t.sections);
  const tail: Block[] = [];
  const seen = new Set<string>([t.slug]);
  const pick = (refs: TermRef[], n: number): TermRef[] => refs.filter((r) => !seen.has(r.slug) && seen.add(r.slug)).slice(0, n);
  // Other meanings of an ambiguous word come first and near the top: the answer may be the wrong one.
  const alternatives = pick(a.alternatives, 3);
  const related = pick(t.related, MAX_RELATED);
  const contrasts = pick(t.contrasts, 3);
  if (alternatives.length) head.push(context('Or did you mean:'), ...actions(termButtons(alternatives), 'tb1:alternatives'));
  if (t.links.length) tail.push(context(`Read more: ${t.links.slice(0, 3).map((l) => link(l.url, l.title)).join(' · ')}`));
  if (related.length || contrasts.length) {
    tail.push(context(contrasts.length ? 'Related terms, and terms often confused with it:' : 'Related terms:'));
    tail.push(...actions(termButtons([...related, ...contrasts])));
  }
  tail.push(...controls(a, opts), ...credit(opts));
  return { text: fallback(`${t.title}: ${t.summary}`), blocks: assemble(head, body, tail, max) };
}

function renderComparison(a: ComparisonAnswer, opts: RenderOptions, max: number): RenderedAnswer {
  const cols = a.columns.slice(0, LIMITS.fieldsPerSection);
  const head: Block[] = [header(a.title), section(escapeText(a.summary))];
  if (a.analogy) head.push(context(`:bulb: _${escapeText(a.analogy)}_`));
  const body: Block[] = [];
  // Side by side: one section per aspect, one field per compared term (Slack lays fields out in two columns).
  for (const row of a.rows) {
    body.push({
      type: 'section',
      text: mrkdwn(`*${escapeText(row.aspect)}*`),
      fields: cols.map((c, i) => mrkdwn(`*${escapeText(c.title)}*\n${escapeText(row.values[i] ?? '—')}`, LIMITS.fieldText)),
    });
  }
  if (a.sections.length) body.push(divider(), ...sectionBlocks(a.sections));
  const tail: Block[] = [context('Explain one of them:'), ...actions(termButtons(cols)), ...controls(a, opts), ...credit(opts)];
  return { text: fallback(`${a.title}: ${a.summary}`), blocks: assemble(head, body, tail, max) };
}

function renderNone(a: NoneAnswer, opts: RenderOptions): RenderedAnswer {
  // The query is the user's own text: escaped and shortened, never a mention or broadcast.
  const echo = a.query.trim() ? `*“${fit(escapeText(a.query.trim()), 120)}”*: ` : '';
  const blocks: Block[] = [section(echo + escapeText(a.message))];
  const suggestions = a.suggestions.slice(0, MAX_SUGGESTIONS);
  if (suggestions.length) {
    blocks.push(context('Did you mean:'));
    blocks.push(...actions(termButtons(suggestions)));
  } else {
    blocks.push(context('Try `/explain help` to browse the categories.'));
  }
  blocks.push(...credit(opts));
  return { text: fallback(a.message), blocks };
}

/** Renders any core answer as a Block Kit message within every Block Kit limit. */
export function renderAnswer(answer: Answer, opts: RenderOptions): RenderedAnswer {
  const max = opts.maxBlocks ?? LIMITS.blocksPerMessage;
  switch (answer.kind) {
    case 'term':
      return renderTerm(answer, opts, max);
    case 'comparison':
      return renderComparison(answer, opts, max);
    case 'none':
      return renderNone(answer, opts);
  }
}
