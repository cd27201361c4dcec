// A page a member shares (`/news submit`, approved) becomes a story posted where it was shared: fetched once, then
// stored and planned as a polled article would be.
import type { Prisma } from '../db/client.js';
import { shareAudience, type FeedAudience, type PlannedDelivery } from '../db/deliveries.js';
import { heldSince, postWhereSharedIfUnposted } from '../db/held-posts.js';
import { UserError } from '../errors.js';
import { unreadableSource, type Pipeline } from '../pipeline/orchestrator.js';
import type { FetchGuard, ProcessedArticle } from '../pipeline/types.js';
import { siteNameOf } from './preview.js';

export interface ShareDeps {
  prisma: Prisma;
  pipeline: Pipeline;
  now: () => Date;
  guard: FetchGuard;
  allowFileUrls: boolean;
  /** Read under the private-address rules whatever the sources may reach (FetchOptions.publicOnly). */
  publicOnly: boolean;
  postsPerChannelHour?: number | undefined;
  /** news-service.ts's store: the article stored and planned for `audience`, backfill for `backfillSourceIds`. */
  store: (article: ProcessedArticle, feedId: null, audience: FeedAudience, backfillSourceIds: number[]) => Promise<{ result: { storyId: number | null }; planned: PlannedDelivery[] }>;
}

export async function shareArticle(deps: ShareDeps, { url, guildId, channelId }: { url: string; guildId: string; channelId: string }) {
  const { prisma, pipeline, guard, allowFileUrls, publicOnly } = deps;
  // Fetched once: a second fetch of the same page could fail where the first did not.
  const read = await pipeline.readArticle(url, { allowFileUrls, guard, publicOnly });
  const item = read.parsed.items[0];
  if (!item) throw new UserError('unreadable', 'That page has no article Gazette can read.');
  const article = await pipeline.processItem(item, { dates: read.dates, kind: 'article', siteName: siteNameOf(read.parsed), guard, publicOnly }).catch((error: unknown) => {
    throw unreadableSource(error, item.url);
  });
  // Planned like a polled article, in the same transaction as storing it (ADR 7): the channel it was shared in
  // is a source asking for it as backfill, and the guild's routes apply.
  const sharedAt = deps.now();
  const { result, planned } = await deps.store(article, null, await shareAudience(prisma, guildId, channelId), [0]);
  if (result.storyId === null) throw new UserError('unreadable', 'That article could not be stored as a story.');
  let isNew = planned.some((d) => d.action === 'post' && d.channelId === channelId);
  // Held for the digest in that channel by this share (its posts for the hour used up).
  let held = !isNew && (await heldSince(prisma, guildId, result.storyId, channelId, sharedAt));
  const elsewhere = [...new Set(planned.filter((d) => d.action === 'post' && d.channelId !== channelId).map((d) => d.channelId))];
  if (!isNew && !held && !elsewhere.length) {
    const now = await postWhereSharedIfUnposted(prisma, { guildId, storyId: result.storyId, channelId, now: deps.now(), postsPerHour: deps.postsPerChannelHour });
    isNew = now === 'posted';
    held = now === 'held';
  }
  return { storyId: result.storyId, isNew, held, elsewhere };
}
