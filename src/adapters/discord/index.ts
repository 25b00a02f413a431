import type { AppContext, RunningAdapter } from '../types.js';
import { createDiscordBot } from './app.js';

export { createDiscordBot, type DiscordBot, type DiscordBotOptions } from './app.js';

/** Starts the Discord adapter from the app configuration (DISCORD_TOKEN, DISCORD_API_URL). */
export async function startDiscord(ctx: AppContext): Promise<RunningAdapter> {
  const bot = createDiscordBot({ ctx });
  await bot.start();
  return { name: 'discord', poster: bot.poster, stop: () => bot.stop() };
}
