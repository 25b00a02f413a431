import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { ChatMessage, ChatSurface } from '../../core/chat/index.js';
import { messageModal } from './render-browse.js';
import { renderMessage } from './render.js';

/** Where a Slack event came from, and what it lets us answer with. */
export interface SlackOrigin {
  client: webApi.WebClient;
  user: string;
  channel?: string | undefined;
  /** Slack's response_url for slash commands, shortcuts and message buttons. */
  respond?: RespondFn | undefined;
  /** A mention: public replies go into this thread, private ones too. */
  threadTs?: string | undefined;
  /** A click inside a view: modals are redrawn, Home opens a modal. */
  view?: { id: string; hash?: string; type: string; triggerId: string } | undefined;
  /** Where a private reply cannot go (the bot is not in the channel), the user's DM with termbot instead. */
  dmFallback?: boolean;
}

/** Posts to a response_url and treats a non-2xx answer as an error (Bolt's respond does not throw on those). */
export async function reply(respond: RespondFn, message: RespondArguments): Promise<void> {
  const res = await respond(message);
  if (res && typeof res === 'object' && 'ok' in res && res.ok === false) {
    throw new Error(`response_url post failed with HTTP ${'status' in res ? String(res.status) : '?'}`);
  }
}

const quiet = { unfurl_links: false, unfurl_media: false } as const;

/** The adapter contract on Slack: response_url when there is one, the Web API otherwise, views inside views. */
export function slackSurface(o: SlackOrigin): ChatSurface {
  const { client, user, channel, respond, threadTs, view } = o;
  const needChannel = (): string => {
    if (!channel) throw new Error('this event has no channel to post in');
    return channel;
  };
  const postEphemeral = async (m: ChatMessage): Promise<void> => {
    const { text, blocks } = renderMessage(m);
    try {
      await client.chat.postEphemeral({ channel: needChannel(), user, text, blocks, ...(threadTs ? { thread_ts: threadTs } : {}) });
    } catch (err) {
      if (!o.dmFallback) throw err;
      // Not in that channel (or a DM we cannot post in): the user's DM with termbot instead.
      await client.chat.postMessage({ channel: user, ...renderMessage(m), ...quiet });
    }
  };
  return {
    platform: 'slack',
    async reply(m) {
      if (respond && !threadTs) return reply(respond, { response_type: 'in_channel', ...renderMessage(m) });
      await client.chat.postMessage({
        channel: needChannel(),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        ...renderMessage(m),
        ...quiet,
      });
    },
    async replyPrivately(m) {
      if (view) {
        await client.views.open({ trigger_id: view.triggerId, view: messageModal(m) });
        return;
      }
      if (respond) return reply(respond, { response_type: 'ephemeral', replace_original: false, ...renderMessage(m) });
      await postEphemeral(m);
    },
    async update(m) {
      if (view?.type === 'modal') {
        await client.views.update({ view_id: view.id, ...(view.hash ? { hash: view.hash } : {}), view: messageModal(m) });
        return;
      }
      if (!respond) throw new Error('nothing to update');
      await reply(respond, { response_type: 'ephemeral', replace_original: true, ...renderMessage(m) });
    },
    async post(m) {
      await client.chat.postMessage({ channel: needChannel(), ...renderMessage(m), ...quiet });
    },
    async dismiss() {
      if (respond && !view) await reply(respond, { delete_original: true });
    },
  };
}
