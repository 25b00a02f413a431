import { runCli } from '../cli/run.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { loadTermbot } from '../core/termbot.js';
import { createLogger } from '../logger.js';
import type { AppContext, RunningAdapter } from '../adapters/types.js';
import { openTotd, type TotdRuntime } from './totd-runtime.js';

/** `npm start`: the chat bots when tokens are configured, otherwise the local CLI on the bundled knowledge. */
async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee the Configuration section of README.md.\n`);
      return 1;
    }
    throw err;
  }

  if (!config.discordEnabled && !config.slackEnabled) {
    process.stderr.write('No DISCORD_TOKEN or SLACK_BOT_TOKEN configured: starting the local CLI on the knowledge base.\n');
    return runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() });
  }

  const logger = createLogger(config.LOG_LEVEL);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => logger.error({ err }, 'uncaught exception'));

  const { bot } = await loadTermbot(config.knowledgeDir, logger);
  // The term of the day is optional: if its database cannot be opened, the bots still answer questions.
  let totd: TotdRuntime | null = null;
  try {
    totd = await openTotd({ config, bot, logger });
  } catch (err) {
    logger.error({ err, dataDir: config.dataDir }, 'term of the day disabled: could not open its database or sync TOTD_* channels (is DATA_DIR writable?)');
  }
  const ctx: AppContext = { config, logger, bot, ...(totd ? { totd: totd.service } : {}) };
  const running: RunningAdapter[] = [];
  if (config.discordEnabled) {
    const { startDiscord } = await import('../adapters/discord/index.js');
    running.push(await startDiscord(ctx));
  }
  if (config.slackEnabled) {
    const { startSlack } = await import('../adapters/slack/index.js');
    running.push(await startSlack(ctx));
  }
  // Not awaited: the first pass may post catch-ups with retries, and the bots are already answering.
  totd?.start(running.map((a) => a.poster)).catch((err: unknown) => logger.error({ err }, 'term of the day scheduler failed to start; the bots keep answering'));
  logger.info({ adapters: running.map((a) => a.name) }, 'termbot is running');

  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      // Stop posting first, then disconnect the adapters, then close the database.
      void (async () => {
        await totd?.stop().catch((err: unknown) => logger.error({ err }, 'term of the day did not stop cleanly'));
        await Promise.allSettled(running.map((a) => a.stop()));
        await totd?.close().catch((err: unknown) => logger.error({ err }, 'could not close the term-of-the-day database'));
        resolve();
      })();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`termbot failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
