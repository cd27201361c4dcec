// `npm run deploy-commands`: registers the slash commands in commands/ and nothing else — globally, or in
// DISCORD_DEV_GUILD_ID's guild when set.
import { REST } from 'discord.js';
import { ConfigError, loadConfig, loadDotEnv } from '../src/config.js';
import { fetchApplicationId, registerCommands } from '../src/discord/register-commands.js';

try {
  loadDotEnv();
  const config = loadConfig();
  if (!config.DISCORD_TOKEN) throw new ConfigError(['DISCORD_TOKEN: required to register commands']);
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const applicationId = config.DISCORD_APPLICATION_ID ?? (await fetchApplicationId(rest));
  const count = await registerCommands(rest, applicationId, config.DISCORD_DEV_GUILD_ID);
  console.log(`Registered ${count} commands ${config.DISCORD_DEV_GUILD_ID ? `in guild ${config.DISCORD_DEV_GUILD_ID}` : 'globally'}.`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Could not register commands: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
