// Registers the slash commands: in one guild while developing (instant), globally otherwise (may take a while to
// show up). Needs only the definitions in commands/ and a REST client.
import { Routes, type REST } from 'discord.js';
import { commandDefinitions } from '../../commands/index.js';

export async function registerCommands(rest: REST, applicationId: string, guildId?: string): Promise<number> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: commandDefinitions })) as unknown[];
  return registered.length;
}

/** The application id from the API, for when DISCORD_APPLICATION_ID is not set. */
export async function fetchApplicationId(rest: REST): Promise<string> {
  const app = (await rest.get(Routes.currentApplication())) as { id: string };
  return app.id;
}
