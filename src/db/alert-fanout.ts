// Personal alerts, the fan-out: which members a queued story concerns. The store transaction only records that a story
// reached a guild (QueuedStory, src/db/alerts.ts); the alert worker calls expandQueuedStory before building DMs, one
// statement per story that claims its rows and writes the matched members' PendingAlert rows, off the store path
// (ADR 20).
//
// Matching costs O(matching follows), not O(all follows): countries, regions and tag names are looked up by
// (kind, value, guildId) equality in the guilds that newly have the story; keyword follows (their words joined by
// single spaces) by their first word among the article's words, phrases then found in its words in order.
import { Prisma as P } from '../generated/prisma/client.js';
import type { Prisma } from './client.js';
import type { Tx } from './tx.js';

/** What keyword follows look for in an article. */
export interface KeywordProbe {
  /** The article's distinct words as the filter language reads them: a single-word follow equal to one matches. */
  words(): string[];
  /** All its words in order, joined by single spaces: a phrase follow (its words joined the same way) matches where
   * it is found between two spaces, i.e. its words in a row, as the filter language's `"quoted phrase"`. It may hold
   * gaps (a word no follow holds) where a phrase must not run on: between title and text, say. */
  sequence(): string;
  /** Its words joined as their scripts write them (src/text/unspaced.ts joinWords), gaps kept: a follow written in a
   * script without spaces matches where its letters are found in it. `words()` then holds each such letter, the key
   * those follows are looked up by. */
  joined(): string;
}

export type KeywordReader = (article: { title: string; text: string }) => KeywordProbe;

export interface StoryAlertFacts {
  storyId: number;
  at: Date;
  /** Guilds that have the story for the first time, with its countries, region slugs and tag names there. */
  guilds: { guildId: string; countries: readonly string[]; regions: readonly string[]; tags: readonly string[] }[];
  keywords: KeywordProbe;
  /** The QueuedStory rows these facts come from: the statement deletes them and matches only the guilds whose row it
   * deleted, so a worker that lost the race for a row queues nothing for it. Absent, every guild is matched. */
  claim?: number[];
}

/**
 * Keyword follows in these guilds that the article matches: a single word equal to one of its words, or a phrase
 * whose first word is one of them and whose words are in its words in order, or a run of a script without spaces
 * (looked up by its first letter, src/db/follows.ts keywordFirstWord) found in its joined words. One equality join on the follows' first
 * word (a single word is its own), indexed with the guild, whose size the planner estimates well from the guilds'
 * statistics (a range per word it would not), so it picks by guild size: an index lookup per word in a large guild,
 * one pass over a small guild's few keywords.
 */
function keywordMatches(keywords: KeywordProbe, guildIds: string[]): P.Sql {
  return P.sql`
    SELECT x."userId", x."guildId" FROM unnest(${keywords.words()}::text[]) AS w(word)
    JOIN "Follow" x ON x."firstWord" = w.word AND x."guildId" = ANY(${guildIds}::text[]) AND x.kind = 'keyword'
    WHERE CASE WHEN x."firstWord" = split_part(x.value, ' ', 1)
      THEN strpos(x.value, ' ') = 0 OR strpos(${` ${keywords.sequence()} `}::text, ' ' || x.value || ' ') > 0
      ELSE strpos(${keywords.joined()}::text, x.value) > 0 END`;
}

/**
 * The members a story's facts alert, as the CTEs of one statement ending in `one` ("userId", "guildId"): one row per
 * member and guild they follow a match in, whichever follows matched there, only in guilds with alerts on and for
 * members whose DMs are open. Every guild is kept, not the first: the alert is owed through each, so a member who
 * leaves one (or whose guild turns alerts off) before the DM still gets it through another; the DM lists the story
 * once. With `claim` the statement also deletes those QueuedStory rows, and matches only the guilds whose row it deleted.
 */
function matchedMembers(facts: StoryAlertFacts): P.Sql {
  const kinds: string[] = [];
  const values: string[] = [];
  const keyGuilds: string[] = [];
  for (const g of facts.guilds) {
    const add = (kind: string, list: readonly string[]) => list.forEach((v) => (kinds.push(kind), values.push(v), keyGuilds.push(g.guildId)));
    add('country', g.countries);
    add('region', g.regions);
    add('tag', g.tags);
  }
  const guildIds = facts.guilds.map((g) => g.guildId);
  const claimed = facts.claim
    ? P.sql`DELETE FROM "QueuedStory" WHERE id = ANY(${facts.claim}::int[]) RETURNING "guildId"`
    : P.sql`SELECT unnest(${guildIds}::text[]) AS "guildId"`;
  // Guilds claimed where moderators left alerts on, found once (an array the statement computes before the rest).
  const on = P.sql`ARRAY(SELECT g.id FROM "Guild" g JOIN claimed c ON c."guildId" = g.id WHERE g."followsEnabled")`;
  // Countries, regions and tags are looked up one (kind, value, guild) at a time, the lateral sub-select kept apart
  // (OFFSET 0) so that the planner cannot turn it into a merge join on the guild alone: it did, reading every follow
  // of a large guild and filtering 32,000 pairs for one story (21 ms for 551 members, 4.6 ms this way). Guilds with
  // alerts off are dropped before the lookups.
  // The member's DMs, asked after one row per member and guild is left, through the primary key (a scalar sub-select the
  // planner keeps as one), never as an anti-join that could read every member's settings.
  return P.sql`
    claimed AS (${claimed}),
    kw AS MATERIALIZED (${keywordMatches(facts.keywords, guildIds)}),
    matched AS (
      SELECT f."userId", f."guildId" FROM unnest(${kinds}::text[], ${values}::text[], ${keyGuilds}::text[]) AS k(kind, value, "guildId")
      CROSS JOIN LATERAL (
        SELECT x."userId", x."guildId" FROM "Follow" x WHERE x.kind = k.kind::"FollowKind" AND x.value = k.value AND x."guildId" = k."guildId" OFFSET 0
      ) f
      WHERE k."guildId" = ANY(${on})
      UNION ALL
      -- A tag moderators renamed or merged is followed by the name it has now (or the other tag's); the story's facts
      -- carry the pipeline's name, now one of its aliases.
      SELECT f."userId", f."guildId" FROM unnest(${kinds}::text[], ${values}::text[], ${keyGuilds}::text[]) AS k(kind, value, "guildId")
      JOIN "Tag" t ON k.kind = 'tag' AND t."guildId" = k."guildId" AND t.aliases @> ARRAY[k.value] AND t.name <> k.value AND NOT t.banned
      CROSS JOIN LATERAL (
        SELECT x."userId", x."guildId" FROM "Follow" x WHERE x.kind = 'tag' AND x.value = t.name AND x."guildId" = k."guildId" OFFSET 0
      ) f
      WHERE k."guildId" = ANY(${on})
      UNION ALL
      SELECT "userId", "guildId" FROM kw WHERE "guildId" = ANY(${on})
    ),
    one AS (
      SELECT d."userId", d."guildId" FROM (SELECT DISTINCT mt."userId", mt."guildId" FROM matched mt) d
      WHERE (SELECT m."dmClosed" FROM "MemberAlerts" m WHERE m."userId" = d."userId") IS NOT TRUE
        -- Already DMed about this story (it reached another of their servers first): a key lookup, as above.
        AND NOT EXISTS (SELECT 1 FROM "SentAlert" s WHERE s."userId" = d."userId" AND s."storyId" = ${facts.storyId}::int)
    )`;
}

/**
 * Queues the story for every member whose follows match it in a guild that newly has it, in one statement (its own
 * transaction: no round trips for BEGIN and COMMIT, nothing half done after a crash). One row per member and guild,
 * whichever follows matched there (`queued` counts them); a guild with alerts off and a member whose DMs are closed
 * get none.
 */
export async function queueStoryAlerts(db: Tx | Prisma, facts: StoryAlertFacts): Promise<{ guilds: number; queued: number }> {
  if (facts.guilds.length === 0) return { guilds: 0, queued: 0 };
  const [row] = await db.$queryRaw<{ guilds: number; queued: number }[]>`
    WITH ${matchedMembers(facts)},
    queued AS (
      INSERT INTO "PendingAlert" ("userId", "guildId", "storyId", "createdAt")
      SELECT one."userId", one."guildId", ${facts.storyId}::int, ${facts.at}::timestamp FROM one
      ON CONFLICT DO NOTHING RETURNING 1
    )
    SELECT (SELECT count(*)::int FROM claimed) AS guilds, (SELECT count(*)::int FROM queued) AS queued`;
  return row!;
}

/**
 * How many members the story's facts would alert, reading only (no claim, nothing written): the matching that
 * queueStoryAlerts does before it writes a row per member, which the alerts benchmark times on its own.
 */
export async function countStoryAlerts(db: Tx | Prisma, facts: Omit<StoryAlertFacts, 'claim'>): Promise<number> {
  if (facts.guilds.length === 0) return 0;
  const [row] = await db.$queryRaw<{ members: number }[]>`WITH ${matchedMembers(facts)} SELECT count(*)::int AS members FROM one`;
  return row!.members;
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
  /** `guilds` is how many of its rows this call claimed: 0 when another worker took them all first. */
  | { status: 'expanded'; storyId: number; guilds: number; queued: number }
  /** Matching failed and wrote nothing: the story stays queued, unless it has now failed `maxAttempts` times. */
  | { status: 'failed'; storyId: number; error: unknown; dropped: boolean };

const maxAttempts = 3;

/**
 * Finds the followers of the oldest queued story: its QueuedStory rows and the article that brought it are read, then
 * one statement per article deletes the rows and writes the PendingAlert rows (queueStoryAlerts with `claim`). Each
 * statement is atomic, so a crash leaves the story queued with nothing written, and of two workers that read the
 * same story only the one whose statement deletes a row matches its guild; nothing is queued twice (PendingAlert is
 * unique per member, story and guild). No interactive transaction: BEGIN, COMMIT and a row lock held across the keyword
 * reading would cost more round trips than the matching itself.
 */
export async function expandQueuedStory(prisma: Prisma, readKeywords: KeywordReader): Promise<Expansion> {
  const rows = await prisma.$queryRaw<(QueuedRow & { title: string | null; text: string | null })[]>`
    SELECT q.id, q."guildId", q."storyId", q."articleId", q.countries, q.regions, q.tags, q."createdAt", a.title,
      -- Past RETENTION_DAYS an article's text is emptied and its summary is what is left (text-left.ts): a
      -- story queued for an old article (split out, or carried by another feed) is matched on it.
      COALESCE(NULLIF(a.text, ''), a.summary) AS text
    FROM "QueuedStory" q LEFT JOIN "Article" a ON a.id = q."articleId"
    WHERE q."storyId" = (SELECT "storyId" FROM "QueuedStory" ORDER BY id LIMIT 1)
    ORDER BY q.id`;
  if (!rows[0]) return { status: 'empty' };
  const storyId = rows[0].storyId;
  try {
    let guilds = 0;
    let queued = 0;
    // Usually one article brought the story to every guild; when two did (both stored between two rounds), each
    // guild's keywords are looked for in its own.
    for (const group of groupBy(rows, (r) => r.articleId)) {
      const first = group[0]!;
      const at = group.reduce((min, r) => (r.createdAt < min ? r.createdAt : min), first.createdAt);
      const keywords = readKeywords({ title: first.title ?? '', text: first.text ?? '' });
      const done = await queueStoryAlerts(prisma, { storyId, at, guilds: group, keywords, claim: group.map((r) => r.id) });
      guilds += done.guilds;
      queued += done.queued;
    }
    return { status: 'expanded', storyId, guilds, queued };
  } catch (error) {
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
