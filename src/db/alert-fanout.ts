// Personal alerts, the fan-out: which members a queued story concerns. The store transaction only records that a story
// reached a guild (QueuedStory, src/db/alerts.ts); the alert worker calls expandQueuedStory before building DMs, one
// story per transaction, and the matched members' PendingAlert rows are written there, off the store path (ADR 20).
//
// Matching costs O(matching follows), not O(all follows): countries, regions and tag names are looked up by
// (kind, value, guildId) equality in the guilds that newly have the story; keyword follows (their words joined by
// single spaces) by their first word among the article's words, single words queued at once and phrases confirmed
// by the filter language's matcher.
import { Prisma as P } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';
import type { Tx } from './tx.js';

/** What keyword follows look for in an article. */
export interface KeywordProbe {
  /** The article's words as the filter language reads them: a single-word follow equal to one matches. */
  words(): string[];
  /** Whether the article has these words in a row (the filter language's matcher). */
  has(words: string[]): boolean;
}

export type KeywordReader = (article: { title: string; text: string }) => KeywordProbe;

export interface StoryAlertFacts {
  storyId: number;
  at: Date;
  /** Guilds that have the story for the first time, with its countries, region slugs and tag names there. */
  guilds: { guildId: string; countries: readonly string[]; regions: readonly string[]; tags: readonly string[] }[];
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
    for (const value of g.countries) keys.push({ kind: 'country', value, guildId: g.guildId });
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

interface QueuedRow {
  id: number;
  guildId: string;
  storyId: number;
  articleId: number;
  countries: string[];
  regions: string[];
  tags: string[];
  createdAt: Date;
}

export type Expansion =
  | { status: 'empty' }
  | { status: 'expanded'; storyId: number; guilds: number; queued: number }
  /** The transaction failed and rolled back: the story stays queued, unless it has now failed `maxAttempts` times. */
  | { status: 'failed'; storyId: number; error: unknown; dropped: boolean };

const maxAttempts = 3;

/**
 * Finds the followers of the oldest queued story, in one transaction: its QueuedStory rows are claimed and deleted
 * (SKIP LOCKED: another process takes other rows), and the PendingAlert rows written in the same commit. A
 * crash before the commit leaves the story queued; nothing is lost and nothing is queued twice (PendingAlert is unique
 * per member and story).
 */
export async function expandQueuedStory(prisma: Prisma, readKeywords: KeywordReader): Promise<Expansion> {
  let storyId: number | undefined;
  try {
    return await prisma.$transaction(async (tx): Promise<Expansion> => {
      // Claimed, read and deleted in one statement: a rollback puts the rows back. The oldest story's rows that no
      // other process holds (SKIP LOCKED), with the article that brought it, for its keywords.
      const rows = await tx.$queryRaw<(QueuedRow & { title: string | null; text: string | null })[]>`
        WITH claimed AS (
          DELETE FROM "QueuedStory" WHERE id IN (
            SELECT id FROM "QueuedStory" WHERE "storyId" = (SELECT "storyId" FROM "QueuedStory" ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
            FOR UPDATE SKIP LOCKED)
          RETURNING id, "guildId", "storyId", "articleId", countries, regions, tags, "createdAt"
        )
        SELECT c.*, a.title, a.text FROM claimed c LEFT JOIN "Article" a ON a.id = c."articleId" ORDER BY c.id`;
      if (!rows[0]) return { status: 'empty' };
      const story = (storyId = rows[0].storyId);
      let queued = 0;
      // Usually one article brought the story to every guild; when two did (both stored between two rounds), each
      // guild's keywords are looked for in its own.
      for (const group of groupBy(rows, (r) => r.articleId)) {
        const first = group[0]!;
        const at = group.reduce((min, r) => (r.createdAt < min ? r.createdAt : min), first.createdAt);
        const keywords = readKeywords({ title: first.title ?? '', text: first.text ?? '' });
        queued += await queueStoryAlerts(tx, { storyId: story, at, guilds: group, keywords });
      }
      return { status: 'expanded', storyId: story, guilds: rows.length, queued };
    });
  } catch (error) {
    if (storyId === undefined) throw error;
    // A story that fails every time (bad data, a bug) must not hold every later story back: counted, dropped at the third.
    const dropped = await countFailure(prisma, storyId);
    return { status: 'failed', storyId, error, dropped };
  }
}

async function countFailure(prisma: Prisma, storyId: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    await tx.queuedStory.updateMany({ where: { storyId }, data: { attempts: { increment: 1 } } });
    return (await tx.queuedStory.deleteMany({ where: { storyId, attempts: { gte: maxAttempts } } })).count > 0;
  });
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
}
