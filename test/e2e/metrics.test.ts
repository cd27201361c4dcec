// Health and metrics of the real app (the wiring of `npm start`) with METRICS_PORT set: discord.js against the Discord
// stand-in, a real PGlite database, a local news site; /healthz and /metrics read over HTTP as Prometheus would.
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

interface HealthBody {
  status: string;
  failed: string[];
  checks: Record<string, { ok: boolean; detail?: string }>;
}

describe('health and metrics of the running bot', () => {
  let t: TestBot;
  let site: NewsSite;
  let feedId: number;
  const seeds = seedTexts();
  const get = (path: string) => fetch(`${t.app.metricsServer!.origin}${path}`);
  const scrape = async () => (await get('/metrics')).text();
  const answered429 = () => t.discord.requests.filter((r) => r.status === 429).length;
  // One post a second in #news: a second post is put back until the channel's bucket refills, then made.
  const deliverAll = async (posts: number) => {
    for (let tries = 0; tries < 30 && t.discord.messages(t.channels.news).length < posts; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      await t.deliver();
    }
  };
  const due = (id: number) => t.app.db.prisma.feed.update({ where: { id }, data: { nextFetchAt: new Date(Date.now() - 30_000) } });

  beforeAll(async () => {
    // One post per second in a channel, so that a second post finds its rate-limit bucket spent.
    t = await startTestBot({ env: { METRICS_PORT: '0' }, standIn: { rateLimits: { messageCreates: { limit: 1, windowMs: 1000 } } } });
    site = await startNewsSite('Al Jazeera');
    const source = await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 });
    feedId = source.feedId;
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('is healthy once the shards Discord recommends are ready', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthBody;
    expect(body.status).toBe('ok');
    // shards: 'auto' took the stand-in's recommendation (GET /gateway/bot answers one shard).
    expect(body.checks.shards).toEqual({ ok: true, detail: 'shards 0 of 1 ready' });
    expect(body.checks.database!.ok).toBe(true);
    expect(body.checks.scheduler).toEqual({ ok: true, detail: 'no cron: polls run on demand' });
    expect(t.app.bot.client.options.shardCount).toBe(1);
  });

  it('counts polls, fetches, stored articles and posts', async () => {
    await t.poll(); // the first fetch of an empty feed
    site.items.unshift(
      { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: new Date('2025-07-10T08:00:00Z'), fullInFeed: true },
      { slug: 'border', title: 'Cambodia and Thailand trade accusations over border clash', text: seeds.alarabiya, published: new Date('2025-07-10T07:00:00Z'), fullInFeed: true },
    );
    await due(feedId);
    await t.poll();
    await deliverAll(2);
    expect(t.discord.messages(t.channels.news)).toHaveLength(2);

    const text = await scrape();
    expect(sample(text, 'gazette_feed_fetches_total{result="ok"}')).toBe(2);
    expect(sample(text, 'gazette_poll_lag_seconds_count')).toBe(2);
    expect(sample(text, 'gazette_poll_lag_seconds_sum')).toBeGreaterThanOrEqual(30);
    expect(sample(text, 'gazette_articles_stored_total')).toBe(2);
    expect(sample(text, 'gazette_deliveries_sent_total{action="post"}')).toBe(2);
    expect(sample(text, 'gazette_deliveries_failed_total{action="post"}')).toBe(0);
    expect(sample(text, 'gazette_deliveries_deferred_total{action="post"}')).toBeGreaterThanOrEqual(1); // the second, until the refill
    expect(sample(text, 'gazette_outbox_depth{kind="post"}')).toBe(0);
    expect(sample(text, 'gazette_due_feeds')).toBe(0);
    expect(sample(text, 'gazette_discord_429_total{scope="user"}') ?? 0).toBe(answered429());
    expect(text).toContain('# TYPE gazette_interaction_duration_seconds histogram');
    expect(text).toContain('# TYPE gazette_discord_shard_ping_seconds gauge');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    t.discord.assertNoViolations({ allow: ['rate-limit-exceeded'] });
  });

  it('counts the waits of discord.js for a rate-limit bucket', async () => {
    // The delivery worker puts a spent channel's posts back rather than wait (ADR 7); any other request the bot makes
    // to it waits in discord.js, as these two in a channel allowed one a second.
    const waits = async () => sample(await scrape(), 'gazette_discord_rate_limit_waits_total{global="false"}') ?? 0;
    const before = await waits();
    for (const content of ['first', 'second']) await t.app.bot.client.rest.post(Routes.channelMessages(t.channels.caucasus), { body: { content } });
    expect(await waits()).toBeGreaterThanOrEqual(before + 1);
  });

  it('counts a 429 answered by Discord', async () => {
    site.items.unshift({ slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: new Date('2025-07-11T08:00:00Z'), fullInFeed: true });
    await due(feedId);
    t.discord.failNext('POST /channels/:id/messages', { status: 429, retryAfter: 0.05 });
    const before = answered429();
    await t.poll();
    await deliverAll(3);
    expect(t.discord.requests.filter((r) => r.status === 429 && r.injected)).toHaveLength(1);
    expect(answered429()).toBeGreaterThan(before);
    expect(t.discord.messages(t.channels.news)).toHaveLength(3); // discord.js retried after the 429
    const text = await scrape();
    expect(sample(text, 'gazette_discord_429_total{scope="user"}')).toBe(answered429());
    expect(sample(text, 'gazette_deliveries_sent_total{action="post"}')).toBe(3);
    expect(sample(text, 'gazette_deliveries_failed_total{action="post"}')).toBe(0);
    t.discord.assertNoViolations({ allow: ['rate-limit-exceeded'] });
  });

  it('times each interaction under its command, never its ids', async () => {
    await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'news latest').settled();
    await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'news latest').settled();
    const [post] = t.discord.messages(t.channels.news);
    const story = JSON.stringify(post).match(/"custom_id":"vote:(\d+):1"/)![1];
    await t.discord.button(post!, t.users.alice, `vote:${story}:4`).settled();
    const text = await scrape();
    expect(sample(text, 'gazette_interaction_duration_seconds_count{command="news latest"}')).toBe(2);
    expect(sample(text, 'gazette_interaction_duration_seconds_count{command="vote"}')).toBe(1);
    expect(text).not.toMatch(/command="vote:/);
  });

  it("counts a failed fetch by the fetcher's error kind", async () => {
    site.override = (res) => {
      res.statusCode = 404;
      res.end('gone');
    };
    await due(feedId);
    await t.poll();
    site.override = undefined;
    const text = await scrape();
    expect(sample(text, 'gazette_feed_fetches_total{result="http-status"}')).toBe(1);
    expect(sample(text, 'gazette_feed_fetches_total{result="ok"}')).toBe(3);
  });

  it('answers 503 naming the shards when the gateway connection is gone', async () => {
    await t.app.bot.client.destroy();
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    const body = (await res.json()) as HealthBody;
    expect(body.failed).toEqual(['shards']);
    expect(body.checks.shards!.detail).toMatch(/^shard 0 /);
  });
});
