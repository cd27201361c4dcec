// Drains the outbox: posts due deliveries and applies due edits, then sleeps until the next one is due or it is
// woken. Stopping waits for the round in flight, so SIGTERM never leaves a post half-recorded.
import type { Client } from 'discord.js';
import { dropWebhook, webhookById, type ChannelWebhook } from '../../db/channel-webhooks.js';
import type { Prisma } from '../../db/client.js';
import { claimDueEdits, claimDuePosts, deferChannels, markAttemptFailed, markPosted, nextDueAt, postOnItsWay, renewPostClaim, settleEdits, spentChannelAt, takeOverMergedPost, type ClaimedDelivery, type ClaimedEdit, type PostedRow, type SettledEdit, type ShardShare, type SpentChannel } from '../../db/outbox.js';
import { storiesMergedInto } from '../../db/merged-stories.js';
import { loadStoryViews, type StoryView } from '../../db/story-views.js';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics/metrics.js';
import { settledWithin } from '../../pause.js';
import { budgetKey, watchChannelBudgets, type ChannelBudgets } from './channel-budgets.js';
import type { InteractionsFirst } from '../interactions-first.js';
import { describeDiscordError } from './discord-errors.js';
import type { LocalizeStory } from './localize-story.js';
import { isUnknownWebhook } from './outlet-webhook.js';
import { editStory, postStory, type PostTarget, type Posted } from './post-story.js';
import { forgetChannel } from '../guild-presence.js';
import { eachChannelInTurn, giveUpPostAfterMs, heldRetryMs, postsPerBatch, retryDelayMs } from './delivery-pacing.js';

export interface DeliveryWorkerOptions {
  prisma: Prisma;
  client: Client;
  logger: Logger;
  workerId: string;
  now?: () => Date;
  /** How long after it was planned a post that keeps failing for a passing reason is still tried (default a day). */
  giveUpAfterMs?: number;
  /** Longest sleep between checks, in case another process planned deliveries. */
  idleMs?: number;
  /** A claim older than this is taken to belong to a dead worker. */
  claimTimeoutMs?: number;
  /** Counts posts and edits sent and failed. */
  metrics?: Metrics | undefined;
  /** The story in the guild's language (translated or labelled summary, localize-story.ts); absent, as stored. */
  localize?: LocalizeStory | undefined;
  /** When processes split the shards (SHARD_IDS): deliveries to another live process's guilds are left to it. */
  shards?: ShardShare | undefined;
  /** Which channels' message buckets are spent; absent, read from the client's REST responses (for the client's life). */
  budgets?: ChannelBudgets | undefined;
  /** Awaited before each claim: the process's interactions are answered before it takes more posts (interactions-first.ts). */
  interactionsFirst?: Pick<InteractionsFirst, 'quiet'> | undefined;
}

export interface DeliveryWorker {
  start(): void;
  wake(): void;
  /** Runs one round now (tests and benchmarks). */
  runOnce(): Promise<void>;
  /** Claims nothing more; waits for the batch in flight at most `graceMs` (a slow batch overran the stop's grace). */
  stop(graceMs?: number): Promise<void>;
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { prisma, client, logger, metrics } = options;
  const localize: LocalizeStory = options.localize ?? (async (view) => view);
  const now = options.now ?? (() => new Date());
  const giveUpAfterMs = options.giveUpAfterMs ?? giveUpPostAfterMs;
  const idleMs = options.idleMs ?? 5_000;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  let again = false;
  const budgets = options.budgets ?? watchChannelBudgets(client.rest);
  /** A moment of the REST clock (budgets) on the worker's clock (`now`, which tests may set). */
  const onWorkerClock = (at: number) => new Date(now().getTime() + (at - Date.now()));

  /**
   * Posts as the outlet when the channel has a webhook (`/config post-as-outlet`). A webhook Discord no longer knows
   * (deleted in the channel's settings) is forgotten and the story posted by the bot itself, as before it was on.
   * `gone` holds the webhooks found deleted this round: the other posts of a batch were claimed with them.
   */
  async function post(view: StoryView, target: PostTarget, webhook: ChannelWebhook | null, gone: Set<string>, log: Logger): Promise<Posted> {
    if (!webhook || gone.has(webhook.webhookId)) return postStory(client, view, target);
    try {
      return await postStory(client, view, { ...target, webhook });
    } catch (error) {
      if (!isUnknownWebhook(error)) throw error;
      gone.add(webhook.webhookId);
      await dropWebhook(prisma, webhook.webhookId);
      log.warn({ webhookId: webhook.webhookId }, 'the outlet webhook was deleted: forgot it and posted as Gazette');
      return postStory(client, view, target);
    }
  }

  /**
   * The claimed rows with their stories as their guilds see them, read in one statement for the batch rather than one
   * a post. A story that changes after this read still gets its post updated: a refresh requested while a row is
   * claimed is kept through markPosted and becomes an edit (outbox.ts).
   */
  async function withViews<T extends { guildId: string; storyId: number }>(rows: T[]): Promise<(T & { stored: StoryView | null })[]> {
    const views = await loadStoryViews(prisma, rows);
    return rows.map((row, i) => ({ ...row, stored: views[i] ?? null }));
  }

  async function deliverPosts(): Promise<number> {
    const claimed = await withViews(await claimDuePosts(prisma, options.workerId, now(), postsPerBatch, options.claimTimeoutMs, options.shards));
    const gone = new Set<string>();
    const posted: PostedRow[] = [];
    // Channels whose bucket is spent: their rows in this batch go back with them, at its end (deferChannels).
    const spent = new Map<string, SpentChannel>();
    try {
      await eachChannelInTurn(claimed, async (row) => {
        // A row a dead worker held may have been posted: it is sent now, where its nonce finds the post if there is one.
        if (row.uncertain) return deliverPost(row, gone, posted);
        if (spent.has(row.channelId)) return;
        // Its outlet webhook's bucket, or the channel's own (a forum's new threads too).
        const freeAt = budgets.freeAt(budgetKey('POST', row.webhook && !gone.has(row.webhook.webhookId) ? row.webhook.webhookId : null, row.channelId));
        if (!freeAt) return deliverPost(row, gone, posted);
        const channel = spentChannelAt(claimed, row, onWorkerClock(freeAt));
        spent.set(row.channelId, channel);
        metrics?.countDelivery('post', 'deferred', channel.ids.length);
        logger.debug({ guildId: row.guildId, channelId: row.channelId, posts: channel.ids.length, freeAt }, 'channel busy: its posts wait for its bucket');
      });
    } finally {
      // Recorded together once the batch is done (a statement a batch, not a post): until then the rows stay claimed.
      try {
        await markPosted(prisma, posted);
      } finally {
        await deferChannels(prisma, [...spent.values()], options.workerId);
      }
    }
    return claimed.length;
  }

  async function deliverPost({ stored, ...d }: ClaimedDelivery & { stored: StoryView | null }, gone: Set<string>, posted: PostedRow[]): Promise<void> {
    const log = logger.child({ deliveryId: d.id, storyId: d.storyId, guildId: d.guildId, channelId: d.channelId });
    if (!stored) {
      await markAttemptFailed(prisma, d.id, 'The story is no longer in this server.', null, false, options.workerId);
      metrics?.countDelivery('post', 'failed');
      return;
    }
    // Its story merged into another since it was planned: it is that story's post now, unless that one has its own.
    if (stored.id !== d.storyId && !(await takeOverMergedPost(prisma, d, stored.id))) return void log.info({ into: stored.id }, 'merged into a story posted here: not posted');
    const view = await localize(stored, d.guildId);
    if (!(await renewPostClaim(prisma, d.id, options.workerId, now()))) return void log.warn('claim taken over by another worker: left to it');
    try {
      const uncertain = d.uncertain || d.attempts > 1;
      // An earlier attempt's post may carry the number and title of a story merged into this one since.
      const formerStories = uncertain ? await storiesMergedInto(prisma, view.id, d.channelId) : undefined;
      const made = await post(view, { channelId: d.channelId, guildId: d.guildId, nonce: d.nonce, uncertain, mentionRoleId: d.mentionRoleId, formerStories, since: d.createdAt }, d.webhook, gone, log);
      metrics?.countDelivery('post', 'sent');
      posted.push({ id: d.id, messageId: made.messageId, threadId: made.threadId, webhookId: made.webhookId, postedAs: made.postedAs, stale: made.recovered || d.attempts > 1 });
      log.info({ messageId: made.messageId, recovered: made.recovered, webhookId: made.webhookId }, made.recovered ? 'found an unrecorded post' : 'posted story');
    } catch (error) {
      const failure = describeDiscordError(error, d.channelId);
      const tooOld = now().getTime() - d.createdAt.getTime() >= giveUpAfterMs;
      const wait = failure.heldBack ? heldRetryMs(now().getTime() - d.createdAt.getTime()) : retryDelayMs(d.attempts);
      const retry = failure.retryable && !tooOld ? new Date(now().getTime() + wait) : null;
      const reason = failure.retryable && tooOld ? (failure.givenUp ?? 'Discord could not take this post for a day (server errors or no connection), so Gazette stopped trying: the story is no longer news.') : failure.reason;
      await markAttemptFailed(prisma, d.id, reason, retry, false, options.workerId, !failure.heldBack);
      // Deleted while Gazette was stopped (no ChannelDelete came): its sources and routes are stopped now.
      if (failure.channelGone) forgetChannel(prisma, d.guildId, d.channelId, log);
      metrics?.countDelivery('post', 'failed');
      log.warn({ err: error, reason: failure.reason, retry }, 'could not post story');
    }
  }

  async function applyEdits(): Promise<number> {
    const due = await withViews(await claimDueEdits(prisma, now(), 20, options.shards && { ...options.shards, holder: options.workerId }, options.claimTimeoutMs));
    const settled: SettledEdit[] = [];
    try {
      await eachChannelInTurn(due, (row) => applyEdit(row, settled));
    } finally {
      // Settled together once the batch is done; an edit not settled (a crash) falls due again after its claim.
      await settleEdits(prisma, settled, now());
    }
    return due.length;
  }

  /** Edits one post and says how its claim ends in `settled` (none when the edit failed for good: the row is failed). */
  async function applyEdit({ stored, ...d }: ClaimedEdit & { stored: StoryView | null }, settled: SettledEdit[]): Promise<void> {
    const log = logger.child({ deliveryId: d.id, storyId: d.storyId, guildId: d.guildId });
    const done = () => void settled.push({ id: d.id, claim: d.claim, retryAt: null });
    if (!stored) return done();
    // A channel whose edit bucket is spent gets its edit when it refills, rather than holding the batch until then.
    const freeAt = budgets.freeAt(budgetKey('PATCH', d.webhookId, d.threadId ?? d.channelId));
    if (freeAt) {
      settled.push({ id: d.id, claim: d.claim, retryAt: onWorkerClock(freeAt) });
      metrics?.countDelivery('edit', 'deferred');
      return;
    }
    const view = await localize(stored, d.guildId);
    // A post an outlet webhook made can only be edited through it; once the webhook is gone the post stays as it is.
    const hook = d.webhookId ? await webhookById(prisma, d.webhookId) : null;
    if (d.webhookId && !hook) {
      log.info({ webhookId: d.webhookId }, 'post made by an outlet webhook that is gone: not updated');
      return done();
    }
    // This row's story was merged into the view's, which has its own post in this channel: point there (two posts
    // of one story in a channel are the duplicate Gazette promises not to make).
    const kept = d.storyId === view.id ? undefined : view.posts.find((p): p is typeof p & { messageId: string } => p.channelId === d.channelId && !!p.messageId && p.messageId !== d.messageId);
    // That post is still to be made (deferred, retried): wait to link to it rather than draw a second full copy.
    if (!kept && d.storyId !== view.id && (await postOnItsWay(prisma, view.id, d.guildId, d.channelId))) return void settled.push({ id: d.id, claim: d.claim, retryAt: new Date(now().getTime() + 30_000) });
    try {
      await editStory(client, view, d, hook, kept);
      metrics?.countDelivery('edit', 'sent');
      done();
    } catch (error) {
      if (hook && isUnknownWebhook(error)) {
        await dropWebhook(prisma, hook.webhookId);
        log.warn({ webhookId: hook.webhookId }, 'the outlet webhook was deleted: forgot it; its posts can no longer be updated');
        return done();
      }
      const failure = describeDiscordError(error, d.channelId);
      // Spaced out like posts' retries (5 s doubling to 30 min): at a fixed 5 s, a Discord outage had every stale post
      // retried 12 times a minute for as long as it lasted. Never given up: a post that stays stale misleads.
      if (failure.retryable) settled.push({ id: d.id, claim: d.claim, retryAt: new Date(now().getTime() + retryDelayMs(d.editFailures + 1)), failed: true });
      else await markAttemptFailed(prisma, d.id, failure.reason, null, !failure.gone);
      metrics?.countDelivery('edit', 'failed');
      log.warn({ err: error, reason: failure.reason }, 'could not update post');
    }
  }

  /** Waits while this process answers interactions (interactions-first.ts), and counts the wait. */
  async function answeringFirst(): Promise<void> {
    const waitedMs = (await options.interactionsFirst?.quiet()) ?? 0;
    if (waitedMs > 0) metrics?.countDeliveryHeld(waitedMs / 1000);
  }

  /** How many posts and edits it claimed. */
  async function runRound(): Promise<number> {
    let done = 0;
    do {
      again = false;
      // Keep going while there was work: a full batch likely means more is waiting.
      for (let n = 1; n > 0 && running; done += n) {
        // Once a pass (posts, then edits): a wait of the hold at most between two batches.
        await answeringFirst();
        if (!running) break;
        n = await deliverPosts();
        // A stop during the posts claims no batch of edits (it could not settle them once the database closes).
        if (running) n += await applyEdits();
      }
    } while (again && running);
    return done;
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
    let claimed = 0;
    round = runRound()
      .then((n) => void (claimed = n))
      .catch((error) => logger.error({ err: error }, 'delivery round failed'))
      .finally(() => {
        round = undefined;
      });
    await round;
    if (!running) return;
    const next = await nextDueAt(prisma).catch(() => null);
    const untilNext = next ? next.getTime() - now().getTime() : idleMs;
    // Rows already due that this round could not claim are another worker's (claimed, or its shards' guilds): look
    // again in a second rather than at once, over and over.
    schedule(Math.min(idleMs, untilNext > 0 || claimed > 0 ? untilNext : 1_000));
  }

  return {
    start() {
      running = true;
      stopping = undefined;
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
    stop(graceMs = Infinity) {
      running = false;
      clearTimeout(timer);
      stopping ??= settledWithin(round, graceMs).then((settled) => void (settled || logger.warn('stopping with a batch of posts in flight')));
      return stopping;
    },
  };
}
