// The bot under benchmark, in its own process as in production (Discord is not on the bot's CPU): seeds a fresh
// database, starts the real app (src/app.ts, as `npm start` does) against the Discord stand-in run by the parent,
// posts the stories members will vote on, then answers the parent's questions over IPC.
import { randomUUID } from 'node:crypto';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { openScratchDatabase } from '../../src/db/scratch-database.js';
import { silentLogger } from '../../src/logger.js';
import { buildCorpus, readArticles } from './discord-corpus.js';
import { seededRandom } from '../../test/helpers/seeded-random.js';
import { seedStories, type SeedResult } from './discord-seed.js';

export interface BotProcessInput {
  apiUrl: string;
  token: string;
  guildId: string;
  newsChannelId: string;
  /** Channels the vote-target stories are posted to, round robin. */
  voteChannelIds: string[];
  voteStories: number;
  stories: number;
  corpusPath: string;
  seed: number;
  /** A PostgreSQL server to use instead of embedded PGlite; the bench works in a throwaway database on it. */
  databaseUrl?: string | undefined;
}

export type ToParent =
  | { type: 'ready'; seed: SeedResult; voteStoryIds: number[]; database: 'pglite' | 'postgres'; startMs: number }
  | { type: 'votes'; votes: { userId: string; storyId: number; value: number }[]; tallies: { storyId: number; voteCount: number; voteSum: number }[] }
  | { type: 'settled'; waitedMs: number }
  | { type: 'error'; message: string };

export type ToChild = { type: 'start'; input: BotProcessInput } | { type: 'settle' } | { type: 'votes' } | { type: 'stop' };

const send = (message: ToParent) => process.send?.(message);
const log = (line: string) => process.stderr.write(`[bot] ${line}\n`);

async function main(input: BotProcessInput) {
  const started = performance.now();
  const db = input.databaseUrl ? await openScratchDatabase(input.databaseUrl, 'gazette_bench') : await openDatabase({ dataDir: 'memory://', cacheMb: loadConfig().DATA_CACHE_MB });
  log(`database ready (${db.kind}); seeding ${input.stories} stories`);
  const corpus = buildCorpus(readArticles(input.corpusPath), seededRandom(input.seed));
  const seed = await seedStories(db.prisma, corpus, {
    stories: input.stories,
    guildId: input.guildId,
    otherGuildId: '100000000000000999',
    channelId: input.newsChannelId,
    feeds: 20,
    days: 365,
    now: new Date(),
  });
  log(`seeded in ${seed.ms.total} ms (text ${seed.ms.text}, rows ${seed.ms.insert}, search index ${seed.ms.index})`);
  const config = loadConfig({ DISCORD_TOKEN: input.token, DISCORD_API_URL: input.apiUrl, LOG_LEVEL: 'silent' });
  const app = await startApp({ config, logger: silentLogger, db, schedule: false });
  // The newest stories are the ones members vote on: each gets a post with vote buttons through the real outbox.
  const targets = await db.prisma.story.findMany({ orderBy: { id: 'desc' }, take: input.voteStories, select: { id: true } });
  await db.prisma.delivery.createMany({
    data: targets.map((s, i) => ({ storyId: s.id, guildId: input.guildId, channelId: input.voteChannelIds[i % input.voteChannelIds.length]!, nonce: randomUUID().replace(/-/g, '').slice(0, 25) })),
  });
  while ((await db.prisma.delivery.count({ where: { status: 'pending' } })) > 0) await app.bot.delivery.runOnce();
  send({ type: 'ready', seed, voteStoryIds: targets.map((s) => s.id), database: db.kind, startMs: Math.round(performance.now() - started) });

  process.on('message', async (message: ToChild) => {
    if (message.type === 'settle') {
      // The votes' coalesced post edits go out after the phase ends (paced by Discord's 5 edits per 5 s per
      // channel); they are part of voting, so the next phase starts once they are done.
      const started = Date.now();
      while (Date.now() - started < 60_000 && (await db.prisma.delivery.count({ where: { editDueAt: { not: null } } })) > 0) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000)); // edits claimed just now are still being sent
      send({ type: 'settled', waitedMs: Date.now() - started });
    } else if (message.type === 'votes') {
      const votes = await db.prisma.vote.findMany({ where: { guildId: input.guildId }, select: { userId: true, storyId: true, value: true } });
      const tallies = await db.prisma.guildStory.findMany({ where: { guildId: input.guildId, voteCount: { gt: 0 } }, select: { storyId: true, voteCount: true, voteSum: true } });
      send({ type: 'votes', votes, tallies });
    } else if (message.type === 'stop') {
      await app.stop();
      await db.close();
      process.exit(0);
    }
  });
}

process.once('message', (message: ToChild) => {
  if (message.type !== 'start') return;
  main(message.input).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  });
});
