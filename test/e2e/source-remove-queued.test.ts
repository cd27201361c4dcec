// Removing or pausing a source drops the posts it had queued and not yet made, for stories only it brought into that
// channel; stories another active source of the channel brought, or that a route into the channel may post, stay
// queued; the guild keeps the stories (searchable). The moderator is told how many were dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import { addSource } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { articleFixture, joinStory, newStory } from '../helpers/fixtures.js';

describe('queued posts of a removed or paused source', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.close());

  const prisma = () => t.app.db.prisma;
  const follow = (url: string, channelId: string) =>
    addSource(prisma(), { guildId: t.guildId, actorId: t.users.admin, url, kind: 'feed', channelId, intervalMinutes: 15 });

  /** A story with an article from each feed, queued (not posted) in `channelId`; its id. */
  async function queued(channelId: string, feedIds: (number | null)[], status: 'pending' | 'posted' = 'pending'): Promise<number> {
    const at = new Date();
    let storyId: number | undefined;
    for (const feedId of feedIds) {
      const stored = await storeArticle(prisma(), articleFixture({ feedId }), storyId === undefined ? newStory : joinStory(storyId), { now: at, windowHours: 72 });
      if (stored.status !== 'stored') throw new Error(`not stored: ${stored.status}`);
      storyId = stored.storyId;
    }
    await prisma().guildStory.create({ data: { guildId: t.guildId, storyId: storyId!, createdAt: at } });
    // Due in an hour: the delivery worker leaves them alone during the test.
    await prisma().delivery.create({ data: { storyId: storyId!, guildId: t.guildId, channelId, status, nonce: `q-${storyId}`, nextAttemptAt: new Date(at.getTime() + 3_600_000), messageId: status === 'posted' ? '1' : null } });
    return storyId!;
  }
  const queuedStories = async (channelId: string) =>
    (await prisma().delivery.findMany({ where: { guildId: t.guildId, channelId }, orderBy: { storyId: 'asc' } })).map((d) => d.storyId);

  async function run(command: string, options: Record<string, number | string>) {
    const handle = t.discord.slash(t.guildId, t.users.admin, t.channels.news, command, options);
    await handle.settled({ timeoutMs: 20_000 });
    return handle.originalMessage()?.data.content ?? '';
  }

  it('drops on /source remove only what no other active source of the channel brought, and says how many', async () => {
    const removed = await follow('https://one.example/feed.xml', t.channels.news);
    const other = await follow('https://two.example/feed.xml', t.channels.news);
    const elsewhere = await follow('https://three.example/feed.xml', t.channels.asia);
    const onlyThis = await queued(t.channels.news, [removed.feedId]);
    const alsoOther = await queued(t.channels.news, [removed.feedId, other.feedId]);
    const posted = await queued(t.channels.news, [removed.feedId], 'posted');
    const notThis = await queued(t.channels.news, [other.feedId]);
    // Another source of the guild brought it too, but into another channel: it would not post it here.
    const otherChannel = await queued(t.channels.news, [removed.feedId, elsewhere.feedId]);
    // A member shared it too (an article of no feed), as an approved submission: it stays.
    const shared = await queued(t.channels.news, [removed.feedId, null]);

    const reply = await run('source remove', { source: removed.id });
    expect(reply).toMatch(new RegExp(`^Removed source #${removed.id} \\(.+\\): nothing more from it is posted to <#${t.channels.news}>, and 2 stories it found that were waiting to be posted there will not be \\(they stay searchable\\)\\.`));
    expect(await queuedStories(t.channels.news)).toEqual([alsoOther, posted, notThis, shared].sort((a, b) => a - b));
    expect(await prisma().guildStory.count({ where: { guildId: t.guildId, storyId: { in: [onlyThis, otherChannel] } } })).toBe(2);
    const audit = await prisma().auditLog.findFirstOrThrow({ where: { action: 'source.remove', target: `source:${removed.id}` } });
    expect(audit.details).toMatchObject({ droppedPosts: 2 });
    t.discord.assertNoViolations();
  });

  it('drops them on /source pause too, but keeps every queued post of a channel a route posts to', async () => {
    const paused = await follow('https://four.example/feed.xml', t.channels.caucasus);
    const story = await queued(t.channels.caucasus, [paused.feedId]);
    const routed = await follow('https://five.example/feed.xml', t.channels.asia);
    await prisma().route.create({ data: { guildId: t.guildId, kind: 'region', value: 'south-caucasus', channelId: t.channels.asia } });
    const routedStory = await queued(t.channels.asia, [routed.feedId]);

    expect(await run('source pause', { source: paused.id })).toMatch(/and 1 story it found that was waiting to be posted there will not be \(it stays searchable\)\.$/);
    expect(await queuedStories(t.channels.caucasus)).not.toContain(story);
    expect(await run('source pause', { source: routed.id })).toMatch(/until `\/source resume`\.$/);
    expect(await queuedStories(t.channels.asia)).toContain(routedStory);
    // A source that paused itself after failing still had its stories queued; a moderator pausing it drops them too.
    const failing = await follow('https://six.example/feed.xml', t.channels.forum);
    const failingStory = await queued(t.channels.forum, [failing.feedId]);
    await prisma().source.update({ where: { id: failing.id }, data: { paused: true, pausedReason: 'Paused after 10 failed fetches in a row. Last error: 503' } });
    expect(await run('source pause', { source: failing.id })).toMatch(/and 1 story it found that was waiting to be posted there will not be \(it stays searchable\)\.$/);
    expect(await queuedStories(t.channels.forum)).not.toContain(failingStory);
    // Paused by a moderator already, it has nothing left to drop.
    expect(await run('source pause', { source: failing.id })).toMatch(/until `\/source resume`\.$/);
    t.discord.assertNoViolations();
  });

  it('moves on /source edit channel the posts only it queued in the old channel, and says so', async () => {
    const moving = await follow('https://six.example/feed.xml', t.channels.news);
    const other = await follow('https://seven.example/feed.xml', t.channels.news);
    const onlyThis = await queued(t.channels.news, [moving.feedId]);
    const alsoOther = await queued(t.channels.news, [moving.feedId, other.feedId]);
    // Already due in the new channel: posted there once, the old channel's queued post goes.
    const dueThere = await queued(t.channels.news, [moving.feedId]);
    await prisma().delivery.create({ data: { storyId: dueThere, guildId: t.guildId, channelId: t.channels.review, nonce: `r-${dueThere}`, nextAttemptAt: new Date(Date.now() + 3_600_000) } });
    // Failed for good there, never made (the bot lacked a permission then): no post there, so the queued one moves in.
    const failedThere = await queued(t.channels.news, [moving.feedId]);
    await prisma().delivery.create({ data: { storyId: failedThere, guildId: t.guildId, channelId: t.channels.review, nonce: `f-${failedThere}`, status: 'failed', lastError: 'Missing Access' } });
    // Tried once with no known outcome: its retry looks for the post in the old channel, so it stays there.
    const attempted = await queued(t.channels.news, [moving.feedId]);
    await prisma().delivery.updateMany({ where: { storyId: attempted }, data: { attempts: 1 } });

    const reply = await run('source edit', { source: moving.id, channel: t.channels.review });
    expect(reply).toContain(`Stories already posted stay in <#${t.channels.news}>; its new stories go to <#${t.channels.review}>. 2 stories waiting to be posted go to <#${t.channels.review}> instead. 1 story waiting to be posted was due in <#${t.channels.review}> already: posted there once.`);
    expect(await queuedStories(t.channels.news)).toEqual(expect.arrayContaining([alsoOther, attempted]));
    expect((await prisma().delivery.findFirstOrThrow({ where: { storyId: failedThere, channelId: t.channels.review } })).status).toBe('pending');
    expect(await queuedStories(t.channels.news)).not.toContain(onlyThis);
    expect(await queuedStories(t.channels.news)).not.toContain(dueThere);
    expect(await queuedStories(t.channels.review)).toEqual(expect.arrayContaining([onlyThis, dueThere, failedThere]));
    // A later /source remove finds them in the channel the source posts to now (no other source there brought them).
    expect(await run('source remove', { source: moving.id })).toContain('and 3 stories it found that were waiting to be posted there will not be');
    expect(await queuedStories(t.channels.review)).toEqual([]);
    t.discord.assertNoViolations();
  });

  it('drops on /route remove the route posts nothing else would make in its channel, with their role mention', async () => {
    const feed = await follow('https://eight.example/feed.xml', t.channels.news);
    const local = await follow('https://nine.example/feed.xml', t.channels.forum);
    const route = await prisma().route.create({ data: { guildId: t.guildId, kind: 'topic', value: 'energy', channelId: t.channels.forum, roleId: t.roles.editors } });
    const routedOnly = await queued(t.channels.forum, [feed.feedId]);
    await prisma().delivery.updateMany({ where: { storyId: routedOnly }, data: { mentionRoleId: t.roles.editors } });
    const alsoLocal = await queued(t.channels.forum, [feed.feedId, local.feedId]);
    await prisma().delivery.updateMany({ where: { storyId: alsoLocal }, data: { mentionRoleId: t.roles.editors } });
    // A source of the channel that paused itself after failed fetches still means its queued stories to be posted.
    const selfPaused = await follow('https://ten.example/feed.xml', t.channels.forum);
    await prisma().source.update({ where: { id: selfPaused.id }, data: { paused: true, pausedReason: 'Paused after 10 failed fetches in a row. Last error: 503' } });
    const alsoSelfPaused = await queued(t.channels.forum, [feed.feedId, selfPaused.feedId]);

    expect(await run('route remove', { route: route.id })).toMatch(/ 1 story it sent there and not posted yet will not be \(it stays searchable\)\.$/);
    const left = await prisma().delivery.findMany({ where: { guildId: t.guildId, channelId: t.channels.forum } });
    // The story the channel's own source brought is still posted, without the removed route's role.
    expect(left.map((d) => [d.storyId, d.mentionRoleId]).sort()).toEqual([[alsoLocal, null], [alsoSelfPaused, null]].sort());
    t.discord.assertNoViolations();
  });
});
