import type { App } from '@slack/bolt';
import { renderAnswer } from '../blocks/answer.js';
import { renderHelp } from '../blocks/help.js';
import { classifySlackError, userMessageFor } from '../errors.js';
import { postEphemeral, safely, type SlackDeps } from './shared.js';

/** `@termbot <question>`: the answer in a thread (the same thread when mentioned inside one), with a per-user cooldown. */
export function registerMention(app: App, deps: SlackDeps): void {
  const { ctx, log, cooldown } = deps;
  app.event('app_mention', async ({ event, client }) => {
    const user = event.user ?? '';
    const channel = event.channel;
    const threadTs = event.thread_ts ?? event.ts;
    const meta = { user, channel, ts: event.ts };
    if (!user || event.bot_id) return; // other bots (and our own posts) never trigger a reply
    const verdict = cooldown.check(user);
    if (!verdict.ok) {
      log.info({ ...meta, retryInMs: verdict.retryInMs }, 'mention cooldown');
      if (verdict.notify) {
        await safely(log, 'mention-cooldown', meta, () =>
          postEphemeral(client, channel, user, { text: `You're asking quickly. Try again in ${Math.ceil(verdict.retryInMs / 1000)} seconds.`, thread_ts: threadTs }),
        );
      }
      return;
    }
    await safely(
      log,
      'mention',
      meta,
      async () => {
        // Mentions are Slack syntax, never part of the question.
        const question = (event.text ?? '').replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').trim();
        const message = question ? renderAnswer(ctx.bot.ask(question).answer, { visibility: 'public' }) : renderHelp(ctx.bot.overview());
        await client.chat.postMessage({ channel, thread_ts: threadTs, ...message, unfurl_links: false, unfurl_media: false });
      },
      async (text) => {
        await postEphemeral(client, channel, user, { text, thread_ts: threadTs }).catch((err: unknown) => {
          // not_in_channel and friends: nowhere to tell the user, so the log has to say it clearly.
          log.warn({ ...meta, slackError: classifySlackError(err).code, hint: userMessageFor(classifySlackError(err)) }, 'could not answer a mention');
        });
      },
    );
  });
}
