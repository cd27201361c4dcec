// Discord lets a channel's or thread's name change about twice in ten minutes, and says so only when refused: a forum
// post's rename over that limit (its story's new title after a split) made discord.js wait the ten minutes, holding
// the post's edit and its delivery round. The rename is given up instead (src/discord/bot.ts renameRefused): the
// post's message shows the story as it is now, its title stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../../src/db/sources.js';
import { recordFetchSuccess } from '../../src/db/feeds.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { StoredMessage } from '../helpers/discord/index.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

const storyIdOf = (m: StoredMessage) => Number(/Story #(\d+)/.exec(m.data.embeds[0]!.footer!.text)![1]);

describe('a forum post renamed over Discord’s limit on renames', () => {
  let t: TestBot;
  let jazeera: NewsSite;
  let ocmedia: NewsSite;

  beforeAll(async () => {
    // No rename allowed in the window: the first one is already over the limit.
    t = await startTestBot({ standIn: { rateLimits: { channelRenames: { limit: 0, windowMs: 600_000 } } } });
    jazeera = await startNewsSite('Al Jazeera', [
      { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seedTexts().aljazeera, published: new Date('2025-07-10T08:00:00Z'), fullInFeed: true },
    ]);
    ocmedia = await startNewsSite('OC Media');
    for (const site of [jazeera, ocmedia]) {
      const source = await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: t.channels.forum, intervalMinutes: 15 });
      await recordFetchSuccess(t.app.db.prisma, source.feedId, new Date(), { seenKeys: [], nextFetchAt: new Date() });
    }
    await t.poll();
    ocmedia.items.unshift({ slug: 'yekaterinburg', title: 'Azerbaijani brothers die after Russian police raid in Yekaterinburg', text: fixtureText('oc-media-yekaterinburg.txt'), published: new Date(), fullInFeed: true });
    await t.pollNow();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([jazeera.close(), ocmedia.close()]);
  });

  it('edits the post at once and leaves its title, rather than wait the limit out', { timeout: 60_000 }, async () => {
    const [thread] = t.discord.threads(t.channels.forum);
    const post = t.discord.messages(thread!.id)[0]!;
    const storyId = storyIdOf(post);
    expect(post.data.embeds[0]!.fields?.find((f) => f.name === 'Also covered by')?.value).toContain('OC Media');
    // The lead split out: the story is now told by OC Media, under its headline.
    const picked = await t.discord.autocomplete(t.guildId, t.users.admin, t.channels.news, 'story split', { story: storyId, article: 'Al Jazeera' }, 'article').settled();
    const lead = (picked.firstResponse!.data as { choices: { name: string; value: number }[] }).choices.find((c) => c.name.includes('Al Jazeera'))!;
    const edits = post.versions.length;
    const started = Date.now();
    await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'story split', { story: storyId, article: lead.value }).settled();
    await t.deliverUntil(() => (post.versions.length > edits && post.data.embeds[0]!.title?.startsWith('Azerbaijani brothers') ? true : undefined), 'the post edited to the story’s new lead');
    expect(Date.now() - started).toBeLessThan(20_000);
    // Its edit is done (not retried for the refused rename), and the thread keeps the name it had.
    await expect.poll(async () => (await t.app.db.prisma.delivery.findFirstOrThrow({ where: { threadId: thread!.id } })).editDueAt, { timeout: 10_000 }).toBeNull();
    expect((t.discord.threads(t.channels.forum).find((c) => c.id === thread!.id) as { name?: string }).name).toBe("The South Caucasus is slipping from Russia's grasp");
    t.discord.assertNoViolations({ allow: ['rate-limit-exceeded'] });
  });
});
