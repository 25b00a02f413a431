import type { AppContext, RunningAdapter } from '../types.js';
import { createSlackApp } from './app.js';

export { createSlackApp, type SlackAdapter, type SlackAppOptions } from './app.js';

/** Starts the Slack adapter from the configuration: Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise. */
export async function startSlack(ctx: AppContext): Promise<RunningAdapter> {
  const c = ctx.config;
  if (!c.SLACK_BOT_TOKEN && !c.slackOAuth) throw new Error('SLACK_BOT_TOKEN is not set');
  const adapter = createSlackApp(ctx, {
    ...(c.SLACK_BOT_TOKEN ? { botToken: c.SLACK_BOT_TOKEN } : {}),
    ...(c.slackOAuth
      ? { oauth: { clientId: c.SLACK_CLIENT_ID!, clientSecret: c.SLACK_CLIENT_SECRET!, stateSecret: c.SLACK_STATE_SECRET! } }
      : {}),
    ...(ctx.stores ? { installations: ctx.stores.installations, seenRequests: ctx.stores.seenRequests } : {}),
    mode: c.slackMode === 'socket' ? 'socket' : 'http',
    ...(c.SLACK_APP_TOKEN ? { appToken: c.SLACK_APP_TOKEN } : {}),
    ...(c.SLACK_SIGNING_SECRET ? { signingSecret: c.SLACK_SIGNING_SECRET } : {}),
    port: c.PORT,
    apiUrl: c.SLACK_API_URL,
  });
  await adapter.start();
  return {
    name: 'slack',
    poster: adapter.poster,
    stop: () => adapter.stop(),
  };
}
