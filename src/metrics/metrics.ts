// Gazette's Prometheus metrics (prom-client): one registry per app, Node's default metrics (event-loop delay, heap,
// GC, CPU) and Gazette's own. Counts are pushed by the modules where things happen (the metrics object is passed to
// them); gauges that read the database or the Discord client are collected when Prometheus scrapes.
// No discord.js or Prisma here: the Discord and database sides hand in plain functions (docs/architecture.md).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from '../logger.js';

/** Read at scrape time; each is optional, and a failing one leaves its gauge empty for that scrape. */
export interface ScrapeSources {
  /** Feeds whose next fetch is due and that some active source follows. */
  dueFeeds?: () => Promise<number>;
  /** Posts waiting in the outbox (pending) and posts waiting for a coalesced edit. */
  outboxDepth?: () => Promise<{ posts: number; edits: number }>;
  /** The last heartbeat round trip of each of this process's gateway shards, in seconds. */
  shardPings?: () => Array<{ shard: number; seconds: number }>;
  /** The database server's clock minus this host's, in seconds, as last measured (database-clock.ts). */
  clockOffsetSeconds?: () => number;
}

export interface Metrics {
  readonly registry: Registry;
  /** Seconds a due feed waited past its due time before a poll claimed it. */
  observePollLag(seconds: number): void;
  /**
   * One feed fetch: `ok`, `not-modified`, `site-wait` (the site asked to wait, no failure), a fetch error code
   * (`timeout`, `http-status`, `dns`…), `parse`, `job-limit` or `other`.
   */
  countFetch(result: string): void;
  countArticlesStored(count?: number): void;
  /**
   * Posts or edits of posts that reached Discord, attempts that failed (retried later or given up), or ones put back
   * because their channel's rate-limit bucket was spent (made once it refills).
   */
  countDelivery(action: 'post' | 'edit', outcome: 'sent' | 'failed' | 'deferred', count?: number): void;
  /** Seconds the delivery worker waited, before claiming more, while its process answered interactions. */
  countDeliveryHeld(seconds: number): void;
  /** A 429 answer from Discord; `scope` from X-RateLimit-Scope (`user`, `global`, `shared`). */
  countDiscord429(scope: string): void;
  /** discord.js held a request back because a rate-limit bucket was empty (REST `rateLimited` event). */
  countRateLimitWait(global: boolean): void;
  /**
   * How long an interaction took, by command (`news search`, `source add`, or a component's prefix such as `vote`).
   * Keep labels few: ids belong in logs, not here; past 200 distinct commands the rest count as `other`.
   */
  observeInteraction(command: string, seconds: number): void;
  /** Adds (or replaces) the functions read when Prometheus scrapes. */
  collectFrom(sources: ScrapeSources): void;
  /** The exposition text and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  logger: Logger;
  /** Default Node.js metrics (event loop, heap, GC); default true. */
  defaultMetrics?: boolean;
}

const maxCommands = 200;

export function createMetrics(options: MetricsOptions): Metrics {
  const log = options.logger.child({ component: 'metrics' });
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const sources: ScrapeSources = {};

  /**
   * Runs a scrape-time reader. On failure the reason is logged and the gauge says it does not know: no series for a
   * labelled gauge, NaN for one without labels (which prom-client would otherwise show as 0).
   */
  async function read<T>(what: string, gauge: Gauge, reader: (() => T | Promise<T>) | undefined, set: (value: T) => void, labelled = true): Promise<void> {
    gauge.reset();
    if (!reader) return;
    try {
      set(await reader());
    } catch (error) {
      if (!labelled) gauge.set(Number.NaN);
      log.warn({ err: error, metric: what }, 'could not collect a metric');
    }
  }

  const pollLag = new Histogram({
    name: 'gazette_poll_lag_seconds',
    help: 'Seconds a due feed waited past its due time before a poll claimed it.',
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
    registers,
  });
  const dueFeeds: Gauge = new Gauge({
    name: 'gazette_due_feeds',
    help: 'Feeds due for a fetch now (followed by an active source), read from the database at scrape.',
    registers,
    collect: () => read('gazette_due_feeds', dueFeeds, sources.dueFeeds, (n) => dueFeeds.set(n), false),
  });
  const fetches = new Counter({
    name: 'gazette_feed_fetches_total',
    help: 'Feed fetches by result: ok, not-modified, site-wait, or the fetch error code (timeout, http-status, dns, tls, too-large, …), parse, job-limit, other.',
    labelNames: ['result'],
    registers,
  });
  const articles = new Counter({ name: 'gazette_articles_stored_total', help: 'New articles stored (duplicates excluded).', registers });
  const outbox: Gauge = new Gauge({
    name: 'gazette_outbox_depth',
    help: 'Outbox rows waiting, read from the database at scrape: kind="post" pending posts, kind="edit" posts waiting for an edit.',
    labelNames: ['kind'],
    registers,
    collect: () =>
      read('gazette_outbox_depth', outbox, sources.outboxDepth, (depth) => {
        outbox.set({ kind: 'post' }, depth.posts);
        outbox.set({ kind: 'edit' }, depth.edits);
      }),
  });
  const sent = new Counter({ name: 'gazette_deliveries_sent_total', help: 'Posts and post edits that reached Discord.', labelNames: ['action'], registers });
  const failed = new Counter({ name: 'gazette_deliveries_failed_total', help: 'Post and edit attempts that failed (retried later or given up).', labelNames: ['action'], registers });
  const deferred = new Counter({ name: 'gazette_deliveries_deferred_total', help: "Posts and edits put back until their channel's rate-limit bucket refills.", labelNames: ['action'], registers });
  const deliveries = { sent, failed, deferred };
  const held = new Counter({ name: 'gazette_delivery_held_seconds_total', help: 'Seconds the delivery worker waited before claiming more posts while this process answered interactions.', registers });
  const discord429 = new Counter({ name: 'gazette_discord_429_total', help: '429 (rate limited) answers from Discord, by X-RateLimit-Scope.', labelNames: ['scope'], registers });
  const waits = new Counter({
    name: 'gazette_discord_rate_limit_waits_total',
    help: 'Requests discord.js held back because a rate-limit bucket was empty (REST rateLimited event).',
    labelNames: ['global'],
    registers,
  });
  const shardPing: Gauge = new Gauge({
    name: 'gazette_discord_shard_ping_seconds',
    help: "Last gateway heartbeat round trip of each of this process's shards.",
    labelNames: ['shard'],
    registers,
    collect: () =>
      read('gazette_discord_shard_ping_seconds', shardPing, sources.shardPings, (pings) => {
        for (const p of pings) shardPing.set({ shard: String(p.shard) }, p.seconds);
      }),
  });
  const clockOffset: Gauge = new Gauge({
    name: 'gazette_clock_offset_seconds',
    help: "The database server's clock minus this host's, as last measured; Gazette times claims, leases and polls by the server's.",
    registers,
    collect: () => read('gazette_clock_offset_seconds', clockOffset, sources.clockOffsetSeconds, (s) => clockOffset.set(s), false),
  });
  const interactions = new Histogram({
    name: 'gazette_interaction_duration_seconds',
    help: 'Time to handle an interaction, by command. Discord wants a first answer within 3 s.',
    labelNames: ['command'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers,
  });
  const commands = new Set<string>();
  // Series that exist from the start read 0 rather than nothing, so rate() works from the first count.
  for (const action of ['post', 'edit']) {
    sent.inc({ action }, 0);
    failed.inc({ action }, 0);
  }
  for (const result of ['ok', 'not-modified']) fetches.inc({ result }, 0);

  return {
    registry,
    observePollLag: (seconds) => pollLag.observe(Math.max(0, seconds)),
    countFetch: (result) => fetches.inc({ result }),
    countArticlesStored: (count = 1) => articles.inc(count),
    countDelivery: (action, outcome, count = 1) => deliveries[outcome].inc({ action }, count),
    countDeliveryHeld: (seconds) => held.inc(seconds),
    countDiscord429: (scope) => discord429.inc({ scope }),
    countRateLimitWait: (global) => waits.inc({ global: String(global) }),
    observeInteraction(command, seconds) {
      if (!commands.has(command)) {
        if (commands.size >= maxCommands) command = 'other';
        else commands.add(command);
      }
      interactions.observe({ command }, Math.max(0, seconds));
    },
    collectFrom: (more) => void Object.assign(sources, more),
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
