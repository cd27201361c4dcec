// Any process posts into any guild, also those of another process's shards, whose channels discord.js does not
// cache: what a channel is (text or forum, its tags) is fetched once and kept, not fetched again for every story
// (each GET is spent out of the token's 50 requests a second), and a forum is known as one though discord.js has not
// cached its server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

describe('posting into a channel the gateway cache does not hold', () => {
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

  it('fetches the channel once for several stories', async () => {
    await t.followFeed(site.feedUrl);
    // As if the channel's guild were on another process's shard.
    t.app.bot.client.channels.cache.delete(t.channels.news);
    const channelReads = () => t.discord.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${t.channels.news}`).length;
    const before = channelReads();
    site.items.unshift(
      { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seedTexts().aljazeera, published: new Date(), fullInFeed: true },
      { slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: new Date(), fullInFeed: true },
    );
    await t.pollNow();
    await t.deliver();
    t.app.bot.client.channels.cache.delete(t.channels.news); // discord.js may have cached what it fetched
    site.items.unshift({ slug: 'border', title: 'Cambodia accuses Thailand of escalating border tensions', text: seedTexts().alarabiya, published: new Date(), fullInFeed: true });
    await t.pollNow();
    await t.deliver();
    expect(t.discord.messages(t.channels.news, { includeEphemeral: false }).filter((m) => m.data.embeds?.length)).toHaveLength(3);
    expect(channelReads() - before).toBe(1);
    t.discord.assertNoViolations();
  });

  it('posts into a forum of a server it does not serve as a forum post', async () => {
    // discord.js makes no channel of a server it has not cached: the fetched forum was taken for a text channel, and
    // the post sent as a message, which Discord refuses in a forum.
    t.app.bot.client.guilds.cache.delete(t.guildId);
    t.app.bot.client.channels.cache.delete(t.channels.forum);
    const storyId = await t.planPost(t.channels.forum);
    await t.deliver();
    const [thread] = t.discord.threads(t.channels.forum);
    expect(thread).toBeDefined();
    expect(t.discord.messages(thread!.id)[0]!.data.embeds?.[0]?.footer?.text).toContain(`#${storyId}`);
    t.discord.assertNoViolations();
  });
});
