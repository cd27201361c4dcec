// The outbox. A delivery row (story → guild channel) exists before any message is sent, so a crash or restart
// can neither drop a story nor post it twice: workers claim rows, post with the row's nonce, and record the
// message id; an edit is requested by setting `editDueAt`, and edits are coalesced until it is due.
import { randomUUID } from 'node:crypto';
import type { Prisma } from './client.js';
import { routedChannels } from './routes.js';
import { attachAutoTags, type TagInput } from './tags.js';
import type { Tx } from './tx.js';

export interface GuildView {
  /** The story's tags in this guild (countries, regions under the guild's definitions, topics, source tags). */
  tags: TagInput[];
  /** Region slugs under the guild's definitions, for routes. */
  regions: string[];
}

export interface PlanInput {
  storyId: number;
  feedId: number | null;
  articleCreatedAt: Date;
  now: Date;
  /** Deliver to these sources even if the article predates them (`/source add … backfill`). */
  backfillSourceIds?: number[];
  /** How each following guild sees the story; computed by the caller before the transaction. */
  views: Map<string, GuildView>;
}

export interface PlannedDelivery {
  deliveryId: number;
  guildId: string;
  channelId: string;
  action: 'post' | 'edit';
}

/** Sources whose guilds should hear about an article from this feed. */
export async function followersOf(tx: Tx, feedId: number | null, articleCreatedAt: Date, backfillSourceIds: number[] = []) {
  if (feedId === null) return [];
  const sources = await tx.source.findMany({ where: { feedId, paused: false } });
  // Items already in the feed when a guild subscribed are not news to it (except the backfill it asked for).
  return sources.filter((s) => s.createdAt <= articleCreatedAt || backfillSourceIds.includes(s.id));
}

export async function planDeliveries(prisma: Prisma, input: PlanInput): Promise<PlannedDelivery[]> {
  return prisma.$transaction(async (tx) => {
    const sources = await followersOf(tx, input.feedId, input.articleCreatedAt, input.backfillSourceIds);
    const planned: PlannedDelivery[] = [];
    const byGuild = new Map<string, typeof sources>();
    for (const s of sources) byGuild.set(s.guildId, [...(byGuild.get(s.guildId) ?? []), s]);
    for (const [guildId, guildSources] of byGuild) {
      const view = input.views.get(guildId) ?? { tags: [], regions: [] };
      const known = await tx.guildStory.findUnique({ where: { guildId_storyId: { guildId, storyId: input.storyId } } });
      await attachAutoTags(tx, guildId, input.storyId, view.tags);
      if (known) {
        // Another outlet joined a story the guild already has: refresh its posts instead of posting again.
        const posted = await tx.delivery.findMany({ where: { guildId, storyId: input.storyId, status: 'posted' } });
        for (const d of posted) {
          await tx.delivery.update({ where: { id: d.id }, data: { editDueAt: d.editDueAt && d.editDueAt < input.now ? d.editDueAt : input.now } });
          planned.push({ deliveryId: d.id, guildId, channelId: d.channelId, action: 'edit' });
        }
        continue;
      }
      await tx.guildStory.create({ data: { guildId, storyId: input.storyId, createdAt: input.now } });
      const routes = await tx.route.findMany({ where: { guildId } });
      const tagNames = (await tx.storyTag.findMany({ where: { guildId, storyId: input.storyId }, include: { tag: true } })).map((l) => l.tag.name);
      const channels = new Set([...guildSources.map((s) => s.channelId), ...routedChannels(routes, view.regions, tagNames)]);
      for (const channelId of channels) {
        const d = await tx.delivery.upsert({
          where: { storyId_guildId_channelId: { storyId: input.storyId, guildId, channelId } },
          create: { storyId: input.storyId, guildId, channelId, nonce: randomUUID().replace(/-/g, '').slice(0, 25), nextAttemptAt: input.now },
          update: {},
        });
        planned.push({ deliveryId: d.id, guildId, channelId, action: 'post' });
      }
    }
    return planned;
  });
}

/**
 * Plans posts for a story a member shared: to the given channels plus the guild's routes, unless the guild already
 * has the story (then nothing is posted again). Returns whether the story was new to the guild.
 */
export async function planSharedStory(prisma: Prisma, input: { guildId: string; storyId: number; channelIds: string[]; view: GuildView; now: Date }) {
  return prisma.$transaction(async (tx) => {
    const { guildId, storyId } = input;
    const known = await tx.guildStory.findUnique({ where: { guildId_storyId: { guildId, storyId } } });
    if (known) return { isNew: false, planned: [] as PlannedDelivery[] };
    await tx.guildStory.create({ data: { guildId, storyId, createdAt: input.now } });
    await attachAutoTags(tx, guildId, storyId, input.view.tags);
    const routes = await tx.route.findMany({ where: { guildId } });
    const channels = new Set([...input.channelIds, ...routedChannels(routes, input.view.regions, input.view.tags.map((t) => t.name))]);
    const planned: PlannedDelivery[] = [];
    for (const channelId of channels) {
      const d = await tx.delivery.create({ data: { storyId, guildId, channelId, nonce: randomUUID().replace(/-/g, '').slice(0, 25), nextAttemptAt: input.now } });
      planned.push({ deliveryId: d.id, guildId, channelId, action: 'post' });
    }
    return { isNew: true, planned };
  });
}
