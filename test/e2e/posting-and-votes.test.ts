import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import { seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

// Votes' edits of a post are gathered for this long (the bot's default, 3 s, would only be waited out here).
const editDelayMs = 500;

describe('posting stories and voting on them', () => {
  let t: TestBot;
  let site: NewsSite;
  const seeds = seedTexts();

  beforeAll(async () => {
    t = await startTestBot({ voteEditDelayMs: editDelayMs });
    site = await startNewsSite('Al Jazeera');
    const source = await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId: t.channels.news, intervalMinutes: 15 });
    await t.poll(); // first fetch of an empty feed
    site.items.unshift({ slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: new Date('2025-07-10T08:00:00Z'), fullInFeed: true });
    await t.pollNow(source.feedId);
  });
  afterAll(async () => {
    await t.close();
    await site.close();
  });

  it('posts the story once, as an embed with buttons, pinging nobody', () => {
    const posts = t.discord.messages(t.channels.news);
    expect(posts).toHaveLength(1);
    const embed = posts[0]!.data.embeds[0]!;
    expect(embed.title).toBe("The South Caucasus is slipping from Russia's grasp");
    expect(embed.url).toBe(`${site.origin}/article/caucasus`);
    expect(embed.author?.name).toBe('Al Jazeera');
    expect(embed.description!.length).toBeLessThanOrEqual(600);
    expect(embed.fields?.find((f) => f.name === 'Published')?.value).toMatch(/^<t:\d+:f>/);
    expect(embed.fields?.find((f) => f.name === 'Countries')?.value).toMatch(/🇦🇿 Azerbaijan/);
    expect(embed.fields?.find((f) => f.name === 'Region')?.value).toMatch(/South Caucasus/);
    expect(posts[0]!.data.components).toHaveLength(2);
    t.discord.assertNothingCouldPing();
    t.discord.assertNoViolations();
  });

  it('stores one vote per member (a second click replaces the first) and coalesces the post edits', async () => {
    const post = t.discord.messages(t.channels.news)[0]!;
    const storyId = Number(/Story #(\d+)/.exec(post.data.embeds[0]!.footer!.text)![1]);
    const click = async (user: string, value: number) => {
      const first = (await t.discord.button(post.data.id, user, `vote:${storyId}:${value}`).settled()).firstResponse!;
      return { ms: first.ms, content: (first.data as { content?: string }).content };
    };
    // The delivery worker is held while members click: it would make the edit the delay after the first click, and on
    // a loaded machine three clicks can take longer than that, which would rightly make a second edit. What is checked
    // is that the clicks ask for one edit, due the delay after the first, not one per click or one put off by each.
    await t.app.bot.delivery.stop();
    const beforeFirst = Date.now();
    const first = await click(t.users.alice, 5);
    const afterFirst = Date.now();
    expect(first.ms).toBeLessThan(3000);
    expect(first.content).toMatch(/vote for story #\d+: \*\*5\*\*/);
    expect((await click(t.users.alice, 2)).content).toMatch(/\*\*2\*\* \(was 5\)/);
    expect((await click(t.users.bob, 4)).content).toMatch(/It now has 3\.0 \/ 5 from 2 votes \(score \d\.\d\d\)\./);
    const votes = await t.app.db.prisma.vote.findMany({ where: { storyId } });
    expect(votes.map((v) => [v.userId, v.value]).sort()).toEqual([[t.users.alice, 2], [t.users.bob, 4]].sort());
    const editDue = async () => (await t.app.db.prisma.delivery.findFirstOrThrow({ where: { messageId: post.data.id } })).editDueAt;
    const due = (await editDue())!.getTime();
    expect(due).toBeGreaterThanOrEqual(beforeFirst + editDelayMs);
    expect(due).toBeLessThanOrEqual(afterFirst + editDelayMs);
    expect(t.discord.message(post.data.id)?.versions ?? []).toHaveLength(0);

    // Three clicks, one refresh of the post once the coalescing delay has passed. The edit made, its claim is cleared
    // (outbox.ts settleEdits): left standing, it would fall due and edit again. With none due, no other edit follows.
    t.app.bot.delivery.start();
    await t.discord.waitFor(() => (t.discord.message(post.data.id)?.versions.length ?? 0) > 0, 10_000, 'the post to be edited');
    const deadline = Date.now() + 10_000;
    while ((await editDue()) !== null) {
      if (Date.now() > deadline) throw new Error('the edit made, its claim was never cleared');
      await new Promise((r) => setTimeout(r, 50));
    }
    const edited = t.discord.message(post.data.id)!;
    expect(edited.versions).toHaveLength(1);
    expect(edited.data.embeds[0]!.fields?.find((f) => f.name === 'Significance')?.value).toMatch(/3\.0 \/ 5 from 2 votes/);
    t.discord.assertNoViolations();
  });
});
