import { createHash } from 'node:crypto';
import { Routes, type APIMessage, type REST } from 'discord.js';
import { cardActions } from '../../core/chat/index.js';
import type { TotdPost, TotdPoster } from '../../core/totd/types.js';
import { truncate } from '../../core/text/truncate.js';
import type { Logger } from '../../logger.js';
import { toPostError } from './errors.js';
import { answerComponents, termEmbed } from './render-answer.js';
import { NO_PINGS_API } from './text.js';

/** How many recent messages `findPosted` looks through. */
export const FIND_POSTED_LIMIT = 100; // the most Discord returns in one page

export const totdFooter = (post: Pick<TotdPost, 'date' | 'slotKey'>): string => `Term of the day · ${post.date} · ${post.slotKey}`;

/**
 * The message nonce for a slot: the same for every attempt at it, from any replica, so that with
 * `enforce_nonce` Discord answers a repeat within its de-duplication window (a few minutes) with the
 * message it already created instead of a second one. Discord allows 25 characters.
 */
export const totdNonce = (slotKey: string): string => createHash('sha256').update(`termbot-totd:${slotKey}`).digest('hex').slice(0, 25);

/** The term-of-the-day message body: the term card, the core's card buttons, the slot key in the footer, the slot's nonce. */
export function totdMessage(post: TotdPost): Record<string, unknown> {
  const embed = termEmbed(post.answer);
  embed.footer = { text: totdFooter(post) };
  const t = post.answer.term;
  return {
    content: `📘 **Term of the day:** ${t.title}`,
    embeds: [embed],
    components: answerComponents(cardActions(post.answer)),
    allowed_mentions: NO_PINGS_API,
    nonce: totdNonce(post.slotKey),
    enforce_nonce: true,
  };
}

export interface PosterDeps {
  rest: REST;
  logger: Logger;
  /** The bot's user id, to recognise its own messages. */
  botUserId: () => Promise<string>;
}

/** Posts term-of-the-day cards through the REST API (no gateway cache needed). */
export function createDiscordPoster({ rest, logger, botUserId }: PosterDeps): TotdPoster {
  return {
    platform: 'discord',
    async post(post) {
      let message: APIMessage;
      try {
        message = (await rest.post(Routes.channelMessages(post.channelId), { body: totdMessage(post) })) as APIMessage;
      } catch (err) {
        throw toPostError(err);
      }
      if (post.thread) {
        // The post itself succeeded; a failed thread must not make the scheduler post again.
        try {
          await rest.post(Routes.threads(post.channelId, message.id), {
            body: { name: truncate(`Term of the day: ${post.answer.term.title}`, 100), auto_archive_duration: 1440 },
          });
        } catch (err) {
          logger.warn(
            { err, channelId: post.channelId, messageId: message.id, slotKey: post.slotKey },
            'could not open the term-of-the-day thread',
          );
        }
      }
      return { messageId: message.id };
    },
    async findPosted(channelId, slotKey) {
      try {
        const me = await botUserId();
        const query = new URLSearchParams({ limit: String(FIND_POSTED_LIMIT) });
        const messages = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
        const mine = messages.find((m) => m.author.id === me && m.embeds.some((e) => e.footer?.text.endsWith(` · ${slotKey}`)));
        return mine?.id ?? null;
      } catch (err) {
        throw toPostError(err);
      }
    },
  };
}
