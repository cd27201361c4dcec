// Seeds a guild with many stories fast: text is generated in JS and inserted in large set-based batches
// (`INSERT … SELECT FROM unnest(…)`), with the full-text index dropped during the load and rebuilt once after — the
// same index definition, read back from the database, so the schema under test is unchanged.
import type { Prisma } from '../../src/db/client.js';
import { vacuumAnalyze } from '../../src/db/maintenance.js';
import { regionTag, topicTag, TOPICS, defaultRegions } from '../../src/pipeline/tag/index.js';
import type { Corpus } from './discord-corpus.js';

export interface SeedOptions {
  stories: number;
  guildId: string;
  /** A second guild that sees every third story, so "only this guild's stories" has something to exclude. */
  otherGuildId: string;
  channelId: string;
  feeds: number;
  /** Stories are spread evenly over this many days before `now`. */
  days: number;
  now: Date;
}

export interface SeedResult {
  regions: string[];
  tags: string[];
  sourceIds: number[];
  ms: { text: number; insert: number; index: number; total: number };
}

const batch = 5_000;
const countryCodes = ['AZ', 'AM', 'GE', 'RU', 'TR', 'UA', 'IR', 'KH', 'TH', 'VN', 'IN', 'PK', 'KZ', 'UZ', 'RS', 'RO'];

export async function seedStories(prisma: Prisma, corpus: Corpus, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const { stories, guildId, otherGuildId, now } = options;
  let textMs = 0;

  await prisma.guild.createMany({ data: [{ id: guildId }, { id: otherGuildId }], skipDuplicates: true });
  const feeds = [];
  for (let i = 1; i <= options.feeds; i++) {
    feeds.push(await prisma.feed.create({ data: { url: `https://outlet-${i}.example/feed.xml`, kind: 'feed', title: `Outlet ${i} News`, siteUrl: `https://outlet-${i}.example/` } }));
  }
  const sources = [];
  for (const feed of feeds) {
    sources.push(await prisma.source.create({ data: { guildId, feedId: feed.id, channelId: options.channelId, intervalMinutes: 60 } }));
  }
  const firstFeed = feeds[0]!.id;

  const [index] = await prisma.$queryRawUnsafe<{ def: string }[]>(`SELECT pg_get_indexdef('"Story_search_idx"'::regclass) AS def`);
  if (!index) throw new Error('The full-text index Story_search_idx is missing.');
  await prisma.$executeRawUnsafe(`DROP INDEX "Story_search_idx"`);
  const base = Number((await prisma.$queryRawUnsafe<{ max: number | null }[]>(`SELECT max(id) AS max FROM "Story"`))[0]?.max ?? 0);
  const step = (options.days * 86_400_000) / stories;
  const insertStarted = performance.now();
  for (let offset = 0; offset < stories; offset += batch) {
    // Text is made batch by batch: the bot process runs, as `npm start` does, with a 256 MB heap.
    const textStarted = performance.now();
    const t: string[] = [];
    const s: string[] = [];
    for (let i = offset; i < Math.min(stories, offset + batch); i++) {
      t.push(corpus.title());
      s.push(corpus.summary());
    }
    textMs += performance.now() - textStarted;
    const first = base + offset + 1;
    // Ids are explicit so the lead article can share the story's number; the story's age follows its id.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Story"(id, "leadArticleId", title, summary, countries, "firstSeenAt", "lastArticleAt", search)
       SELECT $1::int + o - 1, $1::int + o - 1, t, s, ARRAY[($3::text[])[1 + (($1::int + o) % cardinality($3::text[]))]],
         $4::timestamp - (($5::int - ($1::int - $6::int + o - 1)) * $7::float8) * interval '1 millisecond',
         $4::timestamp - (($5::int - ($1::int - $6::int + o - 1)) * $7::float8) * interval '1 millisecond',
         setweight(to_tsvector('english'::regconfig, t), 'A') || setweight(to_tsvector('english'::regconfig, s), 'B')
       FROM unnest($2::text[], $8::text[]) WITH ORDINALITY AS x(t, s, o)`,
      first, t, countryCodes, now, stories, base + 1, step, s,
    );
  }
  const last = base + stories;
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Article"(id, "feedId", "storyId", url, title, "sourceName", "publishedAt", "fetchedAt", text, summary, countries, "createdAt")
     SELECT s.id, $1::int + (s.id % $2::int), s.id, 'https://outlet-' || (1 + s.id % $2::int) || '.example/story/' || s.id, s.title,
       'Outlet ' || (1 + s.id % $2::int) || ' News', s."firstSeenAt", s."firstSeenAt", '', s.summary, s.countries, s."firstSeenAt"
     FROM "Story" s WHERE s.id > $3::int AND s.id <= $4::int`,
    firstFeed, options.feeds, base, last,
  );
  // One story in ten was also covered by a second outlet.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Article"(id, "feedId", "storyId", url, title, "sourceName", "fetchedAt", text, summary, "createdAt")
     SELECT $3::int + s.id, $1::int + ((s.id + 7) % $2::int), s.id, 'https://outlet-' || (1 + (s.id + 7) % $2::int) || '.example/also/' || s.id,
       s.title, 'Outlet ' || (1 + (s.id + 7) % $2::int) || ' News', s."firstSeenAt", '', s.summary, s."firstSeenAt"
     FROM "Story" s WHERE s.id > $4::int AND s.id <= $3::int AND s.id % 10 = 0`,
    firstFeed, options.feeds, last, base,
  );
  const insertMs = performance.now() - insertStarted;
  const indexStarted = performance.now();
  await prisma.$executeRawUnsafe(index.def);
  const indexMs = performance.now() - indexStarted;

  await prisma.$executeRawUnsafe(
    `INSERT INTO "GuildStory"("guildId", "storyId", "createdAt") SELECT $1, id, "firstSeenAt" FROM "Story" WHERE id > $3::int AND id <= $4::int
     UNION ALL SELECT $2, id, "firstSeenAt" FROM "Story" WHERE id > $3::int AND id <= $4::int AND id % 3 = 0`,
    guildId, otherGuildId, base, last,
  );
  const regions = defaultRegions.slice(0, 6).map((r) => regionTag(r));
  const topics = TOPICS.slice(0, 12).flatMap((t) => topicTag(t.slug) ?? []);
  const tagIds: number[] = [];
  for (const t of [...regions, ...topics]) {
    const tag = await prisma.tag.upsert({
      where: { guildId_name: { guildId, name: t.name } },
      create: { guildId, name: t.name, label: t.label, kind: t.kind },
      update: {},
    });
    tagIds.push(tag.id);
  }
  // Each story gets one region tag and one or two topic tags, spread by its id.
  await prisma.$executeRawUnsafe(
    `INSERT INTO "StoryTag"("guildId", "storyId", "tagId", "createdAt")
     SELECT $1, s.id, (ARRAY[${tagIds.slice(0, regions.length).join(',')}])[1 + s.id % ${regions.length}], s."firstSeenAt" FROM "Story" s WHERE s.id > $2::int AND s.id <= $3::int
     UNION ALL SELECT $1, s.id, (ARRAY[${tagIds.slice(regions.length).join(',')}])[1 + (s.id * 7) % ${topics.length}], s."firstSeenAt" FROM "Story" s WHERE s.id > $2::int AND s.id <= $3::int
     UNION ALL SELECT $1, s.id, (ARRAY[${tagIds.slice(regions.length).join(',')}])[1 + (s.id * 7 + 5) % ${topics.length}], s."firstSeenAt" FROM "Story" s WHERE s.id > $2::int AND s.id <= $3::int AND s.id % 2 = 0`,
    guildId, base, last,
  );
  for (const table of ['Story', 'Article', 'Tag']) {
    await prisma.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
  }
  // As the nightly maintenance job (src/db/maintenance.ts) leaves a database in use: vacuumed, with planner
  // statistics, every row's hint bits set (the first read of a freshly loaded row writes them, a one-time cost that
  // would otherwise land on whichever member's search touches the row first).
  await vacuumAnalyze(prisma);
  return {
    regions: regions.map((r) => r.name),
    tags: topics.map((t) => t.name),
    sourceIds: sources.map((s) => s.id),
    ms: { text: Math.round(textMs), insert: Math.round(insertMs - textMs), index: Math.round(indexMs), total: Math.round(performance.now() - started) },
  };
}
