// `npm run bench -- alerts [--follows 100000] [--guilds 2000] [--stories 500] [--data <reuters21578 dir>]`
// Personal alerts' matching cost per story (src/db/alerts.ts queueStoryAlerts, the statement run in the transaction
// that stores a story): 100,000 follows across many guilds and members on a scratch embedded database, then stories
// made of Reuters-21578 articles, each new to one to three guilds (larger guilds more often) with its countries,
// regions and tags there. The target is O(matching follows) per story: p99 at most 5 ms. Reading an article's words for
// keywords (alertKeywords, CPU only) is timed apart. Prints one JSON line.
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { queueStoryAlerts } from '../src/db/alerts.js';
import { openDatabase } from '../src/db/client.js';
import { alertKeywords } from '../src/ingest/news-service.js';
import { seededRandom } from '../test/helpers/seeded-random.js';
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
    },
  });
  const random = seededRandom(11);
  const articles = readReutersFolder(values.data, new Map()).filter((s) => s.body.split(/\s+/).length >= 80);
  const sample = (n: number) => Array.from({ length: n }, () => articles[Math.floor(random() * articles.length)]!);
  const vocab = vocabulary(sample(3000).map((a) => alertKeywords({ title: a.title, text: a.body }).words()), random);
  const db = await openDatabase({ pglite: await PGlite.create() });
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

  const match: number[] = [];
  const probe: number[] = [];
  const queuedPerStory: number[] = [];
  let queued = 0;
  let words = 0;
  const warmUp = 50;
  const stories = Number(values.stories);
  for (let i = 0; i < warmUp + stories; i++) {
    const article = sample(1)[0]!;
    const countries = Array.from({ length: 1 + Math.floor(random() * 3) }, () => countryPool[zipf(random, countryPool.length)]!);
    const guilds = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, pickGuild))].map((guildId) => ({
      guildId,
      regions: random() < 0.6 ? [regionPool[zipf(random, regionPool.length)]!] : [],
      tags: Array.from({ length: 3 + Math.floor(random() * 4) }, () => tagPool[zipf(random, tagPool.length)]!),
    }));
    const t0 = performance.now();
    const keywords = alertKeywords({ title: article.title, text: article.body });
    const read = keywords.words();
    const t1 = performance.now();
    const count = await queueStoryAlerts(db.prisma, { storyId: i + 1, at: new Date(), countries: [...new Set(countries)], guilds, keywords });
    const t2 = performance.now();
    if (i < warmUp) continue;
    probe.push(t1 - t0);
    match.push(t2 - t1);
    queuedPerStory.push(count);
    queued += count;
    words += read.length;
  }
  await db.close();
  const fit = leastSquares(queuedPerStory, match);
  const few = match.filter((_, i) => queuedPerStory[i]! <= 20).sort((a, b) => a - b);
  match.sort((a, b) => a - b);
  probe.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      task: 'alerts',
      follows: world.follows,
      guilds: world.guilds.length,
      members: world.members,
      stories,
      matchMs: { p50: ms(percentile(match, 50)), p99: ms(percentile(match, 99)), max: ms(match.at(-1) ?? 0) },
      // The cost is a fixed part plus a part per alert written: what O(matching follows) looks like in numbers.
      fit: { fixedMs: ms(fit.intercept), usPerAlert: Math.round(fit.slope * 1000) },
      matchMsUpTo20Alerts: { stories: few.length, p50: ms(percentile(few, 50)), p99: ms(percentile(few, 99)) },
      keywordReadMs: { p50: ms(percentile(probe, 50)), p99: ms(percentile(probe, 99)) },
      wordsPerStory: Math.round(words / stories),
      alertsPerStory: ms(queued / stories),
      seedSeconds: ms(seedSeconds),
    })}\n`,
  );
}
