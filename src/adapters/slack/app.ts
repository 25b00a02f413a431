import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { App, HTTPReceiver, webApi } from '@slack/bolt';
import { Cooldown, createChat, type Clock } from '../../core/chat/index.js';
import type { TotdPoster } from '../../core/totd/types.js';
import type { AppContext } from '../types.js';
import { boltLogger } from './bolt-logger.js';
import { classifySlackError, slackErrors } from './errors.js';
import { registerEvents, type SlackEventDeps } from './events.js';
import { createSlackPoster } from './poster.js';
import { MemorySeenRequests, slackHttpListener, type SeenRequests } from './http.js';
import { dropRetries } from './retry-guard.js';

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
  /** One mention answer per user per window; defaults to the core's COOLDOWN_MS. */
  mentionCooldownMs?: number;
  /** Web API retries on 5xx and network errors; rate limits are never retried silently. */
  apiRetries?: number;
  /** HTTP mode: signatures already seen (replay protection); in memory unless a shared store is given. */
  seenRequests?: SeenRequests;
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
function buildApp(
  opts: SlackAppOptions,
  deps: SlackEventDeps,
  clientOptions: webApi.WebClientOptions,
  who: BotIdentity,
  receiver?: HTTPReceiver,
): App {
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
      : new App({ ...common, receiver: receiver! });

  app.use(dropRetries(log));

  registerEvents(app, deps);

  // Last line of defence: handlers catch their own errors, so this only sees Bolt's.
  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    log.error(
      { err: original, code: (error as { code?: unknown }).code, slackError: classifySlackError(original).code },
      'unhandled Slack error',
    );
  });
  return app;
}

/** Liveness for HTTP mode (GET and HEAD): the process answers. */
function health(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ ok: true, adapter: 'slack', mode: 'http' }));
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
  const chat = createChat({
    bot: () => ctx.bot,
    totd: () => ctx.totd,
    insights: () => ctx.insights,
    logger: log,
    cooldown: new Cooldown(opts.mentionCooldownMs, clock),
    platformErrors: slackErrors,
  });
  const deps: SlackEventDeps = { ctx, chat, log, clock };

  let app: App | null = null;
  let http: ReturnType<typeof createServer> | null = null;
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
      if (!auth.bot_id || !auth.user_id)
        throw new Error('auth.test did not return bot_id and user_id: is SLACK_BOT_TOKEN a bot token (xoxb-)?');
      botId = auth.bot_id;
      log.info({ team: auth.team, botUserId: auth.user_id }, 'slack token ok');
      const who = { botId: auth.bot_id, botUserId: auth.user_id };
      if (opts.mode === 'socket') {
        app = buildApp(opts, deps, clientOptions, who);
        await app.start();
        log.info('slack connected (Socket Mode)');
        return { port: null };
      }
      // HTTP mode: our own server checks every request (./http.ts), then hands it to Bolt's receiver.
      const receiver = new HTTPReceiver({ signingSecret: opts.signingSecret!, logger: boltLogger(log) });
      app = buildApp(opts, deps, clientOptions, who, receiver);
      const listener = slackHttpListener({
        signingSecret: opts.signingSecret!,
        bolt: receiver.requestListener,
        log,
        seen: opts.seenRequests ?? new MemorySeenRequests(),
        health: ctx.http?.health ?? health,
      });
      const server = createServer(ctx.http?.serverOptions ?? {}, listener);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 3000, () => resolve());
      });
      http = server;
      const port = (server.address() as AddressInfo).port;
      log.info({ port }, 'slack listening (HTTP mode): POST /slack/events, GET and HEAD /healthz');
      return { port };
    },
    async stop() {
      const running = app;
      const server = http;
      app = null;
      http = null;
      if (server) {
        // [runtime] Idle connections close now; a request still in flight is cut after the app's grace period.
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), ctx.http?.forceCloseAfterMs ?? 2_000);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        clearTimeout(force);
      } else if (running) {
        await running.stop();
      }
    },
  };
}
