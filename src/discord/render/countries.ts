// The countries a server's post of a story shows. A story's countries are the same in every server; a server's
// moderators ban a country's tag (`/tags ban`) and members tag a story with a country, and the post showed neither:
// told "removed from 12 stories", the moderator still saw the flag on every post.
import type { StoryView } from '../../db/story-views.js';
import { countryName, countryTag, flagEmoji, resolveTag } from '../../pipeline/orchestrator.js';

/** The story's countries (most salient first, at most `max`) less those banned here, then those members tagged. */
export function shownCountries(view: Pick<StoryView, 'countries' | 'bannedCountries' | 'tags'>, max: number): string[] {
  const banned = new Set(view.bannedCountries ?? []);
  const codes = view.countries.filter((code) => !banned.has(countryTag(code).name)).slice(0, max);
  for (const tag of view.tags) {
    if (tag.kind !== 'country') continue;
    const resolved = resolveTag(tag.label, []);
    if (resolved?.kind === 'country' && !codes.includes(resolved.code)) codes.push(resolved.code);
  }
  return codes.map((code) => `${flagEmoji(code)} ${countryName(code)}`);
}
