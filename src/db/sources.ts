// A guild's sources: subscriptions to a feed, with the channel, region and tags its stories get.
import { UserError } from '../errors.js';
import type { FeedKind } from '../generated/prisma/client.js';
import { recordAudit } from './audit.js';
import type { Prisma } from './client.js';
import { findOrCreateFeed } from './feeds.js';
import { ensureGuild } from './guilds.js';
import type { Tx } from './tx.js';

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
  /**
   * The caller fetches the feed itself right after adding it (`/source add`, with its backfill): the feed is then held
   * back from the scheduler for a while, so a scheduled poll cannot do that first fetch in between (and post nothing
   * of the backfill). Otherwise a new feed is due at once.
   */
  callerFetchesFirst?: boolean;
}

/** How long a caller that fetches first holds the feed back from the scheduler; its ingest sets the real next time. */
const callerFetchHoldMs = 10 * 60_000;

export async function addSource(prisma: Prisma, input: NewSource) {
  return prisma.$transaction(async (tx) => {
    await ensureGuild(tx, input.guildId);
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
        createdById: input.actorId,
      },
      include: { feed: true },
    });
    const now = Date.now();
    await tx.feed.update({ where: { id: feed.id }, data: { nextFetchAt: new Date(input.callerFetchesFirst ? now + callerFetchHoldMs : now) } });
    await recordAudit(tx, { guildId: input.guildId, actorId: input.actorId, action: 'source.add', target: `source:${source.id}`, details: { url: input.url, channelId: input.channelId } });
    return source;
  });
}

export async function listSources(tx: Tx, guildId: string) {
  const sources = await tx.source.findMany({ where: { guildId }, include: { feed: true }, orderBy: { id: 'asc' } });
  // Posting failures are per channel; show each source the failures of its channel so moderators see them in /source list.
  const failed = await tx.delivery.groupBy({ by: ['channelId'], where: { guildId, status: 'failed' }, _count: { _all: true } });
  const failedByChannel = new Map(failed.map((f) => [f.channelId, f._count._all]));
  const lastErrors = await tx.delivery.findMany({
    where: { guildId, status: 'failed' },
    distinct: ['channelId'],
    orderBy: { updatedAt: 'desc' },
    select: { channelId: true, lastError: true },
  });
  const lastErrorByChannel = new Map(lastErrors.map((d) => [d.channelId, d.lastError]));
  return sources.map((s) => ({
    ...s,
    failedDeliveries: failedByChannel.get(s.channelId) ?? 0,
    lastDeliveryError: lastErrorByChannel.get(s.channelId) ?? null,
  }));
}

export async function getSource(tx: Tx, guildId: string, sourceId: number) {
  const source = await tx.source.findFirst({ where: { id: sourceId, guildId }, include: { feed: true } });
  if (!source) throw new UserError('not-found', `There is no source #${sourceId} in this server. \`/source list\` shows them.`);
  return source;
}

export async function removeSource(prisma: Prisma, guildId: string, actorId: string, sourceId: number) {
  return prisma.$transaction(async (tx) => {
    const source = await getSource(tx, guildId, sourceId);
    await tx.source.delete({ where: { id: source.id } });
    await recordAudit(tx, { guildId, actorId, action: 'source.remove', target: `source:${source.id}`, details: { url: source.feed.url } });
    return source;
  });
}

export async function setSourcePaused(prisma: Prisma, guildId: string, actorId: string, sourceId: number, paused: boolean) {
  return prisma.$transaction(async (tx) => {
    const source = await getSource(tx, guildId, sourceId);
    const updated = await tx.source.update({
      where: { id: source.id },
      data: { paused, pausedReason: paused ? `Paused by a moderator (<@${actorId}>).` : null },
      include: { feed: true },
    });
    if (!paused) {
      // Resuming is a moderator saying "try again now": forget the failure streak and fetch at once.
      await tx.feed.update({ where: { id: source.feedId }, data: { consecutiveFailures: 0, nextFetchAt: new Date() } });
    }
    await recordAudit(tx, { guildId, actorId, action: paused ? 'source.pause' : 'source.resume', target: `source:${source.id}` });
    return updated;
  });
}

export async function searchSources(tx: Tx, guildId: string, text: string, limit = 25) {
  return tx.source.findMany({
    where: { guildId, ...(text && { feed: { OR: [{ url: { contains: text, mode: 'insensitive' } }, { title: { contains: text, mode: 'insensitive' } }] } }) },
    include: { feed: true },
    orderBy: { id: 'asc' },
    take: limit,
  });
}

