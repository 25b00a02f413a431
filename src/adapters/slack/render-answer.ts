import type { Answer, ComparisonAnswer, NoneAnswer, TermAnswer } from '../../core/answer/types.js';
import { cardActions, type ActionButton, type ActionGroup, type Section } from '../../core/chat/index.js';
import { IDS } from './ids.js';
import { LIMITS, chunk, fit } from './limits.js';
import { escapeText, link, markdownToMrkdwn } from './text.js';
import {
  actions,
  context,
  divider,
  fallback,
  header,
  mrkdwn,
  refButton,
  section,
  type Block,
  type Button,
  type RenderedMessage,
} from './render.js';

export interface AnswerRenderOptions {
  /** Slack user id of whoever shared it publicly; credited in a context line. */
  sharedBy?: string;
  /** Most blocks to use (50 for messages, 100 for views). */
  maxBlocks?: number;
}

/** The action id for a button: controls by role, every other button numbered (Slack wants them unique per message). */
function actionId(b: ActionButton, n: number): string {
  if (b.ref.kind === 'share') return IDS.shareAction;
  if (b.ref.kind === 'page') return `${IDS.pageAction}:${n}`;
  return b.style === 'primary' ? IDS.depthAction : `${IDS.termAction}:${n}`;
}

/** The core's button groups as blocks: a heading line (when the group has one), then its buttons. */
function groupBlocks(groups: readonly ActionGroup[], counter: { n: number }, blockId?: (g: ActionGroup) => string | undefined): Block[] {
  return groups.flatMap((g) => {
    const buttons: (Button | null)[] = g.buttons.map((b) => refButton(b.label, actionId(b, counter.n++), b.ref, b.style));
    const row = actions(buttons, blockId?.(g));
    return row.length && g.heading ? [context(escapeText(g.heading)), ...row] : row;
  });
}

function sectionBlocks(sections: Section[]): Block[] {
  const out: Block[] = [];
  for (const s of sections) {
    const text = `*${escapeText(s.heading)}*\n${markdownToMrkdwn(s.body)}`;
    for (const part of chunk(text, LIMITS.sectionText)) out.push(section(part));
  }
  return out;
}

function credit(opts: AnswerRenderOptions): Block[] {
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

/** Head groups sit under the title (the answer may be the wrong one); the rest go below the body, controls last. */
const HEAD_GROUPS = new Set(['did-you-mean', 'closest']);

/** Controls, then Helpful?, close the message. */
const TAIL_GROUPS = new Set(['controls', 'feedback']);

function split(groups: readonly ActionGroup[]): { top: ActionGroup[]; bottom: ActionGroup[]; controls: ActionGroup[] } {
  return {
    top: groups.filter((g) => HEAD_GROUPS.has(g.kind)),
    bottom: groups.filter((g) => !HEAD_GROUPS.has(g.kind) && !TAIL_GROUPS.has(g.kind)),
    controls: [...groups.filter((g) => g.kind === 'controls'), ...groups.filter((g) => g.kind === 'feedback')],
  };
}

function renderTerm(a: TermAnswer, groups: readonly ActionGroup[], opts: AnswerRenderOptions, max: number): RenderedMessage {
  const t = a.term;
  const { top, bottom, controls } = split(groups);
  const n = { n: 0 };
  const head: Block[] = [header(t.title), section(escapeText(t.summary))];
  if (t.analogy) head.push(context(`:bulb: _${escapeText(t.analogy)}_`));
  head.push(...groupBlocks(top, n, (g) => `tb1:${g.kind}`));
  const tail: Block[] = [];
  if (t.links.length)
    tail.push(
      context(
        `Read more: ${t.links
          .slice(0, 3)
          .map((l) => link(l.url, l.title))
          .join(' · ')}`,
      ),
    );
  tail.push(...groupBlocks(bottom, n), ...groupBlocks(controls, n, (g) => `tb1:${g.kind}`), ...credit(opts));
  return { text: fallback(`${t.title}: ${t.summary}`), blocks: assemble(head, sectionBlocks(t.sections), tail, max) };
}

function renderComparison(a: ComparisonAnswer, groups: readonly ActionGroup[], opts: AnswerRenderOptions, max: number): RenderedMessage {
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
  const { bottom, controls } = split(groups);
  const n = { n: 0 };
  const tail: Block[] = [...groupBlocks(bottom, n), ...groupBlocks(controls, n, (g) => `tb1:${g.kind}`), ...credit(opts)];
  return { text: fallback(`${a.title}: ${a.summary}`), blocks: assemble(head, body, tail, max) };
}

function renderNone(a: NoneAnswer, groups: readonly ActionGroup[], opts: AnswerRenderOptions): RenderedMessage {
  const closest = a.closest;
  // The query is the user's own text: escaped and shortened, never a mention or broadcast.
  const asked = fit(escapeText(a.query.trim()), 120);
  const first =
    closest && asked
      ? `I don't have *${asked}*; closest: *${escapeText(closest.title)}*`
      : `${asked ? `*“${asked}”*: ` : ''}${escapeText(a.message)}`;
  const blocks: Block[] = [section(first), ...groupBlocks(groups, { n: 0 })];
  if (!groups.length) blocks.push(context('Try `/explain help` to browse the categories.'));
  blocks.push(...credit(opts));
  return { text: fallback(closest ? `Closest: ${closest.title}` : a.message), blocks };
}

/** Renders any core answer, with the core's button groups, as a Block Kit message within every Block Kit limit. */
export function renderAnswer(answer: Answer, groups: readonly ActionGroup[], opts: AnswerRenderOptions = {}): RenderedMessage {
  const max = opts.maxBlocks ?? LIMITS.blocksPerMessage;
  switch (answer.kind) {
    case 'term':
      return renderTerm(answer, groups, opts, max);
    case 'comparison':
      return renderComparison(answer, groups, opts, max);
    case 'none':
      return renderNone(answer, groups, opts);
  }
}

/**
 * The term-of-the-day card. The slot key rides in the header's block_id: invisible to
 * people, returned by conversations.history, so a restart can recognise its own post.
 */
export function renderTotdCard(answer: TermAnswer, slotKey: string, date: string): RenderedMessage {
  const t = answer.term;
  const blocks: Block[] = [
    header(`Term of the day: ${t.title}`, `${IDS.totdBlockPrefix}${slotKey}`),
    section(escapeText(t.summary)),
    ...(t.analogy ? [context(`:bulb: _${escapeText(t.analogy)}_`)] : []),
    ...groupBlocks(cardActions(answer), { n: 0 }, (g) => `tb1:totd-${g.kind}`),
    context(`${escapeText(date)} · \`/explain-daily status\` for the schedule`),
  ];
  return { text: fallback(`Term of the day: ${t.title}. ${t.summary}`), blocks };
}

/** The thread prompt posted under the card when threads are on. */
export function totdThreadPrompt(title: string): string {
  return `Seen *${escapeText(title)}* in your own systems? Share an example or ask a question in this thread.`;
}
