// `npm run bench -- discord [--stories 100000] [--members 50] [--votes 2000] [--searches 1000] [--concurrency 16]
//   [--vote-stories 24] [--warmup 200] [--seed 1] [--corpus <jsonl>] [--profile <dir>] [--dump <file>]`
// Members vote and search against the real bot. The Discord stand-in (test/helpers/discord) runs here; the bot runs
// in a child process (bench/lib/discord-bot-process.ts) on a freshly seeded database: embedded PGlite by default, a
// throwaway database on the server named by DATABASE_URL when that is set. Prints one JSON line: for significance
// votes and for `/news search`, interactions per second and the p50 / p99 time to first response as the stand-in
// recorded it, plus votesLost (members' last clicks compared with the stored votes; must be 0).
import { fork, type ChildProcess } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startDiscordStandIn, type InteractionRecord } from '../test/helpers/discord/index.js';
import type { BotProcessInput, ToChild, ToParent } from './lib/discord-bot-process.js';
import { buildCorpus, readArticles } from './lib/discord-corpus.js';
import { benchDatabaseUrl } from './lib/database-url.js';
import { seededRandom } from '../test/helpers/seeded-random.js';
import { addMembers, countLostVotes, phaseMetrics, runQueues, type Click } from './lib/discord-driver.js';
import { BenchUsageError } from './lib/usage-error.js';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new BenchUsageError(`${name} needs a number`);
  return value;
}

function textOption(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function waitFor<T extends ToParent['type']>(child: ChildProcess, type: T): Promise<Extract<ToParent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ToParent) => {
      if (message.type === type) {
        child.off('message', onMessage);
        resolve(message as Extract<ToParent, { type: T }>);
      } else if (message.type === 'error') reject(new Error(`bot process: ${message.message}`));
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`bot process exited (${code}) while waiting for ${type}`)));
  });
}

export async function run(args: string[]): Promise<void> {
  const stories = option(args, '--stories', 100_000);
  const memberCount = Math.max(1, option(args, '--members', 50));
  const voteCount = option(args, '--votes', 2_000);
  const searchCount = option(args, '--searches', 1_000);
  const concurrency = Math.max(1, option(args, '--concurrency', 16));
  const voteStories = Math.max(1, option(args, '--vote-stories', 24));
  const seed = option(args, '--seed', 1);
  const warmup = option(args, '--warmup', 200);
  const corpusPath = textOption(args, '--corpus', fileURLToPath(new URL('../../shared/bench/summarization/cnndm-dev.jsonl', import.meta.url)));
  statSync(corpusPath); // read by the bot's process: a path that is not there is said here, in words (bench/index.ts)
  const databaseUrl = benchDatabaseUrl(undefined);
  // --profile <dir>: a V8 CPU profile of the bot process, to see where an interaction's time goes.
  const profileDir = textOption(args, '--profile', '');
  // --dump <file>: every measured interaction (options, dispatch time, time to first response) as JSON.
  const dumpFile = textOption(args, '--dump', '');

  // Message creates are raised so the vote posts go out at once; edits keep Discord's 5 per 5 s per channel.
  const discord = await startDiscordStandIn({ rateLimits: { messageCreates: { limit: 50, windowMs: 1000 } } });
  const guildId = discord.addGuild({ name: 'Benchmark News' });
  const newsChannelId = discord.addChannel(guildId, { name: 'news', type: 'text' });
  const voteChannelIds = ['politics', 'economy', 'region', 'world'].map((name) => discord.addChannel(guildId, { name, type: 'text' }));
  const members = addMembers(discord, guildId, memberCount);

  const child = fork(fileURLToPath(new URL('./lib/discord-bot-process.ts', import.meta.url)), [], { execArgv: [...process.execArgv, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const input: BotProcessInput = { apiUrl: discord.apiUrl, token: discord.token, guildId, newsChannelId, voteChannelIds, voteStories, stories, corpusPath, seed, databaseUrl };
    const ready = waitFor(child, 'ready');
    child.send({ type: 'start', input } satisfies ToChild);
    const { seed: seeded, voteStoryIds, database, startMs } = await ready;
    log(`bot ready in ${startMs} ms on ${database}`);

    // The posts members vote on, by story number (their footer says "Story #…").
    const posts = new Map<number, string>();
    for (const channelId of voteChannelIds) {
      for (const m of discord.messages(channelId)) {
        const id = Number(/Story #(\d+)/.exec(m.data.embeds[0]?.footer?.text ?? '')?.[1]);
        if (id) posts.set(id, m.data.id);
      }
    }
    if (posts.size !== voteStoryIds.length) throw new Error(`only ${posts.size} of ${voteStoryIds.length} vote posts were posted`);

    const random = seededRandom(seed + 1);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const corpus = buildCorpus(readArticles(corpusPath), random);
    const regions = ['south-caucasus', 'central-asia', 'eastern-europe', 'baltics', 'balkans', 'western-europe'];
    const since = ['day', 'week', 'month', 'year'];
    const searchOptions = () => {
      const o: Record<string, string> = { query: corpus.query().slice(0, 200) };
      if (o.query!.length < 2) o.query = 'news';
      const roll = random();
      if (roll < 0.15) o.region = pick(regions);
      else if (roll < 0.3) o.tag = pick(seeded.tags);
      else if (roll < 0.45) o.since = pick(since);
      return o;
    };
    // A member's clicks all go to one queue, so they happen in order and "the member's last vote" is well defined.
    const clicks: Click[] = Array.from({ length: voteCount }, () => ({ userId: pick(members), storyId: pick(voteStoryIds), value: 1 + Math.floor(random() * 5) }));
    const clickQueues: Click[][] = Array.from({ length: concurrency }, () => []);
    for (const c of clicks) clickQueues[members.indexOf(c.userId) % concurrency]!.push(c);
    const searchQueues = Array.from({ length: concurrency }, (_, w) => Array.from({ length: Math.floor(searchCount / concurrency) + (w < searchCount % concurrency ? 1 : 0) }, () => ({ userId: pick(members), options: searchOptions() })));

    const click = (c: Click) => discord.button(posts.get(c.storyId)!, c.userId, `vote:${c.storyId}:${c.value}`);
    const search = (s: { userId: string; options: Record<string, string> }) => discord.slash(guildId, s.userId, newsChannelId, 'news search', s.options);

    // Warm-up, not measured: a long-running bot has loaded the English dictionary and V8 has optimised PGlite's
    // WebAssembly (it starts in a baseline tier: the first few hundred queries run several times slower).
    const warmQueues = <T>(make: (i: number) => T): T[][] => Array.from({ length: concurrency }, (_, w) => Array.from({ length: Math.ceil(warmup / concurrency) }, (_, i) => make(w + i * concurrency)));
    const warmUp = await runQueues(warmQueues((i) => ({ userId: members[i % members.length]!, options: searchOptions() })), search);
    const warmVotes = await runQueues(
      warmQueues((i) => ({ userId: members[i % members.length]!, storyId: voteStoryIds[i % voteStoryIds.length]!, value: 1 + (i % 5) })),
      click,
    );
    log(`warmed up (${warmUp.records.length} searches, ${warmVotes.records.length} votes); voting`);

    const votes = await runQueues(clickQueues, click);
    const settled = waitFor(child, 'settled');
    child.send({ type: 'settle' } satisfies ToChild);
    log(`votes done in ${Math.round(votes.wallMs)} ms; their post edits done ${(await settled).waitedMs} ms later; searching`);
    const searches = await runQueues(searchQueues, search);
    log(`searches done in ${Math.round(searches.wallMs)} ms; slowest:`);
    for (const r of [...searches.records].sort((a, b) => (b.firstResponse?.ms ?? Infinity) - (a.firstResponse?.ms ?? Infinity)).slice(0, 8)) {
      const options = (r.payload.data as { options?: { options?: { name: string; value: unknown }[] }[] } | undefined)?.options?.[0]?.options ?? [];
      log(`  ${r.firstResponse?.ms ?? 'no answer'} ms  ${options.map((o) => `${o.name}:${JSON.stringify(o.value)}`).join(' ')}`);
    }

    if (dumpFile) {
      const row = (r: InteractionRecord) => ({ kind: r.kind, name: r.name, options: r.payload.data, dispatchedAt: r.dispatchedAt, firstResponseMs: r.firstResponse?.ms ?? null });
      writeFileSync(dumpFile, JSON.stringify({ votes: votes.records.map(row), searches: searches.records.map(row) }));
    }
    const answered = waitFor(child, 'votes');
    child.send({ type: 'votes' } satisfies ToChild);
    const stored = await answered;
    const allClicks = [...warmVotes.records, ...votes.records];
    const lost = countLostVotes(allClicks, stored.votes, stored.tallies);

    const voteOk = (r: InteractionRecord) => /Your significance vote for story #\d+/.test(String((r.firstResponse?.data as { content?: string } | undefined)?.content ?? ''));
    const searchOk = (r: InteractionRecord) => {
      const data = r.firstResponse?.data as { content?: string; embeds?: { title?: string }[] } | undefined;
      return r.firstResponse?.type === 4 && (data?.embeds?.[0]?.title?.startsWith('Search: ') === true || /^(No stories in this server match|.* has no words to search for|.* only excludes words)/.test(data?.content ?? ''));
    };
    const searchFound = searches.records.filter((r) => ((r.firstResponse?.data as { embeds?: unknown[] } | undefined)?.embeds?.length ?? 0) > 0).length;
    const deferred = [...votes.records, ...searches.records].filter((r) => r.firstResponse?.type === 5).length;

    console.log(
      JSON.stringify({
        bench: 'discord',
        database: database,
        stories,
        members: memberCount,
        concurrency,
        votes: { ...phaseMetrics(votes, voteOk), repeatClicks: lost.repeatClicks, memberStoryPairs: lost.membersStories },
        searches: { ...phaseMetrics(searches, searchOk), withResults: searchFound },
        votesLost: lost.votesLost,
        tallyMismatches: lost.tallyMismatches,
        deferred,
        violations: discord.violations.length,
        seedMs: seeded.ms.total,
      }),
    );
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.connected) child.send({ type: 'stop' } satisfies ToChild);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    if (child.exitCode === null) child.kill();
    await discord.close();
  }
}
