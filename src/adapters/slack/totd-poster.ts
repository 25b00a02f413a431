import type { webApi } from '@slack/bolt';
import type { TotdPost, TotdPoster } from '../../core/totd/types.js';
import type { Logger } from '../../logger.js';
import { renderTotdCard, totdThreadPrompt } from './blocks/totd.js';
import { classifySlackError, toPostError } from './errors.js';
import { IDS } from './ids.js';

interface HistoryMessage {
  ts?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  blocks?: { block_id?: string }[];
}

/**
 * Term of the day on Slack: the card via chat.postMessage, tagged with the slot key
 * twice (message metadata and a hidden block_id) so `findPosted` can recognise it.
 */
export function createSlackPoster(client: webApi.WebClient, logger: Logger, botId: () => string | undefined): TotdPoster {
  const log = logger.child({ component: 'slack-totd' });
  return {
    platform: 'slack',
    async post(post: TotdPost) {
      const { text, blocks } = renderTotdCard(post.answer, post.slotKey, post.date);
      let ts: string;
      try {
        const res = await client.chat.postMessage({
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
          log.warn({ err, channel: post.channelId, slotKey: post.slotKey, code: classifySlackError(err).code }, 'thread prompt failed; card already posted');
        }
      }
      return { messageId: ts };
    },
    async findPosted(channelId, slotKey) {
      let res: { messages?: HistoryMessage[] };
      try {
        res = (await client.conversations.history({ channel: channelId, limit: 100, include_all_metadata: true })) as { messages?: HistoryMessage[] };
      } catch (err) {
        throw toPostError(err, 'conversations.history');
      }
      const ours = botId();
      const hit = (res.messages ?? []).find(
        (m) =>
          (!ours || !m.bot_id || m.bot_id === ours) &&
          ((m.metadata?.event_type === IDS.totdEventType && m.metadata.event_payload?.slot_key === slotKey) ||
            (m.blocks ?? []).some((b) => b.block_id === `${IDS.totdBlockPrefix}${slotKey}`)),
      );
      return hit?.ts ?? null;
    },
  };
}
