// Drains the outbox: posts due deliveries and applies due edits, then sleeps until the next one is due or it is
// woken. Stopping waits for the round in flight, so SIGTERM never leaves a post half-recorded.
import type { Client } from 'discord.js';
import type { Prisma } from '../../db/client.js';
import { claimDueEdits, claimDuePosts, markAttemptFailed, markPosted, nextDueAt, retryEdit } from '../../db/outbox.js';
import { loadStoryView } from '../../db/story-views.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import { describeDiscordError } from './discord-errors.js';
import { editStory, postStory } from './post-story.js';

export interface DeliveryWorkerOptions {
  prisma: Prisma;
  client: Client;
  logger: Logger;
  workerId: string;
  now?: () => Date;
  maxAttempts?: number;
  /** Longest sleep between checks, in case another process planned deliveries. */
  idleMs?: number;
  /** A claim older than this is taken to belong to a dead worker. */
  claimTimeoutMs?: number;
  /** Counts posts and edits sent and failed. */
  metrics?: Metrics | undefined;
}

export interface DeliveryWorker {
  start(): void;
  wake(): void;
  /** Runs one round now (tests and benchmarks). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export function retryDelayMs(attempts: number): number {
  return Math.min(30 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { prisma, client, logger, metrics } = options;
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 5;
  const idleMs = options.idleMs ?? 5_000;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;
  let again = false;

  async function deliverPosts(): Promise<number> {
    const claimed = await claimDuePosts(prisma, options.workerId, now(), 10, options.claimTimeoutMs);
    for (const d of claimed) {
      const log = logger.child({ deliveryId: d.id, storyId: d.storyId, guildId: d.guildId, channelId: d.channelId });
      const view = await loadStoryView(prisma, d.guildId, d.storyId);
      if (!view) {
        await markAttemptFailed(prisma, d.id, 'The story is no longer in this server.', null);
        metrics?.countDelivery('post', 'failed');
        continue;
      }
      try {
        const posted = await postStory(client, view, { channelId: d.channelId, guildId: d.guildId, nonce: d.nonce, uncertain: d.uncertain || d.attempts > 1, mentionRoleId: d.mentionRoleId });
        metrics?.countDelivery('post', 'sent');
        await markPosted(prisma, d.id, posted.messageId, posted.threadId);
        log.info({ messageId: posted.messageId, recovered: posted.recovered }, posted.recovered ? 'found an unrecorded post' : 'posted story');
      } catch (error) {
        const failure = describeDiscordError(error, d.channelId);
        const retry = failure.retryable && d.attempts < maxAttempts ? new Date(now().getTime() + retryDelayMs(d.attempts)) : null;
        await markAttemptFailed(prisma, d.id, failure.reason, retry);
        metrics?.countDelivery('post', 'failed');
        log.warn({ err: error, reason: failure.reason, retry }, 'could not post story');
      }
    }
    return claimed.length;
  }

  async function applyEdits(): Promise<number> {
    const due = await claimDueEdits(prisma, now());
    for (const d of due) {
      const log = logger.child({ deliveryId: d.id, storyId: d.storyId, guildId: d.guildId });
      const view = await loadStoryView(prisma, d.guildId, d.storyId);
      if (!view) continue;
      try {
        await editStory(client, view, d);
        metrics?.countDelivery('edit', 'sent');
      } catch (error) {
        const failure = describeDiscordError(error, d.channelId);
        if (failure.retryable) await retryEdit(prisma, d.id, new Date(now().getTime() + retryDelayMs(1)));
        else await markAttemptFailed(prisma, d.id, failure.reason, null);
        metrics?.countDelivery('edit', 'failed');
        log.warn({ err: error, reason: failure.reason }, 'could not update post');
      }
    }
    return due.length;
  }

  async function runRound(): Promise<void> {
    do {
      again = false;
      // Keep going while there was work: a full batch likely means more is waiting.
      while ((await deliverPosts()) + (await applyEdits()) > 0 && running) {
        /* drain */
      }
    } while (again && running);
  }

  function schedule(delayMs: number) {
    clearTimeout(timer);
    if (!running) return;
    timer = setTimeout(() => void tick(), Math.max(0, delayMs));
  }

  async function tick(): Promise<void> {
    if (round) {
      again = true;
      return;
    }
    round = runRound()
      .catch((error) => logger.error({ err: error }, 'delivery round failed'))
      .finally(() => {
        round = undefined;
      });
    await round;
    if (!running) return;
    const next = await nextDueAt(prisma).catch(() => null);
    schedule(next ? Math.min(idleMs, next.getTime() - now().getTime()) : idleMs);
  }

  return {
    start() {
      running = true;
      schedule(0);
    },
    wake() {
      if (round) again = true;
      else schedule(0);
    },
    async runOnce() {
      const wasRunning = running;
      running = true;
      await runRound();
      running = wasRunning;
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await round;
    },
  };
}
