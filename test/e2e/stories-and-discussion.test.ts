// Posting into text channels and forums, another outlet joining a story, and what members do under a post:
// Discuss (a thread), Tag (a modal), /tag add and remove.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFetchSuccess } from '../../src/db/feeds.js';
import { addSource } from '../../src/db/sources.js';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';
import type { StoredMessage } from '../helpers/discord/index.js';
import { fixtureText, seedTexts, startNewsSite, type NewsSite } from '../helpers/news-site.js';

const content = (r: { data?: unknown } | null | undefined) => (r?.data as { content?: string } | undefined)?.content ?? '';
const storyIdOf = (m: StoredMessage) => Number(/Story #(\d+)/.exec(m.data.embeds[0]!.footer!.text)![1]);

describe('stories in channels and forums, and members acting on them', () => {
  let t: TestBot;
  let jazeera: NewsSite;
  let ocmedia: NewsSite;
  const seeds = seedTexts();

  async function follow(site: NewsSite, channelId: string) {
    const source = await addSource(t.app.db.prisma, { guildId: t.guildId, actorId: t.users.admin, url: site.feedUrl, kind: 'feed', channelId, intervalMinutes: 15 });
    await recordFetchSuccess(t.app.db.prisma, source.feedId, new Date(), { seenKeys: [], nextFetchAt: new Date() });
    return source;
  }
  async function pollAgain() {
    await t.pollNow();
  }

  beforeAll(async () => {
    t = await startTestBot();
    jazeera = await startNewsSite('Al Jazeera', [
      { slug: 'caucasus', title: "The South Caucasus is slipping from Russia's grasp", text: seeds.aljazeera, published: new Date('2025-07-10T08:00:00Z'), fullInFeed: true },
    ]);
    ocmedia = await startNewsSite('OC Media');
    await follow(jazeera, t.channels.news);
    await follow(jazeera, t.channels.forum);
    await follow(ocmedia, t.channels.news);
    await t.poll();
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([jazeera.close(), ocmedia.close()]);
  });

  it('posts a story in a forum as its own post, with forum tags mapped from Gazette’s tags', () => {
    const [thread] = t.discord.threads(t.channels.forum);
    expect(thread).toBeDefined();
    expect(thread!.name).toBe("The South Caucasus is slipping from Russia's grasp");
    const applied = (thread as { applied_tags?: string[] }).applied_tags ?? [];
    expect(applied).toContain(t.discord.forumTagId(t.channels.forum, 'South Caucasus'));
    expect(applied).toContain(t.discord.forumTagId(t.channels.forum, 'Diplomacy'));
    const [first] = t.discord.messages(thread!.id);
    expect(first!.data.embeds[0]!.title).toBe(thread!.name);
    // A forum post is its own discussion: no Discuss button.
    const labels = first!.data.components!.flatMap((row) => ('components' in row ? row.components : []).map((c) => ('label' in c ? c.label : '')));
    expect(labels).not.toContain('Discuss');
    t.discord.assertNoViolations();
  });

  it('edits the posts, not reposts, when a second outlet reports the same event', async () => {
    ocmedia.items.unshift({ slug: 'yekaterinburg', title: 'Azerbaijani brothers die after Russian police raid in Yekaterinburg', text: fixtureText('oc-media-yekaterinburg.txt'), published: new Date('2025-07-11T08:00:00Z'), fullInFeed: true });
    await pollAgain();
    const posts = t.discord.messages(t.channels.news);
    expect(posts).toHaveLength(1);
    await t.discord.waitFor(() => (posts[0]!.versions.length > 0 ? true : undefined), 5000, 'the post to be edited');
    const also = posts[0]!.data.embeds[0]!.fields?.find((f) => f.name === 'Also covered by');
    expect(also?.value).toContain(`[OC Media](${ocmedia.origin}/article/yekaterinburg)`);
    const forumPost = t.discord.messages(t.discord.threads(t.channels.forum)[0]!.id)[0]!;
    await t.discord.waitFor(() => (forumPost.versions.length > 0 ? true : undefined), 5000, 'the forum post to be edited');
    expect(t.discord.threads(t.channels.forum)).toHaveLength(1);
    t.discord.assertNoViolations();
  });

  it('opens one discussion thread per story, whoever clicks Discuss first', async () => {
    const post = t.discord.messages(t.channels.news)[0]!;
    const storyId = storyIdOf(post);
    const first = await t.discord.button(post.data.id, t.users.alice, `discuss:${storyId}`).settled();
    const second = await t.discord.button(post.data.id, t.users.bob, `discuss:${storyId}`).settled();
    const threads = t.discord.threads(t.channels.news);
    expect(threads).toHaveLength(1);
    expect(content(first.firstResponse)).toBe(`Discussion of story #${storyId}: <#${threads[0]!.id}>`);
    expect(content(second.firstResponse)).toBe(content(first.firstResponse));
    t.discord.assertNoViolations();
  });

  it('tags a story from the Tag button’s modal and with /tag, normalized, and lets members remove only their own', async () => {
    const post = t.discord.messages(t.channels.news)[0]!;
    const storyId = storyIdOf(post);
    const opened = t.discord.button(post.data.id, t.users.alice, `tag:${storyId}`);
    expect((await opened.firstResponse()).type).toBe(9);
    const submitted = await t.discord.modalSubmit(opened, { tag: '  Zangezur   Corridor ' }).settled();
    expect(content(submitted.firstResponse)).toBe(`Tagged story #${storyId} with \`Zangezur Corridor\`.`);
    const again = await t.discord.slash(t.guildId, t.users.bob, t.channels.news, 'tag add', { story: storyId, tag: 'zangezur corridor' }).settled();
    expect(content(again.firstResponse)).toMatch(/already has the tag `Zangezur Corridor`/);
    // "Azerbaijani" is the country, not a new member tag.
    const country = await t.discord.slash(t.guildId, t.users.bob, t.channels.news, 'tag add', { story: storyId, tag: 'Azerbaijani' }).settled();
    expect(content(country.firstResponse)).toMatch(/already has the tag `Azerbaijan`/);
    const notMine = await t.discord.slash(t.guildId, t.users.bob, t.channels.news, 'tag remove', { story: storyId, tag: 'Zangezur corridor' }).settled();
    expect(content(notMine.firstResponse)).toMatch(/only remove tags you added/);
    const mine = await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'tag remove', { story: storyId, tag: 'zangezur corridor' }).settled();
    expect(content(mine.firstResponse)).toBe(`Removed \`Zangezur Corridor\` from story #${storyId}.`);
    const missing = await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'tag add', { story: 99999, tag: 'anything' }).settled();
    expect(content(missing.firstResponse)).toBe('There is no story #99999 in this server.');
    expect(missing.firstResponse!.data).toMatchObject({ flags: 64 });
    // Adding and removing one tag over and over (each change edits the story's posts) is limited like adding many.
    const change = (command: 'tag add' | 'tag remove') => t.discord.slash(t.guildId, t.users.bob, t.channels.news, command, { story: storyId, tag: 'flip flop' }).settled();
    // Bob's three tries above changed nothing (two tags the story had, a refused removal): none counts. Twenty changes
    // are allowed in ten minutes.
    for (let i = 0; i < 10; i++) {
      expect(content((await change('tag add')).firstResponse)).toMatch(/^Tagged story/);
      expect(content((await change('tag remove')).firstResponse)).toMatch(/^Removed/);
    }
    expect(content((await change('tag add')).firstResponse)).toMatch(/^You have changed many tags in the last 10 minutes\. Please wait \d+ min/);
    t.discord.assertNoViolations();
  });

  it('lets moderators split an article out of a story and merge it back: new post, edited posts, members refused', async () => {
    const posts = () => t.discord.messages(t.channels.news, { includeEphemeral: false });
    const post = posts()[0]!;
    const storyId = storyIdOf(post);
    // The article to move is picked by outlet and title once the story number is filled in.
    const picked = await t.discord.autocomplete(t.guildId, t.users.admin, t.channels.news, 'story split', { story: storyId, article: '' }, 'article').settled();
    const choices = (picked.firstResponse!.data as { choices: { name: string; value: number }[] }).choices;
    const oc = choices.find((c) => c.name.includes('OC Media'))!;
    expect(oc.name).toMatch(/^#\d+ OC Media: Azerbaijani brothers die/);

    const refused = await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'story split', { story: storyId, article: oc.value }).settled();
    expect(content(refused.firstResponse)).toMatch(/^Only moderators can do that/);
    const edits = post.versions.length;
    const split = await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'story split', { story: storyId, article: oc.value }).settled();
    const newId = Number(/into a new story, #(\d+)/.exec(content(split.firstResponse))?.[1]);
    expect(content(split.firstResponse)).toBe(
      `Moved article #${oc.value} out of story #${storyId} into a new story, #${newId}; votes and members' tags stay with #${storyId}; each story has the country, region and topic tags of its own articles. It is being posted where story #${storyId} was (2 posts). 2 posts of story #${storyId} are being updated.`,
    );
    await t.discord.waitFor(() => (posts().length === 2 && post.versions.length > edits ? true : undefined), 5000, 'the new post and the edit');
    expect(post.data.embeds[0]!.fields?.find((f) => f.name === 'Also covered by')).toBeUndefined();
    const splitPost = posts()[1]!;
    expect(storyIdOf(splitPost)).toBe(newId);
    expect(splitPost.data.embeds[0]!.title).toBe('Azerbaijani brothers die after Russian police raid in Yekaterinburg');
    // The split story has the region of its own article, as its post shows.
    expect(splitPost.data.embeds[0]!.fields?.find((f) => f.name === 'Region')?.value).toContain('South Caucasus');

    const merged = await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'story merge', { story: newId, into: storyId }).settled();
    expect(content(merged.firstResponse)).toMatch(new RegExp(`^Merged story #${newId} into #${storyId}: 1 article, its votes and its tags moved\\.`));
    await t.discord.waitFor(() => (storyIdOf(splitPost) === storyId ? true : undefined), 5000, 'the merged-away post to point to the kept story');
    // In the same channel as the kept story's post, it links there rather than showing the story twice.
    expect(splitPost.data.embeds[0]!.description).toContain(`(https://discord.com/channels/${t.guildId}/${t.channels.news}/${post.id})`);
    expect(splitPost.data.components ?? []).toEqual([]);
    await t.discord.waitFor(() => (post.data.embeds[0]!.fields?.some((f) => f.name === 'Also covered by' && f.value.includes('OC Media')) ? true : undefined), 5000, 'the kept post to list OC Media again');
    // A member acting on the merged-away story (a button or a number from before): the reply names the story the tag
    // or vote went to, not the number they gave.
    const tagged = await t.discord.slash(t.guildId, t.users.editor, t.channels.news, 'tag add', { story: newId, tag: 'Trade' }).settled();
    expect(content(tagged.firstResponse)).toBe(`Tagged story #${storyId} (story #${newId} is part of it now) with \`Trade\`.`);
    const untagged = await t.discord.slash(t.guildId, t.users.editor, t.channels.news, 'tag remove', { story: newId, tag: 'trade' }).settled();
    expect(content(untagged.firstResponse)).toBe(`Removed \`Trade\` from story #${storyId} (story #${newId} is part of it now).`);
    const looked = await t.discord.slash(t.guildId, t.users.editor, t.channels.news, 'news story', { id: newId }).settled();
    expect(content(looked.firstResponse)).toBe(`Story #${newId} is part of story #${storyId} now.`);
    const actions = (await t.app.db.prisma.auditLog.findMany({ where: { action: { startsWith: 'story.' } }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['story.split', 'story.merge']);
    t.discord.assertNoViolations();
  });

  it('answers a button from an older post, or a tampered one, plainly instead of as a failure', async () => {
    const post = t.discord.messages(t.channels.news, { includeEphemeral: false })[0]!;
    for (const [customId, expected] of [
      ['retired:1', /^That button no longer works/],
      ['vote:2147483648:5', /^That button is broken \(no story number\)/],
      ['vote:x:5', /^That button is broken \(no story number\)/],
    ] as const) {
      // The post as an older Gazette (or a tampered client) left it: its first button carries this custom_id.
      const row = post.data.components![0] as { components: { custom_id?: string }[] };
      row.components[0]!.custom_id = customId;
      const record = await t.discord.button(post.data.id, t.users.alice, customId).settled();
      expect(content(record.firstResponse)).toMatch(expected);
      expect(record.firstResponse!.data).toMatchObject({ flags: 64 });
    }
  });

  it('keeps a forum post’s title and tags in step with its story, held by the bot or not: a member’s tag the forum has, a split of its lead', async () => {
    const firstId = t.discord.threads(t.channels.forum)[0]!.id;
    const forumThread = () => t.discord.threads(t.channels.forum).find((c) => c.id === firstId)! as { name?: string; applied_tags?: string[] };
    const storyId = storyIdOf(t.discord.messages(firstId)[0]!);
    const conflict = t.discord.forumTagId(t.channels.forum, 'Conflict');
    expect(forumThread().applied_tags).not.toContain(conflict);
    // As after a restart, the bot holds no thread of the post (the gateway sends only active ones): it reads it.
    t.app.bot.client.channels.cache.delete(firstId);
    await t.discord.slash(t.guildId, t.users.alice, t.channels.news, 'tag add', { story: storyId, tag: 'Conflict' }).settled();
    await t.discord.waitFor(() => (forumThread().applied_tags?.includes(conflict) ? true : undefined), 5000, 'the forum post to carry the member’s tag');
    // Its lead split out, the story is told by its other outlet: the post's title says so, as its message does.
    const picked = await t.discord.autocomplete(t.guildId, t.users.admin, t.channels.news, 'story split', { story: storyId, article: 'Al Jazeera' }, 'article').settled();
    const lead = (picked.firstResponse!.data as { choices: { name: string; value: number }[] }).choices.find((c) => c.name.includes('Al Jazeera'))!;
    await t.discord.slash(t.guildId, t.users.admin, t.channels.news, 'story split', { story: storyId, article: lead.value }).settled();
    await t.discord.waitFor(() => (forumThread().name === 'Azerbaijani brothers die after Russian police raid in Yekaterinburg' ? true : undefined), 5000, 'the forum post to be renamed');
    expect(forumThread().applied_tags).toContain(conflict);
    // A forum moderator renames the post and takes the tag off: the story's next edit (a vote) leaves both as they are.
    t.discord.updateThread(firstId, { name: 'Our own title', appliedTags: (forumThread().applied_tags ?? []).filter((id) => id !== conflict) });
    const message = t.discord.messages(firstId)[0]!;
    const edits = message.versions.length;
    await t.discord.button(message.data.id, t.users.bob, `vote:${storyId}:4`).settled();
    await t.discord.waitFor(() => (message.versions.length > edits ? true : undefined), 5000, 'the vote to edit the forum post');
    // The edit settled (its thread changes, if any, made before).
    await expect.poll(async () => (await t.app.db.prisma.delivery.findFirstOrThrow({ where: { threadId: firstId } })).editDueAt, { timeout: 5000 }).toBeNull();
    expect(forumThread().name).toBe('Our own title');
    expect(forumThread().applied_tags).not.toContain(conflict);
    t.discord.assertNoViolations();
  });
});
