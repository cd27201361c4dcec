// Seeds the scale benchmark's database as moderators would have left it: every guild follows its own feed and
// `follows` of the shared feeds, all posting to the guild's one channel, through the same addSource as `/source add`.
// Each feed is then marked as fetched once before with nothing seen, so the bots' first fetch posts what it finds
// (a feed's very first fetch only learns what is old) and every feed is due at once, as after a restart.
import { openDatabase } from '../../src/db/client.js';
import { recordFetchSuccess } from '../../src/db/feeds.js';
import { addSource } from '../../src/db/sources.js';

export interface SeedGuild {
  id: string;
  channel: string;
}

export interface SeedInput {
  databaseUrl: string;
  guilds: SeedGuild[];
  sharedUrls: string[];
  ownUrl: (guild: number) => string;
  follows: number;
  intervalMinutes: number;
}

/** Which shared feeds guild `g` follows: consecutive runs, so every shared feed has about the same followers. */
export function sharedFollowed(g: number, follows: number, sharedFeeds: number): number[] {
  return Array.from({ length: Math.min(follows, sharedFeeds) }, (_, j) => (g * follows + j) % sharedFeeds);
}

export async function seedSources(input: SeedInput): Promise<{ sources: number; feeds: number; ms: number }> {
  const started = performance.now();
  const db = await openDatabase({ databaseUrl: input.databaseUrl });
  try {
    const add = (g: number, url: string) =>
      addSource(db.prisma, { guildId: input.guilds[g]!.id, actorId: '1', url, kind: 'feed', channelId: input.guilds[g]!.channel, intervalMinutes: input.intervalMinutes });
    const wanted: Array<[number, string]> = [];
    input.guilds.forEach((_, g) => {
      wanted.push([g, input.ownUrl(g)]);
      for (const f of sharedFollowed(g, input.follows, input.sharedUrls.length)) wanted.push([g, input.sharedUrls[f]!]);
    });
    // A shared feed's row is created by its first follower, and a guild's by its first source; adding those first
    // feeds one at a time, then each guild's sources in one lane, keeps two transactions from racing to create the
    // same row. The lanes run in parallel.
    const first = new Map<string, [number, string]>();
    for (const w of wanted) if (w[1].includes('/shared/') && !first.has(w[1])) first.set(w[1], w);
    for (const [g, url] of first.values()) await add(g, url);
    const firstOnes = new Set(first.values());
    const byGuild = input.guilds.map((_, g) => wanted.filter((w) => w[0] === g && !firstOnes.has(w)));
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < byGuild.length) {
          for (const [g, url] of byGuild[next++]!) await add(g, url);
        }
      }),
    );
    const feeds = await db.prisma.feed.findMany({ select: { id: true } });
    const now = new Date();
    for (const f of feeds) await recordFetchSuccess(db.prisma, f.id, now, { seenKeys: [], nextFetchAt: now });
    return { sources: wanted.length, feeds: feeds.length, ms: Math.round(performance.now() - started) };
  } finally {
    await db.close();
  }
}
