// Which of a member's follows a story matched, to put one-click unfollow buttons under an alert. PendingAlert rows
// keep no reason, so it is worked out again from what the story is about in the guild: its countries, its tags
// (region tags carry the region's slug), and its title and summary for keywords (a keyword found deeper in the article
// gets no button; `/follow remove` still works).
import { filterMatcher, regionTagName } from '../../pipeline/orchestrator.js';
import type { FollowLike } from './follow-label.js';

export interface StoryAbout {
  countries: readonly string[];
  /** A tag's former names (renamed, or merged into it) too: a follow keeps the name it was made with. */
  tags: readonly { name: string; kind: string; aliases?: readonly string[] }[];
  title: string;
  summary: string;
}

export function matchedFollows<F extends FollowLike>(follows: readonly F[], story: StoryAbout): F[] {
  let matches: ReturnType<typeof filterMatcher> | undefined;
  const namesOf = (t: StoryAbout['tags'][number]) => [t.name, ...(t.aliases ?? [])];
  const tagNames = new Set(story.tags.flatMap(namesOf));
  return follows.filter((f) => {
    switch (f.kind) {
      case 'country':
        return story.countries.includes(f.value);
      case 'region':
        return story.tags.some((t) => t.kind === 'region' && namesOf(t).includes(regionTagName(f.value)));
      case 'tag':
        return tagNames.has(f.value);
      case 'keyword':
        matches ??= filterMatcher({ title: story.title, text: story.summary, countries: [], regions: [], topics: [] });
        return matches({ terms: [{ anyOf: [{ words: f.value.split(' ') }], exclude: false }] });
    }
  });
}
