// Gazette tags → a forum channel's own tags, matched by normalized name; Discord allows five per post.
import type { StoryView } from '../../db/story-views.js';
import { stripDiacritics } from '../../text/diacritics.js';

const norm = (s: string) => stripDiacritics(s).toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ').trim();

export function forumTagsFor(view: StoryView, available: { id: string; name: string; moderated?: boolean }[]): string[] {
  // A moderated tag is one only members with Manage Threads may apply, which Gazette is not asked for: Discord would
  // refuse every post carrying it. It stays the moderators' to apply.
  const byName = new Map(available.filter((t) => !t.moderated).map((t) => [norm(t.name), t.id]));
  // Topics and members' tags say most about a story, then its region, then its countries.
  const order = { topic: 0, member: 1, region: 2, country: 3 } as const;
  const wanted = [...view.tags].sort((a, b) => order[a.kind] - order[b.kind]);
  const ids: string[] = [];
  for (const tag of wanted) {
    const id = byName.get(norm(tag.label)) ?? byName.get(norm(tag.name));
    if (id && !ids.includes(id)) ids.push(id);
    if (ids.length === 5) break;
  }
  return ids;
}
