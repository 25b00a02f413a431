import type { CategoryOverview } from '../../../core/answer/types.js';
import { escapeText } from '../mrkdwn.js';
import { IDS } from '../ids.js';
import { LIMITS } from '../limits.js';
import { actions, button, context, fallback, header, section, type Block } from './elements.js';

/** Category list as section blocks with a few example-term buttons each. */
export function categoryBlocks(categories: CategoryOverview[]): Block[] {
  const blocks: Block[] = [];
  let n = 0;
  for (const c of categories) {
    blocks.push(section(`*${escapeText(c.label)}* (${c.count} terms)`));
    blocks.push(...actions(c.examples.slice(0, 5).map((e) => button(e.title, `${IDS.termAction}:${n++}`, { ref: { slug: e.slug }, depth: 'short' }))));
  }
  return blocks;
}

/** `/explain help`: usage and the categories. */
export function renderHelp(categories: CategoryOverview[]): { text: string; blocks: Block[] } {
  const usage = [
    '`/explain <term>`: a short, plain explanation, e.g. `/explain load balancer`',
    '`/explain <a> vs <b>`: a side-by-side comparison, e.g. `/explain authn vs authz`',
    '`/explain`: search with type-ahead',
    '`/explain-daily subscribe [HH:MM] [time zone] [weekdays] [category]`: a term of the day in this channel (`unsubscribe`, `status`, `skip`)',
    'Mention me with a question to get the answer in a thread; use the message shortcut *Explain terms* on any message to decode its jargon.',
  ].join('\n');
  const blocks: Block[] = [header('termbot: infrastructure words, explained'), section(usage), context('Categories, with a few terms to start:'), ...categoryBlocks(categories)];
  return { text: fallback('How to use termbot'), blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}
