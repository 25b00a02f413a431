import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { ConfigError, loadConfig } from '../../app/config.js';
import { COMMANDS } from './commands.js';

export interface RegisterResult {
  applicationId: string;
  scope: 'guild' | 'global';
  count: number;
}

/**
 * Replaces the application's commands with COMMANDS (a bulk PUT, so removed commands
 * disappear too). A guild registers instantly, which suits development; global can take a while to show.
 */
export async function registerCommands(rest: REST, guildId?: string): Promise<RegisterResult> {
  const app = (await rest.get(Routes.currentApplication())) as { id: string };
  const route = guildId ? Routes.applicationGuildCommands(app.id, guildId) : Routes.applicationCommands(app.id);
  const created = (await rest.put(route, { body: COMMANDS })) as unknown[];
  return { applicationId: app.id, scope: guildId ? 'guild' : 'global', count: created.length };
}

/**
 * Registers from the environment: to DISCORD_GUILD_ID when set (instant), otherwise globally.
 * Run by scripts/register-commands.ts (`npm run register-commands`), or from the built image
 * without tsx: `node dist/adapters/discord/register.js`.
 */
export async function main(out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  try {
    const config = loadConfig();
    if (!config.DISCORD_TOKEN) {
      err.write('DISCORD_TOKEN is not set. Put the bot token in .env (see docs/discord.md).\n');
      return 1;
    }
    const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
    const result = await registerCommands(rest, config.DISCORD_GUILD_ID);
    const where =
      result.scope === 'guild' ? `guild ${config.DISCORD_GUILD_ID} (available now)` : 'globally (may take up to an hour to appear)';
    out.write(`Registered ${result.count} commands for application ${result.applicationId} ${where}.\n`);
    return 0;
  } catch (e) {
    err.write(
      e instanceof ConfigError ? `${e.message}\n` : `Could not register the commands: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 1;
  }
}

// Run directly (node dist/adapters/discord/register.js): register and exit with the result.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
