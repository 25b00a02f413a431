import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, webApi } from '@slack/bolt';
import type { TotdPoster } from '../../core/totd/types.js';
import type { AppContext } from '../types.js';
import { boltLogger } from './bolt-logger.js';
import { Cooldown, type Clock } from './cooldown.js';
import { classifySlackError } from './errors.js';
import { registerAnswerActions } from './handlers/answer-actions.js';
import { registerDailyCommand } from './handlers/daily-command.js';
import { registerExplainCommand } from './handlers/explain-command.js';
import { registerHome } from './handlers/home.js';
import { registerMention } from './handlers/mention.js';
import { registerSearch } from './handlers/search.js';
import { type SlackDeps } from './handlers/shared.js';
import { registerShortcut } from './handlers/shortcut.js';
import { IDS } from './ids.js';
import { dropRetries } from './retry-guard.js';
import { createSlackPoster } from './totd-poster.js';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export interface SlackAppOptions {
  botToken: string;
  /** socket: SLACK_APP_TOKEN set, no public URL needed; http: Slack calls us at PORT, verified with the signing secret. */
  mode: 'socket' | 'http';
  appToken?: string;
  signingSecret?: string;
  /** HTTP mode only; 0 picks a free port (tests). */
  port?: number;
  /** Web API base with a trailing slash (SLACK_API_URL); tests point it at the fake. */
  apiUrl?: string;
  clock?: Clock;
  /** One mention answer per user per window. */
  mentionCooldownMs?: number;
  /** Web API retries on 5xx and network errors; rate limits are never retried silently. */
  apiRetries?: number;
}

const { WebClient } = webApi;

export interface SlackAdapter {
  /** The Bolt app once started (it is built after auth.test tells us who we are), else null. */
  readonly app: App | null;
  readonly poster: TotdPoster;
  /** Connects (Socket Mode) or listens (HTTP); resolves with the HTTP port, null in Socket Mode. */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

interface BotIdentity {
  botId: string;
  botUserId: string;
}

/**
 * Builds the Bolt app for a known bot identity. Passing botId/botUserId stops Bolt from
 * calling auth.test in its constructor, where a failure would be an unhandled rejection
 * cached for the app's lifetime.
 */
function buildApp(opts: SlackAppOptions, deps: SlackDeps, clientOptions: webApi.WebClientOptions, who: BotIdentity): App {
  const { log } = deps;
  const common = { token: opts.botToken, botId: who.botId, botUserId: who.botUserId, logger: boltLogger(log), clientOptions };
  const app =
    opts.mode === 'socket'
      ? new App({
          ...common,
          appToken: opts.appToken,
          socketMode: true,
          // The Socket Mode client does not get App.clientOptions; it needs the API URL for apps.connections.open.
          installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } },
        })
      : new App({
          ...common,
          signingSecret: opts.signingSecret,
          // [runtime] /healthz and /readyz come from the app (src/app/health.ts) when it passes them in.
          customRoutes: deps.ctx.http
            ? ['/healthz', '/readyz'].map((path) => ({ path, method: ['GET', 'HEAD'], handler: deps.ctx.http!.health }))
            : [
                {
                  path: '/healthz',
                  method: ['GET'],
                  handler: (_req, res) => {
                    res.writeHead(200, { 'content-type': 'application/json' });
                    res.end(JSON.stringify({ ok: true, adapter: 'slack', mode: 'http' }));
                  },
                },
              ],
        });

  app.use(dropRetries(log));

  registerExplainCommand(app, deps);
  registerDailyCommand(app, deps);
  registerAnswerActions(app, deps);
  registerSearch(app, deps);
  registerMention(app, deps);
  registerShortcut(app, deps, IDS.shortcut);
  registerHome(app, deps);

  // Last line of defence: handlers catch their own errors, so this only sees Bolt's.
  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    log.error({ err: original, code: (error as { code?: unknown }).code, slackError: classifySlackError(original).code }, 'unhandled Slack error');
  });
  return app;
}

/** Prepares the Slack adapter; nothing connects until start(). The poster works as soon as this returns. */
export function createSlackApp(ctx: AppContext, opts: SlackAppOptions): SlackAdapter {
  if (opts.mode === 'socket' && !opts.appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN (xapp-...)');
  if (opts.mode === 'http' && !opts.signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET');
  const log = ctx.logger.child({ adapter: 'slack', mode: opts.mode });
  const clock = opts.clock ?? Date.now;
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: withSlash(opts.apiUrl ?? DEFAULT_SLACK_API_URL),
    // Bolt's default retries for up to 30 minutes; an interactive reply that late is useless.
    retryConfig: { retries: opts.apiRetries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    // Surface rate limits as errors (with Retry-After) instead of silently queueing behind them.
    rejectRateLimitedCalls: true,
    logger: boltLogger(log),
  };
  const client = new WebClient(opts.botToken, clientOptions);
  const deps: SlackDeps = { ctx, log, clock, cooldown: new Cooldown(opts.mentionCooldownMs ?? 10_000, clock) };

  let app: App | null = null;
  let httpServer: Server | null = null;
  let botId: string | undefined;
  // The card is never re-sent by the HTTP client: the scheduler checks the channel before it retries.
  // A bounded request, so one post can never outlive the scheduler's claim on its slot.
  const postClient = new WebClient(opts.botToken, { ...clientOptions, retryConfig: { retries: 0 }, timeout: 30_000 });
  const poster = createSlackPoster(client, log, () => botId, postClient);

  return {
    get app() {
      return app;
    },
    poster,
    async start() {
      // Checks the token with a clear error before anything listens, and learns who we are.
      const auth = await client.auth.test();
      if (!auth.bot_id || !auth.user_id) throw new Error('auth.test did not return bot_id and user_id: is SLACK_BOT_TOKEN a bot token (xoxb-)?');
      botId = auth.bot_id;
      log.info({ team: auth.team, botUserId: auth.user_id }, 'slack token ok');
      app = buildApp(opts, deps, clientOptions, { botId: auth.bot_id, botUserId: auth.user_id });
      if (opts.mode === 'socket') {
        await app.start();
        log.info('slack connected (Socket Mode)');
        return { port: null };
      }
      // [runtime] Request/header timeouts from the app, so a client that never finishes cannot hold a connection.
      const server = (await app.start(opts.port ?? 3000, ctx.http?.serverOptions ?? {})) as Server;
      httpServer = server;
      const port = (server.address() as AddressInfo).port;
      log.info({ port }, 'slack listening (HTTP mode): POST /slack/events, GET /healthz');
      return { port };
    },
    async stop() {
      const running = app;
      app = null;
      // [runtime] Bolt's stop waits for every connection; idle ones close now, lingering requests are cut after a grace.
      const server = httpServer;
      httpServer = null;
      server?.closeIdleConnections();
      const force = server ? setTimeout(() => server.closeAllConnections(), ctx.http?.forceCloseAfterMs ?? 2_000) : null;
      try {
        if (running) await running.stop();
      } finally {
        if (force) clearTimeout(force);
      }
    },
  };
}
