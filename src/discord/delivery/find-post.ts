// Finding a post an earlier attempt may have made (its answer was lost: a timeout, a 5xx, a crash) before posting
// again. A text channel's post also carries its nonce, which Discord remembers for minutes only; a webhook's and a
// forum's carry none, so the post is looked for by its footer ("Story #id"). The story may have changed since that
// attempt: merged into another (the row is the kept story's now, the post says the emptied one's number and title),
// or split (its lead, and so its title, changed).
import { Routes, SnowflakeUtil, type APIMessage, type APIThreadChannel, type Client } from 'discord.js';
import { clip } from '../reply.js';

export const footerOf = (storyId: number) => `Story #${storyId} `;

/** What an earlier attempt may have posted as: the story now, and the stories merged into it since (their numbers and titles). */
export interface PostedAs {
  guildId: string;
  channelId: string;
  storyId: number;
  title: string;
  formerStories?: { id: number; title: string }[] | undefined;
  /** When the post was planned: a forum post made for it is no older. */
  since?: Date | undefined;
}

export interface FoundPost {
  messageId: string;
  threadId: string | null;
  webhookId: string | null;
  /** The name a webhook post went out under (its author's); null for the bot's own. */
  postedAs: string | null;
}

const ids = (as: PostedAs) => [as.storyId, ...(as.formerStories ?? []).map((s) => s.id)];
/** The first of `storyIds` (the story's own number before those merged into it) that the message's footer names. */
const footerRank = (message: APIMessage | null | undefined, storyIds: number[]) => {
  const footer = message?.embeds[0]?.footer?.text;
  return footer ? storyIds.findIndex((id) => footer.startsWith(footerOf(id))) : -1;
};
/** The candidate whose footer names the earliest of `storyIds`: the story's own post before a merged story's. */
function best<T>(candidates: readonly T[], rank: (c: T) => number): T | undefined {
  let found: T | undefined;
  let foundRank = Infinity;
  for (const c of candidates) {
    const r = rank(c);
    if (r >= 0 && r < foundRank) [found, foundRank] = [c, r];
  }
  return found;
}

/** The bot's own post, or one its outlet webhook made (the webhook is the author then), among the channel's last 100. */
export async function findMessage(client: Client, as: PostedAs, webhookId: string | null): Promise<FoundPost | null> {
  const recent = (await client.rest.get(Routes.channelMessages(as.channelId), { query: new URLSearchParams({ limit: '100' }) })) as APIMessage[];
  const ours = (m: APIMessage) => (webhookId !== null && m.webhook_id === webhookId) || (!m.webhook_id && m.author.id === client.user?.id);
  const mine = best(recent.filter(ours), (m) => footerRank(m, ids(as)));
  return mine ? { messageId: mine.id, threadId: null, webhookId: mine.webhook_id ?? null, postedAs: mine.webhook_id ? mine.author.username : null } : null;
}

/** How many of a forum's newest threads are opened to find a post whose title changed since it was made. */
const newestThreadsRead = 10;

/**
 * A forum post: among the forum's active threads, first those titled as the story or a story merged into it, then
 * (a split changed the title since) the newest threads made since the post was planned, each read for its footer.
 */
export async function findForumPost(client: Client, as: PostedAs): Promise<FoundPost | null> {
  const active = ((await client.rest.get(Routes.guildActiveThreads(as.guildId))) as { threads: APIThreadChannel[] }).threads.filter((t) => t.parent_id === as.channelId);
  const names = new Set([as.title, ...(as.formerStories ?? []).map((s) => s.title)].map((t) => clip(t, 100)));
  const since = as.since ? BigInt(SnowflakeUtil.generate({ timestamp: as.since.getTime() - 60_000 })) : undefined;
  const titled = active.filter((t) => names.has(t.name));
  const newer = since === undefined ? [] : active.filter((t) => !names.has(t.name) && BigInt(t.id) >= since).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1)).slice(0, newestThreadsRead);
  const read: { id: string; first: APIMessage | null }[] = [];
  for (const thread of [...titled, ...newer]) {
    const first = (await client.rest.get(Routes.channelMessage(thread.id, thread.id)).catch(() => null)) as APIMessage | null;
    // The story's own post ends the search; a merged story's is kept in case none is.
    if (footerRank(first, ids(as)) === 0) return { messageId: thread.id, threadId: thread.id, webhookId: null, postedAs: null };
    read.push({ id: thread.id, first });
  }
  const found = best(read, (t) => footerRank(t.first, ids(as)));
  return found ? { messageId: found.id, threadId: found.id, webhookId: null, postedAs: null } : null;
}
