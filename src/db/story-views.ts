// A story as one guild sees it: lead article, other outlets, the guild's tags and votes, and where it was posted.
import type { TagKind } from '../generated/prisma/client.js';
import type { Tx } from './tx.js';

export interface StoryView {
  id: number;
  title: string;
  url: string;
  summary: string;
  /** The lead article, whose title, link and summary the post shows, and its language (ISO 639-1) when known. */
  leadArticleId?: number | undefined;
  language?: string | null | undefined;
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

export async function loadStoryView(tx: Tx, guildId: string, storyId: number): Promise<StoryView | null> {
  const story = await tx.story.findUnique({
    where: { id: storyId },
    include: {
      articles: { orderBy: [{ id: 'asc' }], select: { id: true, title: true, url: true, sourceName: true, author: true, publishedAt: true, imageUrl: true, summary: true, language: true } },
      guildStories: { where: { guildId } },
      tags: { where: { guildId }, include: { tag: true }, orderBy: { createdAt: 'asc' } },
      deliveries: { where: { guildId, status: 'posted' }, select: { guildId: true, channelId: true, messageId: true, threadId: true } },
    },
  });
  // A story a moderator merged into another shows that one, so its posts and links keep working (story-edits.ts).
  if (story?.mergedIntoId) return loadStoryView(tx, guildId, story.mergedIntoId);
  const guildStory = story?.guildStories[0];
  if (!story || !guildStory) return null;
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
    sourceName: lead.sourceName,
    author: lead.author,
    publishedAt: lead.publishedAt,
    imageUrl: lead.imageUrl,
    countries: story.countries,
    tags: story.tags.filter((t) => !t.tag.banned).map((t) => ({ name: t.tag.name, label: t.tag.label, kind: t.tag.kind })),
    alsoCoveredBy,
    votes: { count: guildStory.voteCount, sum: guildStory.voteSum },
    firstSeenAt: story.firstSeenAt,
    threadId: guildStory.threadId,
    posts: story.deliveries,
  };
}
