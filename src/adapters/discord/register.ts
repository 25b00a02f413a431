import { Routes, type REST } from 'discord.js';
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
