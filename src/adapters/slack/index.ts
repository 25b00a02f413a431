import type { AppContext, RunningAdapter } from '../types.js';
import { createSlackApp } from './app.js';

export { createSlackApp, type SlackAdapter, type SlackAppOptions } from './app.js';

/** Starts the Slack adapter from the configuration: Socket Mode when SLACK_APP_TOKEN is set, HTTP otherwise. */
export async function startSlack(ctx: AppContext): Promise<RunningAdapter> {
  const c = ctx.config;
  if (!c.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set');
  const adapter = createSlackApp(ctx, {
    botToken: c.SLACK_BOT_TOKEN,
    mode: c.SLACK_APP_TOKEN ? 'socket' : 'http',
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
