// `npm run bench -- alerts [--follows 100000] [--guilds 2000] [--stories 500] [--data <reuters21578 dir>] [--database-url <postgres://…>]`
// Personal alerts' cost per story, in its two places (ADR 20): what the transaction that stores a story does for
// alerts (src/db/alerts.ts queueStoryForFollowers: one QueuedStory row per guild the story newly reaches, whoever
// follows it), and what the alert worker does later to find the story's followers (src/db/alert-fanout.ts
// expandQueuedStory: read the rows and the article's words, then one statement that deletes the rows, matches the
// follows and writes one PendingAlert per member and server matched). 100,000 follows across many guilds and members on a scratch embedded
// database, then stories made of Reuters-21578 articles, each new to one to three guilds (larger guilds more often)
// with its countries, regions and tags there. The target: the store side at most 5 ms p99 whatever the followers; the
// deferred side O(matching follows), reported as a fixed part per story plus a part per member alerted. Prints one
// JSON line. With `--database-url` (or DATABASE_URL) it runs in a throwaway database on that PostgreSQL server
// instead of an embedded one (`scripts/with-postgres.sh npm run bench -- alerts` starts one from this machine's binaries).
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { countStoryAlerts, expandQueuedStory, type KeywordReader } from '../src/db/alert-fanout.js';
import { queueStoryForFollowers } from '../src/db/alerts.js';
import { openDatabase } from '../src/db/client.js';
import { openScratchDatabase } from '../src/db/scratch-database.js';
import { alertKeywords } from '../src/ingest/alert-keywords.js';
import { seededRandom } from '../test/helpers/seeded-random.js';
import { benchDatabaseUrl } from './lib/database-url.js';
import { countryPool, regionPool, seedFollows, tagPool, vocabulary, zipf } from './lib/alerts-seed.js';
import { percentile } from './lib/percentile.js';
import { readReutersFolder } from './lib/reuters-sgml.js';

const ms = (n: number) => Number(n.toFixed(2));

function leastSquares(xs: number[], ys: number[]): { intercept: number; slope: number } {
  const n = xs.length || 1;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
  });
  const slope = sxx ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      follows: { type: 'string', default: '100000' },
      guilds: { type: 'string', default: '2000' },
      stories: { type: 'string', default: '500' },
      data: { type: 'string', default: '../shared/bench/geo/reuters21578' },
      'database-url': { type: 'string' },
    },
  });
  const random = seededRandom(11);
  const articles = readReutersFolder(values.data, new Map()).filter((s) => s.body.split(/\s+/).length >= 80);
  const sample = (n: number) => Array.from({ length: n }, () => articles[Math.floor(random() * articles.length)]!);
  const vocab = vocabulary(sample(3000).map((a) => alertKeywords({ title: a.title, text: a.body }).words()), random);
  const serverUrl = benchDatabaseUrl(values['database-url']);
  const db = serverUrl ? await openScratchDatabase(serverUrl, 'bench_alerts') : await openDatabase({ pglite: await PGlite.create() });
  const seedStarted = performance.now();
  const world = await seedFollows(db.prisma, { follows: Number(values.follows), guilds: Number(values.guilds), vocabulary: vocab, random });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const total = world.weights.reduce((a, b) => a + b, 0);
  const pickGuild = () => {
    let pick = random() * total;
    let g = 0;
    while (pick > world.weights[g]! && g < world.guilds.length - 1) pick -= world.weights[g++]!;
    return world.guilds[g]!;
  };

  // The worker's keyword reading, timed inside the expansion (CPU only: the article's words, distinct and in order).
  let readMs = 0;
  const timedKeywords: KeywordReader = (article) => {
    const probe = alertKeywords(article);
    const timed = <T>(f: () => T) => {
      const t = performance.now();
      const out = f();
      readMs += performance.now() - t;
      return out;
    };
    return { words: () => timed(() => probe.words()), sequence: () => timed(() => probe.sequence()), joined: () => timed(() => probe.joined()) };
  };

  const store: number[] = [];
  const floor: number[] = [];
  const expand: number[] = [];
  const match: number[] = [];
  const expandCpu: number[] = [];
  const read: number[] = [];
  const queuedPerStory: number[] = [];
  let queued = 0;
  let words = 0;
  let rows = 0;
  const warmUp = 50;
  const stories = Number(values.stories);
  for (let i = 0; i < warmUp + stories; i++) {
    const article = sample(1)[0]!;
    const countries = Array.from({ length: 1 + Math.floor(random() * 3) }, () => countryPool[zipf(random, countryPool.length)]!);
    const guilds = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, pickGuild))].map((guildId) => ({
      guildId,
      countries: [...new Set(countries)],
      regions: random() < 0.6 ? [regionPool[zipf(random, regionPool.length)]!] : [],
      tags: Array.from({ length: 3 + Math.floor(random() * 4) }, () => tagPool[zipf(random, tagPool.length)]!),
    }));
    // The article is stored before, untimed: the store transaction has just written it.
    const { id: articleId } = await db.prisma.article.create({ data: { url: `https://bench.example/${i}`, title: article.title, text: article.body, summary: '', sourceName: 'Reuters' } });
    // The machine's noise floor at that moment: the round trip of a statement that does nothing.
    const f0 = performance.now();
    await db.prisma.$queryRaw`SELECT 1`;
    const f1 = performance.now();
    const t0 = performance.now();
    const written = await queueStoryForFollowers(db.prisma, { storyId: i + 1, articleId, at: new Date(), guilds });
    const t1 = performance.now();
    readMs = 0;
    const c1 = process.cpuUsage();
    const done = await expandQueuedStory(db.prisma, timedKeywords);
    const t2 = performance.now();
    const cpu = process.cpuUsage(c1);
    if (done.status !== 'expanded') throw new Error(`story ${i + 1} was not expanded: ${done.status}`);
    // The matching alone, read-only, after the expansion (so that it does not warm the cache for it): the same
    // statement without the claim and without writing a row per member.
    const facts = { storyId: i + 1, at: new Date(), guilds: guilds.map((g) => ({ ...g, countries: [...new Set(countries)] })), keywords: alertKeywords({ title: article.title, text: article.body }) };
    const m0 = performance.now();
    const members = await countStoryAlerts(db.prisma, facts);
    const m1 = performance.now();
    if (members !== done.queued) throw new Error(`story ${i + 1}: matching found ${members} members, the expansion queued ${done.queued}`);
    if (i < warmUp) continue;
    store.push(t1 - t0);
    floor.push(f1 - f0);
    expand.push(t2 - t1);
    match.push(m1 - m0);
    // The embedded database runs on this thread: the process's CPU time (this thread and V8's helpers) is the work,
    // whatever else the machine is doing; wall time on a busy machine also counts the waits for a core. (On a server
    // this is only the client's share: the server's work runs in its own processes.)
    expandCpu.push((cpu.user + cpu.system) / 1000);
    read.push(readMs);
    queuedPerStory.push(done.queued);
    queued += done.queued;
    rows += written;
    words += alertKeywords({ title: article.title, text: article.body }).words().length;
  }
  await db.close();
  const fit = leastSquares(queuedPerStory, expand);
  const few = expand.filter((_, i) => queuedPerStory[i]! <= 20).sort((a, b) => a - b);
  const deferredTotal = expand.reduce((a, b) => a + b, 0);
  const spread = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return { p50: ms(percentile(xs, 50)), p99: ms(percentile(xs, 99)), max: ms(xs.at(-1) ?? 0) };
  };
  process.stdout.write(
    `${JSON.stringify({
      task: 'alerts',
      database: db.kind,
      follows: world.follows,
      guilds: world.guilds.length,
      members: world.members,
      stories,
      // In the store transaction: one QueuedStory row per guild the story newly reaches, whoever follows it.
      storeMs: spread(store),
      queuedRowsPerStory: ms(rows / stories),
      // `SELECT 1` timed the same way beside it: the p99 that load on the machine alone gives any statement.
      selectOneMs: spread(floor),
      // Later, in the alert worker, per story: read its rows and article, then one statement that claims (deletes) the rows, matches and writes.
      deferred: {
        perStoryMs: spread(expand),
        // The same match on its own, nothing claimed or written: finding the members is this; the rest of perStoryMs
        // is reading the queued rows and the article, deleting the rows and writing a PendingAlert row per member and server matched.
        matchOnlyMs: spread(match),
        cpuPerStoryMs: spread(expandCpu),
        // A fixed part per story plus a part per member alerted: what O(matching follows) looks like in numbers.
        fit: { fixedMs: ms(fit.intercept), usPerAlert: Math.round(fit.slope * 1000) },
        perAlertMs: ms(deferredTotal / Math.max(1, queued)),
        upTo20Alerts: { stories: few.length, p50: ms(percentile(few, 50)), p99: ms(percentile(few, 99)) },
        keywordReadMs: spread(read),
      },
      wordsPerStory: Math.round(words / stories),
      alertsPerStory: ms(queued / stories),
      alertsPerStorySpread: spread([...queuedPerStory]),
      seedSeconds: ms(seedSeconds),
    })}\n`,
  );
}
