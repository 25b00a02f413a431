import type { App, BlockAction, ButtonAction, MessageShortcut } from '@slack/bolt';
import type { TermRef } from '../../core/answer/types.js';
import { answerMessage, questionText, type Chat, type ChatEvent } from '../../core/chat/index.js';
import { localDate } from '../../core/totd/schedule.js';
import type { Logger } from '../../logger.js';
import type { AppContext } from '../types.js';
import { ACTION_BUTTON, IDS } from './ids.js';
import { LIMITS, fit } from './limits.js';
import { homeView, messageModal, searchModal } from './render-browse.js';
import { slackSurface, type SlackOrigin } from './surface.js';

export interface SlackEventDeps {
  ctx: AppContext;
  chat: Chat;
  log: Logger;
  clock: () => number;
  /** Installable app: records the workspace of a channel whose term of the day is being set up (its posts use that workspace's token). */
  rememberChannel?: (channelId: string, teamId: string) => Promise<void>;
}

/** Slack ids are uppercase alphanumerics; anything else (in private_metadata, say) was not written by us. */
export const isSlackId = (s: unknown): s is string => typeof s === 'string' && /^[A-Z0-9]{2,30}$/.test(s);

const event = (o: SlackOrigin, meta: Record<string, unknown>): ChatEvent => ({
  surface: slackSurface(o),
  user: o.user,
  meta: { user: o.user, channel: o.channel, ...meta },
});

function channelFrom(privateMetadata: string | undefined): string | null {
  try {
    const meta = JSON.parse(privateMetadata || '{}') as { channel?: unknown };
    return isSlackId(meta.channel) ? meta.channel : null;
  } catch {
    return null;
  }
}

/** Today's term for App Home: the one posted today in the first configured channel, else the core's pick for the date. */
export async function todaysTerm({ ctx, clock, log }: Pick<SlackEventDeps, 'ctx' | 'clock' | 'log'>): Promise<TermRef | null> {
  const now = new Date(clock());
  const channel = ctx.config.TOTD_SLACK_CHANNELS[0];
  if (ctx.totd && channel) {
    try {
      const status = await ctx.totd.status('slack', channel);
      const last = status?.lastPost;
      if (status && last && last.date === localDate(now, status.timeZone)) {
        const ref = ctx.bot.ref(last.slug);
        if (ref) return ref;
      }
    } catch (err) {
      log.warn({ err, channel }, 'term of the day status failed; using the daily pick');
    }
  }
  return ctx.bot.todaysDefault(localDate(now, ctx.config.TOTD_TZ));
}

/** Every Slack event to its use case. Handlers ack first (Slack waits 3 s), then do the work. */
export function registerEvents(app: App, deps: SlackEventDeps): void {
  const { ctx, chat } = deps;

  app.command(IDS.command, async ({ command, ack, respond, client }) => {
    await ack();
    const o = { client, user: command.user_id, channel: command.channel_id, respond };
    const ev = event(o, { command: command.command });
    if (questionText(command.text ?? '')) return chat.explain(ev, { text: command.text, visibility: 'private' });
    // No text: the type-ahead modal. Its trigger_id is valid for 3 seconds, so it opens first thing.
    await chat.run(ev, 'explain', async () => {
      await client.views.open({ trigger_id: command.trigger_id, view: searchModal(JSON.stringify({ channel: command.channel_id })) });
    });
  });

  app.command(IDS.dailyCommand, async ({ command, ack, respond, client }) => {
    await ack();
    const user = command.user_id;
    if (deps.rememberChannel && isSlackId(command.team_id) && isSlackId(command.channel_id)) {
      await deps
        .rememberChannel(command.channel_id, command.team_id)
        .catch((err: unknown) =>
          deps.log.warn({ err, team: command.team_id, channel: command.channel_id }, 'could not record the workspace of a channel'),
        );
    }
    const [sub = '', ...rest] = questionText(command.text ?? '')
      .split(/\s+/)
      .filter(Boolean);
    await chat.daily(event({ client, user, channel: command.channel_id, respond }, { command: command.command }), {
      platform: 'slack',
      channelId: command.channel_id || null,
      actor: user,
      sub,
      // Anyone in a Slack channel may change its schedule, so every change is announced there.
      permission: 'unchecked',
      by: isSlackId(user) ? `<@${user}>` : 'Someone',
      settings: () => ctx.totd?.parseSettings(rest.join(' ')) ?? {},
    });
  });

  app.action<BlockAction<ButtonAction>>(ACTION_BUTTON, async ({ ack, body, action, respond, client }) => {
    await ack();
    const v = body.view;
    const o: SlackOrigin = {
      client,
      user: body.user.id,
      channel: body.channel?.id ?? (body.container?.channel_id as string | undefined),
      respond: v ? undefined : respond,
      view: v ? { id: v.id, hash: v.hash, type: v.type, triggerId: body.trigger_id } : undefined,
    };
    // A private message is the clicker's own (an ephemeral answer, a modal); Home and public messages stay as they are.
    const fromPrivateMessage = v ? v.type === 'modal' : body.container?.is_ephemeral === true;
    await chat.click(event(o, { action: action.action_id }), { raw: action.value, fromPrivateMessage });
  });

  app.event('app_mention', async ({ event: e, client }) => {
    if (!e.user || e.bot_id) return; // other bots (and our own posts) never trigger a reply
    const o = { client, user: e.user, channel: e.channel, threadTs: e.thread_ts ?? e.ts };
    // Mentions are Slack syntax, never part of the question.
    const text = (e.text ?? '').replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ');
    await chat.mention(event(o, { ts: e.ts }), { text });
  });

  app.shortcut<MessageShortcut>({ callback_id: IDS.shortcut, type: 'message_action' }, async ({ shortcut, ack, respond, client }) => {
    await ack();
    const o = { client, user: shortcut.user.id, channel: shortcut.channel?.id, respond };
    // A shortcut on a message Slack does not show us (deleted, or from a huddle) has no text: nothing found, said plainly.
    const message = (shortcut as { message?: { text?: unknown } }).message;
    await chat.findTerms(event(o, { ts: shortcut.message_ts }), typeof message?.text === 'string' ? message.text : '');
  });

  // Options must come back in the ack itself; the core's ranking is pure and fast.
  app.options(IDS.searchSelect, async ({ options, ack }) => {
    const query = typeof options.value === 'string' ? options.value : '';
    await ack({
      options: ctx.bot
        .complete(query, LIMITS.optionsPerMenu)
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
    const channel = channelFrom(view.private_metadata);
    if (!channel) {
      // Opened from App Home: there is no channel to answer in, so the modal shows the answer.
      await ack({ response_action: 'update', view: messageModal(answerMessage(ctx.bot.explain(selected), false)) });
      return;
    }
    await ack();
    await chat.explain(event({ client, user: body.user.id, channel, dmFallback: true }, { slug: selected }), {
      text: selected,
      visibility: 'private',
    });
  });

  app.action<BlockAction<ButtonAction>>(IDS.openSearchAction, async ({ ack, body, client }) => {
    await ack();
    await chat.run(event({ client, user: body.user.id }, {}), 'open-search', async () => {
      await client.views.open({ trigger_id: body.trigger_id, view: searchModal('') });
    });
  });

  app.event('app_home_opened', async ({ event: e, client }) => {
    if (e.tab !== 'home') return;
    await chat.run(event({ client, user: e.user }, {}), 'app-home', async () => {
      await client.views.publish({ user_id: e.user, view: homeView(await todaysTerm(deps), ctx.bot.overview()) });
    });
  });
}
