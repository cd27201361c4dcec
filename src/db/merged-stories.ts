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
