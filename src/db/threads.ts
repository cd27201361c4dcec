// The discussion thread of a story in a guild (one per guild, started from one of its posts).
import { currentStoryId } from './merged-stories.js';
import type { Tx } from './tx.js';

/** The thread of the story a number stands for now (a merged-away story's is the kept story's), and that story. */
export async function storyThread(tx: Tx, guildId: string, asked: number) {
  const storyId = await currentStoryId(tx, asked);
  const row = await tx.guildStory.findUnique({ where: { guildId_storyId: { guildId, storyId } }, select: { threadId: true, story: { select: { title: true } } } });
  return row && { ...row, storyId };
}

/** Records the thread unless another click recorded one first; returns the thread that stands. */
export async function setStoryThread(tx: Tx, guildId: string, storyId: number, threadId: string): Promise<string> {
  await tx.guildStory.updateMany({ where: { guildId, storyId, threadId: null }, data: { threadId } });
  const row = await tx.guildStory.findUniqueOrThrow({ where: { guildId_storyId: { guildId, storyId } }, select: { threadId: true } });
  return row.threadId ?? threadId;
}

export async function clearStoryThread(tx: Tx, guildId: string, storyId: number) {
  await tx.guildStory.updateMany({ where: { guildId, storyId }, data: { threadId: null } });
}
