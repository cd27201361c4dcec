// Seeds the alerts benchmark: guilds of very different sizes (a few large communities, many small ones), members in
// them, and follows drawn the way people follow — a few popular countries, regions and tags followed by many, keywords
// and two-word phrases from the news itself (not its commonest words), each member at most 25 per guild.
import type { Prisma } from '../../src/db/client.js';
import type { FollowKind } from '../../src/db/follows.js';
import { vacuumAnalyze } from '../../src/db/maintenance.js';
import { defaultRegions } from '../../src/pipeline/orchestrator.js';

export const countryPool = ['GE', 'AM', 'AZ', 'TR', 'RU', 'UA', 'IR', 'KZ', 'UZ', 'KG', 'TJ', 'TM', 'CN', 'IN', 'PK', 'AF', 'TH', 'KH', 'VN', 'MY', 'ID', 'SG', 'PH', 'MM', 'LA', 'JP', 'KR', 'US', 'GB', 'DE', 'FR', 'IT', 'ES', 'PL', 'RO', 'BG', 'GR', 'IL', 'SA', 'AE', 'EG', 'IQ', 'SY', 'LB', 'JO', 'BY', 'MD', 'LT', 'LV', 'EE'];
export const regionPool = defaultRegions.map((r) => r.slug);
export const tagPool = Array.from({ length: 300 }, (_, i) => `tag ${i}`);

/** Index into a list of `n`, most often near the start (Zipf-like, s ≈ 1). */
export function zipf(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(random() * Math.log(n + 1)) - 1));
}

export interface Vocabulary {
  words: string[];
  phrases: string[];
}

/** Keyword candidates from the corpus: words past the commonest 150 (by frequency), and two-word phrases. */
export function vocabulary(texts: string[][], random: () => number): Vocabulary {
  const counts = new Map<string, number>();
  const phrases: string[] = [];
  for (const words of texts) {
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    if (words.length > 2 && random() < 0.5) {
      const i = Math.floor(random() * (words.length - 1));
      if (/^\p{L}{3,}$/u.test(words[i]!) && /^\p{L}{3,}$/u.test(words[i + 1]!)) phrases.push(`${words[i]} ${words[i + 1]}`);
    }
  }
  const ranked = [...counts].filter(([w]) => /^\p{L}{3,}$/u.test(w)).sort((a, b) => b[1] - a[1]).map(([w]) => w);
  return { words: ranked.slice(150, 6000), phrases };
}

export interface SeededWorld {
  guilds: string[];
  /** Relative size of each guild (its members), to send more stories to larger ones. */
  weights: number[];
  follows: number;
  members: number;
}

export async function seedFollows(prisma: Prisma, options: { follows: number; guilds: number; vocabulary: Vocabulary; random: () => number }): Promise<SeededWorld> {
  const { random, vocabulary: vocab } = options;
  const guilds = Array.from({ length: options.guilds }, (_, i) => String(100_000_000_000_000_000n + BigInt(i)));
  await prisma.$executeRaw`INSERT INTO "Guild" (id, "updatedAt") SELECT g, now() FROM unnest(${guilds}::text[]) AS g`;
  // Guild sizes fall off like 1/rank past the ten largest: the largest holds ~1.4% of all follows (1,400 of 100,000,
  // some 350 members with alerts), the median guild about fifty.
  const weights = guilds.map((_, i) => 1 / (i + 10));
  const total = weights.reduce((a, b) => a + b, 0);
  const seen = new Set<string>();
  const perMember = new Map<string, number>();
  const rows: { guildId: string; userId: string; kind: FollowKind; value: string }[] = [];
  let attempts = 0;
  while (rows.length < options.follows && attempts++ < options.follows * 5) {
    let pick = random() * total;
    let g = 0;
    while (pick > weights[g]! && g < guilds.length - 1) pick -= weights[g++]!;
    // Members per guild in proportion to its size; a member follows a handful of things.
    const members = Math.max(3, Math.round((weights[g]! / total) * options.follows * 0.25));
    const userId = String(200_000_000_000_000_000n + BigInt(g) * 100_000n + BigInt(Math.floor(random() * members)));
    const roll = random();
    const kind: FollowKind = roll < 0.35 ? 'country' : roll < 0.5 ? 'region' : roll < 0.7 ? 'tag' : 'keyword';
    const value =
      kind === 'country'
        ? countryPool[zipf(random, countryPool.length)]!
        : kind === 'region'
          ? regionPool[zipf(random, regionPool.length)]!
          : kind === 'tag'
            ? tagPool[zipf(random, tagPool.length)]!
            : random() < 0.3
              ? vocab.phrases[Math.floor(random() * vocab.phrases.length)]!
              : vocab.words[zipf(random, vocab.words.length)]!;
    const key = `${guilds[g]}|${userId}|${kind}|${value}`;
    const mine = `${guilds[g]}|${userId}`;
    if (seen.has(key) || (perMember.get(mine) ?? 0) >= 25) continue;
    seen.add(key);
    perMember.set(mine, (perMember.get(mine) ?? 0) + 1);
    rows.push({ guildId: guilds[g]!, userId, kind, value });
  }
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000);
    await prisma.$executeRaw`
      INSERT INTO "Follow" ("guildId", "userId", kind, value, "firstWord")
      SELECT g, u, k::"FollowKind", v, CASE WHEN k = 'keyword' THEN split_part(v, ' ', 1) END FROM unnest(${chunk.map((r) => r.guildId)}::text[], ${chunk.map((r) => r.userId)}::text[], ${chunk.map((r) => r.kind)}::text[], ${chunk.map((r) => r.value)}::text[]) AS x(g, u, k, v)`;
  }
  // Every member who follows something has settings (/follow writes them), as in a running bot.
  await prisma.$executeRaw`INSERT INTO "MemberAlerts" ("userId", "updatedAt") SELECT DISTINCT "userId", now() FROM "Follow"`;
  // As the bot's nightly maintenance leaves the tables (statistics, and the visibility map for index-only scans).
  await vacuumAnalyze(prisma);
  return { guilds, weights, follows: rows.length, members: new Set(rows.map((r) => r.userId)).size };
}
