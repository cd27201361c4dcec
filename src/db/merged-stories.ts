// A story's number stays valid after a merge (ADR 12): it stands for the story it was merged into, perhaps in turn
// merged into another. Buttons on a post not yet edited, and numbers members type, follow it.
import type { Tx } from './tx.js';

export async function currentStoryId(tx: Tx, storyId: number): Promise<number> {
  let id = storyId;
  // Merges chain rarely and never loop (a story merges into one that is not merged); the bound is a safeguard.
  for (let hops = 0; hops < 10; hops++) {
    const into = (await tx.story.findUnique({ where: { id }, select: { mergedIntoId: true } }))?.mergedIntoId;
    if (!into) return id;
    id = into;
  }
  return id;
}

/**
 * As currentStoryId, and the story's row stays share-locked until the transaction ends: a merge locks its stories
 * first (story-edits.ts), so it waits for what this transaction adds to or removes from the story, and moves the
 * result; one that came first is followed. FOR KEY SHARE, the lock a reference to the row takes anyway, so articles
 * joining the story meanwhile are not held up.
 */
export async function lockCurrentStory(tx: Tx, storyId: number): Promise<number> {
  let id = storyId;
  for (let hops = 0; hops < 10; hops++) {
    const [row] = await tx.$queryRaw<{ mergedIntoId: number | null }[]>`SELECT "mergedIntoId" FROM "Story" WHERE id = ${id} FOR KEY SHARE`;
    if (!row?.mergedIntoId) return id;
    id = row.mergedIntoId;
  }
  return id;
}

/**
 * The story each of these numbers stands for now, position for position: a saved list's numbers, paged after some were
 * merged (a merged-away number dropped out of its page, and its story out of the list when the kept one was not in it).
 */
export async function currentStoryIds(tx: Tx, ids: number[]): Promise<number[]> {
  const current = new Map(ids.map((id) => [id, id]));
  let merged = ids;
  for (let hops = 0; hops < 10 && merged.length; hops++) {
    const rows = await tx.story.findMany({ where: { id: { in: merged }, mergedIntoId: { not: null } }, select: { id: true, mergedIntoId: true } });
    const into = new Map(rows.map((r) => [r.id, r.mergedIntoId!]));
    for (const [id, now] of current) if (into.has(now)) current.set(id, into.get(now)!);
    merged = [...new Set(into.values())];
  }
  return ids.map((id) => current.get(id)!);
}

/**
 * The stories merged into this one, directly or through others, with their titles, whose post in this channel is not
 * recorded: a post an earlier attempt made there may carry one's number and title (delivery-worker.ts looks for it
 * before posting again). One whose post there is recorded is that post's: not taken for this one. At most fifty.
 */
export async function storiesMergedInto(tx: Tx, storyId: number, channelId: string): Promise<{ id: number; title: string }[]> {
  return tx.$queryRaw<{ id: number; title: string }[]>`
    WITH RECURSIVE merged AS (
      SELECT id, title FROM "Story" WHERE "mergedIntoId" = ${storyId}
      UNION SELECT s.id, s.title FROM "Story" s JOIN merged m ON s."mergedIntoId" = m.id
    )
    SELECT id, title FROM merged m
    WHERE NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."storyId" = m.id AND d."channelId" = ${channelId} AND d."messageId" IS NOT NULL)
    LIMIT 50`;
}
