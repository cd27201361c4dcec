// A story's address need not be one Discord takes in a post: a file: source's items link to files, and a tracking-laden
// address can pass Discord's 2048 characters. Such a post goes out without the link (the title unlinked, no "Read the
// article" button, no thumbnail), rather than being refused for good as malformed (story-message.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../../src/db/articles.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { articleFixture, newStory } from '../helpers/fixtures.js';

describe('a story whose link Discord would refuse', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await t.app.bot.delivery.stop(); // only the test's rounds post
  });
  afterAll(() => t.close());

  async function post(url: string, imageUrl: string) {
    const at = new Date();
    await t.db.prisma.guild.upsert({ where: { id: t.guildId }, create: { id: t.guildId }, update: {} });
    const stored = await storeArticle(t.db.prisma, articleFixture({ url, imageUrl }), newStory, { now: at, windowHours: 72 });
    if (stored.status !== 'stored') throw new Error('not stored');
    await t.db.prisma.guildStory.create({ data: { guildId: t.guildId, storyId: stored.storyId, createdAt: at } });
    await t.db.prisma.delivery.create({ data: { storyId: stored.storyId, guildId: t.guildId, channelId: t.channels.news, nonce: `links-${stored.storyId}`, nextAttemptAt: at } });
    await t.deliver();
    const row = await t.db.prisma.delivery.findFirstOrThrow({ where: { storyId: stored.storyId } });
    expect(row).toMatchObject({ status: 'posted', lastError: null });
    return t.discord.message(row.messageId!)!.data;
  }
  const linkButtons = (m: { components?: unknown }) =>
    ((m.components ?? []) as { components: { style: number }[] }[]).flatMap((r) => r.components).filter((b) => b.style === 5);

  it('posts a file: source’s story without its link', async () => {
    const message = await post('file:///srv/feeds/local/story.html', 'file:///srv/feeds/local/picture.jpg');
    expect(message.embeds[0]!.url).toBeUndefined();
    expect(message.embeds[0]!.thumbnail).toBeUndefined();
    expect(linkButtons(message)).toEqual([]);
    t.discord.assertNoViolations();
  });

  it('posts a story whose address or picture is too long for Discord without them', async () => {
    const long = `https://news.example/story?${'utm_campaign=x&'.repeat(150)}`;
    expect(long.length).toBeGreaterThan(2048);
    const message = await post(long, `https://img.example/a.jpg?${'size=large&'.repeat(200)}`);
    expect(message.embeds[0]!.url).toBeUndefined();
    expect(message.embeds[0]!.thumbnail).toBeUndefined();
    expect(linkButtons(message)).toEqual([]);
    t.discord.assertNoViolations();
  });
});
