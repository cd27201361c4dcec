// The digest runner against a database and a stand-in for Discord's REST client: what each digest covers and when it
// is due, as the clock (passed in) moves.
import { DiscordAPIError, type Client } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeArticle } from '../../../src/db/articles.js';
import type { Database } from '../../../src/db/client.js';
import { lastDigestFailure, pruneDigestRuns } from '../../../src/db/digests.js';
import { updateGuildSettings } from '../../../src/db/guilds.js';
import { createDigestRunner } from '../../../src/discord/digest.js';
import { silentLogger } from '../../../src/logger.js';
import { createTestDatabase } from '../../helpers/db.js';
import { articleFixture, newStory } from '../../helpers/fixtures.js';

const guildId = '100000000000000093';
const channelId = '200000000000000093';

interface Posted {
  route: string;
  text: string;
}

describe('digest runner', () => {
  let db: Database;
  let posts: Posted[];
  let refuse = false;
  const client = {
    rest: {
      post: async (route: string, { body }: { body: unknown }) => {
        if (refuse) throw new DiscordAPIError({ code: 50001, message: 'Missing Access' }, 50001, 403, 'POST', route, {});
        posts.push({ route, text: JSON.stringify(body) });
        return { id: String(900000000000000000n + BigInt(posts.length)) };
      },
    },
  } as unknown as Client;
  const runAt = (iso: string) => createDigestRunner({ prisma: db.prisma, client, logger: silentLogger, now: () => new Date(iso) })();
  const digests = () => posts.filter((p) => p.text.includes('digest'));

  /** A story first seen at `iso` in the guild; `held` as if a channel's hourly limit had kept it from being posted. */
  async function story(title: string, iso: string, held = false) {
    const now = new Date(iso);
    const stored = await storeArticle(db.prisma, articleFixture({ title, url: `https://news.example/${encodeURIComponent(title)}` }), newStory, { now, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await db.prisma.guildStory.create({ data: { guildId, storyId: stored.storyId, createdAt: now } });
    if (held) await db.prisma.heldPost.create({ data: { guildId, storyId: stored.storyId, channelId: '300000000000000093', createdAt: now } });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    posts = [];
    refuse = false;
    await db.prisma.guild.deleteMany();
    await db.prisma.guild.create({ data: { id: guildId, timezone: 'UTC', digestFrequency: 'daily', digestTime: '08:00', digestChannelId: channelId } });
  });

  it('covers the time since the previous digest, so a late digest leaves no held story out', async () => {
    await story('Before the first digest', '2026-03-02T07:00:00Z');
    await runAt('2026-03-02T08:00:00Z');
    expect(digests()).toHaveLength(1);
    expect(digests()[0]!.text).toContain('Before the first digest');
    // Held back at noon; the bot is down at the next 08:00 and posts the digest at 20:00 on its return.
    await story('Held at noon', '2026-03-02T12:00:00Z', true);
    await story('Held in the evening', '2026-03-02T21:00:00Z', true);
    await runAt('2026-03-03T20:00:00Z');
    expect(digests()).toHaveLength(2);
    expect(digests()[1]!.text).toContain('Held at noon');
    expect(digests()[1]!.text).toContain('Held in the evening');
    expect(digests()[1]!.text).not.toContain('Before the first digest');
    // The next morning's covers the twelve hours since.
    await runAt('2026-03-04T08:00:00Z');
    expect(digests()[2]!.text).toContain('No new stories this time.');
  });

  it('posts a refused digest the same day once a moderator changes its settings, and stops warning about it', async () => {
    refuse = true; // Gazette lost access to the channel
    await runAt('2026-03-02T08:00:00Z');
    refuse = false;
    await runAt('2026-03-02T08:30:00Z'); // not retried every minute
    expect(digests()).toHaveLength(0);
    expect(await lastDigestFailure(db.prisma, guildId)).toMatchObject({ period: '2026-03-02' });
    // `/config digest channel:#new` at 09:00
    await updateGuildSettings(db.prisma, guildId, '400000000000000093', { digestChannelId: '200000000000000094' });
    expect(await lastDigestFailure(db.prisma, guildId)).toBeNull();
    await runAt('2026-03-02T09:00:00Z');
    expect(digests().map((p) => p.route)).toEqual(['/channels/200000000000000094/messages']);
    // Another setting (the language) gives a refused digest no second try.
    refuse = true;
    await runAt('2026-03-03T08:00:00Z');
    refuse = false;
    await updateGuildSettings(db.prisma, guildId, '400000000000000093', { language: 'fr' });
    await runAt('2026-03-03T09:00:00Z');
    expect(digests()).toHaveLength(1);
  });

  it('neither skips a day nor posts twice in one when the time zone or time changes', async () => {
    const actor = '400000000000000093';
    const times = () => digests().length;
    await updateGuildSettings(db.prisma, guildId, actor, { timezone: 'Asia/Tokyo' });
    await runAt('2026-05-01T23:00:00Z'); // 08:00 on 2 May in Tokyo
    expect(times()).toBe(1);
    // Westward: New York's 2 May had been claimed by Tokyo's, and was skipped.
    await updateGuildSettings(db.prisma, guildId, actor, { timezone: 'America/New_York' });
    await runAt('2026-05-02T01:00:00Z');
    expect(times()).toBe(1);
    await runAt('2026-05-02T12:00:00Z'); // 08:00 on 2 May in New York
    expect(times()).toBe(2);
    // Tokyo's post stays on record.
    expect(await db.prisma.digestRun.count({ where: { guildId, messageId: { not: null } } })).toBe(2);
    await runAt('2026-05-02T12:01:00Z');
    await runAt('2026-05-03T12:00:00Z');
    expect(times()).toBe(3);
    // Eastward, half an hour later, to where New York's digest went out at 02:00 on 4 May: that day has had one.
    await updateGuildSettings(db.prisma, guildId, actor, { timezone: 'Pacific/Kiritimati' });
    await runAt('2026-05-03T18:00:00Z');
    await runAt('2026-05-04T06:00:00Z');
    expect(times()).toBe(3);
    await runAt('2026-05-04T18:00:00Z'); // 08:00 on 5 May there
    expect(times()).toBe(4);
    // The time moved later after the day's digest: none more that day, however long after.
    await updateGuildSettings(db.prisma, guildId, actor, { digestTime: '08:30' });
    await runAt('2026-05-05T06:00:00Z');
    await runAt('2026-05-05T09:00:00Z');
    expect(times()).toBe(4);
    await runAt('2026-05-05T18:30:00Z'); // 08:30 on 6 May there
    expect(times()).toBe(5);
  });

  it('posts a weekly digest once a week when its time moves later midweek', async () => {
    await updateGuildSettings(db.prisma, guildId, '400000000000000093', { digestFrequency: 'weekly' });
    await runAt('2026-05-04T08:00:00Z');
    await updateGuildSettings(db.prisma, guildId, '400000000000000093', { digestTime: '08:30' });
    for (const at of ['2026-05-06T10:00:00Z', '2026-05-06T22:00:00Z', '2026-05-10T23:59:00Z']) await runAt(at);
    expect(digests()).toHaveLength(1);
    await runAt('2026-05-11T08:30:00Z');
    expect(digests()).toHaveLength(2);
  });

  it('posts a weekly digest missed on Monday on the bot’s return within the week, once', async () => {
    await updateGuildSettings(db.prisma, guildId, '400000000000000093', { digestFrequency: 'weekly' });
    await runAt('2026-05-05T10:00:00Z'); // Tuesday: the bot was down all Monday
    await runAt('2026-05-07T10:00:00Z');
    await runAt('2026-05-11T07:59:00Z');
    expect(digests()).toHaveLength(1);
    await runAt('2026-05-11T08:00:00Z'); // the next Monday's
    expect(digests()).toHaveLength(2);
  });

  it('reads a weekly guild’s runs once its week is known done, not every minute, until its settings change', async () => {
    await updateGuildSettings(db.prisma, guildId, '400000000000000093', { digestFrequency: 'weekly' });
    let clock = new Date('2026-05-04T08:00:00Z');
    const runDigests = createDigestRunner({ prisma: db.prisma, client, logger: silentLogger, now: () => clock });
    const reads = vi.spyOn(db.prisma.digestRun, 'findMany');
    try {
      await runDigests();
      for (const at of ['2026-05-04T08:01:00Z', '2026-05-05T10:00:00Z', '2026-05-10T23:59:00Z']) {
        clock = new Date(at);
        await runDigests();
      }
      expect(digests()).toHaveLength(1);
      expect(reads).toHaveBeenCalledTimes(2); // the post's minute, and the next, which finds the week done
      await updateGuildSettings(db.prisma, guildId, '400000000000000093', { digestTime: '09:00' });
      await runDigests();
      expect(reads).toHaveBeenCalledTimes(3);
      expect(digests()).toHaveLength(1);
    } finally {
      reads.mockRestore();
    }
  });

  it('forgets runs older than the maintenance asks', async () => {
    await runAt('2026-03-02T08:00:00Z');
    await runAt('2026-05-02T08:00:00Z');
    expect(await pruneDigestRuns(db.prisma, new Date('2026-03-04T00:00:00Z'))).toBe(1);
    expect(await db.prisma.digestRun.findMany({ where: { guildId }, select: { period: true } })).toEqual([{ period: '2026-05-02' }]);
  });

  it('stamps each claim with the time it is made: a long round’s late claims do not look lapsed to another process', async () => {
    const other = '100000000000000094';
    await db.prisma.guild.create({ data: { id: other, timezone: 'UTC', digestFrequency: 'daily', digestTime: '08:00', digestChannelId: channelId } });
    // Each reading of the clock four minutes after the one before: a round over many servers.
    let minutes = 0;
    const slow = () => new Date(Date.UTC(2026, 5, 1, 8, 4 * minutes++));
    await createDigestRunner({ prisma: db.prisma, client, logger: silentLogger, now: slow })();
    const runs = await db.prisma.digestRun.findMany({ where: { period: '2026-06-01' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
    expect(runs).toHaveLength(2);
    expect(runs[1]!.createdAt.getTime()).toBeGreaterThan(Date.UTC(2026, 5, 1, 8, 0));
  });

  it('posts the next day’s digest when a round begun before midnight claimed this server’s after it', async () => {
    await db.prisma.guild.update({ where: { id: guildId }, data: { digestTime: '23:59' } });
    // The round starts at 23:59; by the time it reaches this server the clock reads 00:00:20.
    const readings = [new Date('2026-05-01T23:59:00Z'), new Date('2026-05-02T00:00:20Z')];
    await createDigestRunner({ prisma: db.prisma, client, logger: silentLogger, now: () => readings.shift() ?? new Date('2026-05-02T00:00:30Z') })();
    expect(digests()).toHaveLength(1);
    const [run] = await db.prisma.digestRun.findMany({ where: { guildId } });
    expect(run).toMatchObject({ period: '2026-05-01', createdAt: new Date('2026-05-01T23:59:59Z') });
    await runAt('2026-05-02T23:59:00Z');
    expect(digests()).toHaveLength(2);
  });

  it('posts the next week’s digest when a missed weekly one was claimed on Sunday just past midnight', async () => {
    await db.prisma.guild.update({ where: { id: guildId }, data: { digestFrequency: 'weekly', digestTime: '09:00', timezone: 'Asia/Tbilisi' } });
    // Sunday 10 May, 23:59 in Tbilisi (19:59 UTC): the week's digest, missed on Monday, is caught up; the claim lands on
    // Monday 00:00:05 there.
    const readings = [new Date('2026-05-10T19:59:00Z'), new Date('2026-05-10T20:00:05Z')];
    await createDigestRunner({ prisma: db.prisma, client, logger: silentLogger, now: () => readings.shift() ?? new Date('2026-05-10T20:00:10Z') })();
    expect(digests()).toHaveLength(1);
    await runAt('2026-05-11T05:00:00Z'); // Monday 09:00 in Tbilisi
    expect(digests()).toHaveLength(2);
  });

  it('lists in the next digest a story whose store committed after a digest read, with a time just before it', async () => {
    await runAt('2026-07-01T08:00:00Z');
    // First seen (and held) at 07:59:50, the time taken before its transaction, which committed after the digest read.
    await story('Committed late', '2026-07-01T07:59:50Z', true);
    await runAt('2026-07-02T08:00:00Z');
    expect(digests()).toHaveLength(2);
    expect(digests()[1]!.text).toContain('Committed late');
  });

  it('does not say "no new stories" above the stories it lists as held back', async () => {
    await runAt('2026-08-01T08:00:00Z');
    // First seen the week before, held back in a channel of a source added since.
    await story('Old story held anew', '2026-07-25T10:00:00Z');
    const { storyId } = await db.prisma.guildStory.findFirstOrThrow({ where: { guildId, story: { title: 'Old story held anew' } } });
    await db.prisma.heldPost.create({ data: { guildId, storyId, channelId: '300000000000000094', createdAt: new Date('2026-08-01T12:00:00Z') } });
    await runAt('2026-08-02T08:00:00Z');
    expect(digests()[1]!.text).toContain('Old story held anew');
    expect(digests()[1]!.text).toContain('No other new stories this time.');
  });
});
