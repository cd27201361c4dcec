// A numbered list of stories in one embed description (digests): linked titles, outlet, votes and a
// jump link to the post, kept inside Discord's 4096-character limit.
import { messageLink } from 'discord.js';
import type { HeldStory } from '../../db/held-posts.js';
import type { RankedStory } from '../../db/rankings.js';
import { clip, isolatedText } from '../reply.js';
import { fitList } from './fit-list.js';
import { markdownLink } from './links.js';
import { votesSummary } from './votes-summary.js';

/** Whether a post is a forum post: a thread whose first message has the thread's id (a text-channel post is a message). */
export function isForumPost(post: { messageId: string; threadId: string | null }): boolean {
  return post.threadId !== null && post.threadId === post.messageId;
}

/** The jump link to one of a story's posts, in a text channel or a forum. */
export function postJumpLink(guildId: string, post: { channelId: string; messageId: string; threadId: string | null }): string {
  return messageLink(isForumPost(post) ? post.threadId! : post.channelId, post.messageId, guildId);
}

/** The jump link to a listed story's first post here, if it has one. */
export function firstPostLink(guildId: string, story: { channelId: string | null; messageId: string | null; threadId: string | null }): string | undefined {
  return story.channelId && story.messageId ? postJumpLink(guildId, { channelId: story.channelId, messageId: story.messageId, threadId: story.threadId }) : undefined;
}

export function storyListLines(guildId: string, stories: RankedStory[], startAt = 1): string {
  const lines = stories.map((s, i) => {
    const votes = s.voteCount ? ` · ${votesSummary({ count: s.voteCount, sum: s.voteSum }, 'short')}` : '';
    const link = firstPostLink(guildId, s);
    const post = link ? ` · [post](${link})` : '';
    return `**${startAt + i}.** ${markdownLink(isolatedText(clip(s.title, 150)), s.url)} — ${isolatedText(clip(s.sourceName, 60))}${votes}${post} · #${s.id}`;
  });
  return fitList(lines, 4000, '\n', (n) => `…and ${n} more: \`/news top\` lists them.`);
}

/**
 * The digest's field of stories a channel's hourly limit kept from being posted: one line each, within an embed
 * field's 1,024 characters, and how many more there are.
 */
export function heldStoryLines(stories: HeldStory[], total: number, max = 1024): string {
  const lines = stories.map((s) => `• ${markdownLink(isolatedText(clip(s.title, 100)), s.url)} — ${isolatedText(clip(s.sourceName, 40))} · <#${s.channelId}> · #${s.id}`);
  return fitList(lines, max, '\n', (n) => `…and ${n} more: \`/news search\` finds them.`, total);
}
