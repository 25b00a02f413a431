import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { App, HTTPReceiver, webApi } from '@slack/bolt';
import { Cooldown, createChat, type Clock } from '../../core/chat/index.js';
import type { TotdPoster } from '../../core/totd/types.js';
import type { AppContext } from '../types.js';
import { boltLogger } from './bolt-logger.js';
import { classifySlackError, slackErrors } from './errors.js';
import { registerEvents, type SlackEventDeps } from './events.js';
import { createSlackPoster, type ChannelClients } from './poster.js';
import { MemorySeenRequests, sharedOrMemory, slackHttpListener, type SeenRequests } from './http.js';
import { dropRetries } from './retry-guard.js';
import type { InstallationStore } from '../../core/ports/installation-store.js';
import { PostError } from '../../core/totd/types.js';
import type { Logger } from '../../logger.js';
import { oauthReceiverOptions, registerUninstall, type OAuthSettings } from './oauth.js';
import { boltInstallationStore, tokenForChannel } from './workspaces.js';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export interface SlackAppOptions {
  /** The one workspace's bot token; optional when installable (`oauth`), where it seeds its workspace's installation. */
  botToken?: string;
  /** Installable into many workspaces through Bolt's OAuth (HTTP mode only); needs `installations`. */
  oauth?: OAuthSettings;
  /** Installations and the workspace of each subscribed channel (the shared database). */
  installations?: InstallationStore;
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
  who: BotIdentity | null,
  receiver?: HTTPReceiver,
): App {
  const { log } = deps;
  const common = { token: opts.botToken, botId: who?.botId, botUserId: who?.botUserId, logger: boltLogger(log), clientOptions };
  const app = !who
    ? // Installable: no token of its own; Bolt's authorize reads each request's workspace from the store.
      new App({ logger: boltLogger(log), clientOptions, receiver: receiver! })
    : opts.mode === 'socket'
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
  if (opts.oauth) registerUninstall(app, opts.installations!, () => deps.ctx.totd, log);

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
  if (!opts.botToken && !opts.oauth) throw new Error('SLACK_BOT_TOKEN is not set');
  if (opts.oauth && (opts.mode !== 'http' || !opts.installations))
    throw new Error('installing into many workspaces needs HTTP mode and an installation store');
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
  const client = opts.botToken ? new WebClient(opts.botToken, clientOptions) : null;
  const chat = createChat({
    bot: () => ctx.bot,
    totd: () => ctx.totd,
    insights: () => ctx.insights,
    logger: log,
    cooldown: new Cooldown(opts.mentionCooldownMs, clock),
    platformErrors: slackErrors,
  });
  const installations = opts.installations;
  const deps: SlackEventDeps = {
    ctx,
    chat,
    log,
    clock,
    // Installable: a channel's workspace decides the token its term of the day is posted with.
    ...(opts.oauth && installations
      ? { rememberChannel: (channel: string, team: string) => installations.rememberChannel(channel, team, new Date(clock())) }
      : {}),
  };

  let app: App | null = null;
  let http: ReturnType<typeof createServer> | null = null;
  let botId: string | undefined;
  const clients = new Map<string, Omit<ChannelClients, 'botId'>>();
  const clientsFor = async (channelId: string): Promise<ChannelClients> => {
    const fallback = opts.botToken ? { token: opts.botToken, botId } : null;
    let found: { token: string; botId: string | undefined };
    try {
      found = await tokenForChannel(opts.oauth ? installations : undefined, channelId, fallback);
    } catch (err) {
      if (err instanceof PostError) throw err;
      throw new PostError(`cannot read the workspace of channel ${channelId}: ${(err as Error).message}`, 'transient');
    }
    let pair = clients.get(found.token);
    if (!pair) {
      pair = {
        client: found.token === opts.botToken && client ? client : new WebClient(found.token, clientOptions),
        // The card is never re-sent by the HTTP client: the scheduler checks the channel before it retries.
        // A bounded request, so one post can never outlive the scheduler's claim on its slot.
        postClient: new WebClient(found.token, { ...clientOptions, retryConfig: { retries: 0 }, timeout: 30_000 }),
      };
      clients.set(found.token, pair);
    }
    return { ...pair, botId: found.botId };
  };
  const poster = createSlackPoster(clientsFor, log);

  return {
    get app() {
      return app;
    },
    poster,
    async start() {
      let who: BotIdentity | null = null;
      if (client) {
        // Checks the token with a clear error before anything listens, and learns who we are.
        const auth = await client.auth.test();
        if (!auth.bot_id || !auth.user_id)
          throw new Error('auth.test did not return bot_id and user_id: is SLACK_BOT_TOKEN a bot token (xoxb-)?');
        botId = auth.bot_id;
        log.info({ team: auth.team, botUserId: auth.user_id }, 'slack token ok');
        who = { botId: auth.bot_id, botUserId: auth.user_id };
        if (opts.oauth && auth.team_id) await seedInstallation(installations!, opts.botToken!, auth, log);
      }
      if (opts.mode === 'socket') {
        app = buildApp(opts, deps, clientOptions, who);
        await app.start();
        log.info('slack connected (Socket Mode)');
        return { port: null };
      }
      // HTTP mode: our own server checks every request (./http.ts), then hands it to Bolt's receiver.
      const receiver = new HTTPReceiver({
        signingSecret: opts.signingSecret!,
        logger: boltLogger(log),
        ...(opts.oauth ? oauthReceiverOptions(opts.oauth, boltInstallationStore(installations!, log), clientOptions, log) : {}),
      });
      app = buildApp(opts, deps, clientOptions, opts.oauth ? null : who, receiver);
      const listener = slackHttpListener({
        signingSecret: opts.signingSecret!,
        bolt: receiver.requestListener,
        log,
        seen: opts.seenRequests ? sharedOrMemory(opts.seenRequests, log) : new MemorySeenRequests(),
        health: ctx.http?.health ?? health,
      });
      const server = createServer(ctx.http?.serverOptions ?? {}, listener);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port ?? 3000, () => resolve());
      });
      http = server;
      const port = (server.address() as AddressInfo).port;
      log.info(
        { port, installable: Boolean(opts.oauth) },
        `slack listening (HTTP mode): POST /slack/events, GET and HEAD /healthz${opts.oauth ? ', GET /slack/install and /slack/oauth_redirect' : ''}`,
      );
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

/** The configured token's workspace is one installation like the others (it keeps working when the app becomes installable). */
async function seedInstallation(
  store: InstallationStore,
  token: string,
  auth: { team_id?: string; team?: string; enterprise_id?: string; user_id?: string; bot_id?: string },
  log: Logger,
): Promise<void> {
  const team = { id: auth.team_id!, name: auth.team };
  await store.putInstallation({
    teamId: auth.team_id!,
    enterpriseId: auth.enterprise_id || null,
    isEnterpriseInstall: false,
    botToken: token,
    botUserId: auth.user_id!,
    botId: auth.bot_id!,
    installedAt: new Date(),
    raw: { team, bot: { token, userId: auth.user_id, id: auth.bot_id, scopes: [] }, authVersion: 'v2', source: 'SLACK_BOT_TOKEN' },
  });
  log.info({ team: auth.team_id }, 'slack: SLACK_BOT_TOKEN recorded as the installation of its workspace');
}
