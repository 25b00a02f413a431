import { escapeMarkdown } from 'discord.js';
import { truncate } from '../../core/text/truncate.js';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Makes user text safe to echo in a message: one line, markdown escaped, mention syntax
 * defused (allowed_mentions already stops pings; this also stops the text *looking* like one)
 * and capped.
 */
export function safeUserText(text: string, max = 100): string {
  const oneLine = text.replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
  const escaped = escapeMarkdown(truncate(oneLine, max))
    .replace(/@(everyone|here)/gi, '@\u200B$1')
    .replace(/<([@#])/g, '<\u200B$1');
  return escaped;
}
