// `npm run bench -- merges [--guilds 200] [--stories 2000] [--runs 6] [--database-url postgres://…]`
// What one story merge costs on a large installation. A merge (two stories the model finds converging, or a
// moderator's /story merge) moves the emptied story's server rows, votes, tags, held posts and queued alerts; each of
// those statements must find a story's rows without reading every server's. Seeds `guilds` servers that each have
// every one of `stories` stories (guilds × stories GuildStory rows), one pipeline tag per server on every story and a
// vote on every fifth, then times `runs` automatic merges (absorbStories, as storeArticle runs it) of pairs of
// stories, each in its own transaction. Embedded database unless a server is given. Prints one JSON line.
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.js';
import { openScratchDatabase } from '../src/db/scratch-database.js';
import { absorbStories } from '../src/db/story-edits.js';
import { benchDatabaseUrl } from './lib/database-url.js';
import { percentile } from './lib/percentile.js';
import { BenchUsageError } from './lib/usage-error.js';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      guilds: { type: 'string', default: '200' },
      stories: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '6' },
      'database-url': { type: 'string' },
    },
  });
  const guilds = Number(values.guilds);
  const stories = Number(values.stories);
  const runs = Number(values.runs);
  if (!(guilds > 0 && stories >= 2 * runs)) throw new BenchUsageError('--guilds must be positive and --stories at least twice --runs');
  const server = benchDatabaseUrl(values['database-url']);
  const db = server ? await openScratchDatabase(server, 'bench_merges') : await openDatabase({ dataDir: 'memory://' });
  const p = db.prisma;
  const seedStart = performance.now();
  // generate_series rows: the bench measures the merge, not the pipeline that would have written them.
  await p.$executeRaw`INSERT INTO "Guild" (id, "updatedAt") SELECT 'g' || i, now() FROM generate_series(1, ${guilds}::int) i`;
  await p.$executeRaw`INSERT INTO "Story" (title, summary) SELECT 'story ' || i, 'summary' FROM generate_series(1, ${stories}::int) i`;
  await p.$executeRaw`INSERT INTO "GuildStory" ("guildId", "storyId") SELECT 'g' || g, s FROM generate_series(1, ${guilds}::int) g, generate_series(1, ${stories}::int) s`;
  await p.$executeRaw`INSERT INTO "Tag" ("guildId", name, label, kind) SELECT 'g' || g, 'armenia', 'Armenia', 'country' FROM generate_series(1, ${guilds}::int) g`;
  await p.$executeRaw`INSERT INTO "StoryTag" ("guildId", "storyId", "tagId") SELECT t."guildId", s, t.id FROM "Tag" t, generate_series(1, ${stories}::int) s`;
  await p.$executeRaw`
    INSERT INTO "Vote" ("guildId", "storyId", "userId", value, "updatedAt")
    SELECT 'g' || g, s, 'member', 1 + s % 5, now() FROM generate_series(1, ${guilds}::int) g, generate_series(1, ${stories}::int, 5) s`;
  await p.$executeRawUnsafe('ANALYZE');
  const seedMs = performance.now() - seedStart;

  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [into, from] = [1 + 2 * i, 2 + 2 * i];
    const start = performance.now();
    await p.$transaction((tx) => absorbStories(tx, into, [from], new Date()), { timeout: 600_000 });
    ms.push(performance.now() - start);
  }
  await db.close();
  const round = (n: number) => Number(n.toFixed(1));
  const sorted = [...ms].sort((a, b) => a - b);
  process.stdout.write(`${JSON.stringify({
    task: 'merges', database: server ? 'postgres' : 'pglite', guilds, stories, guildStories: guilds * stories, runs,
    seedS: round(seedMs / 1000), mergeMs: { p50: round(percentile(sorted, 50)), max: round(sorted.at(-1) ?? 0), each: ms.map(round) },
  })}\n`);
}
