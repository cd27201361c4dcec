// Discord's unannounced sublimit on renaming a channel or thread: about two a channel in ten minutes. Both the bot's
// REST client and the REST proxy refuse to wait it out (a rename is cosmetic, the wait holds a delivery round).
import type { RateLimitData } from '@discordjs/rest';

/**
 * discord.js's `rejectOnRateLimit`: true for a channel edit that met a sublimit (a rename over Discord's limit), which
 * discord.js would otherwise sleep through — a forum post's rename after its story changed title (a merge, a split)
 * held its edit, and the delivery round, for up to ten minutes. The caller leaves the title as it was.
 */
export function renameRefused(data: RateLimitData): boolean {
  return data.sublimitTimeout > 0 && data.method === 'PATCH' && data.route === '/channels/:id';
}
