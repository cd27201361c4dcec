// How a follow is named to the member: in /follow's replies and autocomplete, and on the unfollow buttons of an
// alert. Values are stored as codes, slugs and normalized words; members read names.
import type { FollowKind } from '../../db/follows.js';
import { countryName, flagEmoji, type RegionDefinition } from '../../pipeline/orchestrator.js';

export interface FollowLike {
  kind: FollowKind;
  value: string;
}

export function followLabel(follow: FollowLike, regions: readonly RegionDefinition[]): string {
  switch (follow.kind) {
    case 'country':
      return `${flagEmoji(follow.value)} ${countryName(follow.value)}`.trim();
    case 'region':
      return regions.find((r) => r.slug === follow.value)?.name ?? `${follow.value} (no longer a region here)`;
    case 'tag':
      return `#${follow.value}`;
    case 'keyword':
      return `“${follow.value}”`;
  }
}

const kindWords: Record<FollowKind, string> = { country: 'country', region: 'region', tag: 'tag', keyword: 'keyword' };

/** "country 🇬🇪 Georgia", for lists that mix kinds. */
export function followLine(follow: FollowLike, regions: readonly RegionDefinition[]): string {
  return `${kindWords[follow.kind]} ${followLabel(follow, regions)}`;
}
