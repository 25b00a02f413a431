import type { webApi } from '@slack/bolt';
import type { TotdPost, TotdPoster } from '../../core/totd/types.js';
import type { Logger } from '../../logger.js';
import { renderTotdCard, totdThreadPrompt } from './render-answer.js';
import { classifySlackError, toPostError } from './errors.js';
import { IDS } from './ids.js';

/** Pages of conversations.history searched for a lost post (200 messages each). */
const HISTORY_PAGES = 3;

interface HistoryMessage {
  ts?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  blocks?: { block_id?: string }[];
}

/** The Web API clients for one channel's workspace (one workspace, or the channel's installation). */
export interface ChannelClients {
  client: webApi.WebClient;
  /** Posts without client-level retries: a resend after a lost answer would double the card; the scheduler retries after looking. */
  postClient: webApi.WebClient;
  /** Our bot's id in that workspace, once known. */
  botId: string | undefined;
}

/**
 * Term of the day on Slack: the card via chat.postMessage, tagged with the slot key
 * twice (message metadata and a hidden block_id) so `findPosted` can recognise it.
 * `clientsFor` picks the token of the channel's workspace; it throws PostError when there is none.
 */
export function createSlackPoster(clientsFor: (channelId: string) => Promise<ChannelClients>, logger: Logger): TotdPoster {
  const log = logger.child({ component: 'slack-totd' });
  return {
    platform: 'slack',
    async post(post: TotdPost) {
      const { text, blocks } = renderTotdCard(post.answer, post.slotKey, post.date);
      const { client, postClient } = await clientsFor(post.channelId);
      let ts: string;
      try {
        const res = await postClient.chat.postMessage({
          channel: post.channelId,
          text,
          blocks,
          unfurl_links: false,
          metadata: { event_type: IDS.totdEventType, event_payload: { slot_key: post.slotKey, slug: post.answer.term.slug } },
        });
        if (!res.ts) throw new Error('chat.postMessage returned no ts');
        ts = res.ts;
      } catch (err) {
        const e = toPostError(err, 'chat.postMessage');
        log.warn({ err, channel: post.channelId, slotKey: post.slotKey, kind: e.kind }, 'term of the day post failed');
        throw e;
      }
      if (post.thread) {
        // The card is out: a failed prompt must not make the scheduler post the card again.
        try {
          await client.chat.postMessage({ channel: post.channelId, thread_ts: ts, text: totdThreadPrompt(post.answer.term.title) });
        } catch (err) {
          log.warn(
            { err, channel: post.channelId, slotKey: post.slotKey, code: classifySlackError(err).code },
            'thread prompt failed; card already posted',
          );
        }
      }
      return { messageId: ts };
    },
    async findPosted(channelId, slotKey) {
      const { client, botId: ours } = await clientsFor(channelId);
      const isOurs = (m: HistoryMessage): boolean =>
        (!ours || !m.bot_id || m.bot_id === ours) &&
        ((m.metadata?.event_type === IDS.totdEventType && m.metadata.event_payload?.slot_key === slotKey) ||
          (m.blocks ?? []).some((b) => b.block_id === `${IDS.totdBlockPrefix}${slotKey}`));
      // Newest first; a slot is at most a day old, so a few pages are plenty even in a busy channel.
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        let res: { messages?: HistoryMessage[]; response_metadata?: { next_cursor?: string } };
        try {
          res = await client.conversations.history({
            channel: channelId,
            limit: 200,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          });
        } catch (err) {
          throw toPostError(err, 'conversations.history');
        }
        const hit = (res.messages ?? []).find(isOurs);
        if (hit?.ts) return hit.ts;
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return null;
    },
  };
}
