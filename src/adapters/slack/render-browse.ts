import type { types } from '@slack/bolt';
import type { CategoryOverview, TermRef } from '../../core/answer/types.js';
import type { ActionButton, BrowsePage, ChatMessage } from '../../core/chat/index.js';
import type { FoundTerm } from '../../core/termbot.js';
import { IDS } from './ids.js';
import { LIMITS, fit } from './limits.js';
import {
  actions,
  button,
  context,
  divider,
  fallback,
  header,
  plain,
  refButton,
  renderMessage,
  section,
  type Block,
  type RenderedMessage,
} from './render.js';
import { escapeText } from './text.js';

const open = (slug: string) => ({ kind: 'open' as const, slugs: [slug], depth: 'short' as const });

/** Category list as section blocks with a few example-term buttons each. */
export function categoryBlocks(categories: CategoryOverview[]): Block[] {
  const blocks: Block[] = [];
  let n = 0;
  for (const c of categories) {
    blocks.push(section(`*${escapeText(c.label)}* (${c.count} terms)`));
    blocks.push(...actions(c.examples.slice(0, 5).map((e) => refButton(e.title, `${IDS.termAction}:${n++}`, open(e.slug)))));
  }
  return blocks;
}

/** `/explain help`: usage and the categories. */
export function renderHelp(categories: CategoryOverview[]): RenderedMessage {
  const usage = [
    '`/explain <term>`: a short, plain explanation, e.g. `/explain load balancer`',
    '`/explain <a> vs <b>`: a side-by-side comparison, e.g. `/explain authn vs authz`',
    '`/explain`: search with type-ahead',
    '`/explain-daily subscribe [HH:MM] [time zone] [weekdays] [category]`: a term of the day in this channel (`unsubscribe`, `status`, `skip`)',
    'Mention me with a question to get the answer in a thread; use the message shortcut *Explain terms* on any message to decode its jargon.',
  ].join('\n');
  const blocks: Block[] = [
    header('termbot: infrastructure words, explained'),
    section(usage),
    context('Categories, with a few terms to start:'),
    ...categoryBlocks(categories),
  ];
  return { text: fallback('How to use termbot'), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

/** A page of the term list, with buttons to open each term and to turn pages. */
export function renderBrowse(p: BrowsePage): RenderedMessage {
  const lines = p.terms.map((t) => `*${escapeText(t.title)}*: ${escapeText(fit(t.summary, 160))}`).join('\n');
  const nav = [
    p.previous ? refButton('◀ Previous', `${IDS.pageAction}:0`, p.previous) : null,
    p.next ? refButton('Next ▶', `${IDS.pageAction}:1`, p.next) : null,
  ];
  const blocks: Block[] = [
    header(`Terms: ${p.label}`),
    section(lines || 'No terms here yet.'),
    ...actions(p.open.map((b, i) => refButton(b.label, `${IDS.termAction}:${i}`, b.ref))),
    context(`Page ${p.page + 1} of ${p.pages} · ${p.total} terms`),
    ...actions(nav),
  ];
  return { text: fallback(`Terms: ${p.label}`), blocks };
}

/** The message shortcut's answer: each term found, its one-line summary, and a button to expand it. */
export function renderFound(found: FoundTerm[], open: ActionButton[]): RenderedMessage {
  if (found.length === 0) {
    const text = 'I found no infrastructure or architecture terms in that message.';
    return { text, blocks: [section(text), context('Try `/explain <term>` to ask about one directly.')] };
  }
  const lines = found.map(({ term, written }) => {
    // `written` is the user's own wording: escaped before it goes anywhere near mrkdwn.
    const as = written.toLowerCase() === term.title.toLowerCase() ? '' : ` (“${fit(escapeText(written), 60)}”)`;
    return `*${escapeText(term.title)}*${as}: ${escapeText(term.summary)}`;
  });
  const blocks: Block[] = [section(`Terms in that message (${found.length}):`)];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 2 > LIMITS.sectionText) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n\n${line}` : line;
  }
  if (current) blocks.push(section(current));
  blocks.push(context('Expand one:'));
  blocks.push(...actions(open.map((b, i) => refButton(b.label, `${IDS.termAction}:${i}`, b.ref))));
  return { text: fallback(`Terms in that message: ${found.map((f) => f.term.title).join(', ')}`), blocks };
}

/** The search modal: one external_select whose options come from the core's type-ahead ranking. */
export function searchModal(privateMetadata = ''): types.ModalView {
  return {
    type: 'modal',
    callback_id: IDS.searchView,
    title: plain('Explain a term', LIMITS.modalTitle),
    submit: plain('Explain', LIMITS.modalTitle),
    close: plain('Cancel', LIMITS.modalTitle),
    private_metadata: privateMetadata.slice(0, LIMITS.privateMetadata),
    blocks: [
      {
        type: 'input',
        block_id: IDS.searchBlock,
        label: plain('Term or comparison', 2000),
        element: {
          type: 'external_select',
          action_id: IDS.searchSelect,
          min_query_length: 0,
          placeholder: plain('Start typing, e.g. load bal', 150),
        },
      },
    ],
  };
}

/** Any chat message shown inside a modal (from App Home or another modal, where there is no channel to answer in). */
export function messageModal(m: ChatMessage): types.ModalView {
  const { blocks } = renderMessage(m, { maxBlocks: LIMITS.blocksPerView, inView: true });
  return {
    type: 'modal',
    callback_id: m.kind === 'answer' ? IDS.answerView : IDS.noticeView,
    title: plain('termbot', LIMITS.modalTitle),
    close: plain('Close', LIMITS.modalTitle),
    blocks,
  };
}

/** App Home: today's term, a search button, the categories. */
export function homeView(today: TermRef | null, categories: CategoryOverview[]): types.HomeView {
  const blocks: types.KnownBlock[] = [header('termbot')];
  blocks.push(section('Plain explanations of infrastructure and architecture words. Use `/explain <term>` anywhere, or search here.'));
  blocks.push(...actions([button('Search terms', IDS.openSearchAction, 'search', 'primary')]));
  if (today) {
    blocks.push(divider(), section(`*Term of the day: ${escapeText(today.title)}*\n${escapeText(today.summary)}`));
    blocks.push(...actions([refButton(`Explain ${today.title}`, `${IDS.termAction}:0`, open(today.slug))]));
  }
  blocks.push(divider(), context('Categories:'));
  blocks.push(...categoryBlocks(categories));
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerView) };
}
