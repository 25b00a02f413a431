import type { TermAnswer } from '../../../core/answer/types.js';
import { IDS } from '../ids.js';
import { escapeText } from '../mrkdwn.js';
import { actions, button, context, fallback, header, section, type Block } from './elements.js';

/**
 * The term-of-the-day card. The slot key rides in the header's block_id: invisible to
 * people, returned by conversations.history, so a restart can recognise its own post.
 */
export function renderTotdCard(answer: TermAnswer, slotKey: string, date: string): { text: string; blocks: Block[] } {
  const t = answer.term;
  const blocks: Block[] = [
    header(`Term of the day: ${t.title}`, `${IDS.totdBlockPrefix}${slotKey}`),
    section(escapeText(t.summary)),
    context(`:bulb: _${escapeText(t.analogy)}_`),
    ...actions([button('More detail', IDS.depthAction, { ref: { slug: t.slug }, depth: 'full' }, 'primary')], 'tb1:totd-actions'),
    context(`${escapeText(date)} · \`/explain-daily status\` for the schedule`),
  ];
  return { text: fallback(`Term of the day: ${t.title}. ${t.summary}`), blocks };
}

/** The thread prompt posted under the card when threads are on. */
export function totdThreadPrompt(title: string): string {
  return `Seen *${escapeText(title)}* in your own systems? Share an example or ask a question in this thread.`;
}
