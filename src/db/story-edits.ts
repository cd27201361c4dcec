// Moderators undo clustering mistakes (docs/adr/0012-story-edits.md): split an article out of its story into a
// story of its own, or merge two stories into one. Each runs in one transaction with its audit entry; the stories'
// facts (lead, countries, size, centroid, search document) are rebuilt from their articles, posts are edited, and
// votes and tags stay with the story they were given to (after a merge: with the merged story).
import { UserError } from '../errors.js';
import type { RebuildCentroid } from '../pipeline/types.js';
import { termStats } from './article-sql.js';
import { recordAudits } from './audit.js';
import type { Prisma } from './client.js';
import { insertDeliveries, insertGuildStories } from './delivery-sql.js';
import { requestStoryRefresh } from './outbox.js';
import { allTimeScoreSql } from './rankings.js';
import { searchFormVersion, storyDocumentOf } from './search-sql.js';
import { textLeft } from './text-left.js';
import type { Tx } from './tx.js';

export interface StoryEdit {
  guildId: string;
  actorId: string;
  now: Date;
  /**
   * Stories are shared by every server that follows their outlets, so an edit changes other servers' posts. Only
   * when the operator trusts every server's moderators (STORY_EDITS_ACROSS_SERVERS) may an edit touch a story
   * another server has; otherwise a hostile server could rewrite the posts of all others (docs/adr/0012).
   */
  acrossServers?: boolean;
}

/**
 * Locks stories for an edit, in id order (so that two edits cannot wait on each other): an article being stored into
 * one of them waits, then finds it changed and is placed again (articles.ts).
 */
async function lockStories(tx: Tx, ids: readonly number[]) {
  await tx.$queryRaw`SELECT id FROM "Story" WHERE id = ANY(${[...ids]}::int[]) ORDER BY id FOR UPDATE`;
}

/** Locks stories about to merge; false when one changed since its version was read, or was merged away. */
export async function lockStoriesAsRead(tx: Tx, ids: readonly number[], versions: ReadonlyMap<number, string>): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number; version: string; mergedIntoId: number | null }[]>`
    SELECT id, xmin::text AS version, "mergedIntoId" FROM "Story" WHERE id = ANY(${[...ids]}::int[]) ORDER BY id FOR UPDATE`;
  return rows.length === ids.length && rows.every((r) => r.mergedIntoId === null && (!versions.has(r.id) || versions.get(r.id) === r.version));
}

/** A story this server has (and that was not merged away), or a UserError saying so. */
async function requireStory(tx: Tx, guildId: string, storyId: number) {
  const row = await tx.guildStory.findUnique({ where: { guildId_storyId: { guildId, storyId } }, select: { story: { select: { mergedIntoId: true } } } });
  if (!row || row.story.mergedIntoId !== null) throw new UserError('not-found', `There is no story #${storyId} in this server.`);
}

/**
 * The other servers that have these stories: refused unless edits may reach them, in which case each gets its own
 * audit entry (a moderator elsewhere changed its posts, and its moderators should be able to see who).
 */
async function otherServers(tx: Tx, edit: StoryEdit, storyIds: readonly number[]): Promise<string[]> {
  // Not servers Gazette was removed from (their rows stay, ADR 31): nothing is shown there any more.
  const rows = await tx.guildStory.findMany({ where: { storyId: { in: [...storyIds] }, guildId: { not: edit.guildId }, guild: { leftAt: null } }, distinct: ['guildId'], select: { guildId: true } });
  if (rows.length && !edit.acrossServers) {
    const stories = storyIds.map((id) => `#${id}`).join(' and ');
    const servers = rows.length === 1 ? 'another server' : `${rows.length} other servers`;
    throw new UserError(
      'forbidden',
      `Story ${stories} is also shown in ${servers} following the same outlets, and a split or merge would change their posts too. Gazette edits only stories no other server has (the bot's operator can allow more with STORY_EDITS_ACROSS_SERVERS).`,
    );
  }
  return rows.map((r) => r.guildId);
}

async function auditEverywhere(tx: Tx, edit: StoryEdit, others: readonly string[], entry: { action: string; target: string; details: Record<string, number | string> }) {
  await recordAudits(tx, [
    { guildId: edit.guildId, actorId: edit.actorId, ...entry },
    ...others.map((guildId) => ({ guildId, actorId: edit.actorId, ...entry, details: { ...entry.details, server: edit.guildId } })),
  ]);
}

/** Rebuilds a story's facts from the articles it has now; the lead stays unless it left. */
async function rebuildStory(tx: Tx, storyId: number, rebuild: RebuildCentroid): Promise<void> {
  const articles = await tx.article.findMany({
    where: { storyId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, title: true, text: true, summary: true, language: true, countries: true, regions: true, topics: true, createdAt: true },
  });
  const story = await tx.story.findUniqueOrThrow({ where: { id: storyId }, select: { leadArticleId: true } });
  const lead = articles.find((a) => a.id === story.leadArticleId) ?? articles[0]!;
  // The lead's facts first (most salient), then what the others add, as storing does.
  const union = (pick: (a: (typeof articles)[number]) => string[]) => [...new Set([lead, ...articles].flatMap(pick))];
  const centroid = await rebuild(articles.map((a) => ({ ...a, text: textLeft(a) })), (terms) => termStats(tx, terms));
  const last = articles.reduce((max, a) => (a.createdAt > max ? a.createdAt : max), lead.createdAt);
  await tx.$executeRaw`
    UPDATE "Story" SET "leadArticleId" = ${lead.id}, title = ${lead.title}, summary = ${lead.summary},
      countries = ${union((a) => a.countries)}::text[], regions = ${union((a) => a.regions)}::text[], topics = ${union((a) => a.topics)}::text[],
      -- Never before the story was first seen: lists by period read first ≤ last, and a story that kept its own time
      -- through a merge but only the older story's articles through a split fell out of them.
      size = ${articles.length}, centroid = ${JSON.stringify(centroid)}::jsonb, "lastArticleAt" = greatest(${last}::timestamp, "firstSeenAt"),
      search = ${storyDocumentOf(lead, articles)}, "searchForm" = ${searchFormVersion}
    WHERE id = ${storyId}`;
}

/** A split just made, for what the pipeline does after it in its transaction (ingest/retag.ts). */
export interface SplitDone {
  oldId: number;
  newId: number;
  articleId: number;
  now: Date;
}

/**
 * Moves one article out of its story into a new story of its own. Every server that had the story gets the new one,
 * posted where the old one was posted; votes and members' tags stay on the old story (each half's pipeline tags are
 * set, and the new story's followers told, by the caller's `afterSplit`), whose posts are edited.
 */
export async function splitArticle(prisma: Prisma, edit: StoryEdit & { storyId: number; articleId: number }, rebuild: RebuildCentroid, afterSplit?: (tx: Tx, split: SplitDone) => Promise<void>) {
  const { guildId, storyId, articleId, now } = edit;
  return prisma.$transaction(async (tx) => {
    await lockStories(tx, [storyId]);
    await requireStory(tx, guildId, storyId);
    const others = await otherServers(tx, edit, [storyId]);
    const article = await tx.article.findFirst({ where: { id: articleId, storyId }, select: { id: true, title: true, summary: true, createdAt: true } });
    if (!article) throw new UserError('not-found', `Story #${storyId} has no article #${articleId}.`);
    if ((await tx.article.count({ where: { storyId } })) < 2) throw new UserError('conflict', `Story #${storyId} has only that article: there is nothing to split it from.`);
    // The lead must leave the old story before it can lead the new one (a lead leads one story).
    await tx.story.updateMany({ where: { id: storyId, leadArticleId: articleId }, data: { leadArticleId: null } });
    // First seen when its article was: lists by period and `/news latest` read a story's times as first ≤ last.
    const created = await tx.story.create({
      data: { leadArticleId: article.id, title: article.title, summary: article.summary, firstSeenAt: article.createdAt, lastArticleAt: article.createdAt },
      select: { id: true },
    });
    await tx.article.update({ where: { id: articleId }, data: { storyId: created.id } });
    // The candidate index carries the story too (schema.prisma, ArticleKey): later articles must find the new one.
    await tx.articleKey.updateMany({ where: { articleId }, data: { storyId: created.id } });
    await rebuildStory(tx, storyId, rebuild);
    await rebuildStory(tx, created.id, rebuild);
    const seenBy = await tx.guildStory.findMany({ where: { storyId }, select: { guildId: true } });
    await insertGuildStories(tx, created.id, seenBy.map((g) => g.guildId), now);
    const channels = await tx.delivery.findMany({ where: { storyId, guild: { leftAt: null } }, select: { guildId: true, channelId: true } });
    let posts = 0;
    for (const c of channels) posts += (await insertDeliveries(tx, created.id, c.guildId, [{ channelId: c.channelId }], now)).length;
    const edits = (await requestStoryRefresh(tx, { storyIds: [storyId] }, now)).length;
    // A tag removed from the story stays removed from both halves (ADR 33): the retag below must not set it again.
    await tx.$executeRaw`
      INSERT INTO "StoryTagRemoval" ("guildId", "storyId", "tagId", "removedById", "createdAt")
      SELECT "guildId", ${created.id}, "tagId", "removedById", "createdAt" FROM "StoryTagRemoval" WHERE "storyId" = ${storyId}`;
    // Each half's tags from its own articles (ingest/retag.ts), once the posts are marked: posts, then tags.
    await afterSplit?.(tx, { oldId: storyId, newId: created.id, articleId, now });
    await auditEverywhere(tx, edit, others, { action: 'story.split', target: `story:${storyId}`, details: { article: articleId, newStory: created.id } });
    return { newStoryId: created.id, posts, edits };
  });
}

/**
 * Merges story `fromId` into `intoId`: its articles, votes (a member who voted on both keeps the vote on `intoId`),
 * tags and discussion thread move, and its posts are edited to show the merged story. The emptied story stays as a
 * pointer (`mergedIntoId`), so its posts and links keep working.
 */
export async function mergeStories(prisma: Prisma, edit: StoryEdit & { fromId: number; intoId: number }, rebuild: RebuildCentroid) {
  const { guildId, fromId, intoId, now } = edit;
  if (fromId === intoId) throw new UserError('conflict', 'Those are the same story.');
  return prisma.$transaction(async (tx) => {
    await lockStories(tx, [fromId, intoId]);
    await requireStory(tx, guildId, fromId);
    await requireStory(tx, guildId, intoId);
    const others = await otherServers(tx, edit, [fromId, intoId]);
    const moved = await moveStoryInto(tx, fromId, intoId, now);
    await rebuildStory(tx, intoId, rebuild);
    await auditEverywhere(tx, edit, others, { action: 'story.merge', target: `story:${fromId}`, details: { into: intoId, articles: moved.articles } });
    return { articles: moved.articles, edits: moved.edits };
  });
}

/** Who the audit log names for what Gazette did by itself (a merge of stories that converged). */
export const gazetteActor = 'gazette';

/**
 * Stories the story model found to be one with the story an article has just joined (Placement.merge), merged into
 * it in the transaction that stores the article: as a moderator's merge, but its centroid is the model's (already
 * written with the article) and each server that had a merged story gets an audit entry by Gazette.
 */
export async function absorbStories(tx: Tx, intoId: number, fromIds: readonly number[], now: Date): Promise<void> {
  for (const fromId of fromIds) {
    const from = await tx.story.findUniqueOrThrow({ where: { id: fromId }, select: { size: true, countries: true, regions: true, topics: true } });
    const moved = await moveStoryInto(tx, fromId, intoId, now);
    await tx.$executeRaw`
      UPDATE "Story" SET size = size + ${from.size},
        -- Its headlines stay searchable in the kept story, below the kept story's own lead (ADR 3).
        search = story_search_grown(search, setweight(coalesce((SELECT f.search FROM "Story" f WHERE f.id = ${fromId}), ''::tsvector), 'C')),
        -- Words of an older written form came with it: the nightly refresh makes the whole document again.
        "searchForm" = least("searchForm", (SELECT f."searchForm" FROM "Story" f WHERE f.id = ${fromId})),
        countries = ARRAY(SELECT DISTINCT unnest(countries || ${from.countries}::text[])),
        regions = ARRAY(SELECT DISTINCT unnest(regions || ${from.regions}::text[])),
        topics = ARRAY(SELECT DISTINCT unnest(topics || ${from.topics}::text[]))
      WHERE id = ${intoId}`;
    await recordAudits(tx, moved.guildIds.map((guildId) => ({
      guildId, actorId: gazetteActor, action: 'story.merge', target: `story:${fromId}`, details: { into: intoId, articles: moved.articles, converged: true },
    })));
  }
}

/**
 * Moves everything of one story into another: articles (and their lookup keys), server rows, votes (a member who voted
 * on both keeps the kept story's vote), tags, the discussion thread, and posts. A post (made or planned) of the emptied
 * story becomes the kept story's in its channel when that channel has none, so a later article does not post the
 * story there again; every post of either is edited, and where both were posted in one channel the emptied story's
 * post becomes a link to the kept one's (delivery-worker.ts). Alerts not yet sent, and posts the hourly limit held
 * back for the digest, go with the story. The emptied story stays as a pointer (`mergedIntoId`).
 * Returns the servers that had the emptied story.
 */
async function moveStoryInto(tx: Tx, fromId: number, intoId: number, now: Date) {
  // Story rows (locked by the caller), then tally rows: a vote takes them in the same order, so a vote on either story
  // waits for the merge, then counts on the kept story (votes.ts). The kept story's rows are locked too, before
  // anything reads its votes: the tally below is counted from scratch, and a vote committing while that statement
  // waited on its row would be missing from a count read before it (READ COMMITTED). In story then server order, so
  // that two transactions locking rows of both stories take them in one order.
  const locked = await tx.$queryRaw<{ guildId: string; storyId: number }[]>`
    SELECT "guildId", "storyId" FROM "GuildStory" WHERE "storyId" IN (${fromId}, ${intoId}) ORDER BY "storyId", "guildId" FOR UPDATE`;
  // Every vote, tag, held post and queued alert of a story belongs to a server that has the story (they are written
  // with or after its GuildStory row), so these servers find them through each table's (guildId, storyId, …) key
  // instead of reading every server's rows.
  const servers = [...new Set(locked.map((g) => g.guildId))];
  // The moved articles' keys first, and only theirs (the kept story's own are right already), looked up by article
  // through an array: as `IN (SELECT …)` the planner hash-joined every stored key (150 ms with 100,000 stories).
  await tx.$executeRaw`UPDATE "ArticleKey" SET "storyId" = ${intoId} WHERE "articleId" = ANY(ARRAY(SELECT id FROM "Article" WHERE "storyId" = ${fromId}))`;
  const moved = await tx.article.updateMany({ where: { storyId: fromId }, data: { storyId: intoId } });
  await tx.story.update({ where: { id: fromId }, data: { leadArticleId: null, size: 0, centroid: {}, mergedIntoId: intoId } });
  const guildIds = locked.filter((g) => g.storyId === fromId).map((g) => g.guildId);
  await insertGuildStories(tx, intoId, guildIds, now);
  await tx.$executeRaw`
    INSERT INTO "Vote" ("guildId", "storyId", "userId", value, "createdAt", "updatedAt")
    SELECT "guildId", ${intoId}, "userId", value, "createdAt", ${now} FROM "Vote" WHERE "guildId" = ANY(${servers}::text[]) AND "storyId" = ${fromId}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO "StoryTag" ("guildId", "storyId", "tagId", "addedById", "createdAt")
    SELECT "guildId", ${intoId}, "tagId", "addedById", "createdAt" FROM "StoryTag" WHERE "guildId" = ANY(${servers}::text[]) AND "storyId" = ${fromId}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    UPDATE "GuildStory" g SET
      "voteCount" = (SELECT count(*) FROM "Vote" v WHERE v."guildId" = g."guildId" AND v."storyId" = ${intoId}),
      "voteSum" = (SELECT coalesce(sum(value), 0) FROM "Vote" v WHERE v."guildId" = g."guildId" AND v."storyId" = ${intoId}),
      "threadId" = coalesce(g."threadId", (SELECT f."threadId" FROM "GuildStory" f WHERE f."guildId" = g."guildId" AND f."storyId" = ${fromId}))
    WHERE g."storyId" = ${intoId}`;
  await tx.$executeRaw`UPDATE "GuildStory" SET score = ${allTimeScoreSql} WHERE "storyId" = ${intoId}`;
  // A tag removed from the emptied story stays off the kept one, unless the kept story carries it (ADR 33).
  await tx.$executeRaw`
    INSERT INTO "StoryTagRemoval" ("guildId", "storyId", "tagId", "removedById", "createdAt")
    SELECT r."guildId", ${intoId}, r."tagId", r."removedById", r."createdAt" FROM "StoryTagRemoval" r
    WHERE r."guildId" = ANY(${servers}::text[]) AND r."storyId" = ${fromId}
      AND NOT EXISTS (SELECT 1 FROM "StoryTag" t WHERE t."guildId" = r."guildId" AND t."storyId" = ${intoId} AND t."tagId" = r."tagId")
    ON CONFLICT DO NOTHING`;
  await tx.vote.deleteMany({ where: { guildId: { in: servers }, storyId: fromId } });
  await tx.storyTag.deleteMany({ where: { guildId: { in: servers }, storyId: fromId } });
  // Where the emptied story is posted and the kept one only planned (not being sent, nor tried: an attempt whose answer
  // was lost may have made the post, a forum's thread or a webhook's message, which its retry finds), the post made
  // stands for both. Deleted after an attempt, the kept story's post, if made, was never updated again.
  await tx.$executeRaw`
    DELETE FROM "Delivery" e WHERE e."storyId" = ${intoId} AND e.status <> 'posted' AND e."claimedAt" IS NULL AND e.attempts = 0
      AND EXISTS (SELECT 1 FROM "Delivery" d WHERE d."storyId" = ${fromId} AND d.status = 'posted' AND d."guildId" = e."guildId" AND d."channelId" = e."channelId")`;
  // Where the kept story's post was never made (failed without a message) and the emptied story's is made or to be,
  // the latter becomes the kept story's post there: otherwise the channel would show neither.
  await tx.$executeRaw`
    DELETE FROM "Delivery" e WHERE e."storyId" = ${intoId} AND e.status = 'failed' AND e."messageId" IS NULL
      AND EXISTS (SELECT 1 FROM "Delivery" d WHERE d."storyId" = ${fromId} AND d.status <> 'failed' AND d."guildId" = e."guildId" AND d."channelId" = e."channelId")`;
  await tx.$executeRaw`
    UPDATE "Delivery" d SET "storyId" = ${intoId}
    WHERE d."storyId" = ${fromId}
      AND NOT EXISTS (SELECT 1 FROM "Delivery" e WHERE e."storyId" = ${intoId} AND e."guildId" = d."guildId" AND e."channelId" = d."channelId")`;
  // Where both had a post planned, the emptied story's is not made: the merged story has its own there. One a worker
  // is sending stays: deleted, its post would be made and recorded nowhere; kept, it is recorded, then edited.
  await tx.delivery.deleteMany({ where: { storyId: fromId, status: { not: 'posted' }, claimedAt: null } });
  // Alerts waiting for the emptied story are the kept one's now (a member who had both keeps one).
  await tx.$executeRaw`
    INSERT INTO "PendingAlert" ("userId", "guildId", "storyId", "createdAt")
    SELECT "userId", "guildId", ${intoId}, "createdAt" FROM "PendingAlert" WHERE "storyId" = ${fromId}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO "QueuedStory" ("guildId", "storyId", "articleId", countries, regions, tags, attempts, "createdAt")
    SELECT "guildId", ${intoId}, "articleId", countries, regions, tags, attempts, "createdAt" FROM "QueuedStory" WHERE "guildId" = ANY(${servers}::text[]) AND "storyId" = ${fromId}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`DELETE FROM "PendingAlert" WHERE "storyId" = ${fromId}`;
  // A member DMed about either story was DMed about the merged one.
  await tx.$executeRaw`
    INSERT INTO "SentAlert" ("userId", "storyId", "sentAt")
    SELECT "userId", ${intoId}, "sentAt" FROM "SentAlert" WHERE "storyId" = ${fromId}
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`DELETE FROM "QueuedStory" WHERE "guildId" = ANY(${servers}::text[]) AND "storyId" = ${fromId}`;
  // Nor does one wait for the kept story: a merge made of a story they were sent about and one they were owed repeated
  // the first in a second DM.
  await tx.$executeRaw`
    DELETE FROM "PendingAlert" p WHERE p."storyId" = ${intoId}
      AND EXISTS (SELECT 1 FROM "SentAlert" s WHERE s."userId" = p."userId" AND s."storyId" = ${intoId})`;
  // Held back by a channel's hourly limit: the digest lists the kept story instead (the emptied one has no lead to show),
  // by the later hold where both were held in one channel (the earlier one may be in a digest already).
  await tx.$executeRaw`
    INSERT INTO "HeldPost" ("guildId", "storyId", "channelId", "createdAt")
    SELECT "guildId", ${intoId}, "channelId", "createdAt" FROM "HeldPost" WHERE "guildId" = ANY(${servers}::text[]) AND "storyId" = ${fromId}
    ON CONFLICT ("guildId", "storyId", "channelId") DO UPDATE SET "createdAt" = greatest("HeldPost"."createdAt", EXCLUDED."createdAt")`;
  await tx.$executeRaw`DELETE FROM "HeldPost" WHERE "guildId" = ANY(${servers}::text[]) AND "storyId" = ${fromId}`;
  const edits = (await requestStoryRefresh(tx, { storyIds: [fromId, intoId] }, now)).length;
  await tx.guildStory.deleteMany({ where: { storyId: fromId } });
  return { articles: moved.count, edits, guildIds };
}

/**
 * A story's articles for `/story split`'s choice (none when the server does not have the story), oldest first: enough
 * for what is typed to find any article of a large story (the choice shows 25).
 */
export async function articlesOfStory(tx: Tx, guildId: string, storyId: number) {
  const seen = await tx.guildStory.findUnique({ where: { guildId_storyId: { guildId, storyId } }, select: { storyId: true } });
  if (!seen) return [];
  return tx.article.findMany({ where: { storyId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, sourceName: true, title: true }, take: 500 });
}
