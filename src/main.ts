// `npm start`: apply migrations, connect to Discord, register commands, start polling and posting.
import { startApp } from './app.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { createLogger } from './logger.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config;
try {
  loadDotEnv();
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
if (!config.DISCORD_TOKEN) {
  fail('DISCORD_TOKEN is not set: create a bot at https://discord.com/developers/applications (Bot → Reset Token) and put its token in .env or the environment.');
}

const logger = createLogger(config.LOG_LEVEL);
const app = await startApp({ config, logger }).catch((error: unknown) => {
  logger.fatal({ err: error }, 'Gazette could not start');
  process.exit(1);
});
logger.info('Gazette is running');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing deliveries in flight');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  });
}
