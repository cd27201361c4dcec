// Groups articles into stories without a database (the preview CLI and /source test): each article joins the
// story whose articles it matches best, or starts a new one — the same rule the database path applies.
import type { ClusterFeatures, StoryMatch } from '../pipeline/dedupe/same-story.js';

export function clusterInMemory<T extends ClusterFeatures>(articles: T[], sameStory: (a: ClusterFeatures, b: ClusterFeatures) => StoryMatch): T[][] {
  const stories: T[][] = [];
  for (const article of articles) {
    let best: { story: T[]; score: number } | undefined;
    for (const story of stories) {
      for (const member of story) {
        const match = sameStory(article, member);
        const score = match.reason === 'near-duplicate' ? 2 + match.score : match.score;
        if (match.same && (!best || score > best.score)) best = { story, score };
      }
    }
    if (best) best.story.push(article);
    else stories.push([article]);
  }
  return stories;
}
