// The real Gazette app (the same wiring as `npm start`) on a fresh database, logged in to a Discord stand-in.
// A server "Regional News" with #news, #caucasus, #asia, a forum #stories, #mod-review; an admin (Manage Server),
// a moderator (the "Editors" role, made moderator role on request) and two members, alice and bob.
import { startApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger, type Logger } from '../../src/logger.js';
import type { Database } from '../../src/db/client.js';
import { storeArticle } from '../../src/db/articles.js';
import { addSource } from '../../src/db/sources.js';
import { createTestDatabase } from './db.js';
import { startDiscordStandIn, type DiscordStandIn, type StandInOptions } from './discord/index.js';
import { articleFixture, newStory } from './fixtures.js';

const MANAGE_GUILD = 1n << 5n;

export interface TestBot {
  discord: DiscordStandIn;
  app: App;
  db: Database;
  guildId: string;
  channels: { news: string; caucasus: string; asia: string; forum: string; review: string };
  roles: { editors: string };
  users: { admin: string; editor: string; alice: string; bob: string };
  /** One polling round, as the cron job would run it, then waits for the posts it planned. */
  poll(): Promise<number>;
  /** Makes a feed (or every feed) due now, then polls: what a test does after changing what a feed holds. */
  pollNow(feedId?: number): Promise<number>;
  /** Follows a feed in #news and fetches it once, so that only what is added afterwards is new; its feed id. */
  followFeed(url: string): Promise<number>;
  /** Stores a story of its own and plans its post in a channel of the server, due now, as a poll would; its story id. */
  planPost(channelId: string): Promise<number>;
  /** Runs the delivery worker until the outbox has nothing due. */
  deliver(): Promise<void>;
  /**
   * Runs the delivery worker until `found` finds what it looks for (a post), for up to ten seconds: on a loaded machine
   * a post can be deferred by its channel's rate-limit bucket, or be in the background worker's hands, when one pass
   * ends.
   */
  deliverUntil<T>(found: () => T | undefined, what: string): Promise<T>;
  close(): Promise<void>;
}

export interface TestBotOptions {
  standIn?: StandInOptions;
  env?: Record<string, string>;
  logger?: Logger;
  /** How long the bot's stop lets work in flight finish (default: the app's 8 s). */
  stopGraceMs?: number;
  /** How long votes' and tags' edits of a post are gathered before it is refreshed (default: the app's 3 s). */
  voteEditDelayMs?: number;
  /** Reuse a database (a "restart" of the bot). */
  db?: Database;
  /** The host's clock in ms, for a host whose clock is off (the bot tells time by the database's). */
  hostNow?: () => number;
  discord?: DiscordStandIn;
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const discord = options.discord ?? (await startDiscordStandIn({ rateLimits: { messageCreates: { limit: 50, windowMs: 1000 } }, ...options.standIn }));
  const world = worlds.get(discord) ?? buildWorld(discord);
  const db = options.db ?? (await createTestDatabase());
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    ALLOW_PRIVATE_NETWORKS: 'true',
    // The test sites are on 127.0.0.1, members' links to them included.
    ALLOW_PRIVATE_NETWORKS_FOR_MEMBERS: 'true',
    ALLOW_FILE_SOURCES: 'true',
    FETCH_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = await startApp({ config, logger: options.logger ?? silentLogger, db, schedule: false, stopGraceMs: options.stopGraceMs, voteEditDelayMs: options.voteEditDelayMs, hostNow: options.hostNow });
  const poll = async () => {
    const polled = await app.scheduler.pollOnce();
    await app.bot.delivery.runOnce();
    // The poll also woke the background worker, which may hold some of its posts when this pass ends (on a loaded
    // machine, often): once it has made them, one more pass takes what it left.
    const inFlight = () => db.prisma.delivery.count({ where: { status: 'pending', claimedAt: { not: null } } });
    if ((await inFlight()) > 0) {
      for (let tries = 0; tries < 100 && (await inFlight()) > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      await app.bot.delivery.runOnce();
    }
    return polled;
  };
  return {
    discord,
    app,
    db,
    ...world,
    poll,
    async pollNow(feedId) {
      await db.prisma.feed.updateMany({ where: feedId === undefined ? {} : { id: feedId }, data: { nextFetchAt: new Date() } });
      return poll();
    },
    async followFeed(url) {
      const source = await addSource(db.prisma, { guildId: world.guildId, actorId: world.users.admin, url, kind: 'feed', channelId: world.channels.news, intervalMinutes: 15 });
      await poll(); // the first fetch of an empty feed
      return source.feedId;
    },
    async planPost(channelId) {
      const at = new Date();
      await db.prisma.guild.upsert({ where: { id: world.guildId }, create: { id: world.guildId }, update: {} });
      const stored = await storeArticle(db.prisma, articleFixture(), newStory, { now: at, windowHours: 72 });
      if (stored.status !== 'stored') throw new Error(`the planned story was not stored (${stored.status})`);
      await db.prisma.guildStory.create({ data: { guildId: world.guildId, storyId: stored.storyId, createdAt: at } });
      await db.prisma.delivery.create({ data: { storyId: stored.storyId, guildId: world.guildId, channelId, nonce: `planned-${stored.storyId}`, nextAttemptAt: at } });
      return stored.storyId;
    },
    deliver: () => app.bot.delivery.runOnce(),
    async deliverUntil(found, what) {
      for (let tries = 0; tries < 50; tries++) {
        await app.bot.delivery.runOnce();
        const it = found();
        if (it !== undefined) return it;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`Timed out after delivering for 10 s: ${what}`);
    },
    async close() {
      await app.stop();
      if (!options.discord) await discord.close();
      if (!options.db) await db.close();
    },
  };
}

type World = Pick<TestBot, 'guildId' | 'channels' | 'roles' | 'users'>;
const worlds = new WeakMap<object, World>();

function buildWorld(discord: DiscordStandIn): World {
  const guildId = discord.addGuild({ name: 'Regional News' });
  const channels = {
    news: discord.addChannel(guildId, { name: 'news', type: 'text' }),
    caucasus: discord.addChannel(guildId, { name: 'caucasus', type: 'text' }),
    asia: discord.addChannel(guildId, { name: 'asia', type: 'text' }),
    forum: discord.addChannel(guildId, { name: 'stories', type: 'forum', availableTags: [{ name: 'Diplomacy' }, { name: 'Conflict' }, { name: 'South Caucasus' }] }),
    review: discord.addChannel(guildId, { name: 'mod-review', type: 'text' }),
  };
  const editors = discord.addRole(guildId, { name: 'Editors' });
  const users = {
    admin: discord.addMember(guildId, { username: 'admin', permissions: MANAGE_GUILD }),
    editor: discord.addMember(guildId, { username: 'editor', roles: [editors] }),
    alice: discord.addMember(guildId, { username: 'alice' }),
    bob: discord.addMember(guildId, { username: 'bob' }),
  };
  const world = { guildId, channels, roles: { editors }, users };
  worlds.set(discord, world);
  return world;
}
