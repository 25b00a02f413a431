import type { App } from '@slack/bolt';
import { renderAnswer } from '../blocks/answer.js';
import { renderHelp } from '../blocks/help.js';
import { searchModal } from '../blocks/views.js';
import { IDS } from '../ids.js';
import { ephemeral, reply, safely, type SlackDeps } from './shared.js';

/** `/explain <text>` answers ephemerally; `/explain` opens the type-ahead modal; `/explain help` shows usage. */
export function registerExplainCommand(app: App, deps: SlackDeps): void {
  const { ctx, log } = deps;
  app.command(IDS.command, async ({ command, ack, respond, client }) => {
    await ack();
    const meta = { user: command.user_id, channel: command.channel_id, command: command.command };
    await safely(
      log,
      'explain-command',
      meta,
      async () => {
        // Invisible characters alone count as no text (String.trim keeps zero-width spaces).
        const text = (command.text ?? '').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim();
        if (!text) {
          // The trigger_id is only valid for 3 seconds: open the modal first thing.
          await client.views.open({ trigger_id: command.trigger_id, view: searchModal(JSON.stringify({ channel: command.channel_id })) });
          return;
        }
        if (/^(help|\?)$/i.test(text)) {
          await reply(respond, { response_type: 'ephemeral', ...renderHelp(ctx.bot.overview()) });
          return;
        }
        const { answer, match } = ctx.bot.ask(text);
        log.debug({ ...meta, kind: answer.kind, terms: match.terms }, 'explain');
        await reply(respond, { response_type: 'ephemeral', ...renderAnswer(answer, { visibility: 'ephemeral' }) });
      },
      (t) => respond(ephemeral(t)),
    );
  });
}
