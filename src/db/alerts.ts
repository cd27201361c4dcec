// Personal alerts, the storage side: which members a story newly in a guild concerns (queued as PendingAlert rows in
// the transaction that stores the story), and the batches the DM worker claims, sends and deletes.
//
// Matching costs O(matching follows), not O(all follows): countries, regions and tag names are looked up by
// (kind, value, guildId) equality in the guilds that newly have the story; keyword follows (their words joined by
// single spaces) by their first word among the article's words, single words queued at once and phrases confirmed
// by the filter language's matcher.
import { Prisma as P } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';
import { followersOf, planDeliveriesIn, type PlanInput, type PlannedDelivery } from './deliveries.js';
import type { Tx } from './tx.js';

/** What keyword follows look for in an article. */
export interface KeywordProbe {
  /** The article's words as the filter language reads them: a single-word follow equal to one matches. */
  words(): string[];
  /** Whether the article has these words in a row (the filter language's matcher). */
  has(words: string[]): boolean;
}

export interface StoryAlertFacts {
  storyId: number;
  at: Date;
  countries: readonly string[];
  /** Guilds that have the story for the first time, with its region slugs and tag names there. */
  guilds: { guildId: string; regions: readonly string[]; tags: readonly string[] }[];
  keywords: KeywordProbe;
}

/**
 * Keyword follows in these guilds that the article's words can match: a single word equal to one of them, or a
 * phrase whose first word is one of them (the matcher then checks the rest). Both are equality joins, whose sizes the
 * planner estimates well from the guilds' statistics (a range per word it would not), so it picks by guild size: an
 * index lookup per word in a large guild, one pass over a small guild's few keywords.
 */
function keywordCandidates(words: string[], guildIds: string[]): P.Sql {
  return P.sql`
    SELECT x."userId", x."guildId", x.value FROM unnest(${words}::text[]) AS w(word)
    JOIN "Follow" x ON x.kind = 'keyword' AND x.value = w.word AND x."guildId" = ANY(${guildIds}::text[])
    UNION ALL
    SELECT x."userId", x."guildId", x.value FROM unnest(${words}::text[]) AS w(word)
    JOIN "Follow" x ON x.kind = 'keyword' AND x."guildId" = ANY(${guildIds}::text[]) AND strpos(x.value, ' ') > 0 AND split_part(x.value, ' ', 1) = w.word`;
}

// A member whose DMs are closed gets nothing queued. Asked per matched follow through the primary key (a scalar
// sub-select the planner keeps as one), never as an anti-join that could read every member's settings.
const dmOpen = (userId: P.Sql) => P.sql`(SELECT m."dmClosed" FROM "MemberAlerts" m WHERE m."userId" = ${userId}) IS NOT TRUE`;

/** Queues the story for every member whose follows match it in a guild that newly has it; returns how many. */
export async function queueStoryAlerts(tx: Tx, facts: StoryAlertFacts): Promise<number> {
  if (facts.guilds.length === 0) return 0;
  const keys: { kind: string; value: string; guildId: string }[] = [];
  for (const g of facts.guilds) {
    for (const value of facts.countries) keys.push({ kind: 'country', value, guildId: g.guildId });
    for (const value of g.regions) keys.push({ kind: 'region', value, guildId: g.guildId });
    for (const value of g.tags) keys.push({ kind: 'tag', value, guildId: g.guildId });
  }
  const guildIds = facts.guilds.map((g) => g.guildId);
  const words = facts.keywords.words();
  // Guilds where moderators left alerts on, found once (an array the statement computes before anything else).
  const on = P.sql`ARRAY(SELECT id FROM "Guild" WHERE id = ANY(${guildIds}::text[]) AND "followsEnabled")`;
  // Countries, regions, tags and single keywords need no second look (a keyword's words are the article's as the
  // filter language reads them): they are queued inside the statement. Only phrases come back, for the matcher to
  // check their words are in a row.
  const rows = await tx.$queryRaw<{ userId: string | null; guildId: string | null; value: string | null; queued: number | null }[]>`
    WITH kw AS (${keywordCandidates(words, guildIds)}),
    matched AS (
      SELECT f."userId", f."guildId" FROM unnest(${keys.map((k) => k.kind)}::text[], ${keys.map((k) => k.value)}::text[], ${keys.map((k) => k.guildId)}::text[]) AS k(kind, value, "guildId")
      JOIN "Follow" f ON f.kind = k.kind::"FollowKind" AND f.value = k.value AND f."guildId" = k."guildId"
      UNION ALL
      SELECT "userId", "guildId" FROM kw WHERE strpos(value, ' ') = 0
    ),
    queued AS (
      INSERT INTO "PendingAlert" ("userId", "guildId", "storyId", "createdAt")
      SELECT DISTINCT ON (mt."userId") mt."userId", mt."guildId", ${facts.storyId}::int, ${facts.at}::timestamp FROM matched mt
      WHERE mt."guildId" = ANY(${on}) AND ${dmOpen(P.sql`mt."userId"`)}
      ORDER BY mt."userId", mt."guildId"
      ON CONFLICT DO NOTHING RETURNING 1
    )
    SELECT NULL AS "userId", NULL AS "guildId", NULL AS value, (SELECT count(*)::int FROM queued) AS queued
    UNION ALL
    SELECT c."userId", c."guildId", c.value, NULL FROM kw c
    WHERE strpos(c.value, ' ') > 0 AND c."guildId" = ANY(${on}) AND ${dmOpen(P.sql`c."userId"`)}`;
  let queued = rows.find((r) => r.queued !== null)?.queued ?? 0;
  const verdicts = new Map<string, boolean>();
  const confirmed = (phrase: string) => {
    let yes = verdicts.get(phrase);
    if (yes === undefined) verdicts.set(phrase, (yes = facts.keywords.has(phrase.split(' '))));
    return yes;
  };
  // One alert per member and story, whichever follows matched and in however many of their guilds (a member the
  // statement queued already is skipped by the unique key).
  const members = new Map<string, string>();
  for (const r of rows) if (r.userId && r.guildId && r.value !== null && !members.has(r.userId) && confirmed(r.value)) members.set(r.userId, r.guildId);
  if (members.size > 0) {
    queued += await tx.$executeRaw`
      INSERT INTO "PendingAlert" ("userId", "guildId", "storyId", "createdAt")
      SELECT u, g, ${facts.storyId}::int, ${facts.at}::timestamp FROM unnest(${[...members.keys()]}::text[], ${[...members.values()]}::text[]) AS x(u, g)
      ON CONFLICT DO NOTHING`;
  }
  return queued;
}

/**
 * planDeliveriesIn, then the alerts of the guilds that have the story for the first time, in the same transaction:
 * the seam between storing a story and telling its followers.
 */
export async function planDeliveriesWithAlerts(
  tx: Tx,
  input: PlanInput,
  story: { newStory: boolean; countries: readonly string[]; keywords: KeywordProbe },
): Promise<PlannedDelivery[]> {
  // Most guilds follow nothing: their stories cost no look-up, no tokenising of the article and no statement.
  const following = followersOf(input.audience, input.articleCreatedAt, input.backfillSourceIds).map((s) => s.guildId).filter((g) => input.audience.followingGuilds.has(g));
  const guildIds = [...new Set(following)];
  const known = story.newStory || guildIds.length === 0 ? new Set<string>() : await guildsWithStory(tx, input.storyId, guildIds);
  const planned = await planDeliveriesIn(tx, input);
  const guilds = guildIds
    .filter((g) => !known.has(g))
    .map((guildId) => {
      const view = input.views.get(guildId);
      return { guildId, regions: view?.regions ?? [], tags: (view?.tags ?? []).map((t) => t.name) };
    });
  // The countries a story is tagged with (its six most salient), not every country named in passing.
  if (guilds.length) await queueStoryAlerts(tx, { storyId: input.storyId, at: input.now, countries: story.countries.slice(0, 6), guilds, keywords: story.keywords });
  return planned;
}

export async function guildsWithStory(tx: Tx, storyId: number, guildIds: string[]): Promise<Set<string>> {
  const rows = await tx.guildStory.findMany({ where: { storyId, guildId: { in: guildIds } }, select: { guildId: true } });
  return new Set(rows.map((r) => r.guildId));
}

export interface DueMember {
  userId: string;
  timezone: string;
  quietStart: string | null;
  quietEnd: string | null;
  batchMinutes: number;
  lastDmAt: Date | null;
}

/** Members with alerts waiting whose last DM is at least their batch interval old, longest waiting first. */
export async function dueAlertMembers(tx: Tx, now: Date, limit: number): Promise<DueMember[]> {
  return tx.$queryRaw<DueMember[]>`
    SELECT p."userId", COALESCE(m.timezone, 'UTC') AS timezone, m."quietStart", m."quietEnd", COALESCE(m."batchMinutes", 60)::int AS "batchMinutes", m."lastDmAt"
    FROM (SELECT "userId", min("createdAt") AS oldest FROM "PendingAlert" GROUP BY "userId") p
    LEFT JOIN "MemberAlerts" m ON m."userId" = p."userId"
    WHERE m."userId" IS NULL OR (NOT m."dmClosed" AND (m."lastDmAt" IS NULL OR m."lastDmAt" <= ${now}::timestamp - make_interval(mins => m."batchMinutes")))
    ORDER BY p.oldest
    LIMIT ${limit}`;
}

export interface AlertBatch {
  userId: string;
  /** The member's last DM before this claim, put back if the DM could not be sent for a passing reason. */
  previousDmAt: Date | null;
  batchMinutes: number;
  alerts: { id: number; guildId: string; storyId: number }[];
}

/**
 * Claims the member's next DM: its time slot (lastDmAt, so no other process or tick sends one within the batch
 * interval) and the alerts waiting, oldest first. The alerts stay until `finishAlertBatch`: a crash after sending
 * repeats them once, never loses them. Null when another process claimed the member first.
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
    const alerts = await tx.pendingAlert.findMany({ where: { userId: member.userId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: max, select: { id: true, guildId: true, storyId: true } });
    return { userId: member.userId, previousDmAt: member.lastDmAt, batchMinutes: member.batchMinutes, alerts };
  });
}

/** The alerts went out (or are moot): they are deleted, exactly the ones claimed. */
export async function finishAlerts(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length) await tx.pendingAlert.deleteMany({ where: { id: { in: ids } } });
}

/** The DM failed for a passing reason (Discord down, rate limits): the member may be tried again next tick. */
export async function releaseAlertBatch(tx: Tx, batch: AlertBatch): Promise<void> {
  await tx.memberAlerts.update({ where: { userId: batch.userId }, data: { lastDmAt: batch.previousDmAt } });
}

/** Nothing of the batch can be shown (alerts turned off, the member left, the stories are gone): its alerts go and
 * the slot is given back, so the next story is not held for a whole interval. */
export async function dropAlertBatch(prisma: Prisma, batch: AlertBatch): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await finishAlerts(tx, batch.alerts.map((a) => a.id));
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

/** The member left the guild: their follows there go, with what they had waiting from it. */
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
    tx.storyTag.findMany({ where: { guildId, storyId: { in: storyIds } }, select: { storyId: true, tag: { select: { name: true, kind: true } } } }),
  ]);
  const facts = new Map(stories.map((s) => [s.id, { countries: s.countries, tags: [] as { name: string; kind: string }[] }]));
  for (const l of links) facts.get(l.storyId)?.tags.push(l.tag);
  return facts;
}
