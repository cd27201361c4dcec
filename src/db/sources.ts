// A guild's sources: subscriptions to a feed, with the channel, region, tags and filter its stories get.
import { UserError } from '../errors.js';
import type { FeedKind } from '../generated/prisma/client.js';
import { recordAudit } from './audit.js';
import type { Prisma } from './client.js';
import { isUniqueViolation } from './db-errors.js';
import { dropQueuedPostsOfSource, moveQueuedPostsOfSource } from './queued-posts.js';
import { claimFeed, findOrCreateFeed } from './feeds.js';
import { lockGuild } from './guilds.js';
import { requireRegionsStillDefined, type NamedRegion } from './regions.js';
import { textLeft } from './text-left.js';
import type { Tx } from './tx.js';
import { plural } from '../text/plural.js';
import { publicUrl, shownUrl } from '../text/shown-url.js';

export interface NewSource {
  guildId: string;
  actorId: string;
  url: string;
  kind: FeedKind;
  title?: string | undefined;
  siteUrl?: string | undefined;
  channelId: string;
  region?: string | undefined;
  tags?: string[] | undefined;
  intervalMinutes: number;
  /** Which stories are posted, in the stored form of src/pipeline/filter (`formatFilter`); none: every one. */
  filter?: string | undefined;
  /** The server's own regions `region` and `filter` name, checked again under the guild's lock (regions.ts). */
  regionsNamed?: readonly NamedRegion[] | undefined;
  /** MAX_SOURCES_PER_GUILD: a guild following this many sources adds no more. */
  maxSources?: number | undefined;
  /** The newest items of the feed to post now (`/source add backfill:`), owed until a read posts them. */
  backfill?: number | undefined;
  /**
   * The caller reads the feed itself right after adding it (`/source add`): it takes the feed's claim for that read
   * (`claimMs`, as a poll's), returned as `claim`, so no poll reads the feed beside it. When a poll holds the feed
   * already there is no claim: that poll has the feed, and the next read, right after it, posts the backfill.
   * Otherwise a new feed is due at once.
   */
  readFirst?: { claimMs: number } | undefined;
  /** The time the feed's next fetch and claim count from: the database's (database-clock.ts); default this host's. */
  now?: Date | undefined;
}

export async function addSource(prisma: Prisma, input: NewSource) {
  // Two adds at once (two moderators, an import and an add) can both find no feed or source and both insert: the
  // second meets the first's unique key, and tried again it finds what the first made and says so in words.
  for (let attempt = 1; ; attempt++) {
    try {
      return await addSourceOnce(prisma, input);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

async function addSourceOnce(prisma: Prisma, input: NewSource) {
  return prisma.$transaction(async (tx) => {
    await lockGuild(tx, input.guildId);
    await requireRegionsStillDefined(tx, input.guildId, input.regionsNamed ?? []);
    if (input.maxSources !== undefined && (await tx.source.count({ where: { guildId: input.guildId } })) >= input.maxSources) {
      throw new UserError('limit', `This server follows ${plural(input.maxSources, 'source', 'sources')}, the most this Gazette allows (MAX_SOURCES_PER_GUILD). Remove one with \`/source remove\` first.`);
    }
    const feed = await findOrCreateFeed(tx, input.url, input.kind, { title: input.title, siteUrl: input.siteUrl });
    const existing = await tx.source.findUnique({
      where: { guildId_feedId_channelId: { guildId: input.guildId, feedId: feed.id, channelId: input.channelId } },
    });
    if (existing) throw new UserError('conflict', `That source already posts to <#${input.channelId}> (source #${existing.id}).`);
    const source = await tx.source.create({
      data: {
        guildId: input.guildId,
        feedId: feed.id,
        channelId: input.channelId,
        region: input.region ?? null,
        tags: input.tags ?? [],
        intervalMinutes: input.intervalMinutes,
        filter: input.filter ?? null,
        backfillPending: input.backfill ?? 0,
        createdById: input.actorId,
        // On the clock the feed's reads are timed by: a poll tells a new follower's first read by it (news-service.ts).
        ...(input.now && { createdAt: input.now }),
      },
      include: { feed: true },
    });
    const now = input.now ?? new Date();
    // A new follower starts the feed's failure streak afresh, as resuming does: one inherited from other servers
    // would pause the new source after one more failure, while /source add says Gazette will try again. A poll
    // holding the feed now keeps it (feeds.ts claimDueFeeds), and the next fetch asked for here comes after it.
    await tx.feed.update({ where: { id: feed.id }, data: { nextFetchAt: now, consecutiveFailures: 0 } });
    const claim = input.readFirst ? await claimFeed(tx, feed.id, now, input.readFirst.claimMs) : undefined;
    await recordAudit(tx, { guildId: input.guildId, actorId: input.actorId, action: 'source.add', target: `source:${source.id}`, details: { url: shownUrl(input.url), channelId: input.channelId, ...(input.filter && { filter: input.filter }) } });
    return { ...source, claim };
  });
}

/** The reason a moderator's pause records: Gazette's own words, naming the moderator. */
const moderatorPauseReason = (actorId: string) => `Paused by a moderator (<@${actorId}>).`;

/** Whether a pause's reason is a moderator's (moderatorPauseReason), not Gazette's or a remote server's words. */
export function isModeratorPause(reason: string | null | undefined): boolean {
  return !!reason && /^Paused by a moderator \(<@\d+>\)\.$/.test(reason);
}

/** How far back /source list looks for posts Discord refused: a problem fixed since stops showing within a week. */
export const postingTroubleDays = 7;

export async function listSources(tx: Tx, guildId: string, now = new Date()) {
  const sources = await tx.source.findMany({ where: { guildId }, include: { feed: true }, orderBy: { id: 'asc' } });
  // Posting failures are per channel; show each source the failures of its channel so moderators see them in /source list.
  // Only posts never made that Discord refused (or that were given up) this past week: not a post merged into a story
  // posted there, nor one of a story the server no longer has, nor the edit of a post since deleted (a made post).
  const since = new Date(now.getTime() - postingTroubleDays * 86_400_000);
  const failed = await tx.$queryRaw<{ channelId: string; lastError: string | null; failed: number }[]>`
    SELECT DISTINCT ON (d."channelId") d."channelId", d."lastError", (count(*) OVER (PARTITION BY d."channelId"))::int AS failed
    FROM "Delivery" d JOIN "Story" s ON s.id = d."storyId"
    WHERE d."guildId" = ${guildId} AND d.status = 'failed' AND d."messageId" IS NULL AND d."updatedAt" >= ${since}::timestamp
      AND s."mergedIntoId" IS NULL
      AND EXISTS (SELECT 1 FROM "GuildStory" gs WHERE gs."guildId" = d."guildId" AND gs."storyId" = d."storyId")
    ORDER BY d."channelId", d."updatedAt" DESC, d.id DESC`;
  // Posts not made yet that an attempt failed for a passing reason (Discord down, a permission Gazette lacks there):
  // they are tried again, and the moderator may be the one who can end the wait.
  const waiting = await tx.$queryRaw<{ channelId: string; lastError: string; waiting: number }[]>`
    SELECT DISTINCT ON (d."channelId") d."channelId", d."lastError", (count(*) OVER (PARTITION BY d."channelId"))::int AS waiting
    FROM "Delivery" d
    WHERE d."guildId" = ${guildId} AND d.status = 'pending' AND d."lastError" IS NOT NULL AND d."messageId" IS NULL
    ORDER BY d."channelId", d."updatedAt" DESC, d.id DESC`;
  const byChannel = new Map(failed.map((f) => [f.channelId, f]));
  const waitingIn = new Map(waiting.map((w) => [w.channelId, w]));
  return sources.map((s) => ({
    ...s,
    failedDeliveries: byChannel.get(s.channelId)?.failed ?? 0,
    lastDeliveryError: byChannel.get(s.channelId)?.lastError ?? null,
    waitingDeliveries: waitingIn.get(s.channelId)?.waiting ?? 0,
    waitingReason: waitingIn.get(s.channelId)?.lastError ?? null,
  }));
}

export async function getSource(tx: Tx, guildId: string, sourceId: number) {
  const source = await tx.source.findFirst({ where: { id: sourceId, guildId }, include: { feed: true } });
  if (!source) throw new UserError('not-found', `There is no source #${sourceId} in this server. \`/source list\` shows them.`);
  return source;
}

/**
 * Locks a source for a change that drops or moves what it queued, before anything is read: a store planning posts for
 * it holds it share-locked (deliveries.ts withSourcesNow), and this waits until those posts are committed, to drop or
 * move them too.
 */
async function lockSource(tx: Tx, sourceId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Source" WHERE id = ${sourceId} FOR UPDATE`;
}

export async function removeSource(prisma: Prisma, guildId: string, actorId: string, sourceId: number) {
  return prisma.$transaction(async (tx) => {
    await lockSource(tx, sourceId);
    const source = await getSource(tx, guildId, sourceId);
    const droppedPosts = await dropQueuedPostsOfSource(tx, source);
    await tx.source.delete({ where: { id: source.id } });
    await recordAudit(tx, { guildId, actorId, action: 'source.remove', target: `source:${source.id}`, details: { url: shownUrl(source.feed.url), droppedPosts } });
    return { ...source, droppedPosts };
  });
}

export async function setSourcePaused(prisma: Prisma, guildId: string, actorId: string, sourceId: number, paused: boolean, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    await lockSource(tx, sourceId);
    const source = await getSource(tx, guildId, sourceId);
    const updated = await tx.source.update({
      where: { id: source.id },
      data: { paused, pausedReason: paused ? moderatorPauseReason(actorId) : null },
      include: { feed: true },
    });
    if (!paused && source.paused) {
      // Resuming is a moderator saying "try again now": forget the failure streak and fetch at once. Only when this
      // source was paused: the feed may be shared, and a server resuming a running source again and again would
      // otherwise keep a dead feed from ever pausing itself in the other servers. A poll holding the feed (another
      // server's source) keeps it: this fetch comes right after, not beside it (feeds.ts claimDueFeeds).
      await tx.feed.update({ where: { id: source.feedId }, data: { consecutiveFailures: 0, nextFetchAt: now } });
    }
    // A moderator's pause drops what the source queued, also when it had paused itself after failing (its reason then
    // Gazette's): the stories it queued before were still posted.
    const byModerator = source.paused && isModeratorPause(source.pausedReason);
    const droppedPosts = paused && !byModerator ? await dropQueuedPostsOfSource(tx, source) : 0;
    await recordAudit(tx, { guildId, actorId, action: paused ? 'source.pause' : 'source.resume', target: `source:${source.id}`, ...(paused ? { details: { droppedPosts } } : {}) });
    return { ...updated, droppedPosts, wasPaused: source.paused };
  });
}

/** What `/source edit` may change; an absent field stays as it is, `null` clears the region or the filter. */
export interface SourceChanges {
  channelId?: string | undefined;
  region?: string | null | undefined;
  tags?: string[] | undefined;
  intervalMinutes?: number | undefined;
  filter?: string | null | undefined;
}

type Field = keyof SourceChanges;
type Value<F extends Field> = Exclude<SourceChanges[F], undefined>;

/** One setting that changed, with its old and new value. */
export type SourceChange = { [F in Field]: { field: F; from: Value<F>; to: Value<F> } }[Field];

const editable: readonly Field[] = ['channelId', 'region', 'tags', 'intervalMinutes', 'filter'];

function changesOf(current: { [F in Field]-?: Value<F> }, wanted: SourceChanges): SourceChange[] {
  return editable.flatMap((field) => {
    const to = wanted[field];
    if (to === undefined || JSON.stringify(to) === JSON.stringify(current[field])) return [];
    return [{ field, from: current[field], to } as SourceChange];
  });
}

/**
 * Changes a source in place: the row (and so its history, its stories' posts and votes) stays; only what comes
 * next follows the new settings. Moving it to another channel leaves its posts where they are, and takes the posts still
 * queued for stories only it brought to the old channel along (moveQueuedPostsOfSource). Audited. Under the guild's
 * lock, as removeRegion is: a region the changes name (`regionsNamed`, the server's own) is either still defined here,
 * or the removal waits and finds this source naming it.
 */
export async function editSource(prisma: Prisma, input: { guildId: string; actorId: string; sourceId: number; changes: SourceChanges; regionsNamed?: readonly NamedRegion[]; now?: Date }) {
  const { guildId, actorId, sourceId } = input;
  try {
    return await prisma.$transaction(async (tx) => {
      await lockGuild(tx, guildId);
      await lockSource(tx, sourceId);
      await requireRegionsStillDefined(tx, guildId, input.regionsNamed ?? []);
      const before = await getSource(tx, guildId, sourceId);
      const changed = changesOf(before, input.changes);
      if (!changed.length) return { source: before, changed, queued: { moved: 0, dropped: 0 } };
      const to = input.changes.channelId;
      if (to !== undefined && to !== before.channelId) {
        const taken = await tx.source.findUnique({ where: { guildId_feedId_channelId: { guildId, feedId: before.feedId, channelId: to } } });
        if (taken) throw sameFeedThere(taken.id, to);
      }
      // Its queued posts go where its stories go now, before the row leaves the old channel (whose other sources count).
      const queued = to !== undefined && to !== before.channelId ? await moveQueuedPostsOfSource(tx, before, to) : { moved: 0, dropped: 0 };
      const source = await tx.source.update({
        where: { id: before.id },
        data: { channelId: to, region: input.changes.region, tags: input.changes.tags, intervalMinutes: input.changes.intervalMinutes, filter: input.changes.filter },
        include: { feed: true },
      });
      const interval = input.changes.intervalMinutes;
      if (interval !== undefined && interval < before.intervalMinutes) await bringNextFetchForward(tx, source.feed, interval, input.now ?? new Date());
      await recordAudit(tx, {
        guildId,
        actorId,
        action: 'source.edit',
        target: `source:${source.id}`,
        details: { ...Object.fromEntries(changed.map((c) => [c.field, { from: c.from, to: c.to }])), ...(queued.moved + queued.dropped > 0 && { queuedPosts: queued }) },
      });
      return { source, changed, queued };
    });
  } catch (error) {
    // Another moderator added the same feed to that channel between the check and the update.
    if (isUniqueViolation(error) && input.changes.channelId) {
      const channelId = input.changes.channelId;
      const mine = await prisma.source.findFirst({ where: { id: sourceId, guildId }, select: { feedId: true } });
      const taken = mine && (await prisma.source.findUnique({ where: { guildId_feedId_channelId: { guildId, feedId: mine.feedId, channelId } } }));
      if (taken) throw sameFeedThere(taken.id, channelId);
    }
    throw error;
  }
}

function sameFeedThere(otherId: number, channelId: string): UserError {
  return new UserError('conflict', `Source #${otherId} already posts this feed to <#${channelId}>. Remove one of them with \`/source remove\`, or pick another channel.`);
}

/** A shorter interval counts from the last check, so a source checked daily does not wait a day to be checked sooner. */
async function bringNextFetchForward(tx: Tx, feed: { id: number; lastFetchAt: Date | null; nextFetchAt: Date }, minutes: number, at: Date): Promise<void> {
  const now = at.getTime();
  const due = Math.max(now, (feed.lastFetchAt?.getTime() ?? now) + minutes * 60_000);
  if (feed.nextFetchAt.getTime() > due) await tx.feed.update({ where: { id: feed.id }, data: { nextFetchAt: new Date(due) } });
}

/**
 * The newest stored articles of a source's feed, newest first, with what a filter looks at (their story's countries
 * and topics, as delivery reads them), so `/source edit` can try a new filter on them.
 */
export async function recentSourceItems(tx: Tx, guildId: string, sourceId: number, limit = 10) {
  const source = await getSource(tx, guildId, sourceId);
  const articles = await tx.article.findMany({
    where: { feedId: source.feedId, storyId: { not: null } },
    orderBy: [{ publishedAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    take: limit,
    select: { title: true, url: true, text: true, summary: true, language: true, story: { select: { countries: true, topics: true } } },
  });
  return articles.map(({ story, summary, ...a }) => ({ ...a, text: textLeft({ text: a.text, summary }), countries: story?.countries ?? [], topics: story?.topics ?? [] }));
}

export async function searchSources(tx: Tx, guildId: string, text: string, limit = 25) {
  // Matched here rather than in SQL, against the address without credentials, query or fragment: a member typing
  // "user:pa" or "token=a" into an autocomplete would otherwise learn a private feed's key a letter at a time. A
  // server has at most a few hundred sources (MAX_SOURCES_PER_GUILD).
  const sources = await tx.source.findMany({ where: { guildId }, include: { feed: true }, orderBy: { id: 'asc' } });
  const needle = text.toLowerCase();
  const matches = needle ? sources.filter((s) => publicUrl(s.feed.url).toLowerCase().includes(needle) || !!s.feed.title?.toLowerCase().includes(needle)) : sources;
  return matches.slice(0, limit);
}

