import { escapeMarkdown } from 'discord.js';
import { truncate } from '../../core/text/truncate.js';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Half of a surrogate pair: what a length cap through an emoji leaves behind. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes user text safe to echo in a message: one line, markdown escaped (masked links
 * included: Discord renders `[text](url)` in bot messages and embeds), mention syntax
 * defused (allowed_mentions already stops pings; this also stops the text *looking* like
 * one) and capped without cutting an emoji in half.
 */
export function safeUserText(text: string, max = 100): string {
  const oneLine = text.replace(ZERO_WIDTH, '').replace(/\s+/g, ' ').trim();
  const escaped = escapeMarkdown(truncate(oneLine, max).replace(LONE_SURROGATE, ''))
    // escapeMarkdown's own maskedLink option misses `[text](<url>)`; backslashes are already escaped here.
    .replace(/\[/g, '\\[')
    .replace(/@(everyone|here)/gi, '@\u200B$1')
    .replace(/<([@#])/g, '<\u200B$1');
  return escaped;
}
