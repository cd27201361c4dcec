// Significance votes: one per member per story per guild, 1–5, replaceable. The vote and the story's tally change
// in one transaction, and the story's posts are scheduled for a (coalesced) refresh.
import { UserError } from '../errors.js';
import { bayesianAverage } from '../ranking/significance.js';
import type { Prisma } from './client.js';
import { lockCurrentStory } from './merged-stories.js';
import { requestStoryRefresh } from './outbox.js';

export interface VoteResult {
  /** The story the vote counts for: the one voted on, or the story it was merged into. */
  storyId: number;
  value: number;
  previous: number | null;
  count: number;
  sum: number;
}

export async function castVote(prisma: Prisma, input: { guildId: string; storyId: number; userId: string; value: number; now: Date; editDelayMs: number }): Promise<VoteResult> {
  const { guildId, userId, value } = input;
  if (!Number.isInteger(value) || value < 1 || value > 5) throw new UserError('invalid', 'A significance vote is a whole number from 1 to 5.');
  return prisma.$transaction(async (tx) => {
    // Lock the tally row so concurrent votes on one story apply one after another and none is lost. The story's row
    // comes first, shared (FOR KEY SHARE, as the Vote row's foreign key takes it anyway): a merge or an article
    // merging stories locks the Story rows, then the tally rows (story-edits.ts), and a vote holding the tally row
    // while waiting for the Story row would wait on each other until PostgreSQL aborted one. Taken in the same
    // order, the vote waits for the merge to finish, then goes to the story it is part of now.
    const storyId = await lockCurrentStory(tx, input.storyId);
    const [locked] = await tx.$queryRaw<{ voteCount: number; voteSum: number }[]>`
      SELECT "voteCount", "voteSum" FROM "GuildStory" WHERE "guildId" = ${guildId} AND "storyId" = ${storyId} FOR UPDATE`;
    if (!locked) throw new UserError('not-found', `There is no story #${input.storyId} in this server any more.`);
    const existing = await tx.vote.findUnique({ where: { guildId_storyId_userId: { guildId, storyId, userId } } });
    await tx.vote.upsert({
      where: { guildId_storyId_userId: { guildId, storyId, userId } },
      create: { guildId, storyId, userId, value },
      update: { value },
    });
    // The row is locked: the new tally, and the all-time score kept with it, can be set outright.
    const voteCount = locked.voteCount + (existing ? 0 : 1);
    const voteSum = locked.voteSum + value - (existing?.value ?? 0);
    const tally = await tx.guildStory.update({
      where: { guildId_storyId: { guildId, storyId } },
      data: { voteCount, voteSum, score: bayesianAverage(voteCount, voteSum) },
    });
    if (!existing || existing.value !== value) await requestStoryRefresh(tx, { storyIds: [storyId], guildId }, new Date(input.now.getTime() + input.editDelayMs));
    return { storyId, value, previous: existing?.value ?? null, count: tally.voteCount, sum: tally.voteSum };
  });
}
