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
  author: string | null;
  publishedAt: Date | null;
  imageUrl: string | null;
  countries: string[];
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
  articles: ViewArticle[] | string;
  tags: ViewTag[] | string;
  posts: StoryView['posts'] | string;
}

interface ViewArticle {
  id: number;
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
 * One statement, not Prisma's six (story, articles, guild–story row, tags, posts, the guild's language): every post
 * and every edit renders the story, and on a busy instance each round trip and each query Prisma builds is the
 * delivery worker's own CPU.
 */
async function readViewRow(tx: Tx, guildId: string, storyId: number) {
  const [row] = await tx.$queryRaw<ViewRow[]>`
    SELECT s.id, s."leadArticleId", s."mergedIntoId", s.countries, s."firstSeenAt",
      gs."voteCount", gs."voteSum", gs."threadId", gs."guildId" IS NOT NULL AS seen,
      (SELECT g.language FROM "Guild" g WHERE g.id = ${guildId}) AS "guildLanguage",
      COALESCE((SELECT json_agg(json_build_object('id', a.id, 'title', a.title, 'url', a.url, 'sourceName', a."sourceName",
          'author', a.author, 'publishedAt', (extract(epoch FROM a."publishedAt") * 1000)::float8, 'imageUrl', a."imageUrl",
          'summary', a.summary, 'language', a.language) ORDER BY a.id)
        FROM "Article" a WHERE a."storyId" = s.id), '[]') AS articles,
      COALESCE((SELECT json_agg(json_build_object('name', t.name, 'label', t.label, 'kind', t.kind, 'banned', t.banned) ORDER BY st."createdAt", st."tagId")
        FROM "StoryTag" st JOIN "Tag" t ON t.id = st."tagId" WHERE st."storyId" = s.id AND st."guildId" = ${guildId}), '[]') AS tags,
      COALESCE((SELECT json_agg(json_build_object('guildId', d."guildId", 'channelId', d."channelId", 'messageId', d."messageId", 'threadId', d."threadId") ORDER BY d.id)
        FROM "Delivery" d WHERE d."storyId" = s.id AND d."guildId" = ${guildId} AND d.status = 'posted'), '[]') AS posts
    FROM "Story" s LEFT JOIN "GuildStory" gs ON gs."storyId" = s.id AND gs."guildId" = ${guildId}
    WHERE s.id = ${storyId}`;
  return row && { ...row, articles: jsonColumn(row.articles), tags: jsonColumn(row.tags), posts: jsonColumn(row.posts) };
}

export async function loadStoryView(tx: Tx, guildId: string, storyId: number): Promise<StoryView | null> {
  const story = await readViewRow(tx, guildId, storyId);
  // A story a moderator merged into another shows that one, so its posts and links keep working (story-edits.ts).
  if (story?.mergedIntoId) return loadStoryView(tx, guildId, story.mergedIntoId);
  if (!story?.seen) return null;
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
    author: lead.author,
    publishedAt: lead.publishedAt === null ? null : new Date(lead.publishedAt),
    imageUrl: lead.imageUrl,
    countries: story.countries,
    tags: story.tags.filter((t) => !t.banned).map((t) => ({ name: t.name, label: t.label, kind: t.kind })),
    alsoCoveredBy,
    votes: { count: story.voteCount ?? 0, sum: story.voteSum ?? 0 },
    firstSeenAt: story.firstSeenAt,
    threadId: story.threadId,
    posts: story.posts,
  };
}
