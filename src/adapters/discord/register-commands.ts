import { REST } from 'discord.js';
import { ConfigError, loadConfig } from '../../app/config.js';
import { registerCommands } from './register.js';

/** `npm run register-commands`: to DISCORD_GUILD_ID when set (instant), otherwise globally. */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN) {
    process.stderr.write('DISCORD_TOKEN is not set. Put the bot token in .env (see docs/discord.md).\n');
    return 1;
  }
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const result = await registerCommands(rest, config.DISCORD_GUILD_ID);
  const where = result.scope === 'guild' ? `guild ${config.DISCORD_GUILD_ID} (available now)` : 'globally (may take up to an hour to appear)';
  process.stdout.write(`Registered ${result.count} commands for application ${result.applicationId} ${where}.\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `Could not register the commands: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
