import type { Config } from '../config.js';
import type { Prisma } from '../db/client.js';
import type { NewsService } from '../ingest/types.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { RegionDefinition, Translator } from '../pipeline/orchestrator.js';

/** Everything command, component and delivery handlers need, passed in (tests build their own). */
export interface BotDeps {
  prisma: Prisma;
  logger: Logger;
  config: Config;
  news: NewsService;
  now: () => Date;
  /** The guild's regions: built-in defaults with the guild's own changes applied. */
  regionsFor: (guildId: string) => Promise<RegionDefinition[]>;
  /** Wakes the delivery worker after new deliveries or edits were planned. */
  wakeDelivery: () => void;
  /** Present when METRICS_PORT is set: `metrics.observeInteraction(command, seconds)` and the delivery counts. */
  metrics?: Metrics | undefined;
  /** With TRANSLATE_URL: translates summaries into a guild's language when posts are rendered for delivery. */
  translator?: Translator | undefined;
  /** How long votes' and tags' edits of a post are gathered before it is refreshed (default 3 s; tests shorten it). */
  voteEditDelayMs?: number | undefined;
}
