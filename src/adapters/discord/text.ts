import { escapeMarkdown } from 'discord.js';
import { stripInvisible } from '../../core/text/normalize.js';
import { truncate } from '../../core/text/truncate.js';

/** allowed_mentions that ping nobody: echoed text can never reach @everyone, @here, roles or users. */
export const NO_PINGS_API = { parse: [] as never[] };

/** The same for discord.js options; repliedUser false so replies do not ping the asker either. */
export const NO_PINGS = { parse: [] as never[], repliedUser: false };

/** Half of a surrogate pair: what a length cap through an emoji leaves behind. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes user text safe to echo in a message: one line, markdown escaped (masked links
 * included: Discord renders `[text](url)` in bot messages and embeds), mention syntax
 * defused (allowed_mentions already stops pings; this also stops the text *looking* like
 * one) and capped without cutting an emoji in half.
 */
export function safeUserText(text: string, max = 100): string {
  const oneLine = stripInvisible(text).replace(/\s+/g, ' ').trim();
  return (
    escapeMarkdown(truncate(oneLine, max).replace(LONE_SURROGATE, ''))
      // escapeMarkdown's own maskedLink option misses `[text](<url>)`; backslashes are already escaped here.
      .replace(/\[/g, '\\[')
      .replace(/@(everyone|here)/gi, '@\u200B$1')
      .replace(/<([@#])/g, '<\u200B$1')
  );
}
