// `npm run bench -- rankings [--stories 100000] [--data <cnndm-dev.jsonl>] [--runs 40] [--searches 400]
//   [--data-dir <dir>] [--cache-mb N] [--small-guild 20]`
// `/news top` against `/news latest` for one guild with many stored stories, as issue 10 asks ("all-time top within
// 2× of latest at 100k stories"), and `/news search` one query at a time: the stories are seeded as the Discord
// benchmark seeds them (bench/lib/discord-seed.ts), a third of them get votes, the database is analysed as the nightly
// maintenance does, then each query of src/db (searchStories with queries as members type them, topStories for each
// period, latestStories) is timed `runs` times (`searches` for search) after unmeasured ones, on an embedded
// database: in memory, or with `--data-dir` on disk as the bot keeps it, seeded there once and reused by later runs,
// so that each cache size (`--cache-mb`, else sized to the data) is measured in a process of its own on the same
// data (ADR 11). Prints one JSON line, with the process's resident memory right after the database opened.
// `/news latest` is timed for the big guild, with and without a region, and for a small guild that has `--small-guild`
// of the stories (spread over the year, all in one region, a third with a topic): a list that has to reach past most
// of the installation's stories to fill itself, as a server with few sources among many servers does.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../src/db/client.js';
import { vacuumAnalyze } from '../src/db/maintenance.js';
import { latestStories, searchStories } from '../src/db/lookups.js';
import { allTimeScoreSql, topStories } from '../src/db/rankings.js';
import { defaultRegions, regionTag, topicTag } from '../src/pipeline/tag/index.js';
import { seededRandom } from '../test/helpers/seeded-random.js';
import { buildCorpus, readArticles } from './lib/discord-corpus.js';
import { percentile } from './lib/percentile.js';
import { seedStories } from './lib/discord-seed.js';

const guildId = '100000000000000001';
const smallGuildId = '100000000000000002';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      stories: { type: 'string', default: '100000' },
      data: { type: 'string', default: '../shared/bench/summarization/cnndm-dev.jsonl' },
      runs: { type: 'string', default: '40' },
      searches: { type: 'string', default: '400' },
      'data-dir': { type: 'string', default: 'memory://' },
      'cache-mb': { type: 'string' },
      'small-guild': { type: 'string', default: '20' },
    },
  });
  const db = await openDatabase({ dataDir: values['data-dir'], cacheMb: values['cache-mb'] ? Number(values['cache-mb']) : undefined });
  const rssAfterOpenMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024);
  const cacheMb = parseInt((await db.prisma.$queryRawUnsafe<{ shared_buffers: string }[]>('SHOW shared_buffers'))[0]!.shared_buffers, 10);
  const now = new Date();
  if ((await db.prisma.story.count()) === 0) await seed(db.prisma, values.data, Number(values.stories), now);
  // Apart from the stories, so that a data directory seeded before the small guild existed gets it too.
  if (!(await db.prisma.guild.findUnique({ where: { id: smallGuildId } }))) await seedSmallGuild(db.prisma, Number(values['small-guild']));
  const rareTag = await rareTagOf(db.prisma);

  const timings: Record<string, number[]> = {};
  const time = async (name: string, queries: (() => Promise<unknown>)[], warm = 1) => {
    for (const query of queries.slice(0, warm)) await query();
    const ms: number[] = [];
    for (const query of queries.slice(warm)) {
      const t = performance.now();
      await query();
      ms.push(performance.now() - t);
    }
    timings[name] = ms.sort((a, b) => a - b);
  };
  const repeat = (query: () => Promise<unknown>) => Array.from({ length: 1 + Number(values.runs) }, () => query);
  // Searches as the Discord benchmark's members type them; a region or a period on some. Each is a new query, so
  // the first 50 warm the cache rather than repeat one.
  const random = seededRandom(2);
  const corpus = buildCorpus(readArticles(values.data), random);
  const regions = (await db.prisma.tag.findMany({ where: { guildId, kind: 'region' }, select: { id: true } })).map((t) => t.id);
  const searches = Array.from({ length: 50 + Number(values.searches) }, () => {
    const text = corpus.query().slice(0, 200) || 'news';
    const roll = random();
    const filter = roll < 0.15 && regions.length ? { tagIds: [regions[Math.floor(random() * regions.length)]!] } : roll < 0.3 ? { since: new Date(now.getTime() - 7 * 86_400_000) } : {};
    return () => searchStories(db.prisma, guildId, text, filter, { firstCards: 5 });
  });
  await time('search', searches, 50);
  await time('latest', repeat(() => latestStories(db.prisma, guildId, {}, 10)));
  await time('latest region', repeat(() => latestStories(db.prisma, guildId, { tagIds: regions.slice(0, 1) }, 10)));
  const [smallRegion, smallTopic] = await smallGuildTags(db.prisma);
  await time('latest small', repeat(() => latestStories(db.prisma, smallGuildId, {}, 10)));
  await time('latest small region', repeat(() => latestStories(db.prisma, smallGuildId, { tagIds: [smallRegion] }, 10)));
  await time('latest small topic', repeat(() => latestStories(db.prisma, smallGuildId, { tagIds: [smallTopic] }, 10)));
  await time('latest rare tag', repeat(() => latestStories(db.prisma, guildId, { tagIds: [rareTag] }, 10)));
  for (const period of ['day', 'week', 'month', 'all'] as const) await time(`top ${period}`, repeat(() => topStories(db.prisma, guildId, { period, limit: 10, now })));
  const smallGuild = await db.prisma.guildStory.count({ where: { guildId: smallGuildId } });
  await db.close();
  const report = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, { p50: Number(percentile(v, 50).toFixed(2)), p95: Number(percentile(v, 95).toFixed(2)), p99: Number(percentile(v, 99).toFixed(2)) }]));
  process.stdout.write(`${JSON.stringify({ task: 'rankings', stories: Number(values.stories), smallGuild, runs: Number(values.runs), searches: Number(values.searches), cacheMb, rssAfterOpenMb, ms: report })}\n`);
}

/** The stories, a third of them voted on, analysed: once per data directory. */
async function seed(prisma: Database['prisma'], data: string, stories: number, now: Date) {
  await seedStories(prisma, buildCorpus(readArticles(data), seededRandom(7)), {
    stories, guildId, otherGuildId: '100000000000000999', channelId: '200000000000000001', feeds: 20, days: 365, now,
  });
  // Votes as members give them: a third of the stories, a few votes each, most of them middling.
  await prisma.$executeRaw`
    UPDATE "GuildStory" SET "voteCount" = 1 + ("storyId" % 9), "voteSum" = (1 + ("storyId" % 9)) * (1 + (("storyId" * 7919) % 5))
    WHERE "guildId" = ${guildId} AND "storyId" % 3 = 0`;
  // The tally's score as castVote keeps it.
  await prisma.$executeRaw`UPDATE "GuildStory" SET score = ${allTimeScoreSql} WHERE "guildId" = ${guildId} AND "voteCount" > 0`;
  await vacuumAnalyze(prisma);
}

const smallRegionTag = regionTag(defaultRegions[0]!);
const smallTopicTag = topicTag('energy')!;

/** The small guild: `count` stories spread evenly over the seeded ones, each in one region, every third on a topic. */
async function seedSmallGuild(prisma: Database['prisma'], count: number) {
  await prisma.guild.create({ data: { id: smallGuildId } });
  const stories = await prisma.story.count();
  const step = Math.max(1, Math.floor(stories / Math.max(1, count)));
  await prisma.$executeRaw`
    INSERT INTO "GuildStory"("guildId", "storyId", "createdAt")
    SELECT ${smallGuildId}, id, "firstSeenAt" FROM "Story" WHERE id % ${step}::int = ${Math.floor(step / 2)}::int ORDER BY id LIMIT ${count}`;
  const [region, topic] = await Promise.all([smallRegionTag, smallTopicTag].map((t) => prisma.tag.create({ data: { guildId: smallGuildId, name: t.name, label: t.label, kind: t.kind } })));
  await prisma.$executeRaw`
    INSERT INTO "StoryTag"("guildId", "storyId", "tagId", "createdAt")
    SELECT "guildId", "storyId", ${region!.id}::int, "createdAt" FROM "GuildStory" WHERE "guildId" = ${smallGuildId}
    UNION ALL SELECT "guildId", "storyId", ${topic!.id}::int, "createdAt" FROM "GuildStory" WHERE "guildId" = ${smallGuildId} AND "storyId" % 3 = 0`;
  await vacuumAnalyze(prisma);
}

/** A tag of the big guild on five of its stories, spread over the year (seeded once per data directory). */
async function rareTagOf(prisma: Database['prisma']): Promise<number> {
  const found = await prisma.tag.findFirst({ where: { guildId, name: 'rare bench tag' } });
  if (found) return found.id;
  const tag = await prisma.tag.create({ data: { guildId, name: 'rare bench tag', label: 'rare bench tag', kind: 'member' } });
  const stories = await prisma.guildStory.count({ where: { guildId } });
  const step = Math.max(1, Math.floor(stories / 5));
  await prisma.$executeRaw`
    INSERT INTO "StoryTag"("guildId", "storyId", "tagId")
    SELECT "guildId", "storyId", ${tag.id}::int FROM "GuildStory" WHERE "guildId" = ${guildId} AND "storyId" % ${step}::int = 7 LIMIT 5`;
  await vacuumAnalyze(prisma);
  return tag.id;
}

async function smallGuildTags(prisma: Database['prisma']): Promise<[number, number]> {
  const tags = await prisma.tag.findMany({ where: { guildId: smallGuildId, name: { in: [smallRegionTag.name, smallTopicTag.name] } } });
  const id = (name: string) => tags.find((t) => t.name === name)!.id;
  return [id(smallRegionTag.name), id(smallTopicTag.name)];
}
