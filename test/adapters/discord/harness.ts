import { Writable } from 'node:stream';
import pino from 'pino';
import type { AppContext } from '../../../src/adapters/types.js';
import { createDiscordBot, type DiscordBot, type DiscordBotOptions } from '../../../src/adapters/discord/index.js';
import { BUNDLED_KNOWLEDGE_DIR, parseConfig } from '../../../src/app/config.js';
import { loadTermbot, type Termbot } from '../../../src/core/termbot.js';
import { FakeDiscord } from '../../support/fakes/discord/fake-discord.js';

/** Log lines the bot wrote, parsed, so tests can check what was logged. */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

export function memoryLogger(): { logger: pino.Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

let sharedBot: Promise<Termbot> | null = null;
/** The real bundled knowledge, loaded once per test file. */
export function realTermbot(): Promise<Termbot> {
  sharedBot ??= loadTermbot(BUNDLED_KNOWLEDGE_DIR).then((r) => r.bot);
  return sharedBot;
}

export interface Harness {
  fake: FakeDiscord;
  bot: DiscordBot;
  ctx: AppContext;
  logs: LogLine[];
  stop(): Promise<void>;
}

/** A fake Discord and the real discord.js client logged in to it. */
export async function startHarness(opts: Partial<Omit<DiscordBotOptions, 'ctx'>> & { ctx?: Partial<AppContext> } = {}): Promise<Harness> {
  const fake = new FakeDiscord();
  await fake.start();
  const { logger, lines } = memoryLogger();
  const config = parseConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'debug' });
  const ctx: AppContext = { config, logger, bot: await realTermbot(), ...opts.ctx };
  const { ctx: _ignored, ...rest } = opts;
  const bot = createDiscordBot({ ...rest, ctx });
  try {
    await bot.start();
  } catch (err) {
    await fake.stop();
    throw err;
  }
  return {
    fake,
    bot,
    ctx,
    logs: lines,
    async stop() {
      await bot.stop();
      await fake.stop();
    },
  };
}

export const alice = { id: '600000000000000001', username: 'alice' };
export const bob = { id: '600000000000000002', username: 'bob' };
