// A bot on a host whose clock runs twenty minutes ahead of the database's, through the real app, discord.js against
// the Discord stand-in and a local news site: it says so, shows the offset in /metrics, and times what other
// processes read (a feed's claim and next fetch, a post's due time and claim) by the database's clock.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

const skewMs = 20 * 60_000;
const near = (at: Date | null | undefined, ms: number) => at !== null && at !== undefined && Math.abs(at.getTime() - ms) < 60_000;

describe('a host whose clock is off', () => {
  let t: TestBot;
  let site: NewsSite;
  const warnings: { msg: string; offsetMs?: number }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line) as (typeof warnings)[number]) });

  beforeAll(async () => {
    t = await startTestBot({ env: { METRICS_PORT: '0' }, logger, hostNow: () => Date.now() + skewMs });
    const seeds = seedTexts();
    site = await startNewsSite('Al Jazeera', [{ slug: 'raid', title: 'Israeli raid on Doha', text: seeds.aljazeera, published: new Date(Date.now() - 3_600_000), fullInFeed: true }]);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('says at start how far off it is, and /metrics shows the offset', async () => {
    const said = warnings.filter((w) => w.msg.includes("this host's clock"));
    expect(said).toHaveLength(1);
    expect(said[0]!.msg).toMatch(/this host's clock is 1200\.\d s ahead of the database server's/);
    const body = await (await fetch(`${t.app.metricsServer!.origin}/metrics`)).text();
    const line = body.split('\n').find((l) => l.startsWith('gazette_clock_offset_seconds '));
    expect(Math.abs(Number(line!.split(' ')[1]) + skewMs / 1000)).toBeLessThan(2);
  });

  const run = async (command: string, options: Record<string, string | number>) => {
    const handle = t.discord.slash(t.guildId, t.users.admin, t.channels.news, command, options);
    await handle.settled({ timeoutMs: 25_000 });
    return handle.originalMessage()?.data.content ?? '';
  };
  const feedOf = () => t.db.prisma.feed.findFirstOrThrow({ where: { url: site.feedUrl } });

  it("times a new source's read, its feed's next fetch and its posts by the database's clock", async () => {
    expect(await run('source add', { url: site.feedUrl, channel: t.channels.news, interval: 30, backfill: 1 })).toMatch(/^Added source #\d+/);
    await t.deliver();
    const feed = await feedOf();
    const real = Date.now();
    // On the host's clock these would be twenty minutes on: another process would see the feed claimed, and not due,
    // for twenty minutes longer than it is.
    expect(near(feed.lastFetchAt, real)).toBe(true);
    // The interval and its 0–10 % jitter.
    const nextIn = feed.nextFetchAt.getTime() - real;
    expect(nextIn).toBeGreaterThan(29 * 60_000);
    expect(nextIn).toBeLessThan(34 * 60_000);
    const deliveries = await t.db.prisma.delivery.findMany({ where: { guildId: t.guildId } });
    expect(deliveries.map((d) => d.status)).toEqual(['posted']);
    for (const d of deliveries) {
      expect(near(d.createdAt, real)).toBe(true);
      expect(near(d.nextAttemptAt, real)).toBe(true);
    }
  });
});
