// A server that removed Gazette is planned nothing until it invites Gazette back: every post there would be refused
// (403), each new story one more refused request, and Discord's edge blocks a bot's address past 10,000 invalid
// requests in 10 minutes. Settings, sources and stories stay; the server's next stories are posted once it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

describe('a server that removed Gazette', () => {
  let t: TestBot;
  let site: NewsSite;
  beforeAll(async () => {
    t = await startTestBot();
    site = await startNewsSite('Al Jazeera');
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  const prisma = () => t.app.db.prisma;
  const leftAt = async () => (await prisma().guild.findUniqueOrThrow({ where: { id: t.guildId } })).leftAt;
  const posts = () => t.discord.messages(t.channels.news, { includeEphemeral: false });
  const refused = () => t.discord.requests.filter((r) => r.status === 403 || r.status === 404).length;

  it('is planned nothing while Gazette is out, keeps its sources, and gets its next stories once Gazette is back', async () => {
    const source = await addSource(prisma(), { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 });
    await t.pollNow(source.feedId);
    const seeds = seedTexts();

    t.discord.removeBot(t.guildId);
    await expect.poll(leftAt, { timeout: 5_000 }).toBeInstanceOf(Date);
    const refusedBefore = refused();
    site.items.unshift({ slug: 'out', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: new Date(), fullInFeed: true });
    await t.pollNow(source.feedId);
    await t.deliver();
    expect(await prisma().delivery.count({ where: { guildId: t.guildId } })).toBe(0);
    expect(refused()).toBe(refusedBefore);
    expect(await prisma().source.count({ where: { id: source.id } })).toBe(1);

    t.discord.inviteBotBack(t.guildId);
    await expect.poll(leftAt, { timeout: 5_000 }).toBeNull();
    site.items.unshift({ slug: 'back', title: 'Azerbaijani brothers die after Russian police raid in Yekaterinburg', text: seeds.alarabiya, published: new Date(), fullInFeed: true });
    await t.pollNow(source.feedId);
    await t.deliver();
    expect(posts().map((m) => m.data.embeds[0]?.title)).toEqual(['Azerbaijani brothers die after Russian police raid in Yekaterinburg']);
    t.discord.assertNoViolations();
  });
});
