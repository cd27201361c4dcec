// `/source add` with a backfill whose items report the same story: the reply counts the posts that follow (one per
// story), not the items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

describe('/source add: a backfill of two items about one story', () => {
  let t: TestBot;
  let site: NewsSite;

  beforeAll(async () => {
    t = await startTestBot();
    // The same outlet twice on one event (the pair another test shows joining one story), and an older, unrelated item.
    site = await startNewsSite('Al Jazeera', [
      { slug: 'yekaterinburg', title: 'Azerbaijani brothers die after Russian police raid in Yekaterinburg', text: fixtureText('oc-media-yekaterinburg.txt'), published: new Date('2025-07-11T08:00:00Z'), fullInFeed: true },
      { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seedTexts().aljazeera, published: new Date('2025-07-10T08:00:00Z'), fullInFeed: true },
    ]);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('says one post follows, posts one, and shows the outlet’s second article with its count', async () => {
    const handle = t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source add', { url: site.feedUrl, channel: t.channels.news, backfill: 2 });
    await handle.settled({ timeoutMs: 25_000 });
    const answer = handle.originalMessage()?.data.content ?? '';
    expect(answer).toContain(`The 2 newest are being posted to <#${t.channels.news}> now as one post: they report the same story.`);

    const post = await t.discord.waitForMessage(t.channels.news, (m) => !m.ephemeral && m.data.embeds.length > 0, 10_000);
    await t.poll();
    // The reply is an ephemeral message in the same channel; the posts are the rest.
    expect(t.discord.messages(t.channels.news).filter((m) => !m.ephemeral)).toHaveLength(1);
    const also = post.data.embeds[0]!.fields?.find((f) => f.name === 'Also covered by');
    expect(also?.value).toMatch(/^\[Al Jazeera\]\(http:\/\/127\.0\.0\.1:\d+\/article\/(caucasus|yekaterinburg)\)$/);
    t.discord.assertNoViolations();
  });
});

describe('/source add: a backfill over the channel’s hourly limit', () => {
  let t: TestBot;
  let site: NewsSite;

  beforeAll(async () => {
    t = await startTestBot({ env: { MAX_POSTS_PER_CHANNEL_HOUR: '1' } });
    site = await startNewsSite('Civil.ge', [
      { slug: 'yekaterinburg', title: 'Azerbaijani brothers die after Russian police raid in Yekaterinburg', text: fixtureText('oc-media-yekaterinburg.txt'), published: new Date('2025-07-11T08:00:00Z'), fullInFeed: true },
      { slug: 'cop29', title: 'Azerbaijan opens COP29 in Baku', text: fixtureText('cop29-baku.txt'), published: new Date('2025-07-10T08:00:00Z'), fullInFeed: true },
      { slug: 'border', title: 'Cambodia accuses Thailand of escalating border tensions', text: seedTexts().alarabiya, published: new Date('2025-07-09T08:00:00Z'), fullInFeed: true },
    ]);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('says which are posted and which are held for the digest, not that they report one story', async () => {
    const handle = t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'source add', { url: site.feedUrl, channel: t.channels.news, backfill: 3 });
    await handle.settled({ timeoutMs: 25_000 });
    const answer = handle.originalMessage()?.data.content ?? '';
    expect(answer).toContain(`Of the 3 newest, one is being posted to <#${t.channels.news}> now and 2 are held back, since <#${t.channels.news}> has had its posts for this hour (the server's digest lists them, if there is one).`);
    t.discord.assertNoViolations();
  });
});

