// Personal alerts, the storage side: the stories newly in a guild where members follow things (queued as one
// QueuedStory row per guild in the transaction that stores the story, whatever the number of followers), and the
// batches the DM worker claims, sends and deletes. Which members a queued story concerns is found later, by the
// worker, in src/db/alert-fanout.ts (ADR 20).
import { Prisma as P } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';
import { admittedIn, followersOf, planDeliveriesIn, withSourcesNow, type PlanInput, type PlannedDelivery } from './deliveries.js';
import type { Tx } from './tx.js';

export type { KeywordProbe } from './alert-fanout.js';

export interface QueuedStoryFacts {
  storyId: number;
  /** The article that brought the story: the worker looks for keywords in it. */
  articleId: number;
  at: Date;
  /** Guilds that have the story for the first time, with its countries, region slugs and tag names there. */
  guilds: { guildId: string; countries: readonly string[]; regions: readonly string[]; tags: readonly string[] }[];
}

/**
 * Records that the story reached these guilds, for the alert worker to find their followers: one small row per guild,
 * so what the store transaction does does not grow with how many members follow the story. Returns the rows written.
 */
export async function queueStoryForFollowers(tx: Tx, story: QueuedStoryFacts): Promise<number> {
  if (story.guilds.length === 0) return 0;
  // One statement, the guilds as one JSON parameter (their regions and tags are arrays of different lengths): about
  // half the time of the same insert through createMany.
  return tx.$executeRaw`
    INSERT INTO "QueuedStory" ("guildId", "storyId", "articleId", countries, regions, tags, "createdAt")
    SELECT g."guildId", ${story.storyId}::int, ${story.articleId}::int, g.countries, g.regions, g.tags, ${story.at}::timestamp
    FROM json_to_recordset(${JSON.stringify(story.guilds)}::json) AS g("guildId" text, countries text[], regions text[], tags text[])
    ON CONFLICT DO NOTHING`;
}

/**
 * planDeliveriesIn, then the story queued for the followers of the guilds shown it for the first time, in the
 * same transaction: the seam between storing a story and telling its followers. A crash after the commit loses no
 * alert (the queue is in the database); another outlet joining the story later queues nothing.
 */
export async function planDeliveriesWithAlerts(
  tx: Tx,
  input: PlanInput,
  story: { newStory: boolean; articleId: number },
): Promise<PlannedDelivery[]> {
  // Most guilds follow nothing: their stories cost no look-up and no row. A backfill is posted, not alerted: the
  // newest items a source had when a moderator added it are not news to its members. Nor is what a source's filter
  // kept out: moderators filter a feed to what their server wants to hear of, and an article the filter held back
  // reached members' DMs all the same. A guild is told through a source of it that lets the article through.
  const following = followersOf(input.audience, input.articleCreatedAt)
    .filter((s) => input.audience.followingGuilds.has(s.guildId) && admittedIn(input.views, s.guildId, s.filter))
    .map((s) => s.guildId);
  const guildIds = [...new Set(following)];
  const known = story.newStory || guildIds.length === 0 ? new Set<string>() : await guildsShownStory(tx, input.storyId, guildIds);
  const planned = await planDeliveriesIn(tx, input);
  const guilds = guildIds
    .filter((g) => !known.has(g))
    .map((guildId) => {
      const view = input.views.get(guildId);
      // The countries a story is tagged with there (its six most salient), not every country named in passing.
      return { guildId, countries: view?.countries ?? [], regions: view?.regions ?? [], tags: (view?.tags ?? []).map((t) => t.name) };
    });
  await queueStoryForFollowers(tx, { storyId: input.storyId, articleId: story.articleId, at: input.now, guilds });
  return planned;
}

/**
 * planDeliveriesWithAlerts for an article stored before (through another feed) that this feed's item brings as news to
 * guilds without its story: their followers are told, as of any story new to a guild.
 */
export async function planCarriedWithAlerts(prisma: Prisma, input: PlanInput, articleId: number): Promise<PlannedDelivery[]> {
  if (!followersOf(input.audience, input.articleCreatedAt, input.backfillSourceIds).length) return [];
  return prisma.$transaction(async (tx) => {
    // The sources as they are now (one removed or moved since the poll began alerts nobody), for alerts and posts alike.
    const audience = await withSourcesNow(tx, input.audience);
    return planDeliveriesWithAlerts(tx, { ...input, audience, sourcesRead: true, newGuildsOnly: true }, { newStory: false, articleId });
  });
}

/**
 * The guilds that were shown the story: a post of it made or planned, or held for the digest. A guild that has it only
 * as a stored story (every source that brought it had a filter keeping it out) was not: the later article that passes
 * a filter posts it there (store_plan_story) and is news to its followers, as a story new to the guild is.
 */
export async function guildsShownStory(tx: Tx, storyId: number, guildIds: string[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ guildId: string }[]>`
    SELECT "guildId" FROM "Delivery" WHERE "storyId" = ${storyId}::int AND "guildId" = ANY(${guildIds}::text[])
    UNION SELECT "guildId" FROM "HeldPost" WHERE "storyId" = ${storyId}::int AND "guildId" = ANY(${guildIds}::text[])`;
  return new Set(rows.map((r) => r.guildId));
}

export interface DueMember {
  userId: string;
  timezone: string;
  quietStart: string | null;
  quietEnd: string | null;
  batchMinutes: number;
  lastDmAt: Date | null;
  /** When the member's oldest waiting alert was queued: the order, and where the next page starts. */
  oldest: Date;
}

/**
 * Members with alerts waiting whose last DM is at least their batch interval old, longest waiting first, a page at a
 * time from `after` (the last member of the page before): members in their quiet hours are skipped by the caller, and
 * must not keep everyone behind them waiting.
 */
export async function dueAlertMembers(tx: Tx, now: Date, limit: number, after?: Pick<DueMember, 'oldest' | 'userId'>): Promise<DueMember[]> {
  const from = after ? P.sql`WHERE (p.oldest, p."userId") > (${after.oldest}::timestamp, ${after.userId})` : P.empty;
  return tx.$queryRaw<DueMember[]>`
    SELECT p."userId", p.oldest, COALESCE(m.timezone, 'UTC') AS timezone, m."quietStart", m."quietEnd", COALESCE(m."batchMinutes", 60)::int AS "batchMinutes", m."lastDmAt"
    FROM (SELECT "userId", min("createdAt") AS oldest FROM "PendingAlert" GROUP BY "userId") p
    LEFT JOIN "MemberAlerts" m ON m."userId" = p."userId"
    ${from} ${after ? P.sql`AND` : P.sql`WHERE`} (m."userId" IS NULL OR (NOT m."dmClosed" AND (m."lastDmAt" IS NULL OR m."lastDmAt" <= ${now}::timestamp - make_interval(mins => m."batchMinutes"))))
    ORDER BY p.oldest, p."userId"
    LIMIT ${limit}`;
}

export interface AlertBatch {
  userId: string;
  /** The member's last DM before this claim, put back if the DM could not be sent for a passing reason. */
  previousDmAt: Date | null;
  batchMinutes: number;
  alerts: { guildId: string; storyId: number }[];
}

/**
 * Claims the member's next DM: its time slot (lastDmAt, so no other process or tick sends one within the batch
 * interval) and the alerts waiting, oldest first, up to `max` and then the rest of their stories' rows: a story owed
 * through several servers comes with all of them, for the DM to list it through one it can still be shown in, and
 * finishing deletes its rows in all. The alerts stay until finished: a crash after sending repeats them once, never
 * loses them. Null when another process claimed the member first.
 */
export async function claimAlertBatch(prisma: Prisma, member: DueMember, now: Date, max = 200): Promise<AlertBatch | null> {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ userId: string }[]>`
      INSERT INTO "MemberAlerts" ("userId", "lastDmAt", "updatedAt") VALUES (${member.userId}, ${now}::timestamp, ${now}::timestamp)
      ON CONFLICT ("userId") DO UPDATE SET "lastDmAt" = EXCLUDED."lastDmAt", "updatedAt" = EXCLUDED."updatedAt"
      WHERE NOT "MemberAlerts"."dmClosed"
        AND ("MemberAlerts"."lastDmAt" IS NULL OR "MemberAlerts"."lastDmAt" <= ${now}::timestamp - make_interval(mins => "MemberAlerts"."batchMinutes"))
      RETURNING "userId"`;
    if (claimed.length === 0) return null;
    const oldest = await tx.pendingAlert.findMany({ where: { userId: member.userId }, orderBy: [{ createdAt: 'asc' }, { storyId: 'asc' }], take: max, select: { storyId: true } });
    const alerts = await tx.pendingAlert.findMany({
      where: { userId: member.userId, storyId: { in: [...new Set(oldest.map((a) => a.storyId))] } },
      orderBy: [{ createdAt: 'asc' }, { storyId: 'asc' }, { guildId: 'asc' }],
      select: { guildId: true, storyId: true },
    });
    return { userId: member.userId, previousDmAt: member.lastDmAt, batchMinutes: member.batchMinutes, alerts };
  });
}

/** The alerts went out (or are moot): their stories' alerts are deleted, through every server they were owed through,
 * including a row written since the claim (a fan-out, a merge): the member has had the story. */
export async function finishAlerts(tx: Tx, batch: Pick<AlertBatch, 'userId' | 'alerts'>): Promise<void> {
  if (batch.alerts.length) await tx.pendingAlert.deleteMany({ where: { userId: batch.userId, storyId: { in: batch.alerts.map((a) => a.storyId) } } });
}

/**
 * The DM went out, telling the member of the stories `told`: their alerts are deleted and they are remembered for the
 * member, so that a story reaching another of their servers later (alert-fanout.ts) does not DM them about it again.
 * A story of the batch the DM could not tell (owed only through servers the member left or that turned alerts off) is
 * not remembered, so that reaching another of their servers later still tells them; exactly its claimed alerts go.
 * One transaction: all or nothing.
 */
export async function finishSentAlerts(prisma: Prisma, batch: Pick<AlertBatch, 'userId' | 'alerts'>, sentAt: Date, told: ReadonlySet<number>): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const sent = [...new Set(batch.alerts.map((a) => a.storyId))].filter((id) => told.has(id));
    await tx.sentAlert.createMany({ data: sent.map((storyId) => ({ userId: batch.userId, storyId, sentAt })), skipDuplicates: true });
    await finishAlerts(tx, { userId: batch.userId, alerts: batch.alerts.filter((a) => told.has(a.storyId)) });
    const untold = batch.alerts.filter((a) => !told.has(a.storyId));
    if (untold.length) await tx.pendingAlert.deleteMany({ where: { userId: batch.userId, OR: untold.map((a) => ({ guildId: a.guildId, storyId: a.storyId })) } });
  });
}

/** Remembered DMs about stories that closed long ago (nightly maintenance): such a story reaches no new server. */
export async function pruneSentAlerts(prisma: Prisma, olderThan: Date): Promise<number> {
  return (await prisma.sentAlert.deleteMany({ where: { sentAt: { lt: olderThan } } })).count;
}

/** The DM failed for a passing reason (Discord down, rate limits): the member may be tried again next tick. */
export async function releaseAlertBatch(tx: Tx, batch: AlertBatch): Promise<void> {
  await tx.memberAlerts.update({ where: { userId: batch.userId }, data: { lastDmAt: batch.previousDmAt } });
}

/** Nothing of the batch can be shown (alerts turned off, the member left, the stories are gone): exactly the alerts
 * it claimed go, and the slot is given back, so the next story is not held for a whole interval. Nothing was sent, so
 * a row written since the claim (another process's fan-out, a merge moving rows) stays: it may be owed through a
 * server that can still show the story. */
export async function dropAlertBatch(prisma: Prisma, batch: AlertBatch): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const byGuild = new Map<string, number[]>();
    for (const a of batch.alerts) byGuild.set(a.guildId, [...(byGuild.get(a.guildId) ?? []), a.storyId]);
    if (byGuild.size) {
      await tx.pendingAlert.deleteMany({ where: { userId: batch.userId, OR: [...byGuild].map(([guildId, storyIds]) => ({ guildId, storyId: { in: storyIds } })) } });
    }
    await releaseAlertBatch(tx, batch);
  });
}

/** Discord refused the DM (the member closed DMs from server members or blocked Gazette): stop until they /follow again. */
export async function closeAlerts(prisma: Prisma, userId: string): Promise<void> {
  await prisma.$transaction([
    prisma.memberAlerts.update({ where: { userId }, data: { dmClosed: true } }),
    prisma.pendingAlert.deleteMany({ where: { userId } }),
  ]);
}

/** The member left the guild: their follows there go, with what they had waiting from it (a story also owed through
 * another of their servers stays owed there). */
export async function forgetMemberInGuild(prisma: Prisma, userId: string, guildId: string): Promise<void> {
  await prisma.$transaction([prisma.follow.deleteMany({ where: { userId, guildId } }), prisma.pendingAlert.deleteMany({ where: { userId, guildId } })]);
}

/** Guilds among these where moderators have alerts on. */
export async function guildsWithFollowsOn(tx: Tx, guildIds: string[]): Promise<Set<string>> {
  const rows = await tx.guild.findMany({ where: { id: { in: guildIds }, followsEnabled: true }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** What each story is about in a guild (its countries, its tags there), to name the follows an alert matched. */
export async function alertStoryFacts(tx: Tx, guildId: string, storyIds: number[]) {
  const [stories, links] = await Promise.all([
    tx.story.findMany({ where: { id: { in: storyIds } }, select: { id: true, countries: true } }),
    tx.storyTag.findMany({ where: { guildId, storyId: { in: storyIds } }, select: { storyId: true, tag: { select: { name: true, kind: true, aliases: true } } } }),
  ]);
  const facts = new Map(stories.map((s) => [s.id, { countries: s.countries, tags: [] as { name: string; kind: string; aliases: string[] }[] }]));
  for (const l of links) facts.get(l.storyId)?.tags.push(l.tag);
  return facts;
}
