// `npm run rest-proxy`: the REST proxy the bot processes of one token share (src/discord/rest-proxy.ts).
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { startRestProxy } from './discord/rest-proxy.js';
import { createLogger } from './logger.js';
import { exitOnStartFailure } from './start-failure.js';

let config;
try {
  loadDotEnv();
  config = loadConfig();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
const logger = createLogger(config.LOG_LEVEL).child({ component: 'rest-proxy' });
const proxy = await startRestProxy(config, logger).catch((error: unknown) => exitOnStartFailure(logger, 'The REST proxy', error));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'stopping the REST proxy');
    void proxy.close().then(() => process.exit(0));
  });
}
