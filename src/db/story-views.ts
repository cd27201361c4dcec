// A story as one guild sees it: lead article, other outlets, the guild's tags and votes, and where it was posted.
import type { TagKind } from '../generated/prisma/client.js';
import type { Tx } from './tx.js';
import { jsonColumn } from './json-column.js';

export interface StoryView {
  id: number;
  title: string;
  url: string;
  summary: string;
  /** The lead article, whose title, link and summary the post shows, and its language (ISO 639-1) when known. */
  leadArticleId?: number | undefined;
  language?: string | null | undefined;
  /** The language this guild's posts are written in (`/config language`), read with the story for its delivery. */
  guildLanguage: string;
  /** Set when the post is rendered for a guild in another language: "Translated from Russian", "In Russian". */
  languageNote?: string | undefined;
  sourceName: string;
  /** The lead article was shared by a member (`/news submit`), not read from a source a moderator chose. */
  leadShared?: boolean | undefined;
  author: string | null;
  publishedAt: Date | null;
  imageUrl: string | null;
  /** The story's countries (ISO codes, most salient first), the same in every guild: see `hiddenCountries`. */
  countries: string[];
  /**
   * The names (and former names) of the country tags this guild banned, or removed from this story: their countries
   * are not shown there.
   */
  hiddenCountries?: string[] | undefined;
  tags: { name: string; label: string; kind: TagKind }[];
  /**
   * Every article besides the lead, grouped by outlet: one entry per outlet, in the order each outlet first joined
   * the story. `count` is how many of that outlet's articles the story has besides the lead (so the lead's own outlet
   * appears when it published again), and `url` and `title` are its newest article's, the latest word on the story.
   */
  alsoCoveredBy: { sourceName: string; url: string; title: string; count: number; language?: string | undefined }[];
  votes: { count: number; sum: number };
  firstSeenAt: Date;
  threadId: string | null;
  posts: { guildId: string; channelId: string; messageId: string | null; threadId: string | null }[];
}

interface ViewRow {
  id: number;
  leadArticleId: number | null;
  mergedIntoId: number | null;
  countries: string[];
  firstSeenAt: Date;
  voteCount: number | null;
  voteSum: number | null;
  threadId: string | null;
  seen: boolean;
  /** Never null where `seen`: a guild–story row needs its guild. */
  guildLanguage: string;
  hiddenCountries: string[] | null;
  articles: ViewArticle[];
  tags: ViewTag[];
  posts: StoryView['posts'];
}

interface ViewArticle {
  id: number;
  feedId: number | null;
  title: string;
  url: string;
  sourceName: string;
  author: string | null;
  /** Milliseconds since the epoch: JSON has no dates. */
  publishedAt: number | null;
  imageUrl: string | null;
  summary: string;
  language: string | null;
}
interface ViewTag {
  name: string;
  label: string;
  kind: TagKind;
  banned: boolean;
}

/**
 * One statement for any number of (guild, story) pairs, not Prisma's six a pair (story, articles, guild–story row,
 * tags, posts, the guild's language): every post and every edit renders the story, and on a busy instance each round
 * trip and each query Prisma builds is the delivery worker's own CPU. A story's articles are the same in every guild,
 * so they are read and sent once per story (on its first pair), however many guilds' posts it has in the batch.
 */
async function readViewRows(tx: Tx, keys: readonly ViewKey[]): Promise<Map<number, ViewRow>> {
  // JSON arrives parsed from a PostgreSQL server and as text from the embedded database (json-column.ts).
  type RawRow = Omit<ViewRow, 'articles' | 'tags' | 'posts'> & { i: number; articles: ViewArticle[] | string | null; tags: ViewTag[] | string; posts: ViewRow['posts'] | string };
  const rows = await tx.$queryRaw<RawRow[]>`
    WITH k AS (SELECT * FROM unnest(${keys.map((k) => k.guildId)}::text[], ${keys.map((k) => k.storyId)}::int[]) WITH ORDINALITY AS k(g, sid, i)),
    first AS (SELECT DISTINCT ON (sid) i FROM k ORDER BY sid, i)
    SELECT k.i::int AS i, s.id, s."leadArticleId", s."mergedIntoId", s.countries, s."firstSeenAt",
      gs."voteCount", gs."voteSum", gs."threadId", gs."guildId" IS NOT NULL AS seen,
      (SELECT g.language FROM "Guild" g WHERE g.id = k.g) AS "guildLanguage",
      (SELECT array_agg(n) FROM "Tag" t, unnest(t.aliases || t.name) AS n WHERE t."guildId" = k.g AND t.kind = 'country'
        AND (t.banned OR EXISTS (SELECT 1 FROM "StoryTagRemoval" r WHERE r."guildId" = k.g AND r."storyId" = s.id AND r."tagId" = t.id))) AS "hiddenCountries",
      CASE WHEN f.i IS NOT NULL THEN COALESCE((SELECT json_agg(json_build_object('id', a.id, 'feedId', a."feedId", 'title', a.title, 'url', a.url, 'sourceName', a."sourceName",
          'author', a.author, 'publishedAt', (extract(epoch FROM a."publishedAt") * 1000)::float8, 'imageUrl', a."imageUrl",
          'summary', a.summary, 'language', a.language) ORDER BY a.id)
        FROM "Article" a WHERE a."storyId" = s.id), '[]') END AS articles,
      COALESCE((SELECT json_agg(json_build_object('name', t.name, 'label', t.label, 'kind', t.kind, 'banned', t.banned) ORDER BY st."createdAt", st."tagId")
        FROM "StoryTag" st JOIN "Tag" t ON t.id = st."tagId" WHERE st."storyId" = s.id AND st."guildId" = k.g), '[]') AS tags,
      COALESCE((SELECT json_agg(json_build_object('guildId', d."guildId", 'channelId', d."channelId", 'messageId', d."messageId", 'threadId', d."threadId") ORDER BY d.id)
        FROM "Delivery" d WHERE d."storyId" = s.id AND d."guildId" = k.g AND d.status = 'posted'), '[]') AS posts
    FROM k JOIN "Story" s ON s.id = k.sid
      LEFT JOIN first f ON f.i = k.i
      LEFT JOIN "GuildStory" gs ON gs."storyId" = s.id AND gs."guildId" = k.g`;
  const articles = new Map<number, ViewArticle[]>();
  for (const row of rows) if (row.articles !== null) articles.set(row.id, jsonColumn(row.articles));
  return new Map(rows.map((row) => [row.i - 1, { ...row, articles: articles.get(row.id) ?? [], tags: jsonColumn(row.tags), posts: jsonColumn(row.posts) }]));
}

/** A delivery's guild and story, for loadStoryViews. */
export interface ViewKey {
  guildId: string;
  storyId: number;
}

export async function loadStoryView(tx: Tx, guildId: string, storyId: number): Promise<StoryView | null> {
  const [view] = await loadStoryViews(tx, [{ guildId, storyId }]);
  return view ?? null;
}

/**
 * Each pair's story as its guild sees it (null: not in that guild, or gone), in the order asked: the delivery worker
 * reads the views of a claimed batch of posts at once.
 */
export async function loadStoryViews(tx: Tx, keys: readonly ViewKey[]): Promise<(StoryView | null)[]> {
  if (!keys.length) return [];
  const rows = await readViewRows(tx, keys);
  const views = keys.map((_, i) => {
    const row = rows.get(i);
    return row && !row.mergedIntoId ? viewOf(row) : null;
  });
  // A story a moderator merged into another shows that one, so its posts and links keep working (story-edits.ts).
  const merged = keys.flatMap((k, i) => {
    const into = rows.get(i)?.mergedIntoId;
    return into ? [{ i, key: { guildId: k.guildId, storyId: into } }] : [];
  });
  if (merged.length) {
    const followed = await loadStoryViews(tx, merged.map((m) => m.key));
    merged.forEach((m, j) => (views[m.i] = followed[j] ?? null));
  }
  return views;
}

function viewOf(story: ViewRow): StoryView | null {
  if (!story.seen) return null;
  const lead = story.articles.find((a) => a.id === story.leadArticleId) ?? story.articles[0];
  if (!lead) return null;
  const others = story.articles.filter((a) => a.id !== lead.id);
  // Nothing that joins a story may be invisible: a second article from an outlet (the lead's included) is counted
  // on that outlet's entry rather than dropped, and one entry per outlet keeps the post's field short.
  const byOutlet = new Map<string, StoryView['alsoCoveredBy'][number]>();
  for (const a of others) {
    const entry = byOutlet.get(a.sourceName);
    // Articles come oldest first, so the last one seen is the outlet's newest.
    // An outlet writing in another language than the lead's says which (a story told in Russian and English).
    const language = a.language && lead.language && a.language !== lead.language ? a.language : undefined;
    if (entry) Object.assign(entry, { url: a.url, title: a.title, count: entry.count + 1, language });
    else byOutlet.set(a.sourceName, { sourceName: a.sourceName, url: a.url, title: a.title, count: 1, language });
  }
  const alsoCoveredBy = [...byOutlet.values()];
  return {
    id: story.id,
    title: lead.title,
    url: lead.url,
    summary: lead.summary,
    leadArticleId: lead.id,
    language: lead.language,
    guildLanguage: story.guildLanguage,
    sourceName: lead.sourceName,
    leadShared: lead.feedId === null,
    author: lead.author,
    publishedAt: lead.publishedAt === null ? null : new Date(lead.publishedAt),
    imageUrl: lead.imageUrl,
    countries: story.countries,
    hiddenCountries: story.hiddenCountries ?? [],
    tags: story.tags.filter((t) => !t.banned).map((t) => ({ name: t.name, label: t.label, kind: t.kind })),
    alsoCoveredBy,
    votes: { count: story.voteCount ?? 0, sum: story.voteSum ?? 0 },
    firstSeenAt: story.firstSeenAt,
    threadId: story.threadId,
    posts: story.posts,
  };
}
