// A forum with "Require tags when posting" refuses a post without a tag (400 40067). A story none of whose tags is
// one of the forum's gets the forum's first tag anyone may apply; where there is none, the post fails with a reason a
// moderator can act on, instead of Discord's raw refusal of every such story (post-story.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot-harness.js';

describe('a forum that requires a tag on each post', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await t.app.bot.delivery.stop(); // only the test's rounds post
  });
  afterAll(() => t.close());

  const row = (storyId: number) => t.db.prisma.delivery.findFirstOrThrow({ where: { storyId } });

  it('gets the forum’s first tag that is not moderated when none of the story’s tags is there', async () => {
    const forum = t.discord.addChannel(t.guildId, { name: 'required', type: 'forum', requireTag: true, availableTags: [{ name: 'Staff picks', moderated: true }, { name: 'News' }, { name: 'Other' }] });
    const storyId = await t.planPost(forum);
    await t.deliver();
    expect(await row(storyId)).toMatchObject({ status: 'posted', lastError: null });
    const [thread] = t.discord.threads(forum);
    expect((thread as { applied_tags?: string[] }).applied_tags).toEqual([t.discord.forumTagId(forum, 'News')]);
    t.discord.assertNoViolations();
  });

  it('fails in words when every tag of the forum is moderated', async () => {
    const forum = t.discord.addChannel(t.guildId, { name: 'staff-only', type: 'forum', requireTag: true, availableTags: [{ name: 'Staff picks', moderated: true }] });
    const storyId = await t.planPost(forum);
    await t.deliver();
    const failed = await row(storyId);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toBe(`The forum <#${forum}> requires a tag on each post and has none Gazette may apply: turn off “Require tags when posting” there, or add a tag that is not moderated.`);
    expect(t.discord.threads(forum)).toEqual([]);
    t.discord.assertNoViolations();
  });
});
