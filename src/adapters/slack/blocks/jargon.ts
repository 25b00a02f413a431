import type { Termbot } from '../../../core/termbot.js';
import type { JargonHit } from '../../../core/matcher/index.js';
import { IDS } from '../ids.js';
import { LIMITS, fit } from '../limits.js';
import { escapeText } from '../mrkdwn.js';
import { actions, button, context, fallback, section, type Block } from './elements.js';

const MAX_TERMS = 10;

/** The message shortcut's answer: each term found, its one-line summary, and a button to expand it. */
export function renderJargon(bot: Termbot, hits: JargonHit[]): { text: string; blocks: Block[] } {
  const found = hits.map((h) => ({ hit: h, term: bot.kb.terms.get(h.slug) })).filter((x) => x.term).slice(0, MAX_TERMS);
  if (found.length === 0) {
    const text = 'I found no infrastructure or architecture terms in that message.';
    return { text, blocks: [section(text), context('Try `/explain <term>` to ask about one directly.')] };
  }
  const lines = found.map(({ hit, term }) => {
    // hit.text is the user's own wording: escaped before it goes anywhere near mrkdwn.
    const written = hit.text.toLowerCase() === term!.title.toLowerCase() ? '' : ` (“${fit(escapeText(hit.text), 60)}”)`;
    return `*${escapeText(term!.title)}*${written}: ${escapeText(term!.summary)}`;
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
  blocks.push(...actions(found.map(({ term }, i) => button(term!.title, `${IDS.termAction}:${i}`, { ref: { slug: term!.slug }, depth: 'short' }))));
  return { text: fallback(`Terms in that message: ${found.map((f) => f.term!.title).join(', ')}`), blocks };
}
