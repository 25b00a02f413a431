import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { renderAnswer } from '../blocks/answer.js';
import { answerModal, searchModal } from '../blocks/views.js';
import { IDS } from '../ids.js';
import { LIMITS, fit } from '../limits.js';
import { isSlackId, postEphemeral, safely, type SlackDeps } from './shared.js';

function channelFrom(privateMetadata: string | undefined): string | null {
  try {
    const meta = JSON.parse(privateMetadata || '{}') as { channel?: unknown };
    return isSlackId(meta.channel) ? meta.channel : null;
  } catch {
    return null;
  }
}

/** The type-ahead modal: its options request, its submission, and the Home tab's button that opens it. */
export function registerSearch(app: App, deps: SlackDeps): void {
  const { ctx, log } = deps;

  // Options must come back in the ack itself; the core's ranking is pure and fast.
  app.options(IDS.searchSelect, async ({ options, ack }) => {
    const query = typeof options.value === 'string' ? options.value : '';
    const completions = ctx.bot.complete(query, LIMITS.optionsPerMenu);
    await ack({
      options: completions
        .filter((c) => c.value.length <= LIMITS.optionValue)
        .map((c) => ({
          text: { type: 'plain_text' as const, text: fit(c.label, LIMITS.optionText) },
          value: c.value,
          description: { type: 'plain_text' as const, text: fit(c.summary, LIMITS.optionText) },
        })),
    });
  });

  app.view(IDS.searchView, async ({ ack, view, body, client }) => {
    const selected = view.state.values[IDS.searchBlock]?.[IDS.searchSelect]?.selected_option?.value;
    if (!selected) {
      await ack({ response_action: 'errors', errors: { [IDS.searchBlock]: 'Pick a term from the list.' } });
      return;
    }
    const answer = ctx.bot.answerFor(selected);
    const channel = channelFrom(view.private_metadata);
    if (!channel) {
      // Opened from App Home: there is no channel to answer in, so the modal shows the answer.
      await ack({ response_action: 'update', view: answerModal(answer) });
      return;
    }
    await ack();
    const user = body.user.id;
    await safely(log, 'search-submit', { user, channel, slug: selected }, async () => {
      try {
        await postEphemeral(client, channel, user, renderAnswer(answer, { visibility: 'ephemeral' }));
      } catch (err) {
        // Not in that channel (or a DM we cannot post in): send it to the user's DM with termbot instead.
        log.info({ user, channel, err }, 'ephemeral answer failed; answering in a DM');
        await client.chat.postMessage({ channel: user, ...renderAnswer(answer, { visibility: 'public' }) });
      }
    });
  });

  app.action<BlockAction<ButtonAction>>(IDS.openSearchAction, async ({ ack, body, client }) => {
    await ack();
    await safely(log, 'open-search', { user: body.user.id }, async () => {
      await client.views.open({ trigger_id: body.trigger_id, view: searchModal('') });
    });
  });
}
