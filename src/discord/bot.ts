// The Discord side of Gazette: a discord.js client that routes interactions to handlers, registers the commands,
// and runs the delivery worker that posts and edits stories.
import { Client, DefaultRestOptions, Events, GatewayIntentBits, type ClientOptions } from 'discord.js';
import { renameRefused } from './rename-refused.js';
import type { Logger } from '../logger.js';
import type { BotDeps } from './bot-deps.js';
import { handlers } from './commands/index.js';
import { createDeliveryWorker, type DeliveryWorker } from './delivery/delivery-worker.js';
import { sharedIdentifyThrottler, type TakeIdentifySlot } from './identify-throttler.js';
import { createStoryLocalizer } from './delivery/localize-story.js';
import { answersInFlight, refuseWhileStopping } from './answers-in-flight.js';
import { createInteractionRouter } from './interaction-router.js';
import { interactionsFirst } from './interactions-first.js';
import { defaultReadyTimeoutMs, destroyWithin, loginUntilReady } from './login-until-ready.js';
import { attachDiscordMetrics } from './metrics-hooks.js';
import { fetchApplicationId, registerCommands } from './register-commands.js';
import { noMentions } from './reply.js';
import { onceForCreations } from './creation-requests.js';
import { trackGuildPresence } from './guild-presence.js';
import { retryOnPermissionChanges } from './permission-changes.js';

export interface BotOptions {
  token: string;
  /** Discord's API base (`https://discord.com/api`) or a stand-in's. */
  apiUrl: string;
  /** Discord's global limit for the token (DISCORD_GLOBAL_RATE_LIMIT), which this process's requests keep to. */
  globalRequestsPerSecond: number;
  applicationId?: string | undefined;
  /** Register commands in this guild only (instant; for development). */
  devGuildId?: string | undefined;
  /** This process's name in outbox claims. */
  workerId: string;
  /** Skip command registration (tests that register once). */
  registerCommands?: boolean;
  claimTimeoutMs?: number;
  /** How long posting waits, before each claim, for this process's interactions (DELIVERY_HOLD_MS); 0 never. */
  holdForInteractionsMs?: number | undefined;
  /**
   * Which gateway shards this process runs. Absent: every shard Discord recommends (`shards: 'auto'`). With only a
   * count, all shards 0…count−1; with ids, just those (several processes split the shards with the same count).
   */
  shards?: { count: number; ids?: number[] | undefined } | undefined;
  /** Identify slots shared with the other processes of this token (when SHARD_IDS splits the shards). */
  takeIdentifySlot?: TakeIdentifySlot | undefined;
  /** How long start() waits for the gateway without a shard becoming ready (default 2 minutes; tests shorten it). */
  readyTimeoutMs?: number | undefined;
  /** How long a stop waits for the interactions being answered (the stop's grace period). */
  stopGraceMs: number;
}

export interface Bot {
  client: Client;
  delivery: DeliveryWorker;
  /** Logs in and starts posting; `stop` cuts the login off (the promise then rejects with its reason). */
  start(stop?: AbortSignal): Promise<void>;
  /**
   * Refuses new interactions ("Gazette is restarting") and resolves once those being answered are done, or after
   * the stop's grace period. stop() calls it; calling it first lets the answers finish while the rest stops.
   */
  stopAnswering(): Promise<void>;
  /** Stops answering, finishes the delivery round in flight, then disconnects. */
  stop(): Promise<void>;
}

// A command still waiting on a download at the end of the grace period, which the stop then cuts off (app.ts), is
// given this long more to tell the member so: taken from the grace period, so the stop still fits in 10 s.
export const cutOffAnswerMs = 1_000;

/** `deps.wakeDelivery` is wired to this bot's delivery worker. */
export function createBot(deps: Omit<BotDeps, 'wakeDelivery'>, options: BotOptions): Bot {
  const logger: Logger = deps.logger.child({ component: 'discord' });
  const take = options.takeIdentifySlot;
  const ws: ClientOptions['ws'] = take
    ? { buildIdentifyThrottler: async (manager) => sharedIdentifyThrottler(take, (await manager.fetchGatewayInformation()).session_start_limit.max_concurrency, logger) }
    : {};
  // Interaction follow-ups (`/webhooks/<application id>/<token>`) are still resent after a lost answer (creation-requests.ts).
  const isFollowUp = (url: string) => {
    const appId = client.application?.id ?? options.applicationId;
    return appId !== undefined && new URL(url).pathname.includes(`/webhooks/${appId}/`);
  };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: options.apiUrl, globalRequestsPerSecond: options.globalRequestsPerSecond, makeRequest: onceForCreations(DefaultRestOptions.makeRequest, isFollowUp), rejectOnRateLimit: renameRefused },
    allowedMentions: noMentions,
    ws,
    ...shardOptions(options.shards),
  });
  if (deps.metrics) attachDiscordMetrics(client, deps.metrics);
  const localize = createStoryLocalizer({ prisma: deps.prisma, logger, translator: deps.translator });
  // Processes that split the shards leave each other's guilds' deliveries alone while the other is alive.
  const shards = options.shards?.ids ? { count: options.shards.count, own: options.shards.ids } : undefined;
  // The delivery worker takes no new batch while this process answers an interaction (interactions-first.ts).
  const holdMs = options.holdForInteractionsMs ?? 500;
  const answering = holdMs > 0 ? interactionsFirst(holdMs) : undefined;
  const delivery = createDeliveryWorker({ prisma: deps.prisma, client, logger, workerId: options.workerId, now: deps.now, claimTimeoutMs: options.claimTimeoutMs, metrics: deps.metrics, localize, shards, interactionsFirst: answering });
  const fullDeps: BotDeps = { ...deps, wakeDelivery: () => delivery.wake() };
  const route = createInteractionRouter(fullDeps, handlers);
  const answers = answersInFlight(logger);
  client.on(Events.InteractionCreate, (interaction) => {
    // The refusal is an answer in flight too: the stop waits for it (its last second) before the process exits.
    if (answers.closed) return void answers.track(refuseWhileStopping(interaction, logger));
    const answered = answering?.begin();
    answers.track(
      route(interaction)
        .catch((error) => logger.error({ err: error, interactionId: interaction.id }, 'interaction router failed'))
        .finally(() => answered?.()),
    );
  });
  const presence = trackGuildPresence(client, deps.prisma, deps.now, logger, !options.shards?.ids);
  retryOnPermissionChanges(client, deps.prisma, deps.now, () => delivery.wake(), logger);
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'gateway disconnected'));

  return {
    client,
    delivery,
    async start(stop) {
      await loginUntilReady(client, options.token, options.readyTimeoutMs ?? readyTimeoutFor(options.shards), stop);
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.options.shards, shardCount: client.options.shardCount }, 'connected to Discord');
      await presence.present();
      if (options.registerCommands !== false) {
        try {
          const applicationId = options.applicationId ?? client.application?.id ?? (await fetchApplicationId(client.rest));
          const count = await registerCommands(client.rest, applicationId, options.devGuildId).catch((error: unknown) => {
            throw commandsRefused(error, options.devGuildId);
          });
          logger.info({ count, scope: options.devGuildId ? `guild ${options.devGuildId}` : 'global' }, 'registered slash commands');
        } catch (error) {
          // Logged in by now: the client goes with the failed start, as a failed login's does (the app closes the rest).
          await destroyWithin(client);
          throw error;
        }
      }
      delivery.start();
    },
    stopAnswering: () => answers.close(options.stopGraceMs - cutOffAnswerMs),
    async stop() {
      await answers.close(options.stopGraceMs - cutOffAnswerMs);
      await answers.settle(cutOffAnswerMs);
      await delivery.stop();
      await destroyWithin(client);
    },
  };
}

/**
 * discord.js's shard options. 'auto' asks Discord (GET /gateway/bot) for the recommended count; discord.js then
 * identifies shards within the session-start limit and its max_concurrency.
 */
function shardOptions(shards: BotOptions['shards']): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (!shards) return { shards: 'auto' };
  return { shards: shards.ids ?? Array.from({ length: shards.count }, (_, i) => i), shardCount: shards.count };
}

/**
 * How long start-up waits without a shard becoming ready. A process that splits the shards with others (SHARD_IDS)
 * may wait for their identifies first, one per 5 s per bucket (the database's identify slots): every other shard of
 * the token may go before its first, so it gets 5.5 s more per shard on top of the limit.
 */
export function readyTimeoutFor(shards: BotOptions['shards']): number {
  return defaultReadyTimeoutMs + (shards?.ids ? 5_500 * shards.count : 0);
}

/** Discord refused the slash commands: said with the setting that chose where they go. */
function commandsRefused(error: unknown, devGuildId: string | undefined): Error {
  const why = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  const where = devGuildId ? ` in the server DISCORD_DEV_GUILD_ID names (${devGuildId})` : '';
  const check = devGuildId ? ' Is the bot in that server, invited with the applications.commands scope?' : '';
  return new Error(`Discord refused to register the slash commands${where}: ${why}.${check}`, { cause: error });
}
