// A post whose answer was lost (a timeout, a 5xx) is looked for before it is sent again: a forum's or a webhook's
// carries no nonce, so by its footer and title. A merge or split between the two attempts changed the story's number
// or title, and the retry did not find the post it had made: the channel showed the story twice, the first post never
// updated again (src/discord/delivery/find-post.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import { loadStoryView } from '../../src/db/story-views.js';
import { postStory } from '../../src/discord/delivery/post-story.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { articleFixture, joinStory } from '../helpers/fixtures.js';

describe('a post made by an attempt whose answer was lost, then its story merged or split', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await t.app.bot.delivery.stop();
  });
  afterAll(() => t.close());

  const prisma = () => t.app.db.prisma;
  /** The story's post in the forum made by a first attempt, its answer lost: the row says one attempt, no message. */
  async function madeButNotRecorded(storyId: number) {
    const view = (await loadStoryView(prisma(), t.guildId, storyId))!;
    const row = await prisma().delivery.findFirstOrThrow({ where: { storyId, channelId: t.channels.forum } });
    await postStory(t.app.bot.client, view, { channelId: t.channels.forum, guildId: t.guildId, nonce: row.nonce, uncertain: false });
    await prisma().delivery.update({ where: { id: row.id }, data: { attempts: 1, lastError: 'Discord did not answer', nextAttemptAt: new Date() } });
  }
  const retry = async () => {
    await prisma().delivery.updateMany({ where: { status: 'pending' }, data: { nextAttemptAt: new Date(0) } });
    await t.deliver();
  };
  const footers = () => t.discord.threads(t.channels.forum).map((th) => /^Story #\d+/.exec(t.discord.messages(th.id)[0]?.data.embeds[0]?.footer?.text ?? '')?.[0]);

  it('finds the forum post of a story merged into another since, instead of posting it again', async () => {
    const kept = await t.planPost(t.channels.news);
    await t.deliver();
    const away = await t.planPost(t.channels.forum);
    await madeButNotRecorded(away);
    const before = t.discord.threads(t.channels.forum).length;
    const merged = await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'story merge', { story: away, into: kept }).settled();
    expect(JSON.stringify(merged.firstResponse?.data)).toContain(`Merged story #${away} into #${kept}`);
    await retry();
    expect(t.discord.threads(t.channels.forum)).toHaveLength(before);
    expect(await prisma().delivery.findFirstOrThrow({ where: { storyId: kept, channelId: t.channels.forum } })).toMatchObject({ status: 'posted' });
  });

  it('finds the forum post of a story whose lead was split out since (its title changed), instead of posting it again', async () => {
    const storyId = await t.planPost(t.channels.forum);
    const lead = await prisma().article.findFirstOrThrow({ where: { storyId } });
    await storeArticle(prisma(), articleFixture({ title: 'A second outlet’s headline', sourceName: 'Other Outlet', url: 'https://other.example/second' }), joinStory(storyId), { now: new Date(), windowHours: 72 });
    await madeButNotRecorded(storyId);
    const before = footers().filter((f) => f === `Story #${storyId}`).length;
    expect(before).toBe(1);
    await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'story split', { story: storyId, article: lead.id }).settled();
    await retry();
    expect(footers().filter((f) => f === `Story #${storyId}`)).toHaveLength(1);
  });
});
