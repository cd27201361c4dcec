// The pipeline with storage: polls feeds into stored, clustered stories and plans their deliveries; resolves and
// previews sources for moderators; ingests articles members share.
import { storeArticle, storyFacts } from '../db/articles.js';
import type { Prisma } from '../db/client.js';
import { planCarriedWithAlerts, planDeliveriesWithAlerts } from '../db/alerts.js';
import { loadAudience, planDeliveries, withSourcesNow, type FeedAudience, type PlannedDelivery } from '../db/deliveries.js';
import { mergeStories, splitArticle } from '../db/story-edits.js';
import { getFeed, pollIntervalMinutes, postponeFeed, recordFetchFailure, recordFetchSuccess } from '../db/feeds.js';
import { cutOff, fetchFailed, fetchFailureKind, readButNotStored } from './feed-outcomes.js';
import { backfillFromFeed, backfillsOf, itemsToRead, leaveBackfillForLater, planStoredBackfill, type Backfill } from './backfills.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { backoffDelayMs, FetchError, itemKey, type Pipeline } from '../pipeline/orchestrator.js';
import { viewsForAudience, type FilteredArticle } from './guild-views.js';
import { allFailedNotice, allFailedPrefix, readItems, recentKeys } from './feed-items.js';
import { hostOf } from '../pipeline/hosts.js';
import { ItemRetries } from './item-retries.js';
import { dailyWholeRead, itemsLeftDelayMs } from './poll-timing.js';
import { afterSplit } from './retag.js';
import { SiteWaits } from './site-waits.js';
import { storedItems, type StoredItems } from './stored-items.js';
import { previewSources, siteNameOf } from './preview.js';
import { shareArticle } from './share-article.js';
import type { FetchGuard, ProcessedArticle, SourceItem } from '../pipeline/types.js';
import type { IngestReport, NewsService } from './types.js';

export interface NewsServiceOptions {
  prisma: Prisma;
  pipeline: Pipeline;
  logger: Logger;
  now?: () => Date;
  clusterWindowHours: number;
  maxFailures: number;
  /** MAX_POSTS_PER_CHANNEL_HOUR: stories over a channel's hourly quota are not posted there (still searchable). */
  postsPerChannelHour?: number | undefined;
  defaultPollMinutes: number;
  /** Most new items processed per fetch; the rest wait for the next poll. */
  maxItemsPerFetch?: number;
  /** No new item is started after this long in one feed's ingest (ms): the rest wait for the next poll, a minute on. */
  ingestBudgetMs?: number;
  allowFileUrls?: boolean;
  /**
   * Members' shared links may reach what the fetcher lets sources reach (ALLOW_PRIVATE_NETWORKS_FOR_MEMBERS). Unset,
   * a member's link is read under the private-address rules even where the moderators' sources are not.
   */
  membersReachPrivateNetworks?: boolean;
  /** Moderators' story edits may change stories other servers have too (StoryEdit.acrossServers). */
  storyEditsAcrossServers?: boolean;
  /** Counts fetch results and stored articles. */
  metrics?: Metrics | undefined;
}

export function createNewsService(options: NewsServiceOptions): NewsService {
  const { prisma, pipeline, logger } = options;
  const now = options.now ?? (() => new Date());
  const maxItems = options.maxItemsPerFetch ?? 30;
  // Thirty teaser pages at a 20-second timeout each would hold one feed, and the poll round waiting on it, for ten
  // minutes: past two, the rest of the feed's new items wait for its next poll.
  const ingestBudgetMs = options.ingestBudgetMs ?? 120_000;
  const retries = new ItemRetries();
  const waits = new SiteWaits(prisma);
  const postsPerChannelHour = options.postsPerChannelHour;

  /**
   * Stores one processed article and plans its deliveries to the feed's audience; returns what happened. `news`: the
   * item is new in the feed (a later read's), so news to its followers (even if another feed stored it first, for those
   * lacking its story) and to the routes it now matches (ADR 27); otherwise (a first read's backfill, a share) only the
   * sources asking for it as backfill get it, by an epoch "created at" (two owed on one first read each get their own).
   */
  async function store(article: ProcessedArticle, feedId: number | null, given?: FeedAudience, backfillSourceIds?: number[], news = false) {
    // The sources as they are in the transaction (a moderator may have removed or moved one since the poll began).
    let audience = given;
    const result = await storeArticle(prisma, { ...article, feedId }, pipeline.placeArticle, {
      now: now(),
      windowHours: options.clusterWindowHours,
      before: given ? async (tx) => void (audience = await withSourcesNow(tx, given)) : undefined,
      then: audience
        ? (tx, stored) =>
            planDeliveriesWithAlerts(
              tx,
              {
                storyId: stored.storyId,
                articleCreatedAt: news ? stored.createdAt : new Date(0),
                now: now(),
                audience: audience!,
                sourcesRead: true,
                views: viewsForAudience(audience!, stored.story, article),
                backfillSourceIds,
                postsPerChannelHour,
                factsChanged: stored.factsChanged,
                lateRoutes: news,
              },
              { newStory: stored.newStory, articleId: stored.articleId },
            )
        : undefined,
    });
    if (result.status === 'stored') {
      options.metrics?.countArticlesStored();
      return { result, planned: result.followUp ?? [] };
    }
    // A duplicate is old news, unless a new follower asked for it as backfill, or another feed stored it first (its
    // followers had it then; this feed's did not).
    const elsewhere = news && result.feedId !== feedId;
    if (!audience || result.storyId === null || (!backfillSourceIds?.length && !elsewhere)) return { result, planned: [] };
    // Backfill alone goes to the sources that asked for it (an epoch "created at" lets no other follower through).
    const articleCreatedAt = elsewhere ? now() : new Date(0);
    return { result, planned: await planStored(audience, { ...article, storyId: result.storyId }, { articleCreatedAt, backfillSourceIds, ...(elsewhere && { newsArticleId: result.articleId }) }) };
  }

  /**
   * Plans a story already stored (through another feed, or a new follower's backfill) for the audience's guilds that
   * do not have it yet, through each source's filter and the guilds' routes as a new article's would be. With
   * `newsArticleId` (this feed's new item, stored through another feed first) their followers are told too.
   */
  async function planStored(audience: FeedAudience, article: FilteredArticle & { storyId: number }, opts: { articleCreatedAt: Date; backfillSourceIds?: number[] | undefined; newsArticleId?: number }) {
    const views = viewsForAudience(audience, await storyFacts(prisma, article.storyId), article);
    const input = { storyId: article.storyId, articleCreatedAt: opts.articleCreatedAt, now: now(), audience, views, backfillSourceIds: opts.backfillSourceIds, postsPerChannelHour, newGuildsOnly: true };
    return opts.newsArticleId === undefined ? planDeliveries(prisma, input) : planCarriedWithAlerts(prisma, input, opts.newsArticleId);
  }

  /** Adds planned deliveries to the report: how many, and which are new posts (the rest edit a post). */
  function count(report: IngestReport, planned: PlannedDelivery[]) {
    report.deliveries += planned.length;
    for (const d of planned) if (d.action === 'post') report.newPosts.push({ guildId: d.guildId, channelId: d.channelId });
  }

  async function ingestFeed(feedId: number, opts: { claim?: Date } = {}): Promise<IngestReport> {
    const report: IngestReport = { feedId, status: 'ok', newArticles: 0, duplicates: 0, newStories: 0, deliveries: 0, newPosts: [], problems: [] };
    const feed = await getFeed(prisma, feedId);
    if (!feed) return { ...report, status: 'failed', error: 'This feed no longer exists.' };
    const log = logger.child({ feedId, url: feed.url });
    const claim = opts.claim;
    const interval = ((await pollIntervalMinutes(prisma, feedId)) ?? options.defaultPollMinutes) * 60_000;
    const started = now();
    const audience = await loadAudience(prisma, feedId);
    // Feed rows outlive their sources: a feed nobody followed since its last read (its last source removed, another
    // added weeks later) is new to every follower it has now, and what it gathered meanwhile is not news to them.
    const lastSuccess = feed.lastSuccessAt;
    const firstFetch = lastSuccess === null || audience.sources.every((s) => s.createdAt > lastSuccess);
    // Its site asked Gazette to wait (a page's or a feed's Retry-After): read after the wait, and held against nothing.
    // Fetched sooner, the feed's own 429 would count as its failure (and, repeated, pause it). A backfill waits too:
    // it is owed until a read posts it.
    const siteWait = await waits.read(hostOf(feed.url), started.getTime());
    if (siteWait !== undefined) {
      await postponeFeed(prisma, feedId, new Date(siteWait), claim);
      return { ...report, postponed: 'site-wait' };
    }
    const backfills = await backfillsOf(prisma, feedId, audience);
    // Read whole (no validators, nothing remembered) on a first read, or for backfills the store cannot serve.
    const whole = firstFetch || (await backfillFromFeed(prisma, feedId, backfills));
    // No validators on a whole read, nor on the first of each day (poll-timing.ts).
    const unconditional = whole || dailyWholeRead(feedId, feed.lastSuccessAt, started);
    let read;
    try {
      read = await pipeline.readSource({
        url: feed.url,
        kind: feed.kind,
        timezone: feed.timezone ?? undefined,
        dayFirst: feed.dayFirst,
        seenKeys: whole ? [] : feed.seenKeys,
        remembered: firstFetch ? [] : feed.seenKeys,
        validators: unconditional ? {} : { etag: feed.etag ?? undefined, lastModified: feed.lastModified ?? undefined },
      });
    } catch (error) {
      return fetchFailed(prisma, { waits, maxFailures: options.maxFailures, metrics: options.metrics }, { feed, started, claim, interval, error, log }, report);
    }
    try {
      // Spread polls over time: a little jitter keeps feeds added together from staying in lockstep.
      const nextFetchAt = new Date(started.getTime() + interval + Math.floor(Math.random() * interval * 0.1));
      // 304 to a read that sent no validators (a first read, a whole one, a feed never read) says nothing of the feed:
      // taken as "unchanged", it cleared a new follower's backfill with nothing posted, and the next read posted what
      // was there when they followed as news. It is a failed read.
      if (read.fetched.notModified && (unconditional || (!feed.etag && !feed.lastModified))) {
        const error = new FetchError('http-status', 'The server answered 304 Not Modified to a read that asked for the whole feed.', { status: 304 });
        return fetchFailed(prisma, { waits, maxFailures: options.maxFailures, metrics: options.metrics }, { feed, started, claim, interval, error, log }, report);
      }
      if (read.fetched.notModified) {
        // Unchanged since the last read: a note that read left for the moderator still holds (a failed fetch's message
        // does not; that every item failed does). A new follower's backfill comes from the store then, as on any later
        // read (a first read sends no validators).
        count(report, await backfillFromStore(audience, feedId, backfills));
        const stale = feed.consecutiveFailures > 0 && !feed.lastError?.startsWith(allFailedPrefix);
        await recordFetchSuccess(prisma, feedId, started, { nextFetchAt, claim, notice: stale ? undefined : (feed.lastError ?? undefined), backfilled: backfills.map((b) => b.sourceId) });
        options.metrics?.countFetch('not-modified');
        return { ...report, status: 'not-modified' };
      }
      const prior = new Set(feed.seenKeys);
      const kind = read.parsed.kind;
      const { keys: recent, keyOf, seen, remember } = recentKeys(read.parsed);
      // In the feed's order.
      const fresh = read.parsed.items.filter((item) => keyOf.has(item) && !seen(item, prior));
      const stored = await storedItems(prisma, feedId, fresh);
      // Items already in a feed when it is first followed are not news: only the requested backfills are posted. Nor
      // are a thread's later pages read first with a memory of its followed page alone (ADR 35): all would look new.
      const news = firstFetch || (read.laterPages && !feed.pagesRemembered) ? [] : fresh.filter((i) => !stored.has(i));
      const reading = itemsToRead(read.parsed.items, kind, news, whole ? backfills : []);
      const { todo, sourcesOf, isNews } = reading;
      const work = todo.slice(0, maxItems);
      const run = await readItems(work, {
        feedId,
        kind,
        retries,
        waits,
        log,
        budgetMs: ingestBudgetMs,
        now: () => now().getTime(),
        report,
        process: (item) => pipeline.processItem(item, { dates: read.dates, kind, siteName: siteNameOf(read.parsed) }),
        store: async (article, item) => {
          const done = await store(stored.guidTaken(item) ? { ...article, guid: undefined } : article, feedId, audience, sourcesOf(item), isNews(item));
          if (done.result.status === 'duplicate') report.duplicates++;
          else {
            report.newArticles++;
            if (done.result.newStory) report.newStories++;
          }
          count(report, done.planned);
        },
      });
      if (run.stopped) {
        options.metrics?.countFetch('stopped');
        return cutOff(prisma, started, claim, log, report);
      }
      const unfinished = run.unfinished;
      for (const item of todo.slice(maxItems)) unfinished.add(itemKey(item, kind));
      // Every item tried failed, and may pass: the site is down, and the feed backs off as a failing fetch (below). The
      // items' attempts are its, not theirs: given back, and none is given up (item-retries.ts refund).
      const allFailed = allFailedNotice(run, todo.length);
      if (allFailed && run.passing) {
        retries.refund(feedId, run.failedKeys);
        for (const key of run.failedKeys) unfinished.add(key);
      }
      // Items new to this feed that another feed stored first: not fetched again, but their stories are news to this
      // feed's followers that do not have them (the feed's own items seen before are not in `fresh`).
      if (!firstFetch) await planCarried(report, audience, fresh, stored, (item) => unfinished.add(itemKey(item, kind)));
      const stillOwed = leaveBackfillForLater(reading, kind, unfinished, firstFetch);
      report.firstRead = firstFetch;
      report.leftForLater = unfinished.size;
      report.inSource = [...recent].filter((k) => !unfinished.has(k)).length;
      retries.keepOnly(feedId, recent);
      if (!whole) count(report, await backfillFromStore(audience, feedId, backfills));
      // With items left for the next poll, the feed must be read whole again: its validators would get a 304 with no
      // items while it is unchanged, and the items would wait until it changes, or drop out of it unread.
      // A thread read on its later pages too: its followed page is unchanged (a 304) while they gain posts.
      const noValidators = unfinished.size > 0 || (read.laterPages ?? 0) > 0;
      const kept = {
        etag: noValidators ? null : read.fetched.etag,
        lastModified: noValidators ? null : read.fetched.lastModified,
        seenKeys: remember(unfinished, feed.seenKeys),
        title: read.parsed.title,
        siteUrl: read.parsed.siteUrl,
      };
      // A site asking to wait holds the feed back that long, but no longer than its interval: the items of the
      // feed's other sites (an aggregator's) wait one normal interval at most.
      const waitMs = Math.min(run.waitMs, interval);
      if (allFailed && run.passing) {
        // Every item tried failed, and may pass: the feed's site is down, slow or refusing, as if its fetch had failed.
        // Polled again a minute on, such a feed (pages timing out, six tried in the budget) held an ingest slot for
        // good, and looked healthy; it backs off and pauses itself as a failing fetch does, what it read kept.
        const failures = feed.consecutiveFailures + 1;
        const next = new Date(started.getTime() + Math.max(waitMs, backoffDelayMs(failures, interval)));
        const outcome = await recordFetchFailure(prisma, feedId, started, { message: allFailed, nextFetchAt: next, maxFailures: options.maxFailures, read: kept, claim });
        options.metrics?.countFetch(fetchFailureKind(run.firstFailure));
        log.warn({ failures: outcome.consecutiveFailures, paused: outcome.paused, tried: run.tried }, 'every item of the feed tried failed');
        return { ...report, paused: outcome.paused };
      }
      await recordFetchSuccess(prisma, feedId, started, {
        ...kept,
        notice: read.parsed.notice ?? allFailed,
        // Items left wait a minute, or a few when they all failed (so that their attempts span a site's short outage), or
        // as long as their site asked (Retry-After on a page), within the interval.
        nextFetchAt: unfinished.size || stillOwed.size ? new Date(started.getTime() + Math.max(itemsLeftDelayMs(run, stillOwed, interval), waitMs)) : nextFetchAt,
        claim,
        backfilled: backfills.filter((b) => !stillOwed.has(b.sourceId)).map((b) => b.sourceId),
      });
      options.metrics?.countFetch('ok');
      log.info({ ...report, newPosts: report.newPosts.length, problems: report.problems.length }, 'feed ingested');
      return report;
    } catch (error) {
      options.metrics?.countFetch(fetchFailureKind(error));
      return { ...report, ...(await readButNotStored(prisma, options.maxFailures, { feed, started, claim, interval, error, log })) };
    }
  }

  /** A feed other guilds already follow: its newest stored articles are the backfill. */
  const backfillFromStore = (audience: FeedAudience, feedId: number, backfills: Backfill[]) =>
    planStoredBackfill(prisma, feedId, backfills, (article, backfillSourceIds) => planStored(audience, article, { articleCreatedAt: article.createdAt, backfillSourceIds }));

  /** Plans the stories of the feed's new items that other feeds stored first; one that fails is tried next poll. */
  async function planCarried(report: IngestReport, audience: FeedAudience, fresh: SourceItem[], stored: StoredItems, retry: (item: SourceItem) => void) {
    const planned = new Set<number>();
    for (const item of fresh) {
      const article = stored.elsewhere(item);
      if (!article || planned.has(article.storyId)) continue;
      planned.add(article.storyId);
      try {
        count(report, await planStored(audience, article, { articleCreatedAt: now(), newsArticleId: article.articleId }));
      } catch (error) {
        report.problems.push({ url: item.url, reason: describeError(error) });
        retry(item);
      }
    }
  }

  // Fetches a member or moderator asked for honour sites' waits, and record those their answers ask for (site-waits.ts).
  const guard: FetchGuard = (url, fetch) => waits.guard(url, fetch, () => now().getTime());
  const allowFileUrls = options.allowFileUrls ?? false;

  return {
    resolveSource: (url) => pipeline.resolve(url, { allowFileUrls, guard }),
    async preview(url, limit = 5) {
      const resolved = await pipeline.resolve(url, { allowFileUrls, guard });
      const [preview] = await previewSources(pipeline, [resolved.url], { limit, kind: resolved.kind, guard });
      return { ...preview!, source: resolved };
    },
    ingestFeed,
    shareArticle: (input) => shareArticle({ prisma, pipeline, now, guard, allowFileUrls, publicOnly: !options.membersReachPrivateNetworks, store, postsPerChannelHour }, input),
    // Story edits recompute centroids with the pipeline's story model, so they live beside storing.
    splitStory: (edit) => splitArticle(prisma, { ...edit, acrossServers: options.storyEditsAcrossServers }, pipeline.rebuildCentroid, afterSplit),
    mergeStories: (edit) => mergeStories(prisma, { ...edit, acrossServers: options.storyEditsAcrossServers }, pipeline.rebuildCentroid),
  };
}
