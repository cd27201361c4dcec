// `npm start`: apply migrations, connect to Discord, register commands, start polling and posting.
import { startApp, type App } from './app.js';
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { createLogger } from './logger.js';
import { stoppedBy } from './pause.js';
import { exitOnStartFailure } from './start-failure.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config;
try {
  loadDotEnv();
  // The token is checked with every other variable, so a first .env is fixed in one go.
  config = loadConfig(process.env, { requireToken: true });
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

const logger = createLogger(config.LOG_LEVEL);

// A supervisor may give up more slowly than this, but an operator at a terminal should not wait on a stuck stop.
const STOP_TIMEOUT_MS = 30_000;
const started: { app?: App } = {};
// When the first stop signal came. Ctrl-C under `npm start` reaches node twice at once (from the terminal, and passed
// on by npm), as does a service manager's stop: only a signal after this long is the operator insisting.
let stoppingSince: number | undefined;
const INSIST_AFTER_MS = 2_000;
// A stop while starting cuts the Discord login off: it can wait 2 minutes for a gateway that never gets ready.
const stopWhileStarting = new AbortController();

function stop(): void {
  const running = started.app;
  if (!running) return;
  setTimeout(() => {
    logger.error({ timeoutMs: STOP_TIMEOUT_MS }, 'stop took too long: exiting with work unfinished');
    process.exit(1);
  }, STOP_TIMEOUT_MS).unref();
  running.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'unclean stop');
      process.exit(1);
    },
  );
}

// Installed before start-up: a signal during migrations waits for them instead of killing the process halfway through
// writing the data directory; one while waiting for another process's migration, or during the Discord login, cuts
// the wait off. A second signal, 2 s or more after the first, is the operator insisting: exit now.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < INSIST_AFTER_MS) return;
      logger.warn({ signal }, 'second signal: exiting without finishing');
      process.exit(1);
    }
    stoppingSince = Date.now();
    if (!started.app) {
      logger.info({ signal }, 'stop requested while starting: stopping as soon as the database is safe to close');
      stopWhileStarting.abort();
      return;
    }
    logger.info({ signal }, 'stopping: finishing deliveries in flight');
    stop();
  });
}

// A PostgreSQL server that cannot be used comes as one sentence naming DATABASE_URL (openDatabase words it).
started.app = await startApp({ config, logger, stopSignal: stopWhileStarting.signal }).catch((error: unknown) => {
  if (!stoppedBy(stopWhileStarting.signal, error)) return exitOnStartFailure(logger, 'Gazette', error);
  logger.info('stopped before connecting to Discord: the database is closed');
  process.exit(0);
});
if (stoppingSince !== undefined) {
  logger.info('stopping: start-up done, finishing deliveries in flight');
  stop();
} else {
  logger.info('Gazette is running');
}
