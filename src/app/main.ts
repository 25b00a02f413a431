import { runCli } from '../cli/run.js';
import { BUNDLED_KNOWLEDGE_DIR, ConfigError, loadConfig, type Config } from './config.js';
import { forwardingTermbot, type Termbot } from '../core/termbot.js';
import { LayerReadError, knowledgeStack } from '../core/knowledge/layers.js';
import { LiveKnowledge } from './live-knowledge.js';
import { DisabledTotdService } from '../core/totd/disabled.js';
import { createLogger, type Logger } from '../logger.js';
import type { AppContext, RunningAdapter } from '../adapters/types.js';
import { FatalError, installFatalHandlers } from './fatal.js';
import { Health } from './health.js';
import { HTTP_SERVER_OPTIONS, startHealthServer, type HealthServer } from './http-server.js';
import { StartupError, startWithRetry, type StartPlan } from './startup.js';
import { classifyDiscordStartError, classifySlackStartError } from './startup-errors.js';
import { openTotdOrDisable, type TotdRuntime } from './totd-runtime.js';
import { workspaceStoresFor } from '../store/workspace-stores.js';
import { openInsights, type InsightsRuntime } from './insights-runtime.js';

/**
 * `npm start` / `node dist/app/main.js`: the chat bots when tokens are configured, otherwise the
 * local CLI on the bundled knowledge. Every line on stderr is JSON, fatal ones included.
 */
async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      // LOG_LEVEL itself may be the problem: this line is always written.
      const log = createLogger('info');
      log.fatal(
        { problems: err.problems, variable: err.problems[0]?.variable },
        `${err.message.replace(/\n\s*/g, ' ')} (see the Configuration section of README.md)`,
      );
      return 1;
    }
    throw err;
  }

  if (!config.discordEnabled && !config.slackEnabled) {
    process.stderr.write('No DISCORD_TOKEN or SLACK_BOT_TOKEN configured: starting the local CLI on the knowledge base.\n');
    return runCli(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      cwd: process.cwd(),
    });
  }

  const logger = createLogger(config.LOG_LEVEL);
  installFatalHandlers(logger);
  try {
    await runBots(config, logger);
    return 0;
  } catch (err) {
    if (err instanceof FatalError) logger.fatal({ variable: err.variable, err: err.cause }, `termbot cannot start: ${err.message}`);
    else if (err instanceof StartupError)
      logger.fatal(
        { adapter: err.adapter, variable: err.failure.variable, attempts: err.attempts },
        `termbot cannot start: ${err.message}`,
      );
    else logger.fatal({ err }, 'termbot cannot start');
    // Connections and timers may still be open: exit now (pino writes synchronously, the line is out).
    process.exit(1);
  }
}

/** Starts everything; returns once started (shutdown then runs on SIGTERM/SIGINT and exits the process). */
async function runBots(config: Config, logger: Logger): Promise<void> {
  const health = new Health();
  const deadlineMs = Math.round(config.SHUTDOWN_TIMEOUT * 1000);
  const adapters = (['discord', 'slack'] as const).filter((n) => (n === 'discord' ? config.discordEnabled : config.slackEnabled));
  for (const name of ['knowledge', ...adapters, 'totd']) health.set(name, 'starting');

  const running: RunningAdapter[] = [];
  let totd: TotdRuntime | null = null;
  let insightsRuntime: InsightsRuntime | null = null;
  let healthServer: HealthServer | null = null;
  const startup = new AbortController();
  let stopping = false;
  /** Set once the knowledge is loaded: shutdown stops its watchers and lets its cache writes finish. */
  let knowledge: LiveKnowledge | null = null;

  // Installed first, so SIGTERM while connecting (or retrying) also stops cleanly within the deadline.
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, deadlineSeconds: config.SHUTDOWN_TIMEOUT }, 'shutting down');
    health.markStopping();
    startup.abort();
    const pending = new Set<string>();
    const deadline = setTimeout(() => {
      logger.error(
        { pending: [...pending] },
        `shutdown did not finish within ${config.SHUTDOWN_TIMEOUT} s (SHUTDOWN_TIMEOUT); exiting anyway`,
      );
      process.exit(1);
    }, deadlineMs);
    const step = async (name: string, work: Promise<unknown>): Promise<void> => {
      pending.add(name);
      await work.catch((err: unknown) => logger.error({ err, step: name }, `${name} did not stop cleanly`));
      pending.delete(name);
    };
    // 1. Stop posting. A post in flight gets half the deadline; after that its slot stays claimed and
    //    the next start reconciles it (looks in the channel), exactly as after a crash.
    let totdStopped = true;
    if (totd) {
      const t = totd;
      const finished = await Promise.race([step('term of the day', t.stop()).then(() => true), delay(deadlineMs / 2).then(() => false)]);
      if (!finished) {
        totdStopped = false;
        logger.warn('term of the day: a post is still in flight; leaving its slot for the next start to reconcile');
      }
    }
    // 2. Disconnect the adapters (Slack HTTP cuts lingering requests after a grace), 3. close the database, 4. the health server.
    await Promise.all(running.map((a) => step(a.name, a.stop())));
    // The knowledge caches being written (a temporary file, then a rename): a little time to finish.
    if (knowledge) {
      knowledge.stop();
      await Promise.race([step('knowledge caches', knowledge.settled()), delay(graceMs)]);
    }
    if (totd && totdStopped) await step('term-of-the-day database', totd.close());
    if (insightsRuntime) await step('insights database', insightsRuntime.close());
    if (healthServer) await step('health server', healthServer.close(graceMs));
    clearTimeout(deadline);
    logger.info('stopped');
    process.exit(0);
  };
  const graceMs = Math.max(100, Math.round(deadlineMs / 4));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  // Health first (except in Slack HTTP mode, whose server serves it), so probes answer while we connect.
  const ownsHttp = config.slackMode === 'http';
  if (!ownsHttp) {
    try {
      healthServer = await startHealthServer(health.handler, config.PORT);
    } catch (err) {
      throw new FatalError(
        `cannot serve /healthz and /readyz on port ${config.PORT}: ${(err as NodeJS.ErrnoException).code ?? String(err)}; set PORT to a free port`,
        'PORT',
        { cause: err },
      );
    }
    logger.info({ port: healthServer.port }, 'health server listening: GET /healthz, /readyz');
  }

  let live: LiveKnowledge;
  const layers = knowledgeStack(config.knowledgeDir, config.teamKnowledgeDirs, BUNDLED_KNOWLEDGE_DIR);
  try {
    live = await LiveKnowledge.start({ layers, logger: logger.child({ module: 'knowledge' }), cacheDir: config.cacheDir });
    knowledge = live;
  } catch (err) {
    health.set('knowledge', 'down', String((err as Error).message));
    const cause = (err as { cause?: unknown }).cause;
    const team = cause instanceof LayerReadError && cause.layer.team;
    throw new FatalError(
      `cannot load the knowledge ${team ? 'stack' : `folder ${config.knowledgeDir}`}: ${(err as Error).message}${causeText(err)}`,
      team ? 'TEAM_KNOWLEDGE_DIR' : 'KNOWLEDGE_DIR',
      { cause: err },
    );
  }
  health.set('knowledge', 'up');
  // Edits are picked up by the watcher; SIGHUP reloads on demand (a folder on a file system without change events).
  process.on('SIGHUP', () => void live.reload('SIGHUP'));
  // Long-lived services see each new version; request handlers read ctx.bot once per request.
  const bot: Termbot = forwardingTermbot(() => live.bot);

  const opened = await openTotdOrDisable({ config, bot, logger, signal: startup.signal });
  if (opened.disabled) {
    health.set('totd', 'disabled', opened.disabled.detail);
    logger.warn(
      { dataDir: config.dataDir, reason: opened.disabled.detail },
      'term of the day disabled: its database cannot be opened and no channels are configured',
    );
  } else {
    totd = opened.runtime;
    health.set('totd', 'up');
  }
  const insights = await openInsights(config, logger);
  insightsRuntime = insights;
  if (stopping) return;
  // Slack installations and replay protection live in the same database, shared by every replica.
  const stores = totd ? workspaceStoresFor(totd.store) : null;
  if (config.slackOAuth && !stores) {
    throw new FatalError(
      `installing into many Slack workspaces (SLACK_CLIENT_ID) keeps each workspace's token in the database in DATA_DIR (${config.dataDir}), which could not be opened: ${opened.disabled?.detail ?? 'no installation store'}`,
      'DATA_DIR',
    );
  }

  const ctx: AppContext = {
    config,
    logger,
    get bot() {
      return live.bot;
    },
    totd: totd ? totd.service : new DisabledTotdService(opened.disabled!.reason),
    ...(stores ? { stores } : {}),
    ...(insights ? { insights: insights.insights } : {}),
    ...(ownsHttp ? { http: { health: health.handler, serverOptions: HTTP_SERVER_OPTIONS, forceCloseAfterMs: graceMs } } : {}),
  };

  // The adapters start in parallel; one failing does not stop the other.
  const plans: StartPlan[] = adapters.map((name) =>
    name === 'discord'
      ? {
          name,
          label: 'Discord',
          start: async () => (await import('../adapters/discord/index.js')).startDiscord(ctx),
          classify: classifyDiscordStartError,
        }
      : {
          name,
          label: `Slack (${config.slackMode === 'socket' ? 'Socket Mode' : 'HTTP mode'})`,
          start: async () => (await import('../adapters/slack/index.js')).startSlack(ctx),
          classify: (err) => classifySlackStartError(err, config.slackMode),
        },
  );
  const results = await Promise.allSettled(
    plans.map(async (plan) => {
      const adapter = await startWithRetry(plan, {
        log: logger,
        signal: startup.signal,
        onState: (state, reason) => health.set(plan.name, state, reason),
      });
      if (stopping) {
        // Connected after shutdown began: disconnect at once.
        await adapter.stop().catch(() => undefined);
        return adapter;
      }
      running.push(adapter);
      health.set(plan.name, 'up');
      if (adapter.connected) health.watch(plan.name, () => ({ up: adapter.connected!(), reason: 'connection lost; reconnecting' }));
      return adapter;
    }),
  );
  if (stopping) return;
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (running.length === 0) {
    // Nothing to serve: the first failure is the fatal line (the others were logged as errors).
    for (const err of failed.slice(1)) logStartupFailure(logger, err);
    await totd?.close();
    await healthServer?.close(0);
    throw failed[0];
  }
  for (const err of failed) logStartupFailure(logger, err);
  if (ownsHttp && !running.some((a) => a.name === 'slack')) {
    // Slack's HTTP server was to serve the probes; it is down, so serve them ourselves (readiness: 503).
    healthServer = await startHealthServer(health.handler, config.PORT).catch(() => null);
    if (healthServer) logger.info({ port: healthServer.port }, 'health server listening: GET /healthz, /readyz');
  }

  // Not awaited: the first pass may post catch-ups with retries, and the bots are already answering.
  totd
    ?.start(running.map((a) => a.poster))
    .catch((err: unknown) => logger.error({ err }, 'term of the day scheduler failed to start; the bots keep answering'));
  logger.info({ adapters: running.map((a) => a.name), failed: failed.length }, 'termbot is running');
}

function logStartupFailure(logger: Logger, err: unknown): void {
  if (err instanceof StartupError) {
    logger.error(
      { adapter: err.adapter, variable: err.failure.variable, attempts: err.attempts },
      `${err.adapter} could not start and stays off; the other adapter keeps running: ${err.message}`,
    );
  } else logger.error({ err }, 'an adapter could not start');
}

function causeText(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : '';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

main().then(
  (code) => {
    // The CLI's output may still be draining into a pipe: set the code, let the process end by itself.
    process.exitCode = code;
  },
  (err: unknown) => {
    createLogger('info').fatal({ err }, 'termbot cannot start');
    process.exit(1);
  },
);
