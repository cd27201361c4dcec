// Significance votes: one per member per story per guild, 1–5, replaceable. The vote and the story's tally change
// in one transaction, and the story's posts are scheduled for a (coalesced) refresh.
import { UserError } from '../errors.js';
import { bayesianAverage } from '../ranking/significance.js';
import type { Prisma } from './client.js';
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
    // Lock the tally row first so concurrent votes on one story apply one after another and none is lost. A story
    // merged into another (its post keeps its buttons until the edit lands, or the vote waited on the merge) takes
    // the vote to the story it is part of now.
    let storyId = input.storyId;
    let locked: { voteCount: number; voteSum: number } | undefined;
    for (let hops = 0; hops < 5; hops++) {
      [locked] = await tx.$queryRaw<{ voteCount: number; voteSum: number }[]>`
        SELECT "voteCount", "voteSum" FROM "GuildStory" WHERE "guildId" = ${guildId} AND "storyId" = ${storyId} FOR UPDATE`;
      const into = locked ? null : (await tx.story.findUnique({ where: { id: storyId }, select: { mergedIntoId: true } }))?.mergedIntoId;
      if (!into) break;
      storyId = into;
    }
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
