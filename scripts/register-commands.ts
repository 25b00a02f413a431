/**
 * `npm run register-commands`: registers termbot's slash commands with Discord, to
 * DISCORD_GUILD_ID when set (instant), otherwise globally. In the Docker image (no tsx) run the
 * built entry instead: `node dist/adapters/discord/register.js` (docs/discord.md).
 */
import { main } from '../src/adapters/discord/register.js';

process.exitCode = await main();
