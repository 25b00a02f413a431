import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, type AnyMiddlewareArgs, type AllMiddlewareArgs, type webApi } from '@slack/bolt';
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

export interface SlackAdapter {
  readonly app: App;
  readonly poster: TotdPoster;
  /** Connects (Socket Mode) or listens (HTTP); resolves with the HTTP port, null in Socket Mode. */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

/** Builds the Bolt app with every termbot listener; nothing connects until start(). */
export function createSlackApp(ctx: AppContext, opts: SlackAppOptions): SlackAdapter {
  const log = ctx.logger.child({ adapter: 'slack', mode: opts.mode });
  const clock = opts.clock ?? Date.now;
  const slackApiUrl = withSlash(opts.apiUrl ?? DEFAULT_SLACK_API_URL);
  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl,
    // Bolt's default retries for up to 30 minutes; an interactive reply that late is useless.
    retryConfig: { retries: opts.apiRetries ?? 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    // Surface rate limits as errors (with Retry-After) instead of silently queueing behind them.
    rejectRateLimitedCalls: true,
  };
  const logger = boltLogger(log);

  let app: App;
  if (opts.mode === 'socket') {
    if (!opts.appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN (xapp-...)');
    app = new App({
      token: opts.botToken,
      appToken: opts.appToken,
      socketMode: true,
      logger,
      clientOptions,
      // The Socket Mode client does not get App.clientOptions; it needs the API URL for apps.connections.open.
      installerOptions: { clientOptions: { slackApiUrl } },
    });
  } else {
    if (!opts.signingSecret) throw new Error('HTTP mode needs SLACK_SIGNING_SECRET');
    app = new App({
      token: opts.botToken,
      signingSecret: opts.signingSecret,
      logger,
      clientOptions,
      customRoutes: [
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
  }

  // Slack re-delivers an event when our ack was slow or lost. The first delivery already did
  // the work, so a retry is acknowledged and dropped: never a second post.
  app.use(async (args: AnyMiddlewareArgs & AllMiddlewareArgs) => {
    const retryNum = args.context.retryNum;
    if (typeof retryNum === 'number' && retryNum > 0) {
      log.info({ retryNum, retryReason: args.context.retryReason, type: args.body && 'type' in args.body ? args.body.type : undefined }, 'dropping a Slack retry');
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  });

  const deps: SlackDeps = { ctx, log, clock, cooldown: new Cooldown(opts.mentionCooldownMs ?? 10_000, clock) };
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

  let botId: string | undefined;
  const poster = createSlackPoster(app.client, log, () => botId);

  return {
    app,
    poster,
    async start() {
      // Fails fast with a clear message on a bad token, before any listener runs.
      const auth = await app.client.auth.test();
      botId = auth.bot_id;
      log.info({ team: auth.team, botUserId: auth.user_id }, 'slack token ok');
      if (opts.mode === 'socket') {
        await app.start();
        log.info('slack connected (Socket Mode)');
        return { port: null };
      }
      const server = (await app.start(opts.port ?? 3000)) as Server;
      const port = (server.address() as AddressInfo).port;
      log.info({ port }, 'slack listening (HTTP mode): POST /slack/events, GET /healthz');
      return { port };
    },
    async stop() {
      await app.stop();
    },
  };
}
