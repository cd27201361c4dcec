// Groups articles into stories without a database (the preview CLI and /source test). The decision is the one the
// database path makes (pipeline.placeArticle); this file only answers its questions from memory: how many articles
// use each term, and which stories share a lookup term. No time window: a preview is one moment.
import { isNameTerm } from '../pipeline/orchestrator.js';
import type { PlaceArticle, ProcessedArticle, StoryIndex, StoryProfile } from '../pipeline/types.js';

export async function clusterInMemory<T extends Pick<ProcessedArticle, 'terms'>>(articles: T[], place: PlaceArticle): Promise<T[][]> {
  const frequency = new Map<string, number>();
  const profiles: StoryProfile[] = [];
  const members: T[][] = [];
  const byTerm = new Map<string, Set<number>>();
  let documents = 0;
  const index: StoryIndex = {
    stats: async () => ({ documents, frequency: (t) => frequency.get(t) ?? 0 }),
    // As the database ranks them: stories found by the article's words, and those found by its names alone.
    candidates: async (terms) => {
      const byWords = new Set(terms.filter((t) => !isNameTerm(t)).flatMap((t) => [...(byTerm.get(t) ?? [])]));
      const byNames = new Set(terms.filter(isNameTerm).flatMap((t) => [...(byTerm.get(t) ?? [])]));
      return [...new Set([...byWords, ...byNames])].map((id) => ({ ...profiles[id]!, byNamesOnly: !byWords.has(id) }));
    },
  };
  for (const article of articles) {
    const placement = await place(article.terms, index);
    const id = placement.storyId ?? profiles.length;
    if (placement.storyId === null) {
      profiles.push({ id, size: 0, centroid: {} });
      members.push([]);
    }
    profiles[id] = { id, size: profiles[id]!.size + 1, centroid: placement.centroid };
    members[id]!.push(article);
    for (const t of placement.lookupTerms) byTerm.set(t, (byTerm.get(t) ?? new Set()).add(id));
    for (const t of Object.keys(article.terms)) frequency.set(t, (frequency.get(t) ?? 0) + 1);
    documents++;
  }
  return members;
}
