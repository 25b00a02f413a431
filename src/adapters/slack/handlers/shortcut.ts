import type { App, MessageShortcut } from '@slack/bolt';
import { renderJargon } from '../blocks/jargon.js';
import { ephemeral, postEphemeral, reply, safely, type SlackDeps } from './shared.js';

/** Message shortcut "Explain terms": the core's jargon detection over the message, answered privately. */
export function registerShortcut(app: App, deps: SlackDeps, callbackId: string): void {
  const { ctx, log } = deps;
  app.shortcut<MessageShortcut>({ callback_id: callbackId, type: 'message_action' }, async ({ shortcut, ack, respond, client }) => {
    await ack();
    const user = shortcut.user.id;
    const channel = shortcut.channel.id;
    const meta = { user, channel, ts: shortcut.message_ts };
    await safely(
      log,
      'shortcut',
      meta,
      async () => {
        const hits = ctx.bot.detect(shortcut.message.text ?? '');
        const message = { response_type: 'ephemeral' as const, ...renderJargon(ctx.bot, hits) };
        if (respond) await reply(respond, message);
        else await postEphemeral(client, channel, user, message);
      },
      (t) => (respond ? respond(ephemeral(t)) : postEphemeral(client, channel, user, { text: t })),
    );
  });
}
