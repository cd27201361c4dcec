// Tags per guild: country, region and topic tags set by the pipeline, member tags added by members. Names are
// normalized by the caller (src/pipeline/tag); a merged tag lives on as an alias of the tag it was merged into.
import { UserError } from '../errors.js';
import type { TagKind } from '../generated/prisma/client.js';

// The enum's type for the rest of the bot, which does not import Prisma's client.
export type { TagKind };
import { recordAudit } from './audit.js';
import type { Prisma } from './client.js';
import { ensureGuild } from './guilds.js';
import { lockCurrentStory } from './merged-stories.js';
import { requestStoryRefresh } from './outbox.js';
import type { Tx } from './tx.js';

export interface TagInput {
  name: string;
  label: string;
  kind: TagKind;
}

/** The guild's tag for a name or alias, or undefined. */
export async function findTag(tx: Tx, guildId: string, name: string) {
  return (
    (await tx.tag.findUnique({ where: { guildId_name: { guildId, name } } })) ??
    (await tx.tag.findFirst({ where: { guildId, aliases: { has: name } } })) ??
    undefined
  );
}

/**
 * Finds or creates the guild's tag, held (FOR SHARE) until the transaction ends; null when moderators banned it. Two
 * members adding the same new tag at once both get it: the insert skips a name another transaction has just made (it
 * waits for that one, then reads it). Held, the tag cannot be merged away or banned under the caller's link to it: a
 * merge or ban committing meanwhile (they lock it FOR UPDATE, lockTagsForChange) is waited for and read again, the
 * merged tag found by its alias. Unheld, a link added while a merge copied the links was deleted with the old tag,
 * and one added while a ban committed stayed on the story.
 */
export async function findOrCreateTag(tx: Tx, guildId: string, input: TagInput) {
  for (let tries = 0; tries < 3; tries++) {
    let tag = await findTag(tx, guildId, input.name);
    if (!tag) {
      await tx.tag.createMany({ data: [{ guildId, name: input.name, label: input.label, kind: input.kind }], skipDuplicates: true });
      tag = await tx.tag.findUniqueOrThrow({ where: { guildId_name: { guildId, name: input.name } } });
    }
    const [held] = await tx.$queryRaw<{ banned: boolean }[]>`SELECT banned FROM "Tag" WHERE id = ${tag.id} FOR SHARE`;
    if (held) return held.banned ? null : tag;
  }
  throw new UserError('conflict', 'That tag is being changed by a moderator right now; please try again.');
}

/**
 * Tags a merge or ban changes, locked in id order and read again (an id gone is a tag merged away meanwhile), after
 * the posts of the stories carrying the first of them are marked for an edit, and those of stories tagged meanwhile
 * once it is locked. Posts first, then tags, as every writer of both takes them (the store's planning, a member's
 * tag): a ban that locked its tag first and then waited on a post a joining article held, while that article waited
 * on the tag, deadlocked (PostgreSQL server). Returns the tags and the stories and edits of the first one.
 */
async function lockTagsForChange(tx: Tx, guildId: string, ids: number[], now: Date) {
  const before = await storiesTagged(tx, guildId, ids[0]!);
  const edits = await requestStoryRefresh(tx, { storyIds: before, guildId }, now);
  await tx.$queryRaw`SELECT id FROM "Tag" WHERE id = ANY(${ids}::int[]) ORDER BY id FOR UPDATE`;
  const storyIds = await storiesTagged(tx, guildId, ids[0]!);
  const added = storyIds.filter((id) => !before.includes(id));
  if (added.length) edits.push(...(await requestStoryRefresh(tx, { storyIds: added, guildId }, now)));
  return { tags: await tx.tag.findMany({ where: { id: { in: ids } } }), storyIds, edits: edits.length };
}

export interface MemberTagLimits {
  /** Tags one member may add per window. */
  max: number;
  windowMs: number;
}

/** A member tags a story; its posts in the guild are refreshed by `refreshAt`. */
export async function addMemberTag(prisma: Prisma, guildId: string, asked: number, userId: string, input: TagInput, limits: MemberTagLimits, now: Date, refreshAt: Date) {
  return prisma.$transaction(async (tx) => {
    await ensureGuild(tx, guildId);
    // Locked, so that a merge cannot move the story's tags between this read and the insert (and leave this one behind).
    const storyId = await lockCurrentStory(tx, asked);
    const visible = await tx.guildStory.findUnique({ where: { guildId_storyId: { guildId, storyId } } });
    if (!visible) throw new UserError('not-found', `There is no story #${storyId} in this server.`);
    const recent = await tx.storyTag.count({ where: { guildId, addedById: userId, createdAt: { gte: new Date(now.getTime() - limits.windowMs) } } });
    if (recent >= limits.max) {
      throw new UserError('rate-limited', `You have added ${recent} tags in the last ${Math.round(limits.windowMs / 60_000)} minutes. Please wait a little before adding more.`);
    }
    // The posts before the tag (even one the story turns out to have: an edit that changes nothing), as an article
    // joining the story takes them (planStorySql marks its posts, then makes and writes its tags): the other way round
    // each waited on the other's row (PostgreSQL server), a new tag's or a post's.
    await requestStoryRefresh(tx, { storyIds: [storyId], guildId }, refreshAt);
    const tag = await findOrCreateTag(tx, guildId, input);
    if (!tag) throw new UserError('forbidden', `The tag "${input.label}" is not allowed in this server.`);
    if (await tx.storyTag.findUnique({ where: { guildId_storyId_tagId: { guildId, storyId, tagId: tag.id } } })) return { tag, added: false, storyId };
    // A double-submitted modal, or two members at once: the second finds the tag there.
    const { count } = await tx.storyTag.createMany({ data: [{ guildId, storyId, tagId: tag.id, addedById: userId, createdAt: now }], skipDuplicates: true });
    await tx.storyTagRemoval.deleteMany({ where: { guildId, storyId, tagId: tag.id } });
    return { tag, added: count > 0, storyId };
  });
}

/** Removes a tag from a story (its posts refreshed by `refreshAt`). Members may remove the tags they added; moderators any tag. */
export async function removeStoryTag(prisma: Prisma, guildId: string, asked: number, userId: string, name: string, isModerator: boolean, refreshAt: Date) {
  return prisma.$transaction(async (tx) => {
    const storyId = await lockCurrentStory(tx, asked);
    const tag = await findTag(tx, guildId, name);
    const link = tag && (await tx.storyTag.findUnique({ where: { guildId_storyId_tagId: { guildId, storyId, tagId: tag.id } } }));
    if (!tag || !link) throw new UserError('not-found', `Story #${storyId} has no tag "${name}".`);
    if (!isModerator && link.addedById !== userId) throw new UserError('forbidden', 'You can only remove tags you added yourself; a moderator can remove any tag.');
    // The posts before the tag, in the order an article joining the story takes them (see addMemberTag).
    await requestStoryRefresh(tx, { storyIds: [storyId], guildId }, refreshAt);
    await tx.storyTag.delete({ where: { guildId_storyId_tagId: { guildId, storyId, tagId: tag.id } } });
    // A tag the pipeline set, or any a moderator removes, is remembered, so that the pipeline does not set it again when
    // the next article joins the story (migration 20261207130942's trigger); adding it by hand clears this. A member's
    // own tag taken back is no such word: the pipeline may still find it.
    if (link.addedById === null || isModerator) {
      await tx.storyTagRemoval.createMany({ data: [{ guildId, storyId, tagId: tag.id, removedById: userId }], skipDuplicates: true });
    }
    if (isModerator && link.addedById !== userId) {
      await recordAudit(tx, { guildId, actorId: userId, action: 'tag.remove', target: `story:${storyId}`, details: { tag: tag.name } });
    }
    return { tag, storyId };
  });
}

/**
 * Allows a banned tag again: members and the pipeline may tag stories with it from now on (a story the ban took it from
 * gets it back when its next article joins), and the routes and follows on it match again.
 */
export async function unbanTag(prisma: Prisma, guildId: string, actorId: string, name: string) {
  return prisma.$transaction(async (tx) => {
    const tag = await tx.tag.findUnique({ where: { guildId_name: { guildId, name } } });
    if (!tag?.banned) throw new UserError('not-found', `There is no banned tag "${name}" in this server.`);
    await tx.$queryRaw`SELECT id FROM "Tag" WHERE id = ${tag.id} FOR UPDATE`;
    const unbanned = await tx.tag.update({ where: { id: tag.id }, data: { banned: false } });
    await recordAudit(tx, { guildId, actorId, action: 'tag.unban', target: `tag:${tag.name}` });
    return unbanned;
  });
}

/** The guild's banned tags whose name contains `typed`, for `/tags unban`'s choices. */
export async function suggestBannedTags(tx: Tx, guildId: string, typed: string, limit: number): Promise<SuggestedTag[]> {
  return tx.$queryRaw<SuggestedTag[]>`
    SELECT id, name, label, kind::text AS kind FROM "Tag"
    WHERE "guildId" = ${guildId} AND banned AND strpos(name, ${typed}) > 0 ORDER BY name LIMIT ${limit}`;
}

/** The stories of the guild carrying a tag (before it changes), whose posts a tag change makes stale. */
async function storiesTagged(tx: Tx, guildId: string, tagId: number): Promise<number[]> {
  return (await tx.storyTag.findMany({ where: { guildId, tagId }, select: { storyId: true } })).map((l) => l.storyId);
}

/**
 * Bans a tag: removed from every story (their posts refreshed now) and refused from then on. `place`: the country's
 * ISO code or the region's slug when the tag names one, whose routes and follows (kept by code or slug) stop too.
 */
export async function banTag(prisma: Prisma, guildId: string, actorId: string, input: TagInput, now: Date, place?: string) {
  return prisma.$transaction(async (tx) => {
    await ensureGuild(tx, guildId);
    const found = (await findTag(tx, guildId, input.name)) ?? (await tx.tag.create({ data: { guildId, ...input } }));
    // An old name (a tag renamed, or merged into another) finds the tag it became: banning that one in passing, under a
    // name the moderator meant for something smaller, is asked for by its own name.
    if (found.name !== input.name) throw new UserError('conflict', `\`${input.label}\` now means the tag \`${found.label}\` (renamed or merged into it): to ban \`${found.label}\`, ban it by that name.`);
    const { tags, storyIds, edits } = await lockTagsForChange(tx, guildId, [found.id], now);
    const [tag] = tags;
    if (!tag) throw new UserError('conflict', `The tag "${input.label}" was just merged into another; ban it again by its new name.`);
    await tx.tag.update({ where: { id: tag.id }, data: { banned: true } });
    await tx.storyTag.deleteMany({ where: { guildId, tagId: tag.id } });
    // Routes and follows on it stop matching (delivery planning leaves banned tags out): the reply names them.
    const names = [tag.name, ...tag.aliases];
    const onPlace = place && (input.kind === 'region' || input.kind === 'country') ? [{ kind: input.kind, value: place }] : [];
    const routeIds = (
      await tx.route.findMany({ where: { guildId, OR: [{ kind: { not: 'region' }, value: { in: names } }, ...onPlace.filter((p) => p.kind === 'region')] }, select: { id: true }, orderBy: { id: 'asc' } })
    ).map((r) => r.id);
    const followers = (await tx.follow.findMany({ where: { guildId, OR: [{ kind: 'tag', value: { in: names } }, ...onPlace] }, distinct: ['userId'], select: { userId: true } })).length;
    await recordAudit(tx, { guildId, actorId, action: 'tag.ban', target: `tag:${tag.name}`, details: { removedFromStories: storyIds.length } });
    return { tag, removedFromStories: storyIds.length, edits, routeIds, followers };
  });
}

/** Renames a tag (the old name becomes an alias); the posts showing it are refreshed now. */
export async function renameTag(prisma: Prisma, guildId: string, actorId: string, from: string, to: TagInput, now: Date) {
  return prisma.$transaction(async (tx) => {
    const tag = await findTag(tx, guildId, from);
    if (!tag) throw new UserError('not-found', `There is no tag "${from}" in this server.`);
    const clash = await findTag(tx, guildId, to.name);
    if (clash && clash.id !== tag.id) throw new UserError('conflict', `A tag "${clash.label}" already exists; use \`/tags merge\` to combine them.`);
    // A name that means a country, region or topic makes the tag that one's (stories show it as such, region filters
    // and the pipeline's own tag for it find it); a plain name is a new label and keeps the kind. One kind of place or
    // subject renamed to another would be two things under one tag: refused.
    if (tag.kind !== 'member' && to.kind !== 'member' && tag.kind !== to.kind) {
      throw new UserError('conflict', `"${tag.label}" is a ${tag.kind} tag and "${to.label}" names a ${to.kind}: pick a name that is not another ${to.kind}'s.`);
    }
    const kind = to.kind === 'member' ? tag.kind : to.kind;
    // Posts, then the tag, as every writer of both takes them: renamed first, then marking the posts, it deadlocked with
    // a member adding the tag to a posted story (PostgreSQL server).
    const { tags: [locked], storyIds, edits } = await lockTagsForChange(tx, guildId, [tag.id], now);
    if (!locked) throw new UserError('not-found', `There is no tag "${from}" in this server.`);
    const aliases = [...new Set([...locked.aliases, locked.name])].filter((a) => a !== to.name);
    const renamed = await tx.tag.update({ where: { id: tag.id }, data: { name: to.name, label: to.label, kind, aliases } });
    await recordAudit(tx, { guildId, actorId, action: 'tag.rename', target: `tag:${tag.name}`, details: { to: to.name } });
    return { tag: renamed, previousLabel: tag.label, stories: storyIds.length, edits };
  });
}

/** Moves every story of `from` onto `into` and keeps `from` as an alias, so it resolves to `into` from now on. */
export async function mergeTags(prisma: Prisma, guildId: string, actorId: string, from: string, into: string, now: Date) {
  return prisma.$transaction(async (tx) => {
    const found = [await findTag(tx, guildId, from), await findTag(tx, guildId, into)];
    if (!found[0]) throw new UserError('not-found', `There is no tag "${from}" in this server.`);
    if (!found[1]) throw new UserError('not-found', `There is no tag "${into}" in this server.`);
    if (found[0].id === found[1].id) throw new UserError('conflict', 'Those are already the same tag.');
    // Locked before their links are copied: a member's link to the old tag (held FOR SHARE) is then in before the copy
    // or made afterwards on the merged tag; two merges chained at once take their turns.
    const { tags: locked, storyIds, edits } = await lockTagsForChange(tx, guildId, [found[0].id, found[1].id], now);
    const source = locked.find((t) => t.id === found[0]!.id);
    const target = locked.find((t) => t.id === found[1]!.id);
    if (!source || !target) throw new UserError('conflict', 'One of those tags was just merged into another; run the merge again with the names it has now.');
    // A merge moves stories and names; a ban is `/tags ban`'s to make, never a merge's in passing: into a banned tag
    // the stories would lose their tag unannounced, and out of one the ban would be lifted.
    const banned = [source, target].find((t) => t.banned);
    if (banned) throw new UserError('conflict', `The tag "${banned.label}" is banned, so it cannot be merged: banning "${source.label}" too is \`/tags ban\`.`);
    // In one statement: a row per story took a round trip each (11 s for 5,000 stories, the database held meanwhile).
    // A story carrying both keeps its link to `into`, with who added it, and is not counted as moved.
    const moved = await tx.$executeRaw`
      INSERT INTO "StoryTag" ("guildId", "storyId", "tagId", "addedById", "createdAt")
      SELECT "guildId", "storyId", ${target.id}, "addedById", "createdAt" FROM "StoryTag" WHERE "guildId" = ${guildId} AND "tagId" = ${source.id}
      ON CONFLICT DO NOTHING`;
    // Its removals from stories go with it (ADR 33): deleted with the old tag, the pipeline set the merged one on those
    // stories again, finding the old name among its aliases.
    await tx.$executeRaw`
      INSERT INTO "StoryTagRemoval" ("guildId", "storyId", "tagId", "removedById", "createdAt")
      SELECT r."guildId", r."storyId", ${target.id}, r."removedById", r."createdAt" FROM "StoryTagRemoval" r
      WHERE r."guildId" = ${guildId} AND r."tagId" = ${source.id}
        -- Not onto a story that carries the merged tag: it would hide what the story shows (a country's flag).
        AND NOT EXISTS (SELECT 1 FROM "StoryTag" st WHERE st."guildId" = r."guildId" AND st."storyId" = r."storyId" AND st."tagId" = ${target.id})
      ON CONFLICT DO NOTHING`;
    await tx.tag.delete({ where: { id: source.id } });
    const merged = await tx.tag.update({
      where: { id: target.id },
      data: { aliases: [...new Set([...target.aliases, source.name, ...source.aliases])] },
    });
    await recordAudit(tx, { guildId, actorId, action: 'tag.merge', target: `tag:${source.name}`, details: { into: target.name, stories: storyIds.length, moved } });
    return { tag: merged, previousLabel: source.label, moved, alreadyTagged: storyIds.length - moved, edits };
  });
}

/** Most used tags in a guild, for `/news tags`. */
export async function topTags(tx: Tx, guildId: string, limit = 20) {
  const counts = await tx.storyTag.groupBy({ by: ['tagId'], where: { guildId }, _count: { _all: true }, orderBy: { _count: { tagId: 'desc' } }, take: limit });
  const tags = await tx.tag.findMany({ where: { id: { in: counts.map((c) => c.tagId) } } });
  const byId = new Map(tags.map((t) => [t.id, t]));
  return counts.flatMap((c) => {
    const tag = byId.get(c.tagId);
    return tag ? [{ name: tag.name, label: tag.label, kind: tag.kind, stories: c._count._all }] : [];
  });
}

/** How many of a guild's newest tagged stories rank its tags for autocomplete (suggestTags). */
export const suggestRankStories = 1000;

/**
 * The guild's tags whose name contains the typed text, for autocomplete: most used on the guild's newest tagged
 * stories first, then by name. Counting every link of every tag read StoryTag across all servers on each keystroke
 * (0.3 s at 200,000 links); this reads at most `suggestRankStories` stories' links, however large the instance or
 * this server's history grows.
 *
 * The plan is fixed by the query's shape, not left to the planner: without statistics (PGlite has them only after
 * the nightly VACUUM ANALYZE) it guesses a guild has a few hundred links and sorts all of them rather than read the
 * primary key (guildId, storyId, tagId) backwards. So `newest` steps down that key one story at a time (each step a
 * max(), one index descent), and each story's links are looked up by the key (OFFSET 0 keeps it a per-story lookup);
 * MATERIALIZED counts them once, where the planner would count them again for every matching tag.
 */
export async function suggestTags(tx: Tx, guildId: string, typed: string, limit = 25): Promise<SuggestedTag[]> {
  // The tag's fields come with the ranking, in the order it gives: autocomplete runs this on every keystroke.
  return tx.$queryRaw<SuggestedTag[]>`
    WITH RECURSIVE newest (id, n) AS (
      SELECT max("storyId"), 1 FROM "StoryTag" WHERE "guildId" = ${guildId}
      UNION ALL
      SELECT (SELECT max("storyId") FROM "StoryTag" WHERE "guildId" = ${guildId} AND "storyId" < newest.id), n + 1
      FROM newest WHERE newest.id IS NOT NULL AND n < ${suggestRankStories}
    ),
    uses AS MATERIALIZED (
      SELECT link."tagId", count(*) AS n
      FROM newest CROSS JOIN LATERAL (SELECT "tagId" FROM "StoryTag" WHERE "guildId" = ${guildId} AND "storyId" = newest.id OFFSET 0) link
      GROUP BY link."tagId"
    )
    SELECT t.id, t.name, t.label, t.kind::text AS kind FROM "Tag" t LEFT JOIN uses ON uses."tagId" = t.id
    WHERE t."guildId" = ${guildId} AND NOT t.banned AND strpos(t.name, ${typed}) > 0
    ORDER BY coalesce(uses.n, 0) DESC, t.name ASC
    LIMIT ${limit}`;
}

export interface SuggestedTag {
  id: number;
  name: string;
  label: string;
  kind: TagKind;
}

export async function tagsOfStory(tx: Tx, guildId: string, storyId: number) {
  const links = await tx.storyTag.findMany({ where: { guildId, storyId }, include: { tag: true }, orderBy: { createdAt: 'asc' } });
  return links.map((l) => ({ ...l.tag, addedById: l.addedById }));
}
