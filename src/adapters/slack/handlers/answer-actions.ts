import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { renderAnswer } from '../blocks/answer.js';
import { answerModal } from '../blocks/views.js';
import { classifySlackError, userMessageFor } from '../errors.js';
import { IDS, actionPattern, decodeValue } from '../ids.js';
import { ephemeral, reply, resolveRef, safely, type SlackDeps } from './shared.js';

const STALE_BUTTON = 'That button is from an older version of termbot. Ask again with `/explain <term>`.';

/**
 * Buttons on answers: a related term or a "did you mean" (tb1:term:n), More detail / Less
 * (tb1:depth), and Share in channel (tb1:share).
 */
export function registerAnswerActions(app: App, deps: SlackDeps): void {
  const { ctx, log } = deps;

  const redraw = async ({ ack, body, action, respond, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const meta = { user: body.user.id, channel: body.channel?.id, action: action.action_id };
    await safely(
      log,
      'answer-button',
      meta,
      async () => {
        const value = decodeValue(action.value);
        if (!value) {
          log.info({ ...meta, value: String(action.value ?? '').slice(0, 100) }, 'stale or unknown button value');
          if (respond) await reply(respond, ephemeral(STALE_BUTTON));
          return;
        }
        const answer = resolveRef(ctx, value.ref, value.depth);
        const view = body.view;
        if (view) {
          // Inside a modal: redraw it; on the Home tab: open a modal (Home itself stays).
          if (view.type === 'modal') await client.views.update({ view_id: view.id, hash: view.hash, view: answerModal(answer) });
          else await client.views.open({ trigger_id: body.trigger_id, view: answerModal(answer) });
          return;
        }
        if (!respond) return;
        // An ephemeral answer is the clicker's own: redraw it in place. A public message
        // (mention reply, shared answer, term of the day) stays; the clicker gets a private answer.
        const inPlace = body.container?.is_ephemeral === true;
        await reply(respond, {
          response_type: 'ephemeral',
          replace_original: inPlace,
          ...renderAnswer(answer, { visibility: 'ephemeral' }),
        });
      },
      respond ? (t) => respond(ephemeral(t)) : undefined,
    );
  };

  app.action<BlockAction<ButtonAction>>(actionPattern(IDS.termAction), redraw);
  app.action<BlockAction<ButtonAction>>(actionPattern(IDS.depthAction), redraw);

  app.action<BlockAction<ButtonAction>>(IDS.shareAction, async ({ ack, body, action, respond, client }) => {
    await ack();
    const channel = body.channel?.id ?? (body.container?.channel_id as string | undefined);
    const meta = { user: body.user.id, channel, action: action.action_id };
    await safely(
      log,
      'share',
      meta,
      async () => {
        const value = decodeValue(action.value);
        if (!value || !channel) {
          if (respond) await reply(respond, ephemeral(STALE_BUTTON));
          return;
        }
        const answer = resolveRef(ctx, value.ref, value.depth);
        const rendered = renderAnswer(answer, { visibility: 'public', sharedBy: body.user.id });
        try {
          await client.chat.postMessage({ channel, ...rendered, unfurl_links: false, unfurl_media: false });
        } catch (err) {
          const failure = classifySlackError(err);
          log.warn({ ...meta, err, slackError: failure.code }, 'share failed');
          if (respond) await reply(respond, ephemeral(userMessageFor(failure)));
          return;
        }
        // The answer is public now; the private copy would only duplicate it.
        if (respond) await reply(respond, { delete_original: true });
      },
      respond ? (t) => respond(ephemeral(t)) : undefined,
    );
  });
}
