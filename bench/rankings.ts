// `npm run bench -- rankings [--stories 100000] [--data <cnndm-dev.jsonl>] [--runs 40]`
// `/news top` against `/news latest` for one guild with many stored stories, as issue 10 asks ("all-time top within
// 2× of latest at 100k stories"): the stories are seeded as the Discord benchmark seeds them (bench/lib/discord-
// seed.ts), a third of them get votes, the database is analysed as the nightly maintenance does, then each query of
// src/db (topStories for each period, latestStories) is timed `runs` times on an embedded database. Prints one JSON line.
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.js';
import { vacuumAnalyze } from '../src/db/maintenance.js';
import { latestStories } from '../src/db/lookups.js';
import { allTimeScoreSql, topStories } from '../src/db/rankings.js';
import { seededRandom } from '../test/helpers/seeded-random.js';
import { buildCorpus, readArticles } from './lib/discord-corpus.js';
import { percentile } from './lib/percentile.js';
import { seedStories } from './lib/discord-seed.js';

const guildId = '100000000000000001';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      stories: { type: 'string', default: '100000' },
      data: { type: 'string', default: '../shared/bench/summarization/cnndm-dev.jsonl' },
      runs: { type: 'string', default: '40' },
    },
  });
  const db = await openDatabase({ dataDir: 'memory://' });
  const now = new Date();
  await seedStories(db.prisma, buildCorpus(readArticles(values.data), seededRandom(7)), {
    stories: Number(values.stories), guildId, otherGuildId: '100000000000000999', channelId: '200000000000000001', feeds: 20, days: 365, now,
  });
  // Votes as members give them: a third of the stories, a few votes each, most of them middling.
  await db.prisma.$executeRaw`
    UPDATE "GuildStory" SET "voteCount" = 1 + ("storyId" % 9), "voteSum" = (1 + ("storyId" % 9)) * (1 + (("storyId" * 7919) % 5))
    WHERE "guildId" = ${guildId} AND "storyId" % 3 = 0`;
  // The tally's score as castVote keeps it.
  await db.prisma.$executeRaw`UPDATE "GuildStory" SET score = ${allTimeScoreSql} WHERE "guildId" = ${guildId} AND "voteCount" > 0`;
  await vacuumAnalyze(db.prisma);

  const timings: Record<string, number[]> = {};
  const time = async (name: string, query: () => Promise<unknown>) => {
    await query(); // warm
    const ms: number[] = [];
    for (let i = 0; i < Number(values.runs); i++) {
      const t = performance.now();
      await query();
      ms.push(performance.now() - t);
    }
    timings[name] = ms.sort((a, b) => a - b);
  };
  await time('latest', () => latestStories(db.prisma, guildId, {}, 10, now));
  for (const period of ['day', 'week', 'month', 'all'] as const) await time(`top ${period}`, () => topStories(db.prisma, guildId, { period, limit: 10, now }));
  await db.close();
  const report = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, { p50: Number(percentile(v, 50).toFixed(2)), p95: Number(percentile(v, 95).toFixed(2)) }]));
  process.stdout.write(`${JSON.stringify({ task: 'rankings', stories: Number(values.stories), runs: Number(values.runs), ms: report })}\n`);
}
