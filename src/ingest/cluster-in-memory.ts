// Groups articles into stories without a database (the preview CLI and /source test). The decision is the one the
// database path makes (pipeline.placeArticle); this file only answers its questions from memory: how many articles
// use each term, and which stories share a lookup term. No time window: a preview is one moment.
import { isNameTerm } from '../pipeline/orchestrator.js';
import { hasDocumentFrequency, type PlaceArticle, type ProcessedArticle, type StoryIndex, type StoryProfile } from '../pipeline/types.js';

export async function clusterInMemory<T extends Pick<ProcessedArticle, 'terms'>>(articles: T[], place: PlaceArticle): Promise<T[][]> {
  const frequency = new Map<string, number>();
  const profiles: StoryProfile[] = [];
  const members: T[][] = [];
  const byTerm = new Map<string, Set<number>>();
  // A story merged into another answers as that one (the database moves its articles' keys; here they are looked up).
  const mergedInto = new Map<number, number>();
  const current = (id: number): number => {
    const into = mergedInto.get(id);
    return into === undefined ? id : current(into);
  };
  let documents = 0;
  const index: StoryIndex = {
    stats: async () => ({ documents, frequency: (t) => frequency.get(t) ?? 0 }),
    // As the database ranks them: stories found by the article's words, and those found by its names alone.
    candidates: async (terms) => {
      const found = (list: string[]) => new Set(list.flatMap((t) => [...(byTerm.get(t) ?? [])].map(current)));
      const byWords = found(terms.filter((t) => !isNameTerm(t)));
      const byNames = found(terms.filter(isNameTerm));
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
    let size = profiles[id]!.size + 1;
    for (const from of placement.merge ?? []) {
      size += profiles[from]!.size;
      members[id]!.push(...members[from]!);
      members[from] = [];
      mergedInto.set(from, id);
    }
    profiles[id] = { id, size, centroid: placement.centroid };
    members[id]!.push(article);
    for (const t of placement.lookupTerms) byTerm.set(t, (byTerm.get(t) ?? new Set()).add(id));
    for (const t of Object.keys(article.terms).filter(hasDocumentFrequency)) frequency.set(t, (frequency.get(t) ?? 0) + 1);
    documents++;
  }
  return members.filter((m) => m.length > 0);
}
