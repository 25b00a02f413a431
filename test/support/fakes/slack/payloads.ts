/**
 * Builders for the payloads Slack sends an app, with realistic defaults. Each returns
 * `{ kind, payload }`; FakeSlack encodes it as Slack would for HTTP (form or JSON) or
 * wraps it in a Socket Mode envelope.
 */

export const TEAM_ID = 'T0TEAM';
export const DEFAULT_USER = 'U0ALICE';
export const DEFAULT_CHANNEL = 'C0GENERAL';

export type IncomingKind = 'slash_commands' | 'interactive' | 'events_api';

export interface Incoming {
  kind: IncomingKind;
  payload: Record<string, unknown>;
}

let seq = 0;
const next = (): number => ++seq;
export const triggerId = (): string => `${next()}.trigger.${Date.now()}`;
/** A Slack message timestamp, unique within the process. */
export const messageTs = (): string => `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, '0')}`;

export function slashCommand(opts: {
  command?: string;
  text?: string;
  user?: string;
  channel?: string;
  responseUrl: string;
  triggerId?: string;
  /** The workspace it comes from (many workspaces); defaults to TEAM_ID. */
  team?: string;
}): Incoming {
  return {
    kind: 'slash_commands',
    payload: {
      token: 'legacy-verification-token',
      team_id: opts.team ?? TEAM_ID,
      team_domain: 'acme',
      channel_id: opts.channel ?? DEFAULT_CHANNEL,
      channel_name: 'general',
      user_id: opts.user ?? DEFAULT_USER,
      user_name: 'alice',
      command: opts.command ?? '/explain',
      text: opts.text ?? '',
      api_app_id: 'A0TERMBOT',
      is_enterprise_install: 'false',
      response_url: opts.responseUrl,
      trigger_id: opts.triggerId ?? triggerId(),
    },
  };
}

export function blockAction(opts: {
  actionId: string;
  value: string;
  responseUrl?: string;
  user?: string;
  channel?: string;
  ephemeral?: boolean;
  messageTs?: string;
  view?: { id: string; type: 'modal' | 'home'; hash?: string };
}): Incoming {
  const channel = opts.channel ?? DEFAULT_CHANNEL;
  const container = opts.view
    ? { type: 'view', view_id: opts.view.id }
    : { type: 'message', message_ts: opts.messageTs ?? messageTs(), channel_id: channel, is_ephemeral: opts.ephemeral ?? true };
  return {
    kind: 'interactive',
    payload: {
      type: 'block_actions',
      team: { id: TEAM_ID, domain: 'acme' },
      user: { id: opts.user ?? DEFAULT_USER, username: 'alice', team_id: TEAM_ID },
      api_app_id: 'A0TERMBOT',
      token: 'legacy-verification-token',
      container,
      trigger_id: triggerId(),
      ...(opts.view
        ? {
            view: {
              id: opts.view.id,
              type: opts.view.type,
              hash: opts.view.hash ?? 'h1',
              team_id: TEAM_ID,
              blocks: [],
              private_metadata: '',
              callback_id: '',
              state: { values: {} },
            },
          }
        : { channel: { id: channel, name: 'general' }, response_url: opts.responseUrl }),
      actions: [
        {
          type: 'button',
          action_id: opts.actionId,
          block_id: 'b1',
          text: { type: 'plain_text', text: 'x' },
          value: opts.value,
          action_ts: messageTs(),
        },
      ],
    },
  };
}

export function optionsRequest(opts: { actionId: string; value: string; blockId?: string; user?: string }): Incoming {
  return {
    kind: 'interactive',
    payload: {
      type: 'block_suggestion',
      user: { id: opts.user ?? DEFAULT_USER, name: 'alice', team_id: TEAM_ID },
      container: { type: 'view', view_id: 'V0SEARCH' },
      api_app_id: 'A0TERMBOT',
      token: 'legacy-verification-token',
      action_id: opts.actionId,
      block_id: opts.blockId ?? 'tb1:search',
      value: opts.value,
      team: { id: TEAM_ID, domain: 'acme' },
      view: {
        id: 'V0SEARCH',
        type: 'modal',
        team_id: TEAM_ID,
        callback_id: 'tb1:search',
        private_metadata: '',
        blocks: [],
        state: { values: {} },
        hash: 'h1',
      },
    },
  };
}

export function viewSubmission(opts: {
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  user?: string;
}): Incoming {
  return {
    kind: 'interactive',
    payload: {
      type: 'view_submission',
      team: { id: TEAM_ID, domain: 'acme' },
      user: { id: opts.user ?? DEFAULT_USER, username: 'alice', team_id: TEAM_ID },
      api_app_id: 'A0TERMBOT',
      token: 'legacy-verification-token',
      trigger_id: triggerId(),
      view: {
        id: 'V0SEARCH',
        type: 'modal',
        team_id: TEAM_ID,
        callback_id: opts.callbackId,
        private_metadata: opts.privateMetadata ?? '',
        blocks: [],
        state: { values: opts.values },
        hash: 'h1',
      },
      response_urls: [],
    },
  };
}

export function messageShortcut(opts: {
  callbackId: string;
  text: string;
  responseUrl: string;
  user?: string;
  channel?: string;
}): Incoming {
  const channel = opts.channel ?? DEFAULT_CHANNEL;
  const ts = messageTs();
  return {
    kind: 'interactive',
    payload: {
      type: 'message_action',
      callback_id: opts.callbackId,
      token: 'legacy-verification-token',
      trigger_id: triggerId(),
      action_ts: messageTs(),
      team: { id: TEAM_ID, domain: 'acme' },
      user: { id: opts.user ?? DEFAULT_USER, name: 'alice', team_id: TEAM_ID },
      channel: { id: channel, name: 'general' },
      message: { type: 'message', user: 'U0BOB', ts, text: opts.text },
      message_ts: ts,
      response_url: opts.responseUrl,
    },
  };
}

/** An Events API callback wrapping `event`, from workspace `team` (default TEAM_ID). */
export function eventCallback(event: Record<string, unknown>, team = TEAM_ID, botUserId = 'U0TERMBOT'): Incoming {
  return {
    kind: 'events_api',
    payload: {
      token: 'legacy-verification-token',
      team_id: team,
      api_app_id: 'A0TERMBOT',
      event: { event_ts: messageTs(), ...event },
      type: 'event_callback',
      event_id: `Ev${next()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: team, user_id: botUserId, is_bot: true }],
    },
  };
}

/** Sent to every workspace the app leaves (https://docs.slack.dev/reference/events/app_uninstalled). */
export function appUninstalled(team: string): Incoming {
  return eventCallback({ type: 'app_uninstalled' }, team);
}

/** Tokens revoked in a workspace: `bot` lists the bot user ids whose tokens died. */
export function tokensRevoked(team: string, tokens: { bot?: string[]; oauth?: string[] }): Incoming {
  return eventCallback({ type: 'tokens_revoked', tokens }, team);
}

export function appMention(opts: {
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
  team?: string;
  botUserId?: string;
}): Incoming {
  return eventCallback(
    {
      type: 'app_mention',
      user: opts.user ?? DEFAULT_USER,
      text: opts.text,
      ts: opts.ts ?? messageTs(),
      channel: opts.channel ?? DEFAULT_CHANNEL,
      ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
    },
    opts.team,
    opts.botUserId,
  );
}

export function appHomeOpened(opts: { user?: string } = {}): Incoming {
  return eventCallback({ type: 'app_home_opened', user: opts.user ?? DEFAULT_USER, channel: 'D0HOME', tab: 'home' });
}
