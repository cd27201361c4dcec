// The countries a server's post of a story shows. A story's countries are the same in every server; a server's
// moderators ban a country's tag (`/tags ban`) or remove it from a story (`/tag remove`), and members tag a story with
// a country, and the post showed none of it: told "removed from 12 stories", the moderator still saw the flag.
import type { StoryView } from '../../db/story-views.js';
import { countryName, countryTag, flagEmoji, resolveTag } from '../../pipeline/orchestrator.js';

/** The story's countries (most salient first, at most `max`) less those hidden here, then those members tagged. */
export function shownCountries(view: Pick<StoryView, 'countries' | 'hiddenCountries' | 'tags'>, max: number): string[] {
  const hidden = new Set(view.hiddenCountries ?? []);
  const codes = view.countries.filter((code) => !hidden.has(countryTag(code).name)).slice(0, max);
  for (const tag of view.tags) {
    if (tag.kind !== 'country') continue;
    const resolved = resolveTag(tag.label, []);
    if (resolved?.kind === 'country' && !codes.includes(resolved.code)) codes.push(resolved.code);
  }
  return codes.map((code) => `${flagEmoji(code)} ${countryName(code)}`);
}
